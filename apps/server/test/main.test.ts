// The real entry point as `npm start` runs it: a bad configuration stops it with the variable's
// name; a good one serves and exits 0 on SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@beltmap/db";
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
      stdio: ["ignore", "pipe", "pipe"],
    });
    // What the server said, for a failure's message: why it did not serve, or did not exit 0.
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
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
      // Nobody has an account yet (npm run create-admin makes the first): the API answers no one.
      expect((await fetch(`${base}/trpc/unit.list`)).status).toBe(401);
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      expect(code, output).toBe(0);
      const database = await openDatabase(dir);
      try {
        expect(await database.prisma.unit.count()).toBe(9);
        expect(await database.prisma.organization.count()).toBe(0);
        expect(await database.prisma.user.count()).toBe(0);
        expect(await database.prisma.appMeta.count()).toBe(0); // not labelled demo data
      } finally {
        await database.close();
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}.lock`, { force: true });
    }
  }, 90_000);
});
