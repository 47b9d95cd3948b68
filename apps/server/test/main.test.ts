// The real entry point as `npm start` runs it: a bad configuration stops it with the variable's
// name; a good one serves and exits 0 on SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("main", () => {
  it("refuses to start on an invalid PORT, naming it", () => {
    const result = start({ PORT: "not-a-port", DATABASE_URL: "memory:" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid configuration");
    expect(result.stderr).toContain("PORT");
  }, 60_000);

  it("refuses an unsupported DATABASE_URL with a message naming it", () => {
    const result = start({ PORT: "0", DATABASE_URL: "mysql://root@localhost/x" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL");
  }, 60_000);
});

describe("main on a fresh embedded database with DEMO_DATA=off", () => {
  it("loads the reference data only, serves it, and exits 0 on SIGTERM", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "beltmap-main-"));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: SERVER_DIR,
      env: { ...process.env, PORT: String(port), DATABASE_URL: dir, DEMO_DATA: "off", LOG_LEVEL: "warn" },
      stdio: "ignore",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await expect
        .poll(
          () =>
            fetch(`${base}/healthz`).then(
              (r) => r.status,
              () => 0,
            ),
          { timeout: 60_000 },
        )
        .toBe(200);
      const read = async (procedure: string) =>
        ((await (await fetch(`${base}/trpc/${procedure}`)).json()) as { result: { data: unknown } }).result
          .data;
      const units = (await read("unit.list")) as unknown[];
      const organizations = (await read("map.organizations")) as unknown[];
      const info = (await read("meta.info")) as { demoData: boolean };
      expect(units).toHaveLength(9);
      expect(organizations).toEqual([]);
      expect(info.demoData).toBe(false);
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.lock`, { force: true });
    }
  }, 90_000);
});
