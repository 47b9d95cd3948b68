import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { MIGRATIONS_DIR } from "./paths.ts";
import type { SqlRunner } from "./sql-runner.ts";

// The same bookkeeping table as `prisma migrate deploy`, so either tool can take over a database.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's own advisory lock key: two starting servers never migrate at once.
const MIGRATION_LOCK_KEY = 72707369;

export type Migration = { name: string; sql: string; checksum: string };

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export type MigrationReport = { applied: string[]; alreadyApplied: number };

/**
 * Applies pending migrations in name order, each in its own transaction (PostgreSQL DDL is
 * transactional, so a failed migration leaves nothing behind). Like `prisma migrate deploy`,
 * it refuses to go on when an applied migration's file has changed or one failed earlier.
 * `whileLocked` runs before the lock is let go: what a migration leaves to fill (e.g. stored grades)
 * is filled before another starting instance may read the database.
 */
export async function applyMigrations(
  runner: SqlRunner,
  migrations?: Migration[],
  whileLocked?: (report: MigrationReport) => Promise<void>,
): Promise<MigrationReport> {
  const all = migrations ?? (await readMigrations());
  await runner.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    await runner.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await runner.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const applied: string[] = [];
    for (const migration of all) {
      const row = done.get(migration.name);
      if (row) {
        if (!row.finished_at) throw new Error(`migration ${migration.name} failed earlier; fix it by hand`);
        if (row.checksum !== migration.checksum) {
          throw new Error(`migration ${migration.name} was changed after it was applied`);
        }
        continue;
      }
      await runner.transaction(async (tx) => {
        await tx.exec(migration.sql);
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
      });
      applied.push(migration.name);
    }
    const report = { applied, alreadyApplied: all.length - applied.length };
    await whileLocked?.(report);
    return report;
  } finally {
    await runner.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}
