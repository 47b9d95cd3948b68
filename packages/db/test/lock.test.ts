import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/client.ts";
import { lockDirectory } from "../src/lock.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "beltmap-lock-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("lockDirectory", () => {
  it("refuses a directory another running process holds, naming the process", async () => {
    const dir = path.join(root, "db");
    await writeFile(`${dir}.lock`, "1"); // pid 1 always runs
    await expect(lockDirectory(dir)).rejects.toThrow(/in use by process 1/);
  });

  it("takes over a lock whose process is gone, and releases it", async () => {
    const dir = path.join(root, "db");
    await writeFile(`${dir}.lock`, "999999999");
    const release = await lockDirectory(dir);
    expect(await readFile(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    await release();
    await expect(readFile(`${dir}.lock`, "utf8")).rejects.toThrow();
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
