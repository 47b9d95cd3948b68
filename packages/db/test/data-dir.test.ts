// A PGlite data directory Beltmap cannot write: start-up says so at once, naming the directory,
// instead of PGlite's "unreachable" seconds later.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/client.ts";

const DB_PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Permission bits do not stop root. Run as root, the permission case runs `npm run seed` as the
// unprivileged user `nobody` (uid 65534) instead, when this system lets it switch.
const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65_534;
const CAN_RUN_UNPRIVILEGED =
  process.platform !== "win32" &&
  (!IS_ROOT || spawnSync(process.execPath, ["-e", ""], { uid: NOBODY, gid: NOBODY }).status === 0);

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "beltmap-data-dir-"));
});
afterEach(async () => {
  await chmod(root, 0o700).catch(() => {});
  await rm(root, { recursive: true, force: true });
});

/** `npm run seed` as the package runs it (tsx src/seed/cli.ts), as `nobody` when this runs as root. */
async function seed(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/seed/cli.ts"], {
    cwd: DB_PACKAGE,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(IS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.stdout.resume();
  const [status] = (await once(child, "close")) as [number | null];
  return { status, stderr };
}

describe("openDatabase on a data directory it cannot write", () => {
  it("refuses a path through a regular file, and a regular file in the directory's place, creating nothing", async () => {
    const file = path.join(root, "not-a-directory");
    await writeFile(file, "");
    const under = path.join(file, "pglite");
    await expect(openDatabase(under)).rejects.toMatchObject({
      code: "BELTMAP_DATA_DIR_NOT_WRITABLE",
      message: expect.stringContaining(`数据目录不可写：${under}（${file} 是一个文件，不是目录）`),
    });
    await expect(openDatabase(file)).rejects.toMatchObject({
      code: "BELTMAP_DATA_DIR_NOT_WRITABLE",
      message: expect.stringMatching(/^数据目录不可写：.*DATABASE_URL/),
    });
    expect(await readdir(root)).toEqual(["not-a-directory"]); // no lock file, no directory
  });

  it.runIf(CAN_RUN_UNPRIVILEGED)(
    "npm run seed refuses a read-only directory (0555), and a missing one under a read-only parent, at once and without a stack trace",
    async () => {
      await chmod(root, 0o777); // the lock file beside the directory could be written
      const readOnly = path.join(root, "read-only");
      await mkdir(readOnly, { mode: 0o555 });
      await chmod(readOnly, 0o555);
      const lockedParent = path.join(root, "locked-parent");
      await mkdir(lockedParent);
      await chmod(lockedParent, 0o555);
      const missing = path.join(lockedParent, "pglite");

      const [existing, absent] = await Promise.all([
        seed({ DATABASE_URL: readOnly }),
        seed({ DATABASE_URL: missing }),
      ]);
      const uid = IS_ROOT ? NOBODY : process.getuid?.();
      expect(existing.status).toBe(1);
      expect(existing.stderr).toContain(
        `npm run seed 没有运行：数据目录不可写：${readOnly}（当前用户（uid ${uid}）没有 ${readOnly} 的写权限`,
      );
      expect(existing.stderr).toContain("DATABASE_URL");
      expect(existing.stderr).not.toMatch(/^\s+at /m);
      expect(absent.status).toBe(1);
      expect(absent.stderr).toContain(
        `数据目录不可写：${missing}（当前用户（uid ${uid}）没有 ${lockedParent} 的写权限`,
      );
      expect(absent.stderr).not.toMatch(/^\s+at /m);
      expect((await readdir(root)).sort()).toEqual(["locked-parent", "read-only"]); // no lock file left
    },
  );
});
