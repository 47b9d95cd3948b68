// A Beltmap backup file: one line naming the format, one line of JSON describing the backup (which
// kind of database, which migrations, every table's rows and hash, the payload's size and SHA-256),
// then the payload: a PGlite data directory (tar.gz, from dumpDataDir), a pg_dump archive (custom
// format), or the in-process dump of a PostgreSQL database (rows.ts; gzip'd JSON lines).
// `tail -n +3 FILE` gives the bare payload.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { BackupError } from "./errors.ts";
import type { TableFingerprint } from "./fingerprint.ts";

export const MAGIC = "BELTMAP-BACKUP 1";
const HEADER_LIMIT = 4 * 1024 * 1024;

export type BackupKind = "pglite" | "postgres";

export const PAYLOAD_FORMATS = ["pglite-datadir-tar-gz", "pg_dump-custom", "beltmap-rows-jsonl-gz"] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];

export type BackupHeader = {
  kind: BackupKind;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** The database it was taken from (passwords hidden). */
  source: string;
  /** e.g. "17.5" (PGlite) or "15.20 (Debian …)": the server's version. */
  serverVersion: string;
  /** What wrote the payload: "PGlite dumpDataDir", pg_dump's --version line, or the in-process dump. */
  tool: string;
  payload: { format: PayloadFormat; bytes: number; sha256: string };
  /** The migrations applied to the database, in order. */
  migrations: { name: string; checksum: string }[];
  tables: TableFingerprint[];
};

export const KIND_NAMES: Record<BackupKind, string> = {
  pglite: "PGlite（内置数据库）",
  postgres: "PostgreSQL",
};

/** SHA-256 and size of a file (or of its tail from `start`). */
export async function digestFile(file: string, start = 0): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file, { start })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/**
 * Writes `out` from the header and the payload file, through a temporary file renamed at the end,
 * so a backup file is either whole or absent. Readable by its owner only: it holds password hashes.
 */
export async function writeBackupFile(
  out: string,
  header: Omit<BackupHeader, "payload"> & { payload: Pick<BackupHeader["payload"], "format"> },
  payloadFile: string,
): Promise<BackupHeader> {
  const full: BackupHeader = {
    ...header,
    payload: { ...header.payload, ...(await digestFile(payloadFile)) },
  };
  const partial = `${out}.partial`;
  try {
    const handle = await open(partial, "wx", 0o600);
    try {
      await handle.writeFile(`${MAGIC}\n${JSON.stringify(full)}\n`);
    } finally {
      await handle.close();
    }
    await pipeline(createReadStream(payloadFile), createWriteStream(partial, { flags: "a" }));
    await open(out, "wx", 0o600).then((h) => h.close()); // never replaces a file that is there
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new BackupError(`文件 ${out} 已经存在，没有覆盖它：请换一个文件名（--out）。`);
    }
    throw error;
  }
  return full;
}

export type BackupFile = { header: BackupHeader; payloadOffset: number };

/** Reads and checks a backup file's header, and checks its payload against the recorded SHA-256. */
export async function readBackupFile(file: string): Promise<BackupFile> {
  let size: number;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new BackupError(`${file} 不是文件：请给出 npm run backup 写出的备份文件。`);
    size = info.size;
    handle = await open(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new BackupError(`找不到备份文件 ${file}。`);
    if (code === "EACCES") throw new BackupError(`没有权限读备份文件 ${file}。`);
    throw error;
  }
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(size, HEADER_LIMIT));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const notBackup = new BackupError(
    `${file} 不是 Beltmap 的备份文件（应以 “${MAGIC}” 开头，由 npm run backup 写出）。`,
  );
  if (size === 0) throw new BackupError(`${file} 是空文件（0 字节），不是备份：备份可能没有写完。`);
  const first = head.indexOf(0x0a);
  if (first < 0 && MAGIC.startsWith(head.toString("latin1"))) {
    throw new BackupError(`备份文件 ${file} 不完整：只有开头的 ${size} 字节。没有恢复任何内容。`);
  }
  if (first < 0 || head.subarray(0, first).toString("utf8") !== MAGIC) {
    if (head.subarray(0, 15).toString("latin1").startsWith("BELTMAP-BACKUP ")) {
      throw new BackupError(`${file} 是更新版本的 Beltmap 写出的备份格式，本程序读不了：请先升级 Beltmap。`);
    }
    throw notBackup;
  }
  const second = head.indexOf(0x0a, first + 1);
  if (second < 0) {
    throw new BackupError(
      size < HEADER_LIMIT
        ? `备份文件 ${file} 不完整：说明部分（第二行）在文件末尾中断了，数据部分完全没有。没有恢复任何内容。`
        : `${file} 的说明部分（第二行）过长或已损坏，无法恢复。`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(head.subarray(first + 1, second).toString("utf8"));
  } catch {
    throw new BackupError(`${file} 的说明部分（第二行）已损坏，无法恢复。没有恢复任何内容。`);
  }
  const format = (json as { payload?: { format?: unknown } } | null)?.payload?.format;
  if (typeof format === "string" && !(PAYLOAD_FORMATS as readonly string[]).includes(format)) {
    throw new BackupError(
      `${file} 的数据格式 ${format} 是更新版本的 Beltmap 写出的，本程序读不了：请先升级 Beltmap。`,
    );
  }
  let header: BackupHeader;
  try {
    header = parseHeader(json);
  } catch {
    throw new BackupError(`${file} 的说明部分（第二行）已损坏，无法恢复。没有恢复任何内容。`);
  }
  const payloadOffset = second + 1;
  const actual = await digestFile(file, payloadOffset);
  if (actual.bytes !== header.payload.bytes || actual.sha256 !== header.payload.sha256) {
    throw new BackupError(
      actual.bytes === header.payload.bytes
        ? `备份文件 ${file} 已损坏（数据部分的 SHA-256 校验和不符）。没有恢复任何内容。`
        : `备份文件 ${file} 已损坏或不完整（数据部分应为 ${header.payload.bytes} 字节，实际 ${actual.bytes} 字节）。没有恢复任何内容。`,
    );
  }
  return { header, payloadOffset };
}

/** Copies the payload out of a backup file into its own file (what pg_restore and PGlite read). */
export async function extractPayload(file: string, payloadOffset: number, target: string): Promise<void> {
  await pipeline(
    createReadStream(file, { start: payloadOffset }),
    createWriteStream(target, { mode: 0o600 }),
  );
}

function parseHeader(value: unknown): BackupHeader {
  const header = value as BackupHeader;
  const ok =
    (header?.kind === "pglite" || header?.kind === "postgres") &&
    typeof header.createdAt === "string" &&
    typeof header.source === "string" &&
    typeof header.serverVersion === "string" &&
    typeof header.tool === "string" &&
    (PAYLOAD_FORMATS as readonly string[]).includes(header.payload?.format) &&
    typeof header.payload.bytes === "number" &&
    typeof header.payload.sha256 === "string" &&
    Array.isArray(header.migrations) &&
    header.migrations.every((m) => typeof m?.name === "string" && typeof m.checksum === "string") &&
    Array.isArray(header.tables) &&
    header.tables.every(
      (t) => typeof t?.name === "string" && Number.isInteger(t.rows) && typeof t.hash === "string",
    );
  if (!ok) throw new Error("bad header");
  return header;
}
