// npm run backup / npm run restore on both databases, for real: the demo data (plus a row in each
// table the demo leaves empty) is backed up, the database wiped (directory removed; database dropped
// and created again), restored, and every table of the public schema compared by row count and
// content hash (the catalog's list, checked against schema.prisma's models, so a new table is
// compared without touching this test). PostgreSQL is backed up both with pg_dump and in-process.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BackupHeader,
  backupDatabase,
  fingerprintDifferences,
  restoreDatabase,
  type TableFingerprint,
  tableFingerprints,
} from "../src/backup/index.ts";
import { openDatabase } from "../src/client.ts";
import type { PrismaClient } from "../src/generated/prisma/client.ts";
import { applyMigrations, readMigrations } from "../src/migrate.ts";
import { REPO_ROOT } from "../src/paths.ts";
import { generateDemoData, seedDemoIfEmpty } from "../src/seed/index.ts";
import { pgClientRunner, pgliteRunner } from "../src/sql-runner.ts";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/postgres";
const ORGANIZATIONS = generateDemoData().organizations.length;
/** Tables the demo leaves empty, filled by `fillEmptyTables` so their round trip is seen too. */
const FILLED = ["AuditLog", "BriefingLink", "Session", "ShareLink"];
const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let root: string;
let models: string[];
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "beltmap-backup-"));
  const schema = await readFile(path.join(REPO_ROOT, "prisma/schema.prisma"), "utf8");
  models = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1] ?? "");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The demo, and one row (JSON, a bigint key and time stamps among them) in each table it leaves empty. */
async function seedEverything(url: string): Promise<void> {
  const db = await openDatabase(url);
  try {
    await seedDemoIfEmpty(db.prisma);
    await fillEmptyTables(db.prisma);
  } finally {
    await db.close();
  }
}

async function fillEmptyTables(prisma: PrismaClient): Promise<void> {
  const city = await prisma.user.findFirstOrThrow({ where: { role: "CITY" } });
  const wall = await prisma.user.create({
    data: { username: "wall-1", displayName: "大屏 1", role: "LEADER", passwordHash: "-" },
  });
  await prisma.briefingLink.create({
    data: { tokenHash: "b".repeat(64), label: "会议室", userId: wall.id, createdById: city.id },
  });
  await prisma.session.create({ data: { tokenHash: "s".repeat(64), userId: city.id, ip: "127.0.0.1" } });
  await prisma.shareLink.create({
    data: { tokenHash: "l".repeat(64), label: "旧链接", revokedAt: new Date() },
  });
  await prisma.auditLog.create({
    data: {
      action: "test.backup",
      role: "CITY",
      entity: "AppMeta",
      before: { 名称: "前", quote: 'it\'s "quoted"\n', empty: "" },
      after: { list: [1, 2.5, null] },
    },
  });
}

/** Every table the backup compares is one of schema.prisma's models (or Prisma's bookkeeping), and all of them are there. */
function expectEveryTable(fingerprints: TableFingerprint[]): void {
  expect(fingerprints.map((t) => t.name).sort()).toEqual([...models, "_prisma_migrations"].sort());
}

async function withPglite<T>(dir: string, work: (pglite: PGlite) => Promise<T>): Promise<T> {
  const pglite = new PGlite(dir);
  try {
    return await work(pglite);
  } finally {
    await pglite.close();
  }
}

const pgliteFingerprints = (dir: string) =>
  withPglite(dir, (pglite) => tableFingerprints(pgliteRunner(pglite)));

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: unknown) => {
    throw new Error(
      `PostgreSQL is needed for this test at ${ADMIN_URL} (set TEST_POSTGRES_URL): ${String(error)}`,
    );
  });
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const postgresFingerprints = (url: string) =>
  withClient(url, (client) => tableFingerprints(pgClientRunner(client)));

function rows(fingerprints: { name: string; rows: number }[], table: string): number | undefined {
  return fingerprints.find((t) => t.name === table)?.rows;
}

