// The campaign year (campaign-year.ts) on the embedded database.
import { type Database, hashPassword, openDatabase, seedReferenceDataIfEmpty } from "@beltmap/db";
import { afterAll, beforeAll, describe, it } from "vitest";
import { walkACampaignYear } from "./campaign-year.ts";

let db: Database;

beforeAll(async () => {
  db = await openDatabase("memory:");
  await seedReferenceDataIfEmpty(db.prisma);
  await db.prisma.user.create({
    data: {
      username: "city",
      displayName: "市委两新工委",
      role: "CITY",
      passwordHash: await hashPassword("x-unused-password"),
    },
  });
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe("a campaign year on PGlite", () => {
  it("opens a cycle, scores, determines, re-reviews, escalates, delists and opens the next", async () => {
    await walkACampaignYear(db);
  }, 180_000);
});
