// The real entry point as `npm start` runs it: a bad configuration stops it with the variable's
// name. (A good start, /healthz and the exit on SIGTERM are covered by the browser tests.)
import { spawnSync } from "node:child_process";
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