const scratch = (name: string) =>
  path.join(root, `${name}-${Math.random().toString(36).slice(2)}.beltmap-backup`);

/** A backup file's three parts: the magic line, the JSON header, the payload. */
async function partsOf(file: string): Promise<{ magic: Buffer; header: BackupHeader; payload: Buffer }> {
  const bytes = await readFile(file);
  const first = bytes.indexOf(0x0a);
  const second = bytes.indexOf(0x0a, first + 1);
  return {
    magic: bytes.subarray(0, first + 1),
    header: JSON.parse(bytes.subarray(first + 1, second).toString("utf8")) as BackupHeader,
    payload: bytes.subarray(second + 1),
  };
}

/** A copy of a backup file with its JSON header changed (the payload and its checksum untouched). */
async function withHeader(file: string, change: (header: BackupHeader) => void): Promise<string> {
  const { magic, header, payload } = await partsOf(file);
  change(header);
  const out = scratch("changed");
  await writeFile(out, Buffer.concat([magic, Buffer.from(`${JSON.stringify(header)}\n`), payload]));
  return out;
}

/** A copy with another payload whose size and checksum the header records: damage only the restore itself can find. */
async function withPayload(file: string, change: (payload: Buffer) => Buffer): Promise<string> {
  const { magic, header, payload } = await partsOf(file);
  const changed = change(payload);
  header.payload.bytes = changed.length;
  header.payload.sha256 = createHash("sha256").update(changed).digest("hex");
  const out = scratch("payload");
  await writeFile(out, Buffer.concat([magic, Buffer.from(`${JSON.stringify(header)}\n`), changed]));
  return out;
}

/** Damaged, cut short, empty and foreign files: each refused with its own message, the database untouched. */
async function expectBadFilesRefused(target: string, file: string): Promise<void> {
  const bytes = await readFile(file);
  const flipped = Buffer.from(bytes);
  const last = flipped.length - 1;
  flipped[last] = (flipped[last] ?? 0) ^ 0xff;
  const damaged = scratch("damaged");
  await writeFile(damaged, flipped);
  await expect(restoreDatabase(target, damaged, { force: true })).rejects.toThrow(/已损坏.*SHA-256/);

  const truncated = scratch("truncated");
  await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await expect(restoreDatabase(target, truncated, { force: true })).rejects.toThrow(/不完整.*字节/);

  const headerCut = scratch("header-cut");
  await writeFile(headerCut, bytes.subarray(0, bytes.indexOf(0x0a) + 40));
  await expect(restoreDatabase(target, headerCut, { force: true })).rejects.toThrow(/不完整.*说明部分/);

  const empty = scratch("empty");
  await writeFile(empty, "");
  await expect(restoreDatabase(target, empty, { force: true })).rejects.toThrow(/空文件/);

  const foreign = scratch("foreign");
  await writeFile(foreign, (await partsOf(file)).payload); // the bare payload: a tar.gz or a pg_dump archive
  await expect(restoreDatabase(target, foreign, { force: true })).rejects.toThrow(/不是 Beltmap 的备份文件/);
  await expect(
    restoreDatabase(target, path.join(REPO_ROOT, "package.json"), { force: true }),
  ).rejects.toThrow(/不是 Beltmap 的备份文件/);

  await expect(restoreDatabase(target, root, { force: true })).rejects.toThrow(/不是文件/);
  await expect(restoreDatabase(target, path.join(root, "no-such-file"), { force: true })).rejects.toThrow(
    /找不到备份文件/,
  );
}

type CliResult = { code: number; stdout: string; stderr: string };

