// PostgreSQL, two ways, both taken in the snapshot the fingerprints are read in (the server may go on
// writing meanwhile):
// - pg_dump's custom format (the default when pg_dump is installed and not older than the server),
//   restored with pg_restore's SQL through psql in one transaction;
// - the in-process dump (rows.ts), when pg_dump is missing or too old, or asked for (--in-process),
//   restored over the same connection in one transaction.
// Either restore first empties the public schema and ends by checking every table against the
// backup, so it either matches the backup exactly or leaves the database as it was.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { redact } from "../location.ts";
import { applyMigrations, readMigrations } from "../migrate.ts";
import { pgClientRunner, type SqlRunner } from "../sql-runner.ts";
import { BackupError, notEmpty } from "./errors.ts";
import {
  FINGERPRINT_SETTINGS,
  fingerprintDifferences,
  fingerprintQuery,
  LIST_TABLES,
  quoteLiteral,
  type TableFingerprint,
  tableFingerprints,
  tablesWithRows,
} from "./fingerprint.ts";
import type { BackupHeader, PayloadFormat } from "./format.ts";
import { readAppliedMigrations } from "./migrations.ts";
import { dumpRows, loadRows } from "./rows.ts";

type Tool = "pg_dump" | "pg_restore" | "psql";
const CLIENT_PACKAGE = "PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client）";

/** libpq's view of a connection string: the password travels in PGPASSWORD, not on a command line. */
function libpqTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return {
    dbname: parsed.toString(),
    env: password ? { ...process.env, PGPASSWORD: password } : process.env,
  };
}

type Result = { code: number | null; stdout: string; stderr: string };

function run(tool: Tool, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (stdout.length < 65_536) stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 65_536) stderr += chunk.toString("utf8");
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "ENOENT"
          ? new BackupError(`找不到 ${tool}：请安装 ${CLIENT_PACKAGE}，或把 ${tool} 所在的目录加入 PATH。`)
          : new BackupError(`无法运行 ${tool}：${error.message}`),
      );
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The tool's major version, e.g. 15 for "pg_dump (PostgreSQL) 15.20 (Debian …)". */
export function majorVersion(text: string): number {
  const match = /(\d+)(?:\.\d+)?/.exec(text.replace(/^[^)]*\)/, ""));
  return match ? Number(match[1]) : 0;
}

async function toolVersion(tool: Tool): Promise<{ line: string; major: number }> {
  const result = await run(tool, ["--version"]);
  const line = result.stdout.trim();
  if (result.code !== 0 || majorVersion(line) === 0) {
    throw new BackupError(
      `${tool} --version 没有给出版本号（${result.stderr.trim() || line}）：请检查 ${CLIENT_PACKAGE}。`,
    );
  }
  return { line, major: majorVersion(line) };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    const code = (error as { code?: string }).code;
    const where = redact(url);
    if (code === "3D000") {
      const name = new URL(url).pathname.slice(1);
      throw new BackupError(
        `PostgreSQL 上没有数据库 ${name}（${where}）：请先建立它（createdb ${name}），再恢复。`,
      );
    }
    throw new BackupError(`连不上 PostgreSQL ${where}：${(error as Error).message}`);
  }
  return client;
}

function failure(tool: Tool, result: Result): string {
  const lines = result.stderr.trim().split("\n");
  return `${tool} 出错（退出码 ${result.code}）：${lines.slice(-8).join("\n")}`;
}

export type PostgresSnapshot = {
  serverVersion: string;
  tool: string;
  format: PayloadFormat;
  /** Why the in-process dump was used instead of pg_dump (absent: pg_dump was used, or it was asked for). */
  note?: string;
  migrations: BackupHeader["migrations"];
  tables: TableFingerprint[];
};

/** auto: pg_dump when it is installed and not older than the server, else the in-process dump. */
export type PostgresMethod = "auto" | "pg_dump" | "in-process";

export const IN_PROCESS_TOOL = "Beltmap 进程内导出（beltmap-rows 1）";

