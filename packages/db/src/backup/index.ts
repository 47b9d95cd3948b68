// `npm run backup` / `npm run restore`: one file holding the whole database named by DATABASE_URL
// (as the server reads it), PGlite or PostgreSQL, restorable into the same kind of database.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DatabaseLocation, describeLocation, resolveDatabaseLocation } from "../location.ts";
import { REPO_ROOT } from "../paths.ts";
import { BackupError } from "./errors.ts";
import { type BackupHeader, extractPayload, KIND_NAMES, readBackupFile, writeBackupFile } from "./format.ts";
import { checkMigrations } from "./migrations.ts";
import { dumpPglite, restorePglite } from "./pglite.ts";
import { dumpPostgres, type PostgresMethod, restorePostgres } from "./postgres.ts";

export { BackupError } from "./errors.ts";
export { fingerprintDifferences, type TableFingerprint, tableFingerprints } from "./fingerprint.ts";
export { type BackupHeader, KIND_NAMES, MAGIC, readBackupFile } from "./format.ts";
export type { PostgresMethod } from "./postgres.ts";

export const BACKUP_EXTENSION = ".beltmap-backup";

type StoredLocation = Exclude<DatabaseLocation, { kind: "pglite-memory" }>;

function locate(url: string | undefined, action: "备份" | "恢复"): StoredLocation {
  let location: DatabaseLocation;
  try {
    location = resolveDatabaseLocation(url);
  } catch (error) {
    throw new BackupError(`DATABASE_URL 无效：${(error as Error).message.replace(/^DATABASE_URL: /, "")}`);
  }
  if (location.kind === "pglite-memory") {
    throw new BackupError(`DATABASE_URL=memory: 是随进程消失的内存数据库，无法${action}。`);
  }
  return location;
}

/** `20261205-093012`: local time, digits only, sorting as it reads. */
function stamp(now: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-` +
    `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`
  );
}

/**
 * Where a backup goes unless told: a backups/ folder beside the PGlite directory (data/backups for
 * the default data/pglite), or data/backups in the repository for PostgreSQL; named by the kind,
 * the database and the local time, in ASCII: beltmap-pglite-20261205-093012.beltmap-backup.
 */
export function defaultBackupPath(location: StoredLocation, now = new Date()): string {
  const dir =
    location.kind === "pglite"
      ? path.join(path.dirname(location.dir), "backups")
      : path.join(REPO_ROOT, "data", "backups");
  const what =
    location.kind === "pglite"
      ? "pglite"
      : `postgres-${decodeURIComponent(new URL(location.url).pathname.slice(1)).replace(/[^A-Za-z0-9_-]+/g, "_") || "postgres"}`;
  const base = path.join(dir, `beltmap-${what}-${stamp(now)}`);
  for (let n = 1; ; n++) {
    const candidate = `${base}${n === 1 ? "" : `-${n}`}${BACKUP_EXTENSION}`;
    if (!existsSync(candidate)) return candidate;
  }
}

export type BackupResult = {
  file: string;
  header: BackupHeader;
  database: string;
  /** PostgreSQL: why the in-process dump stood in for pg_dump (absent: it did not, or was asked for). */
  note?: string;
};

export type BackupOptions = {
  out?: string;
  /** PostgreSQL only: auto (pg_dump if usable, else in-process), or one of them for sure. */
  method?: PostgresMethod;
};

/** Writes one backup file of the database `url` names (DATABASE_URL's rules) to `out` or the default path. */
export async function backupDatabase(
  url: string | undefined,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const location = locate(url, "备份");
  if (options.method && options.method !== "auto" && location.kind !== "postgres") {
    throw new BackupError("--in-process 只用于 PostgreSQL；PGlite 的备份总是它自己的数据目录。");
  }
  const out = path.resolve(options.out ?? defaultBackupPath(location));
  if (existsSync(out)) throw new BackupError(`文件 ${out} 已经存在，没有覆盖它：请换一个文件名（--out）。`);
  await mkdir(path.dirname(out), { recursive: true, mode: 0o700 });
  const work = await mkdtemp(path.join(path.dirname(out), ".beltmap-backup-"));
  try {
    const payload = path.join(work, "payload");
    const createdAt = new Date().toISOString();
    const source = describeLocation(location);
    if (location.kind === "pglite") {
      const snapshot = await dumpPglite(location.dir, payload);
      const header = await writeBackupFile(
        out,
        {
          kind: "pglite",
          createdAt,
          source,
          tool: "PGlite dumpDataDir",
          ...snapshot,
          payload: { format: "pglite-datadir-tar-gz" },
        },
        payload,
      );
      return { file: out, header, database: source };
    }
    const { format, note, ...snapshot } = await dumpPostgres(location.url, payload, options.method);
    const header = await writeBackupFile(
      out,
      { kind: "postgres", createdAt, source, ...snapshot, payload: { format } },
      payload,
    );
    return { file: out, header, database: source, ...(note ? { note } : {}) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export type RestoreResult = {
  header: BackupHeader;
  database: string;
  /** Migrations this installation has beyond the backup's: the server applies them at its next start. */
  pendingMigrations: string[];
  /** PostgreSQL: other sessions on the database when it was restored (a running server, say). */
  otherSessions: number;
};

/**
 * Restores `file` into the database `url` names. A database holding data is replaced only with
 * `force`; a backup of another kind of database, of a newer schema, or damaged is refused first.
 */
export async function restoreDatabase(
  url: string | undefined,
  file: string,
  options: { force?: boolean } = {},
): Promise<RestoreResult> {
  const location = locate(url, "恢复");
  const { header, payloadOffset } = await readBackupFile(path.resolve(file));
  if (header.kind !== location.kind) {
    throw new BackupError(
      `这是 ${KIND_NAMES[header.kind]} 数据库的备份，不能恢复到 ${KIND_NAMES[location.kind]}：` +
        "目前只支持恢复到同一种数据库（PGlite → PGlite，PostgreSQL → PostgreSQL）。没有改动任何数据。",
    );
  }
  const pendingMigrations = await checkMigrations(header);
  const force = options.force ?? false;
  const database = describeLocation(location);
  const work = await mkdtemp(path.join(tmpdir(), "beltmap-restore-"));
  try {
    const payloadFile = path.join(work, "payload");
    await extractPayload(path.resolve(file), payloadOffset, payloadFile);
    if (location.kind === "pglite") {
      await restorePglite(location.dir, { force, header, payloadFile });
      return { header, database, pendingMigrations, otherSessions: 0 };
    }
    const { otherSessions } = await restorePostgres(location.url, {
      force,
      header,
      payloadFile,
      workDir: work,
    });
    return { header, database, pendingMigrations, otherSessions };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
