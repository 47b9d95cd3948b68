import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { applyMigrations, type Migration, readMigrations } from "../src/migrate.ts";
import { pgliteRunner } from "../src/sql-runner.ts";

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: `sum-${sql.length}-${name}` };
}

describe("applyMigrations", () => {
  it("applies the project's migrations once and then finds nothing to do", async () => {
    const db = new PGlite();
    const runner = pgliteRunner(db);
    const first = await applyMigrations(runner);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = await applyMigrations(runner);
    expect(second).toEqual({ applied: [], alreadyApplied: (await readMigrations()).length });
    await db.close();
  });

  it("leaves nothing behind of a migration that fails halfway", async () => {
    const db = new PGlite();
    const runner = pgliteRunner(db);
    const good = migration("001_good", `CREATE TABLE "a" (id int);`);
    const bad = migration("002_bad", `CREATE TABLE "b" (id int); SELECT * FROM "no_such_table";`);
    await expect(applyMigrations(runner, [good, bad])).rejects.toThrow(/no_such_table/);
    const tables = await runner.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(tables.map((t) => t.tablename)).toEqual(["_prisma_migrations", "a"]);
    await db.close();
  });

  it("refuses to go on when an applied migration's file has changed", async () => {
    const db = new PGlite();
    const runner = pgliteRunner(db);
    await applyMigrations(runner, [migration("001", `CREATE TABLE "a" (id int);`)]);
    const edited = { ...migration("001", `CREATE TABLE "a" (id int);`), checksum: "different" };
    await expect(applyMigrations(runner, [edited])).rejects.toThrow(/001 was changed after it was applied/);
    await db.close();
  });

  it("runs whileLocked with the lock held, and lets the lock go even when it fails", async () => {
    const db = new PGlite();
    const runner = pgliteRunner(db);
    const holders = () =>
      runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`);
    const seen: { applied: string[]; locks: number }[] = [];
    await applyMigrations(runner, [migration("001", `CREATE TABLE "a" (id int);`)], async (report) => {
      seen.push({ applied: report.applied, locks: (await holders())[0]?.n ?? 0 });
    });
    expect(seen).toEqual([{ applied: ["001"], locks: 1 }]);
    await expect(
      applyMigrations(runner, [migration("001", `CREATE TABLE "a" (id int);`)], async () => {
        throw new Error("fill failed");
      }),
    ).rejects.toThrow("fill failed");
    expect((await holders())[0]?.n).toBe(0);
    await db.close();
  });

  it("makes the audit log append-only", async () => {
    const db = new PGlite();
    await applyMigrations(pgliteRunner(db));
    await db.query(`INSERT INTO "AuditLog" (action) VALUES ('test')`);
    await expect(db.query(`UPDATE "AuditLog" SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await db.close();
  });
});

describe("the campaign-cycles migration on a database with data", () => {
  it("gives the cycles on record their year, quotas and service centers, and keeps one open re-review", async () => {
    const db = new PGlite();
    const runner = pgliteRunner(db);
    const all = await readMigrations();
    const at = all.findIndex((m) => m.name.endsWith("_campaign_cycles"));
    await applyMigrations(runner, all.slice(0, at));
    await db.exec(`
      INSERT INTO "Unit" (id, name, kind, "countyCode", "excellentQuota", "practiceQuota", "minBelts", "needsServiceCenter", "sortOrder")
        VALUES ('KECHENG', '柯城区', 'COUNTY', '330802', 12, 6, 3, true, 1),
               ('WEST_ZONE', '市西区管委会', 'ZONE', '330802', 3, 1, 1, false, 2);
      INSERT INTO "Township" (id, name, "countyCode", "unitId") VALUES ('330802001', '信安街道', '330802', 'KECHENG');
      INSERT INTO "EvaluationCycle" (id, year, name, "beltPlanDeadline", "initialSummaryDeadline", "isCurrent")
        VALUES (1, 2017, '2017', '2017-08-10 15:59:59.999', '2017-09-20 15:59:59.999', true);
      INSERT INTO "Organization" (id, name, kind, "unitId", "townshipId", "countyCode", lng, lat, address, "memberCount")
        VALUES (1, 'A', 'ENTERPRISE', 'KECHENG', '330802001', '330802', 118.87, 28.94, '', 5),
               (2, 'B', 'ENTERPRISE', 'KECHENG', '330802001', '330802', 118.88, 28.95, '', 5),
               (3, 'C', 'ENTERPRISE', 'KECHENG', '330802001', '330802', 118.89, 28.96, '', 5);
      INSERT INTO "ServiceCenter" ("unitId", name, lng, lat, address) VALUES ('KECHENG', '中心', 118.87, 28.94, '');
      INSERT INTO "ReReview" ("organizationId", "dueOn", "gradeBefore", suggestion, status) VALUES
        (1, '2017-01-01', 'GOOD', 'NONE', 'FILED'),
        (1, '2018-01-01', 'GOOD', 'UPGRADE', 'REVIEWED'),
        (1, '2018-07-01', 'GOOD', 'NONE', 'PENDING'),
        (2, '2018-01-01', 'PASS', 'NONE', 'PENDING'),
        (2, '2018-02-01', 'PASS', 'NONE', 'PENDING'),
        (3, '2018-01-01', 'FAIL', 'DOWNGRADE', 'FILED');
    `);
    await applyMigrations(runner, all);
    const cycle = await runner.query<{ startsOn: Date; endsOn: Date }>(
      `SELECT "startsOn", "endsOn" FROM "EvaluationCycle"`,
    );
    expect(cycle[0]?.startsOn.toISOString()).toBe("2016-12-31T16:00:00.000Z");
    expect(cycle[0]?.endsOn.toISOString()).toBe("2017-12-30T16:00:00.000Z");
    const quotas = await runner.query<{ unitId: string; excellentQuota: number }>(
      `SELECT "unitId", "excellentQuota" FROM "CycleUnitQuota" ORDER BY "unitId"`,
    );
    expect(quotas).toEqual([
      { unitId: "KECHENG", excellentQuota: 12 },
      { unitId: "WEST_ZONE", excellentQuota: 3 },
    ]);
    expect(await runner.query(`SELECT "cycleId" FROM "ServiceCenter"`)).toEqual([{ cycleId: 1 }]);
    expect(await runner.query(`SELECT "needsServiceCenter" FROM "Unit" WHERE id = 'WEST_ZONE'`)).toEqual([
      { needsServiceCenter: true },
    ]);
    const reviews = await runner.query<{ organizationId: number; status: string; suggestion: string }>(
      `SELECT "organizationId", status, suggestion FROM "ReReview" ORDER BY id`,
    );
    expect(reviews).toEqual([
      { organizationId: 1, status: "REVIEWED", suggestion: "NONE" }, // filed without a suggestion: done
      { organizationId: 1, status: "REVIEWED", suggestion: "UPGRADE" }, // the open one
      { organizationId: 2, status: "PENDING", suggestion: "NONE" },
      { organizationId: 3, status: "FILED", suggestion: "DOWNGRADE" },
    ]);
    // A second open re-review is now refused by the database itself.
    await expect(
      db.query(
        `INSERT INTO "ReReview" ("organizationId", "dueOn", "gradeBefore", status) VALUES (2, now(), 'PASS', 'PENDING')`,
      ),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      db.query(
        `INSERT INTO "EvaluationCycle" (year, name, "startsOn", "endsOn", "beltPlanDeadline", "initialSummaryDeadline", "isCurrent")
         VALUES (2018, '2018', now(), now(), now(), now(), true)`,
      ),
    ).rejects.toThrow(/duplicate key/);
    await db.close();
  });
});
