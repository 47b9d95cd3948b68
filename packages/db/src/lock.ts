import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { constants, existsSync, readFileSync, type Stats, statSync } from "node:fs";
import { access, link, mkdir, open, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * A refusal an operator acts on, about the PGlite data directory: its message (Chinese first, then
 * a short English line) says what and how to fix it, so start-up prints it without a stack trace.
 * Recognise it by `code` (the server and the CLIs do), not by class, across package boundaries.
 */
export class DataDirectoryError extends Error {
  override name = "DataDirectoryError";
  readonly code: "BELTMAP_DATABASE_IN_USE" | "BELTMAP_DATA_DIR_NOT_WRITABLE";
  constructor(code: DataDirectoryError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * What a lock file says about the process that wrote it. A pid alone is not enough: in a container
 * every start is PID 1, and after a crash the pid may belong to an unrelated process. The start
 * time (of that pid, on that boot) names one process for good.
 */
type LockRecord = {
  pid: number;
  /** "proc:<clock ticks after boot>" (Linux, /proc/<pid>/stat field 22) or "ps:<lstart>" elsewhere. */
  startTime?: string;
  /** /proc/sys/kernel/random/boot_id (Linux): a lock from another boot, or another machine, is not ours to check. */
  bootId?: string;
  hostname?: string;
  /** For the message only. */
  command?: string;
  since?: string;
};

/** Lock files this process holds (for systems where a process's start time cannot be read). */
const heldHere = new Set<string>();

/**
 * PGlite is one process's database: a second process opening the same directory would silently
 * lose writes. A lock file beside the directory (`<dir>.lock`, naming the owner: pid, start time,
 * boot, host) makes the second one stop with a message instead.
 *
 * The lock is honoured only while the process that wrote it still runs: same boot, same pid, same
 * start time. Everything else is taken over: a process that is gone (kill -9), this very pid from an
 * earlier run (a restarted container is PID 1 again), a live pid that now belongs to another process,
 * a lock from an earlier boot. A lock written on another machine (a shared volume) cannot be checked
 * from here; it is taken over with a warning, since a crashed container rescheduled elsewhere must be
 * able to start (two machines sharing one PGlite directory at once is not a supported set-up).
 */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const file = `${dir}.lock`;
  const content = `${JSON.stringify(ownRecord())}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createWithContent(dir, file, content)) {
      heldHere.add(file);
      return async () => {
        heldHere.delete(file);
        // Only our own lock: had someone taken it over meanwhile, theirs stays.
        if ((await readFile(file, "utf8").catch(() => undefined)) === content)
          await unlink(file).catch(() => {});
      };
    }
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined; // released meanwhile: try again
      throw notWritableError(dir, path.dirname(file), error) ?? error;
    });
    if (text === undefined) continue;
    const record = parseRecord(text);
    if (record) {
      const verdict = judge(file, record);
      if (verdict === "held") throw inUseError(dir, record);
      if (verdict === "other-host") {
        process.emitWarning(
          `接管了 ${dir} 的锁：它由另一台主机 ${record.hostname ?? "?"} 上的进程 ${record.pid} 写下，无法从这里确认它是否还在运行。` +
            `两台机器不能同时使用同一个 PGlite 目录。 / Took over the lock of ${dir} written by process ${record.pid} on host ${record.hostname ?? "?"}.`,
          { code: "BELTMAP_LOCK_FROM_OTHER_HOST" },
        );
      }
    }
    await removeIfUnchanged(file, text);
  }
  throw new Error(`could not lock ${dir}: its lock file ${file} kept changing`);
}

/**
 * The checks before PGlite touches the directory: it (or, when it does not exist yet, the nearest
 * existing directory above it) must be writable, and so must its parent, where the lock file goes.
 * Otherwise PGlite fails seconds later with "unreachable"; this says so at once. Then creates it.
 */
export async function prepareDataDirectory(dir: string): Promise<void> {
  let existing = dir;
  let info = await statOrUndefined(existing);
  while (!info && path.dirname(existing) !== existing) {
    existing = path.dirname(existing);
    info = await statOrUndefined(existing);
  }
  if (info && !info.isDirectory()) {
    throw new DataDirectoryError(
      "BELTMAP_DATA_DIR_NOT_WRITABLE",
      notWritableMessage(dir, `${existing} 是一个文件，不是目录`, existing),
    );
  }
  for (const needed of existing === dir ? [dir, path.dirname(dir)] : [existing]) {
    await access(needed, constants.W_OK | constants.X_OK).catch((error: NodeJS.ErrnoException) => {
      throw notWritableError(dir, needed, error) ?? error;
    });
  }
  await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw notWritableError(dir, dir, error) ?? error;
  });
}

function statOrUndefined(file: string): Promise<Stats | undefined> {
  return stat(file).catch(() => undefined);
}

/** The refusal for a file-system error that means "cannot write there", or undefined for any other. */
function notWritableError(
  dir: string,
  culprit: string,
  error: NodeJS.ErrnoException,
): DataDirectoryError | undefined {
  let reason: string;
  switch (error.code) {
    case "EROFS":
      reason = `${culprit} 在只读文件系统上`;
      break;
    case "EACCES":
    case "EPERM": {
      const uid = process.getuid?.();
      const owner = ownerOf(culprit);
      reason =
        `当前用户${uid === undefined ? "" : `（uid ${uid}）`}没有 ${culprit} 的写权限` +
        (owner === undefined || owner === uid ? "" : `，它属于 uid ${owner}`);
      break;
    }
    case "ENOTDIR":
      reason = `${culprit} 的路径中有一段是文件，不是目录`;
      break;
    default:
      return undefined;
  }
  return new DataDirectoryError("BELTMAP_DATA_DIR_NOT_WRITABLE", notWritableMessage(dir, reason, culprit));
}

function notWritableMessage(dir: string, reason: string, culprit: string): string {
  return (
    `数据目录不可写：${dir}（${reason}）。` +
    `请以该目录的所有者身份运行 Beltmap，或修正权限（例如 chown -R <运行 Beltmap 的用户> ${culprit}），` +
    "或用环境变量 DATABASE_URL 指向一个可写的目录。" +
    ` / The data directory ${dir} is not writable: run as its owner, fix its permissions, or set DATABASE_URL.`
  );
}

function ownerOf(file: string): number | undefined {
  try {
    return statSync(file).uid; // synchronous: only on the way to an error message
  } catch {
    return undefined;
  }
}

function inUseError(dir: string, record: LockRecord): DataDirectoryError {
  const who =
    record.pid === process.pid
      ? `已被本进程（进程号 ${record.pid}）打开`
      : `正被另一个进程使用：进程号 ${record.pid}` +
        (record.command ? `（${record.command}）` : "") +
        (record.since ? `，${record.since} 启动` : "");
  return new DataDirectoryError(
    "BELTMAP_DATABASE_IN_USE",
    `数据库目录 ${dir} ${who}。` +
      "同一个 PGlite 目录同时只能由一个进程打开（Beltmap 服务器、npm run seed、create-admin、备份/恢复）。" +
      "请先停止那个进程，或用环境变量 DATABASE_URL 指向另一个目录。" +
      ` / The PGlite database ${dir} is in use by process ${record.pid} (another Beltmap server or \`npm run seed\`).`,
  );
}

/** "held": the process that wrote it runs; "stale": it does not; "other-host": cannot tell, taken over. */
function judge(file: string, record: LockRecord): "held" | "stale" | "other-host" {
  const self = ownRecord();
  if (record.bootId && self.bootId) {
    // Another boot: of this machine (every process of that boot is gone) or of another machine.
    if (record.bootId !== self.bootId)
      return record.hostname && record.hostname !== self.hostname ? "other-host" : "stale";
  } else if (record.hostname && record.hostname !== self.hostname) {
    return "other-host";
  }
  if (!isRunning(record.pid)) return "stale";
  const startTime = processStartTime(record.pid);
  if (record.startTime && startTime) return record.startTime === startTime ? "held" : "stale";
  // The start time is unknown: a lock written by an earlier Beltmap (the pid alone), or a system
  // where neither /proc nor ps tells it.
  if (record.pid === process.pid) return heldHere.has(file) ? "held" : "stale";
  const command = commandLine(record.pid);
  return command === undefined || /node|beltmap|tsx/i.test(command) ? "held" : "stale";
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

const HAS_PROC = existsSync("/proc/self/stat");

/** An identifier of the process's start, stable for its lifetime; undefined when it cannot be read. */
function processStartTime(pid: number): string | undefined {
  if (HAS_PROC) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may hold spaces and parentheses; fields after it start at 3.
      const start = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[22 - 3];
      return start && /^\d+$/.test(start) ? `proc:${start}` : undefined;
    } catch {
      return undefined;
    }
  }
  if (process.platform === "win32") return undefined;
  try {
    const lstart = execFileSync("ps", ["-o", "lstart=", "-p", String(pid)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5_000,
    }).trim();
    return lstart ? `ps:${lstart}` : undefined;
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string | undefined {
  if (!HAS_PROC) return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim() || undefined;
  } catch {
    return undefined;
  }
}

let own: LockRecord | undefined;
function ownRecord(): LockRecord {
  own ??= {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    bootId: bootId(),
    hostname: os.hostname(),
    command: [path.basename(process.execPath), ...process.execArgv, ...process.argv.slice(1)]
      .join(" ")
      .slice(0, 200),
    since: new Date(performance.timeOrigin).toISOString(),
  };
  return own;
}

function parseRecord(text: string): LockRecord | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) }; // written by an earlier Beltmap: the pid alone
  try {
    const value = JSON.parse(trimmed) as Record<string, unknown>;
    if (!Number.isSafeInteger(value.pid) || (value.pid as number) <= 0) return undefined;
    const field = (key: string) => (typeof value[key] === "string" ? (value[key] as string) : undefined);
    return {
      pid: value.pid as number,
      startTime: field("startTime"),
      bootId: field("bootId"),
      hostname: field("hostname"),
      command: field("command"),
      since: field("since"),
    };
  } catch {
    return undefined; // unreadable: nobody can be shown to hold it
  }
}

/**
 * Creates `file` holding `content`, or returns false when it exists. Written aside and linked into
 * place, so that no one ever reads a lock file that is still empty (and takes it for stale).
 */
async function createWithContent(dir: string, file: string, content: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temp, content, { flag: "wx" });
  } catch (error) {
    throw notWritableError(dir, path.dirname(file), error as NodeJS.ErrnoException) ?? error;
  }
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes(code ?? "")) throw error;
    // A file system without hard links: create it directly (a reader may then briefly see it empty).
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(content);
      await handle.close();
      return true;
    } catch (fallback) {
      if ((fallback as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw fallback;
    }
  } finally {
    await unlink(temp).catch(() => {});
  }
}

/**
 * Removes a stale lock, unless someone replaced it since it was read (two processes taking over the
 * same stale lock): it is moved aside first, and put back when it is no longer the one judged stale.
 */
async function removeIfUnchanged(file: string, judged: string): Promise<void> {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return; // gone already
  }
  const moved = await readFile(aside, "utf8").catch(() => undefined);
  if (moved !== judged) {
    await link(aside, file).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") await rename(aside, file).catch(() => {});
    });
  }
  await unlink(aside).catch(() => {});
}
