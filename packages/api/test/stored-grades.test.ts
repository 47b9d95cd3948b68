// Stored grades = recomputed grades over random stage histories, on the embedded database (PGlite).
// The PostgreSQL run of the same histories is postgres-stored-grades.test.ts.
import type { Database } from "@beltmap/db";
import { afterAll, beforeAll, describe, it } from "vitest";
import {
  expectAHistoryThatWorked,
  expectQueueMatchesSheets,
  runRandomStageHistories,
} from "./stored-grades.ts";
import { expectStoredGradesMatch, openDemoDatabase } from "./support.ts";

let db: Database;

beforeAll(async () => {
  db = await openDemoDatabase();
});

afterAll(async () => {
  await db?.close();
});

describe("stored grades on PGlite", () => {
  it("are the recomputed grades of every cycle in the demo data as seeded, and count the queue", async () => {
    await expectStoredGradesMatch(db, "the seeded demo");
    await expectQueueMatchesSheets(db);
  });

  it("stay equal to a recomputation through 150 random saves, submissions, returns and determinations", async () => {
    expectAHistoryThatWorked(await runRandomStageHistories(db, 20261206, 150));
  });

  it("give the queue's counts and rows: each stage's as the domain reads the sheets, after the history", async () => {
    await expectQueueMatchesSheets(db);
  });
});