/** The CLI as `npm run backup|restore` runs it (tsx), on the database `url` names. */
function cli(url: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/backup/cli.ts", ...args],
      { cwd: PACKAGE_DIR, env: { ...process.env, DATABASE_URL: url, INIT_CWD: root } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function expectNoStack(result: CliResult): void {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/Error:/);
}

describe("PGlite backup and restore", () => {
  let dir: string;
  let file: string;
  let original: TableFingerprint[];

  beforeAll(async () => {
    dir = path.join(root, "pglite");
    await seedEverything(dir);
    original = await pgliteFingerprints(dir);
  });

  it("backup → wipe → restore gives every table back with the same rows and content hash", async () => {
    expectEveryTable(original);
    expect(rows(original, "Organization")).toBe(ORGANIZATIONS);
    for (const table of FILLED) expect(rows(original, table), table).toBeGreaterThan(0);

    const backup = await backupDatabase(dir);
    file = backup.file;
    expect(path.dirname(file)).toBe(path.join(root, "backups")); // beside the data directory
    expect(path.basename(file)).toMatch(/^beltmap-pglite-\d{8}-\d{6}\.beltmap-backup$/);
    expect(backup.header.kind).toBe("pglite");
    expect(backup.header.payload.format).toBe("pglite-datadir-tar-gz");
    expect(backup.header.tables).toEqual(original);

    await rm(dir, { recursive: true });
    const restored = await restoreDatabase(dir, file);
    expect(restored.pendingMigrations).toEqual([]);
    const after = await pgliteFingerprints(dir);
    expect(after.map((t) => t.name)).toEqual(original.map((t) => t.name));
    expect(after).toEqual(original);

    // The comparison can fail: one coordinate moved by a hair is one table's hash, nothing else.
    await withPglite(dir, (pglite) =>
      pglite.exec(
        `UPDATE "Organization" SET lng = lng + 1e-9 WHERE id = (SELECT min(id) FROM "Organization")`,
      ),
    );
    expect(fingerprintDifferences(original, await pgliteFingerprints(dir))).toEqual([
      `表 Organization：行数相同（${ORGANIZATIONS}），内容哈希不同`,
    ]);

    // The restored database opens as the server opens it: nothing to migrate, sequences where they were.
    const db = await openDatabase(dir);
    try {
      expect(db.migrations.applied).toEqual([]);
      const last = await db.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
      const next = await db.prisma.auditLog.create({ data: { action: "test.after-restore" } });
      expect(next.id).toBe(last.id + 1n);
    } finally {
      await db.close();
    }
  });

  it("refuses to restore into a database holding data unless forced, which replaces it", async () => {
    // After the previous test the database holds a moved coordinate and one audit row more than the backup.
    const changed = await pgliteFingerprints(dir);
    expect(changed).not.toEqual(original);
    await expect(restoreDatabase(dir, file)).rejects.toThrow(/不是空的.*--force/s);
    expect(await pgliteFingerprints(dir)).toEqual(changed);

    await restoreDatabase(dir, file, { force: true });
    expect(await pgliteFingerprints(dir)).toEqual(original);
  });

  it("takes the server's lock: refuses while the database is open elsewhere", async () => {
    const server = await openDatabase(dir);
    try {
      const held = new RegExp(`正在被进程 ${process.pid} 使用`);
      await expect(backupDatabase(dir, { out: scratch("while-open") })).rejects.toThrow(held);
      await expect(restoreDatabase(dir, file, { force: true })).rejects.toThrow(held);
    } finally {
      await server.close();
    }
  });

  it("refuses a backup of a newer schema, a damaged, cut or foreign file, another kind's, and one that does not restore as recorded", async () => {
    const newer = await withHeader(file, (h) => {
      h.migrations.push({ name: "29991231000000_from_the_future", checksum: "0".repeat(64) });
    });
    await expect(restoreDatabase(dir, newer, { force: true })).rejects.toThrow(
      /较新版本.*29991231000000_from_the_future/,
    );
    const edited = await withHeader(file, (h) => {
      const first = h.migrations[0];
      if (first) first.checksum = "0".repeat(64);
    });
    await expect(restoreDatabase(dir, edited, { force: true })).rejects.toThrow(/内容不同/);

    await expectBadFilesRefused(dir, file);

    await expect(restoreDatabase("postgres://127.0.0.1:1/none", file)).rejects.toThrow(
      /不能恢复到 PostgreSQL/,
    );
    await expect(backupDatabase(dir, { method: "in-process" })).rejects.toThrow(/只用于 PostgreSQL/);

    const wrong = await withHeader(file, (h) => {
      const organizations = h.tables.find((t) => t.name === "Organization");
      if (organizations) organizations.hash = "0".repeat(32);
    });
    await expect(restoreDatabase(dir, wrong, { force: true })).rejects.toThrow(/不一致[\s\S]*Organization/);
    expect(await pgliteFingerprints(dir)).toEqual(original); // left as it was
  });
});

describe("PostgreSQL backup and restore", () => {
  const name = `beltmap_backup_${process.pid}_${Date.now()}`;
  const urlOf = (database: string) => {
    const parsed = new URL(ADMIN_URL);
    parsed.pathname = `/${database}`;
    return parsed.toString();
  };
  const url = urlOf(name);
  const admin = (sql: string) => withClient(ADMIN_URL, (client) => client.query(sql));
  const recreate = async (database = name) => {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${database}"`);
  };
  let pgDumpFile: string;
  let inProcessFile: string;
  let original: TableFingerprint[];

  /** Runs `work` with PATH holding only `dir`: no pg_dump, pg_restore or psql but what is put there. */
  async function withPath<T>(dir: string, work: () => Promise<T>): Promise<T> {
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      return await work();
    } finally {
      process.env.PATH = saved;
    }
  }

  async function expectSequencesGoOn(): Promise<void> {
    const db = await openDatabase(url);
    try {
      expect(db.migrations.applied).toEqual([]);
      const last = await db.prisma.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
      const next = await db.prisma.auditLog.create({ data: { action: "test.after-restore" } });
      expect(next.id).toBe(last.id + 1n);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    await recreate();
    await seedEverything(url);
    original = await postgresFingerprints(url);
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("backup (pg_dump) → drop and create → restore gives every table back with the same rows and content hash", async () => {
    expectEveryTable(original);
    expect(rows(original, "Organization")).toBe(ORGANIZATIONS);
    for (const table of FILLED) expect(rows(original, table), table).toBeGreaterThan(0);

    const backup = await backupDatabase(url, { out: scratch("postgres") });
    pgDumpFile = backup.file;
    expect(backup.header.kind).toBe("postgres");
    expect(backup.header.payload.format).toBe("pg_dump-custom");
    expect(backup.header.tool).toMatch(/^pg_dump \(PostgreSQL\) \d+/);
    expect(backup.note).toBeUndefined();
    expect(backup.header.tables).toEqual(original);

    await recreate();
    const restored = await restoreDatabase(url, pgDumpFile);
    expect(restored.pendingMigrations).toEqual([]);
    expect(await postgresFingerprints(url)).toEqual(original);

    // The comparison can fail: SQL NULL turned into JSON null in one row (row_to_json would not see it).
    await withClient(url, (client) =>
      client.query(
        `UPDATE "ReReview" SET delisting = 'null'::jsonb WHERE id = (SELECT min(id) FROM "ReReview" WHERE delisting IS NULL)`,
      ),
    );
    const differences = fingerprintDifferences(original, await postgresFingerprints(url));
    expect(differences).toEqual([`表 ReReview：行数相同（${rows(original, "ReReview")}），内容哈希不同`]);

    await expectSequencesGoOn();
  });

  it("without a usable pg_dump (too old, or none) it dumps in-process, and that restores without any client tools", async () => {
    const bin = path.join(root, "old-pg-dump");
    await mkdir(bin);
    await writeFile(path.join(bin, "pg_dump"), "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
    await chmod(path.join(bin, "pg_dump"), 0o755);
    await recreate();
    await restoreDatabase(url, pgDumpFile);

    const tooOld = await withPath(bin, () => backupDatabase(url, { out: scratch("old-pg-dump") }));
    expect(tooOld.note).toMatch(/pg_dump 的版本（9）比 PostgreSQL 服务器（\d+）旧/);
    expect(tooOld.header.payload.format).toBe("beltmap-rows-jsonl-gz");
    expect(tooOld.header.tables).toEqual(original);
    await expect(
      withPath(bin, () => backupDatabase(url, { out: scratch("must-pg-dump"), method: "pg_dump" })),
    ).rejects.toThrow(/旧，不能用它备份/);

    const none = path.join(root, "no-tools");
    await mkdir(none);
    const backup = await withPath(none, () => backupDatabase(url, { out: scratch("in-process") }));
    inProcessFile = backup.file;
    expect(backup.note).toMatch(/找不到 pg_dump/);
    expect(backup.header.tool).toMatch(/进程内导出/);
    expect(backup.header.tables).toEqual(original);

    await recreate();
    const restored = await withPath(none, () => restoreDatabase(url, inProcessFile));
    expect(restored.pendingMigrations).toEqual([]);
    expect(await postgresFingerprints(url)).toEqual(original);
    await expectSequencesGoOn();

    // A pg_dump archive needs pg_restore: said so, nothing changed.
    const before = await postgresFingerprints(url);
    await expect(withPath(none, () => restoreDatabase(url, pgDumpFile, { force: true }))).rejects.toThrow(
      /找不到 pg_restore/,
    );
    expect(await postgresFingerprints(url)).toEqual(before);
  });

  it("refuses to restore into a database holding data unless forced, which replaces all of it (either format)", async () => {
    for (const file of [pgDumpFile, inProcessFile]) {
      await withClient(url, (client) =>
        client.query(`CREATE TABLE "Extra" (id int PRIMARY KEY); INSERT INTO "Extra" VALUES (1)`),
      );
      const changed = await postgresFingerprints(url);
      expect(changed.map((t) => t.name)).toContain("Extra");
      await expect(restoreDatabase(url, file)).rejects.toThrow(/不是空的.*--force/s);
      expect(await postgresFingerprints(url)).toEqual(changed);

      await restoreDatabase(url, file, { force: true });
      expect(await postgresFingerprints(url)).toEqual(original); // "Extra" and the extra audit row gone
    }
  });

  it("checks the restore inside its transaction: content unlike the backup's, or a broken payload, leaves the database as it was", async () => {
    await withClient(url, (client) =>
      client.query(`INSERT INTO "AppMeta" (key, value) VALUES ('marker', 'kept')`),
    );
    const before = await postgresFingerprints(url);
    for (const file of [pgDumpFile, inProcessFile]) {
      const wrong = await withHeader(file, (h) => {
        const sheets = h.tables.find((t) => t.name === "ScoreSheet");
        if (sheets) sheets.rows += 1;
      });
      await expect(restoreDatabase(url, wrong, { force: true })).rejects.toThrow(
        /不一致，已整体撤销，数据库保持原样：\n {2}表 ScoreSheet.*备份时 \d+ 行，恢复后 \d+ 行/,
      );
      expect(await postgresFingerprints(url)).toEqual(before);
    }

    // In-process payloads whose checksum matches but whose content is cut or altered.
    const cut = await withPayload(inProcessFile, (payload) => {
      const lines = gunzipSync(payload).toString("utf8").split("\n");
      return gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join("\n"));
    });
    await expect(restoreDatabase(url, cut, { force: true })).rejects.toThrow(/数据部分不完整.*撤销/);
    const altered = await withPayload(inProcessFile, (payload) =>
      gzipSync(gunzipSync(payload).toString("utf8").replace("柯城区", "柯城县")),
    );
    await expect(restoreDatabase(url, altered, { force: true })).rejects.toThrow(
      /不一致，已整体撤销，数据库保持原样：\n {2}表 \w+：行数相同（\d+），内容哈希不同/,
    );
    const garbage = await withPayload(inProcessFile, (payload) => payload.subarray(0, payload.length - 100));
    await expect(restoreDatabase(url, garbage, { force: true })).rejects.toThrow(/数据部分.*撤销/);
    expect(await postgresFingerprints(url)).toEqual(before);

    await expectBadFilesRefused(url, pgDumpFile);
    await expect(restoreDatabase(path.join(root, "a-pglite-dir"), pgDumpFile)).rejects.toThrow(
      /不能恢复到 PGlite/,
    );
    expect(await postgresFingerprints(url)).toEqual(before);
  });

  it("restores a backup of an older schema as it was and says which migrations the server will apply", async () => {
    const older = `${name}_older`;
    const olderUrl = urlOf(older);
    const all = await readMigrations();
    const last = all.at(-1)?.name;
    try {
      await recreate(older);
      await withClient(olderUrl, async (client) => {
        await applyMigrations(pgClientRunner(client), all.slice(0, -1));
        await client.query(`INSERT INTO "AppMeta" (key, value) VALUES ('from', 'an older Beltmap')`);
      });
      const olderPrints = await postgresFingerprints(olderUrl);
      const viaPgDump = await backupDatabase(olderUrl, { out: scratch("older") });
      const inProcess = await backupDatabase(olderUrl, { out: scratch("older"), method: "in-process" });
      expect(viaPgDump.header.migrations.map((m) => m.name)).not.toContain(last);

      for (const backup of [viaPgDump, inProcess]) {
        await recreate(older);
        const restored = await restoreDatabase(olderUrl, backup.file);
        expect(restored.pendingMigrations).toEqual([last]);
        expect(await postgresFingerprints(olderUrl)).toEqual(olderPrints);
      }
      const db = await openDatabase(olderUrl);
      try {
        expect(db.migrations.applied).toEqual([last]);
        expect(await db.prisma.appMeta.findUnique({ where: { key: "from" } })).toMatchObject({
          value: "an older Beltmap",
        });
      } finally {
        await db.close();
      }
    } finally {
      await admin(`DROP DATABASE IF EXISTS "${older}" WITH (FORCE)`);
    }
  });

  it("the CLI says what it did, and on failure exits 1 with a message, no stack trace", async () => {
    await restoreDatabase(url, pgDumpFile, { force: true });
    const backup = await cli(url, ["backup", "--out", "cli.beltmap-backup"]);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const out = path.join(root, "cli.beltmap-backup"); // relative to where npm was run (INIT_CWD)
    expect(backup.stdout).toContain(`文件：${out}（`);
    expect(backup.stdout).toMatch(/（\d+(\.\d)? KB）/);
    expect(backup.stdout).toMatch(/用时 \d+\.\d 秒/);
    expect(backup.stdout).toContain(`各表行数（${original.length} 张表`);
    for (const table of original) {
      expect(backup.stdout).toMatch(
        new RegExp(`\\n {4}${table.name} +${table.rows.toLocaleString("zh-CN")}\\n`),
      );
    }

    const refused = await cli(url, ["restore", "cli.beltmap-backup"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/不是空的.*--force/s);
    expectNoStack(refused);

    const restored = await cli(url, ["restore", "cli.beltmap-backup", "--force"]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(
      /已把 .*cli\.beltmap-backup（\d+(\.\d)? KB）恢复到 PostgreSQL .*用时 \d+\.\d 秒/,
    );
    expect(restored.stdout).toContain(`核对：${original.length} 张表的行数和内容哈希都与备份时一致`);

    const bytes = await readFile(out);
    await writeFile(path.join(root, "cli-cut.beltmap-backup"), bytes.subarray(0, bytes.length - 1000));
    const cut = await cli(url, ["restore", "cli-cut.beltmap-backup", "--force"]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/已损坏或不完整/);
    expectNoStack(cut);

    const unreachable = await cli("postgres://127.0.0.1:1/none", ["backup"]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/连不上 PostgreSQL/);
    expectNoStack(unreachable);

    const usage = await cli(url, ["restore", "--bogus"]);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/参数不对[\s\S]*用法/);
  });
});
