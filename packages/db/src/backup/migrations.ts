// Which schema a backup carries: the migrations applied to its database. A backup is restorable into
// this installation when every one of them is one of ours, unchanged; ours may go further (the
// server applies the rest at its next start).
import { type Migration, readMigrations } from "../migrate.ts";
import type { SqlRunner } from "../sql-runner.ts";
import { BackupError } from "./errors.ts";
import { MIGRATIONS_TABLE } from "./fingerprint.ts";
import type { BackupHeader } from "./format.ts";

export async function readAppliedMigrations(runner: SqlRunner): Promise<BackupHeader["migrations"]> {
  const [exists] = await runner.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [
    `public.${MIGRATIONS_TABLE}`,
  ]);
  if (!exists?.found) {
    throw new BackupError(
      "这个数据库里没有 Beltmap 的表（没有 _prisma_migrations），没有可备份的内容。请检查 DATABASE_URL。",
    );
  }
  const rows = await runner.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM public."${MIGRATIONS_TABLE}"
      WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name COLLATE "C"`,
  );
  return rows.map((row) => ({ name: row.migration_name, checksum: row.checksum }));
}

/** Refuses a backup of a newer (or different) schema; answers the migrations this installation has beyond it. */
export async function checkMigrations(header: BackupHeader, known?: Migration[]): Promise<string[]> {
  const ours = new Map((known ?? (await readMigrations())).map((m) => [m.name, m]));
  const unknown = header.migrations.filter((m) => !ours.has(m.name));
  if (unknown.length > 0) {
    throw new BackupError(
      `这个备份来自较新版本的 Beltmap：它的数据库结构包含本程序没有的迁移 ${unknown.map((m) => m.name).join("、")}。` +
        "请先把 Beltmap 升级到与备份相同或更新的版本，再恢复。没有改动任何数据。",
    );
  }
  const changed = header.migrations.filter((m) => ours.get(m.name)?.checksum !== m.checksum);
  if (changed.length > 0) {
    throw new BackupError(
      `这个备份的迁移 ${changed.map((m) => m.name).join("、")} 与本程序中同名的迁移内容不同，数据库结构对不上，不能恢复。没有改动任何数据。`,
    );
  }
  const inBackup = new Set(header.migrations.map((m) => m.name));
  return [...ours.keys()].filter((name) => !inBackup.has(name));
}
