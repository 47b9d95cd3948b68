// `npm start` on a PGlite data directory it cannot use: it stops at once with the database
// package's message (Chinese, naming the directory and what to do), not a stack trace.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "beltmap-main-data-dir-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: { ...process.env, PORT: "0", DEMO_DATA: "off", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.stdout.resume();
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stderr };
}

describe("main on a data directory it cannot use", () => {
  it("says the directory is not writable, or in use by which process, without a stack trace", async () => {
    const file = path.join(root, "not-a-directory");
    await writeFile(file, "");
    const unwritable = path.join(file, "pglite");
    const inUse = path.join(root, "pglite");
    // This test's process (a Node process, so a Beltmap for all the lock can tell) holds it.
    await writeFile(`${inUse}.lock`, String(process.pid));

    const [notWritable, held] = await Promise.all([
      start({ DATABASE_URL: unwritable }),
      start({ DATABASE_URL: inUse }),
    ]);
    expect(notWritable.status).toBe(1);
    expect(notWritable.stderr).toContain(
      `Beltmap 无法启动：数据目录不可写：${unwritable}（${file} 是一个文件，不是目录）`,
    );
    expect(notWritable.stderr).toContain("DATABASE_URL");
    expect(notWritable.stderr).not.toMatch(/^\s+at /m);
    expect(held.status).toBe(1);
    expect(held.stderr).toContain(
      `Beltmap 无法启动：数据库目录 ${inUse} 正被另一个进程使用：进程号 ${process.pid}`,
    );
    expect(held.stderr).not.toMatch(/^\s+at /m);
  }, 90_000);
});
