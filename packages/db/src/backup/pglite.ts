// PGlite: the data directory itself, as PGlite's dumpDataDir writes it (tar.gz), taken under the
// same lock file the server holds, so neither runs while the server (or a seed) has the directory.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { lockDirectory } from "../lock.ts";
import { pgliteRunner } from "../sql-runner.ts";
import { BackupError, notEmpty } from "./errors.ts";
import {
  fingerprintDifferences,
  type TableFingerprint,
  tableFingerprints,
  tablesWithRows,
} from "./fingerprint.ts";
import type { BackupHeader } from "./format.ts";
import { readAppliedMigrations } from "./migrations.ts";

type Action = "备份" | "恢复";

/** Takes the server's lock on `dir`, or explains in Chinese who holds it (or why it cannot be taken). */
async function lockFor(dir: string, action: Action): Promise<() => Promise<void>> {
  await mkdir(path.dirname(dir), { recursive: true });
  try {
    return await lockDirectory(dir);
  } catch (error) {
    const message = (error as Error).message;
    const owner = /in use by process (\d+)/.exec(message)?.[1];
    if (owner) {
      throw new BackupError(
        `PGlite 数据库 ${dir} 正在被进程 ${owner} 使用（Beltmap 服务器、npm run seed 或另一次备份/恢复）。` +
          `请先停止它，再${action}。`,
      );
    }
    // The lock's own refusals (e.g. a directory that cannot be written) already speak to the operator.
    if (String((error as { code?: unknown }).code).startsWith("BELTMAP_")) throw new BackupError(message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      throw new BackupError(
        `无法在 ${path.dirname(dir)} 建立锁文件（${code}）：请检查这个目录的权限，再${action}。`,
      );
    }
    throw error;
  }
}

function isPgliteDirectory(dir: string): boolean {
  return existsSync(path.join(dir, "PG_VERSION"));
}

export type PgliteSnapshot = {
  serverVersion: string;
  migrations: BackupHeader["migrations"];
  tables: TableFingerprint[];
};

/** Writes the directory's dump to `payloadFile` and describes what it holds. */
export async function dumpPglite(dir: string, payloadFile: string): Promise<PgliteSnapshot> {
  const unlock = await lockFor(dir, "备份");
  try {
    if (!isPgliteDirectory(dir)) {
      throw new BackupError(
        `${dir} 里没有 PGlite 数据库（服务器还没在这里启动过？），没有可备份的内容。请检查 DATABASE_URL。`,
      );
    }
    const pglite = new PGlite(dir);
    try {
      await pglite.waitReady;
      const runner = pgliteRunner(pglite);
      const migrations = await readAppliedMigrations(runner);
      const tables = await tableFingerprints(runner);
      const [version] = await runner.query<{ server_version: string }>("SHOW server_version");
      // Everything on disk before the files are read; PGlite runs nothing else meanwhile.
      await pglite.exec("CHECKPOINT");
      const dump = await pglite.dumpDataDir("gzip");
      await writeFile(payloadFile, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
      return { serverVersion: version?.server_version ?? "", migrations, tables };
    } finally {
      await pglite.close();
    }
  } finally {
    await unlock();
  }
}

export type PgliteRestoreOptions = { force: boolean; header: BackupHeader; payloadFile: string };

/**
 * Restores the dump into `dir`: it is unpacked beside it, checked table by table against the
 * backup's fingerprints, and only then put in the directory's place. A directory holding data is
 * replaced only with `force`; a directory that is not a PGlite database is never touched.
 */
export async function restorePglite(dir: string, options: PgliteRestoreOptions): Promise<void> {
  const unlock = await lockFor(dir, "恢复");
  const staging = `${dir}.restoring-${process.pid}`;
  const replaced = `${dir}.replaced-${process.pid}`;
  try {
    const existing = existsSync(dir) ? await readdir(dir) : [];
    if (existing.length > 0) {
      if (!isPgliteDirectory(dir)) {
        throw new BackupError(
          `目录 ${dir} 不是空的，也不是 PGlite 数据库：不会覆盖它。请检查 DATABASE_URL。`,
        );
      }
      if (!options.force) {
        const filled = await withPglite(dir, (pglite) => tablesWithRows(pgliteRunner(pglite))).catch(
          (error: unknown) => {
            throw new BackupError(
              `打不开现有的 PGlite 数据库 ${dir}（${(error as Error).message}），无法确认它是空的，没有恢复。` +
                "确定要用备份替换它，请加 --force：npm run restore 备份文件 -- --force",
            );
          },
        );
        if (filled.length > 0) throw notEmpty(`PGlite 数据库 ${dir}`, filled);
      }
    }

    await rm(staging, { recursive: true, force: true });
    const payload = await readFile(options.payloadFile);
    const restored = await withPglite(
      staging,
      (pglite) => tableFingerprints(pgliteRunner(pglite)),
      new Blob([payload]),
    ).catch((error: unknown) => {
      if (error instanceof BackupError) throw error;
      throw new BackupError(
        `PGlite 打不开这个备份（备份时 PGlite 的内核是 PostgreSQL ${options.header.serverVersion}），没有改动 ${dir}：${(error as Error).message}`,
      );
    });
    const differences = fingerprintDifferences(options.header.tables, restored);
    if (differences.length > 0) {
      throw new BackupError(`恢复出来的数据与备份时不一致，没有替换 ${dir}：\n  ${differences.join("\n  ")}`);
    }

    if (existsSync(dir)) await rename(dir, replaced);
    try {
      await rename(staging, dir);
    } catch (error) {
      if (existsSync(replaced)) await rename(replaced, dir);
      throw error;
    }
    await rm(replaced, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
    await unlock();
  }
}

async function withPglite<T>(
  dir: string,
  work: (pglite: PGlite) => Promise<T>,
  loadDataDir?: Blob,
): Promise<T> {
  const pglite = new PGlite(dir, loadDataDir ? { loadDataDir } : {});
  try {
    await pglite.waitReady;
    return await work(pglite);
  } finally {
    await pglite.close().catch(() => {});
  }
}
