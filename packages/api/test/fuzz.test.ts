// Every procedure of appRouter, anonymously and as each demo role, fed malformed and hostile inputs
// (fuzz-inputs.ts: generated from its schema, plus a hostile corpus) on the demo database: no 500,
// no answer slower than 2 s, no row written by a refused call (audit rows aside, at most two), no
// row but audit rows written by a read, and a caller the access rule refuses is refused whatever
// the input. The table in fuzz.ts must name every procedure. The run is seeded: it prints its seed,
// and FUZZ_SEED=<seed> repeats it (or, with another number, sends other inputs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ANONYMOUS_AUDIT_LIMITS } from "../src/auth/anonymous-audit-limit.ts";
import { appRouter } from "../src/index.ts";
import { inputIssues, MAX_INPUT_STRING_LENGTH } from "../src/input-guard.ts";
import {
  EXPECTATIONS,
  type FuzzReport,
  fixturesOf,
  formatFindings,
  logWrites,
  MAX_CALL_MS,
  runFuzz,
  seedOfRun,
  summaryOf,
} from "./fuzz.ts";
import { type Database, DEMO_USERS, openDemoDatabase } from "./support.ts";

it("the fuzz table has an entry for every procedure of the router, and none for a procedure that does not exist", () => {
  expect(Object.keys(EXPECTATIONS).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
});

// What the fuzz found: an id or filter of a megabyte took seconds (map.organizations, site.list) and
// a long unit id answered 500 from the audit row's index (organizationExport.organizations).
it("the guard refuses a string longer than MAX_INPUT_STRING_LENGTH, as a value or a key, but the import's file", () => {
  const long = "党".repeat(MAX_INPUT_STRING_LENGTH + 1);
  expect(inputIssues({ unitId: long })).toEqual([{ field: "unitId", message: "过长（最多 10000 个字符）" }]);
  expect(inputIssues({ items: { [long]: 1 } })[0]?.message).toBe("过长（最多 10000 个字符）");
  expect(inputIssues([long])).toHaveLength(1);
  expect(inputIssues({ unitId: long.slice(1) })).toEqual([]);
  expect(inputIssues({ fileName: "a.csv", base64: "A".repeat(4 * MAX_INPUT_STRING_LENGTH) })).toEqual([]);
  expect(inputIssues({ file: { base64: "A".repeat(4 * MAX_INPUT_STRING_LENGTH) } })).toHaveLength(1);
});

describe("fuzz: every procedure, anonymous and every role, malformed and hostile inputs", () => {
  let db: Database;
  let report: FuzzReport;

  // About a minute on PGlite in memory (the demo's seeding included) on a quiet 2-core machine;
  // several on a loaded one, hence the room.
  beforeAll(async () => {
    db = await openDemoDatabase();
    const fixtures = await fixturesOf(db);
    await logWrites(db);
    report = await runFuzz(db, fixtures, { seed: seedOfRun() });
    console.log(summaryOf("PGlite", report));
  }, 900_000);

  afterAll(async () => {
    await db?.close();
  });

  it("fuzzed every procedure", () => {
    expect(report.missing).toEqual([]);
    expect(report.extra).toEqual([]);
  });

  it("made at least 5,000 requests", () => {
    expect(report.requests).toBeGreaterThanOrEqual(5000);
  });

  it("answered no request with a 500", () => {
    expect(formatFindings(report.internal)).toEqual([]);
  });

  it(`answered every request within ${MAX_CALL_MS} ms (a slower one is sent again alone, and fails if slow again)`, () => {
    expect(formatFindings(report.slow)).toEqual([]);
  });

  it("wrote no row in a refused call (and at most two audit rows), and none but audit rows in a read", () => {
    expect(formatFindings(report.writes)).toEqual([]);
  });

  it("refused every caller the access rule refuses, whatever the input", () => {
    expect(formatFindings(report.access)).toEqual([]);
  });

  it("wrote no more anonymous audit rows than the limit lets one address write (the clock stands still)", () => {
    expect(report.anonymousAuditRows).toBeGreaterThan(0);
    expect(report.anonymousAuditRows).toBeLessThanOrEqual(DEFAULT_ANONYMOUS_AUDIT_LIMITS.perIpPerMinute);
  });

  it("polluted no prototype and left the demo accounts as they were", async () => {
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
    expect(Object.hasOwn(Array.prototype, "polluted")).toBe(false);
    const accounts = await db.prisma.user.findMany({
      where: { username: { in: [...DEMO_USERS] } },
      select: { username: true, role: true, disabled: true },
      orderBy: { username: "asc" },
    });
    expect(accounts.map((a) => `${a.username} ${a.role} ${a.disabled}`)).toEqual([
      "demo-city CITY false",
      "demo-county COUNTY false",
      "demo-leader LEADER false",
      "demo-org ORG false",
      "demo-township TOWNSHIP false",
    ]);
  });
});
