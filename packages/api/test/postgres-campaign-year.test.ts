// The campaign year (campaign-year.ts) on the production database, PostgreSQL.
import { afterAll, beforeAll, describe, it } from "vitest";
import { walkACampaignYear } from "./campaign-year.ts";
import { openPostgresTestDatabase, type PostgresTestDatabase } from "./postgres.ts";

let postgres: PostgresTestDatabase;

beforeAll(async () => {
  postgres = await openPostgresTestDatabase("year");
}, 60_000);

afterAll(async () => {
  await postgres?.drop();
});

describe("a campaign year on PostgreSQL", () => {
  it("opens a cycle, scores, determines, re-reviews, escalates, delists and opens the next", async () => {
    await walkACampaignYear(postgres.db);
  }, 180_000);
});
