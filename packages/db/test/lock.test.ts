import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/client.ts";
import { lockDirectory } from "../src/lock.ts";

const DB_PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HAS_PROC = existsSync("/proc/self/stat");
const BOOT_ID = await readFile("/proc/sys/kernel/random/boot_id", "utf8").then(
  (id) => id.trim(),
  () => undefined,
);

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "beltmap-lock-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Field 22 of /proc/<pid>/stat (clock ticks after boot), read here independently of lock.ts. */
async function startTimeOf(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  return `proc:${stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]}`;
}

/** A lock file as a process on this machine writes it (the start time is what tells processes apart). */
function record(pid: number, startTime: string | undefined, extra: Record<string, string> = {}) {
  return JSON.stringify({ pid, startTime, bootId: BOOT_ID, hostname: os.hostname(), ...extra });
}

/** A live process that is not Beltmap: `cat`, alive until its stdin closes (no timer involved). */
async function unrelatedProcess(): Promise<ChildProcess & { pid: number }> {
  const child = spawn("cat", [], { stdio: ["pipe", "ignore", "ignore"] });
  await once(child, "spawn");
  return child as ChildProcess & { pid: number };
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}

/** A separate Node process that takes the lock as the server does and says "locked" when it has it. */
async function holder(dir: string): Promise<ChildProcess & { pid: number }> {
  const script = path.join(root, "holder.mjs");
  await writeFile(
    script,
    `const { lockDirectory } = await import(${JSON.stringify(pathToFileURL(path.join(DB_PACKAGE, "src/lock.ts")).href)});
await lockDirectory(${JSON.stringify(dir)});
process.stdout.write("locked\\n");
process.stdin.resume(); // holds it until killed
`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: DB_PACKAGE,
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.includes("locked\n")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the lock holder exited (${code}): ${output}`)));
  });
  return child as ChildProcess & { pid: number };
}

/** `npm run seed` as the package runs it (tsx src/seed/cli.ts). */
async function seed(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/seed/cli.ts"], {
    cwd: DB_PACKAGE,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stdout, stderr };
}

describe("lockDirectory", () => {
  it("records who holds it (pid, start time, boot, host), and on release removes only its own lock", async () => {
    const dir = path.join(root, "db");
    const release = await lockDirectory(dir);
    const written = JSON.parse(await readFile(`${dir}.lock`, "utf8"));
    expect(written).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    if (HAS_PROC)
      expect(written).toMatchObject({ startTime: await startTimeOf(process.pid), bootId: BOOT_ID });
    await release();
    expect(existsSync(`${dir}.lock`)).toBe(false);

    // Someone else's lock in its place by the time it is released stays.
    const again = await lockDirectory(dir);
    await writeFile(`${dir}.lock`, record(4_000_000, "proc:1"));
    await again();
    expect(await readFile(`${dir}.lock`, "utf8")).toBe(record(4_000_000, "proc:1"));
  });

  it("takes over a lock naming its own pid from an earlier run (a container restarted as PID 1)", async () => {
    const dir = path.join(root, "db");
    // As an earlier Beltmap wrote it: the pid alone.
    await writeFile(`${dir}.lock`, String(process.pid));
    await (await lockDirectory(dir))();
    // As this one writes it, from a run that started at another time.
    await writeFile(`${dir}.lock`, record(process.pid, "proc:1"));
    const release = await lockDirectory(dir);
    expect(JSON.parse(await readFile(`${dir}.lock`, "utf8")).startTime).not.toBe("proc:1");
    await release();
  });

  it("refuses a second lock while this process holds the first, saying so", async () => {
    const dir = path.join(root, "db");
    const release = await lockDirectory(dir);
    try {
      await expect(lockDirectory(dir)).rejects.toMatchObject({
        code: "BELTMAP_DATABASE_IN_USE",
        message: expect.stringContaining(`数据库目录 ${dir} 已被本进程（进程号 ${process.pid}）打开`),
      });
    } finally {
      await release();
    }
  });

  it.runIf(HAS_PROC)(
    "takes over a lock naming a live process that did not write it (its pid reused), honours one with its start time",
    async () => {
      const dir = path.join(root, "db");
      const other = await unrelatedProcess();
      try {
        await writeFile(`${dir}.lock`, record(other.pid, "proc:1")); // the pid's start time is not this
        await (await lockDirectory(dir))();
        await writeFile(`${dir}.lock`, String(other.pid)); // the pid alone, and it is not a Node process
        await (await lockDirectory(dir))();
        // The same pid with its real start time: that process wrote it, and it runs.
        await writeFile(`${dir}.lock`, record(other.pid, await startTimeOf(other.pid)));
        await expect(lockDirectory(dir)).rejects.toThrow(`正被另一个进程使用：进程号 ${other.pid}`);
      } finally {
        await stop(other);
      }
    },
  );

  it.runIf(HAS_PROC && BOOT_ID)(
    "takes over a lock from another boot, and from another host with a warning naming it",
    async () => {
      const dir = path.join(root, "db");
      const other = await unrelatedProcess(); // a pid that runs, with its start time: held on this boot
      try {
        const live = await startTimeOf(other.pid);
        await writeFile(
          `${dir}.lock`,
          record(other.pid, live, { bootId: "00000000-0000-0000-0000-000000000000" }),
        );
        await (await lockDirectory(dir))();

        // emitWarning emits on the next tick, before lockDirectory's file operations complete.
        const warnings: (Error & { code?: string })[] = [];
        const listener = (warning: Error) => warnings.push(warning);
        process.on("warning", listener);
        await writeFile(
          `${dir}.lock`,
          record(other.pid, live, { bootId: "00000000-0000-0000-0000-000000000000", hostname: "elsewhere" }),
        );
        try {
          await (await lockDirectory(dir))();
        } finally {
          process.off("warning", listener);
        }
        expect(warnings.find((w) => w.code === "BELTMAP_LOCK_FROM_OTHER_HOST")?.message).toContain(
          `另一台主机 elsewhere 上的进程 ${other.pid}`,
        );
      } finally {
        await stop(other);
      }
    },
  );

  it("refuses while another Beltmap process holds it, naming the directory and the process; so does npm run seed, without a stack trace", async () => {
    const dir = path.join(root, "db");
    const running = await holder(dir);
    try {
      const refusal = `数据库目录 ${dir} 正被另一个进程使用：进程号 ${running.pid}`;
      await expect(lockDirectory(dir)).rejects.toMatchObject({
        code: "BELTMAP_DATABASE_IN_USE",
        message: expect.stringContaining(refusal),
      });
      const result = await seed({ DATABASE_URL: dir });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`npm run seed 没有运行：${refusal}`);
      expect(result.stderr).toContain("DATABASE_URL");
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await stop(running);
    }
  });

  it("takes over the lock of a Beltmap process killed with SIGKILL", async () => {
    const dir = path.join(root, "db");
    const running = await holder(dir);
    const killed = JSON.parse(await readFile(`${dir}.lock`, "utf8"));
    expect(killed.pid).toBe(running.pid);
    await stop(running, "SIGKILL");
    const release = await lockDirectory(dir);
    expect(JSON.parse(await readFile(`${dir}.lock`, "utf8")).pid).toBe(process.pid);
    await release();
  });
});

describe("openDatabase on a PGlite directory", () => {
  it("keeps a second opening out while the first is open, and lets it in afterwards", async () => {
    const dir = path.join(root, "pglite");
    const first = await openDatabase(dir);
    try {
      await expect(openDatabase(dir)).rejects.toThrow(new RegExp(`in use by process ${process.pid}`));
    } finally {
      await first.close();
    }
    const again = await openDatabase(dir);
    expect(again.migrations.applied).toEqual([]);
    await again.close();
  }, 60_000);
});
