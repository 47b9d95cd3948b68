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

  it("makes the audit log append-only", async () => {
    const db = new PGlite();
    await applyMigrations(pgliteRunner(db));
    await db.query(`INSERT INTO "AuditLog" (action) VALUES ('test')`);
    await expect(db.query(`UPDATE "AuditLog" SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    await db.close();
  });
});
