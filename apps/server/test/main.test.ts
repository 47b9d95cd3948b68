// The real entry point as `npm start` runs it: a bad configuration stops it with the variable's
// name; a good one serves /healthz and exits 0 on SIGTERM.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("main", () => {
  it("refuses to start on an invalid PORT, naming it", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: SERVER_DIR,
      env: { ...process.env, PORT: "not-a-port", DATABASE_URL: "memory:" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid configuration");
    expect(result.stderr).toContain("PORT");
  }, 60_000);

  it("refuses an unsupported DATABASE_URL with a message naming it", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: SERVER_DIR,
      env: { ...process.env, PORT: "0", DATABASE_URL: "mysql://root@localhost/x" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL");
  }, 60_000);
});
