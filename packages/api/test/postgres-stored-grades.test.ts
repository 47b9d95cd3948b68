// Stored grades = recomputed grades over random stage histories on PostgreSQL, the production path:
// a database of its own, migrated and seeded with the demo data, dropped afterwards.
import { seedDemoIfEmpty } from "@beltmap/db";
import { afterAll, beforeAll, describe, it } from "vitest";
import { openPostgresTestDatabase, type PostgresTestDatabase } from "./postgres.ts";
import {
  expectAHistoryThatWorked,
  expectQueueMatchesSheets,
  runRandomStageHistories,
} from "./stored-grades.ts";
import { expectStoredGradesMatch } from "./support.ts";

let postgres: PostgresTestDatabase;

beforeAll(async () => {
  postgres = await openPostgresTestDatabase("grades");
  await seedDemoIfEmpty(postgres.db.prisma);
});

afterAll(async () => {
  await postgres?.drop();
});

describe("stored grades on PostgreSQL", () => {
  it("are the recomputed grades of every cycle in the demo data as seeded, and count the queue", async () => {
    await expectStoredGradesMatch(postgres.db, "the seeded demo");
    await expectQueueMatchesSheets(postgres.db);
  });

  it("stay equal to a recomputation through 150 random saves, submissions, returns and determinations", async () => {
    expectAHistoryThatWorked(await runRandomStageHistories(postgres.db, 20261206, 150));
  });

  it("give the queue's counts and rows: each stage's as the domain reads the sheets, after the history", async () => {
    await expectQueueMatchesSheets(postgres.db);
  });
});