/** Writes the database's dump to `payloadFile` and describes what it holds. */
export async function dumpPostgres(
  url: string,
  payloadFile: string,
  method: PostgresMethod = "auto",
): Promise<PostgresSnapshot> {
  let dump: { line: string; major: number } | undefined;
  let note: string | undefined;
  if (method !== "in-process") {
    try {
      dump = await toolVersion("pg_dump");
    } catch (error) {
      if (method === "pg_dump" || !(error instanceof BackupError)) throw error;
      note = error.message;
    }
  }
  const client = await connect(url);
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const { rows } = await client.query<{ snapshot: string; version: string; number: number }>(
      `SELECT pg_export_snapshot() AS snapshot, current_setting('server_version') AS version,
              current_setting('server_version_num')::int AS number`,
    );
    const server = rows[0];
    if (!server) throw new Error("no server version");
    const serverMajor = Math.floor(server.number / 10_000);
    if (dump && dump.major < serverMajor) {
      const tooOld =
        `pg_dump 的版本（${dump.major}）比 PostgreSQL 服务器（${serverMajor}）旧，不能用它备份` +
        `（可安装 ${serverMajor} 或更新版本的 PostgreSQL 客户端，例如 postgresql-client-${serverMajor}）。`;
      if (method === "pg_dump") throw new BackupError(tooOld);
      note = tooOld;
      dump = undefined;
    }
    // Already inside the snapshot's transaction: the fingerprints read what the dump reads.
    const base = pgClientRunner(client);
    const inSnapshot: SqlRunner = { ...base, transaction: (work) => work(inSnapshot) };
    const migrations = await readAppliedMigrations(inSnapshot);
    const tables = await tableFingerprints(inSnapshot);

    if (!dump) {
      await dumpRows(inSnapshot, payloadFile);
      await client.query("COMMIT");
      return {
        serverVersion: server.version,
        tool: IN_PROCESS_TOOL,
        format: "beltmap-rows-jsonl-gz",
        ...(note ? { note } : {}),
        migrations,
        tables,
      };
    }
    const target = libpqTarget(url);
    const result = await run(
      "pg_dump",
      [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--snapshot=${server.snapshot}`,
        `--file=${payloadFile}`,
        `--dbname=${target.dbname}`,
      ],
      target.env,
    );
    if (result.code !== 0) {
      throw new BackupError(
        `备份失败，${failure("pg_dump", result)}\n（也可以不用 pg_dump：加 --in-process）`,
      );
    }
    await client.query("COMMIT");
    return { serverVersion: server.version, tool: dump.line, format: "pg_dump-custom", migrations, tables };
  } finally {
    await client.end();
  }
}

export type PostgresRestoreOptions = {
  force: boolean;
  header: BackupHeader;
  payloadFile: string;
  /** A private directory for the SQL files handed to psql. */
  workDir: string;
};

/** Replaces the database's contents with the backup's (see the top of this file). */
export async function restorePostgres(
  url: string,
  options: PostgresRestoreOptions,
): Promise<{ otherSessions: number }> {
  const inProcess = options.header.payload.format === "beltmap-rows-jsonl-gz";
  if (!inProcess) {
    const restore = await toolVersion("pg_restore");
    await toolVersion("psql");
    const dumpedBy = majorVersion(options.header.tool);
    if (restore.major < dumpedBy) {
      throw new BackupError(
        `pg_restore 的版本（${restore.major}）比写这个备份的 pg_dump（${dumpedBy}）旧，读不了它：` +
          `请安装 ${dumpedBy} 或更新版本的 PostgreSQL 客户端。没有改动任何数据。`,
      );
    }
  }

  const client = await connect(url);
  let otherSessions = 0;
  try {
    const filled = await tablesWithRows(pgClientRunner(client));
    if (filled.length > 0 && !options.force) throw notEmpty(`PostgreSQL 数据库 ${redact(url)}`, filled);
    const { rows } = await client.query<{ sessions: number }>(
      `SELECT count(*)::int AS sessions FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    otherSessions = rows[0]?.sessions ?? 0;
    if (inProcess) await restoreInProcess(client, options);
  } finally {
    await client.end();
  }
  if (!inProcess) await restoreWithPsql(url, options);
  return { otherSessions };
}

/** The in-process dump, over `client`, in one transaction (see rows.ts). */
async function restoreInProcess(client: pg.Client, options: PostgresRestoreOptions): Promise<void> {
  const ours = new Map((await readMigrations()).map((m) => [m.name, m]));
  // checkMigrations has made sure every one of them is ours, unchanged.
  const migrations = options.header.migrations.flatMap((m) => ours.get(m.name) ?? []);
  const base = pgClientRunner(client);
  const tx: SqlRunner = { ...base, transaction: (work) => work(tx) };
  await client.query("BEGIN");
  try {
    await tx.exec(WIPE_PUBLIC_SCHEMA);
    await applyMigrations(tx, migrations);
    await loadRows(tx, options.payloadFile);
    const differences = fingerprintDifferences(options.header.tables, await tableFingerprints(tx));
    if (differences.length > 0) {
      throw new BackupError(
        `恢复出来的数据与备份时不一致，已整体撤销，数据库保持原样：\n  ${differences.join("\n  ")}`,
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    if (error instanceof BackupError) throw error;
    throw new BackupError(`恢复失败，已整体撤销，数据库保持原样：${(error as Error).message}`);
  }
}

/** A pg_dump archive: pg_restore turns it into SQL, psql runs it between the wipe and the check. */
async function restoreWithPsql(url: string, options: PostgresRestoreOptions): Promise<void> {
  const restoreSql = path.join(options.workDir, "restore.sql");
  const converted = await run("pg_restore", [
    "--no-owner",
    "--no-privileges",
    `--file=${restoreSql}`,
    options.payloadFile,
  ]);
  if (converted.code !== 0)
    throw new BackupError(`恢复失败，没有改动数据库。${failure("pg_restore", converted)}`);
  const wipeSql = path.join(options.workDir, "wipe.sql");
  const verifySql = path.join(options.workDir, "verify.sql");
  await writeFile(wipeSql, WIPE_PUBLIC_SCHEMA, { mode: 0o600 });
  await writeFile(verifySql, verification(options.header.tables), { mode: 0o600 });

  const target = libpqTarget(url);
  const applied = await run(
    "psql",
    [
      "--no-psqlrc",
      "--quiet",
      "--set=ON_ERROR_STOP=1",
      "--single-transaction",
      `--file=${wipeSql}`,
      `--file=${restoreSql}`,
      `--file=${verifySql}`,
      `--dbname=${target.dbname}`,
    ],
    target.env,
  );
  if (applied.code !== 0) {
    const mismatch = /beltmap-verify: (.*)/.exec(applied.stderr)?.[1];
    throw new BackupError(
      mismatch
        ? `恢复出来的数据与备份时不一致，已整体撤销，数据库保持原样：\n  ${mismatch}`
        : `恢复失败，已整体撤销，数据库保持原样。${failure("psql", applied)}`,
    );
  }
}

/**
 * Drops everything of the public schema (tables, views, sequences, routines, types) that no
 * extension owns: the archive then recreates the schema as it was backed up, whatever the database
 * held before (a newer migration's tables included).
 */
const WIPE_PUBLIC_SCHEMA = `
DO $beltmap_wipe$
DECLARE
  item record;
BEGIN
  FOR item IN
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format(
      CASE item.relkind
        WHEN 'v' THEN 'DROP VIEW IF EXISTS public.%I CASCADE'
        WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS public.%I CASCADE'
        WHEN 'f' THEN 'DROP FOREIGN TABLE IF EXISTS public.%I CASCADE'
        ELSE 'DROP TABLE IF EXISTS public.%I CASCADE'
      END, item.relname);
  END LOOP;
  FOR item IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'S'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', item.relname);
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE 'DROP ROUTINE IF EXISTS ' || item.signature || ' CASCADE';
  END LOOP;
  FOR item IN
    SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'c')
       AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c'))
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', item.typname);
  END LOOP;
END
$beltmap_wipe$;
`;

/** The last step of the restoring transaction: every table as the backup recorded it, or an exception. */
function verification(tables: TableFingerprint[]): string {
  if (tables.some((t) => t.name.includes("$"))) {
    throw new BackupError("备份文件里的表名不合规（含 $），不能恢复。");
  }
  const checks = tables.map(
    (t) => `
  EXECUTE ${quoteLiteral(fingerprintQuery(t.name))} INTO n, h;
  IF n IS DISTINCT FROM ${t.rows} THEN
    RAISE EXCEPTION 'beltmap-verify: 表 %：备份时 % 行，恢复后 % 行', ${quoteLiteral(t.name)}, ${t.rows}, n;
  ELSIF h IS DISTINCT FROM ${quoteLiteral(t.hash)} THEN
    RAISE EXCEPTION 'beltmap-verify: 表 %：行数相同（%），内容哈希不同', ${quoteLiteral(t.name)}, n;
  END IF;`,
  );
  return `${FINGERPRINT_SETTINGS};
DO $beltmap_verify$
DECLARE
  n integer;
  h text;
BEGIN${checks.join("")}
  SELECT count(*) INTO n FROM (${LIST_TABLES}) AS beltmap_tables;
  IF n <> ${tables.length} THEN
    RAISE EXCEPTION 'beltmap-verify: 恢复后有 % 张表，备份里有 % 张', n, ${tables.length};
  END IF;
END
$beltmap_verify$;
`;
}
