// `npm run create-admin` as a real process against a PGlite directory of its own: creates a CITY
// account with an Argon2id hash, refuses a short password, an existing username and a locked database.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, verifyPassword } from "@beltmap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PASSWORD = "first-admin-password-2026";

let root: string;
let dir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "beltmap-create-admin-"));
  dir = path.join(root, "pglite");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs the command as `npm run create-admin` does, stdin not a terminal (so no prompt). */
async function createAdmin(args: string[], env: Record<string, string> = {}) {
  const { BELTMAP_ADMIN_PASSWORD: _inherited, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "src/create-admin.ts", ...args], {
    cwd: SERVER_DIR,
    env: { ...inherited, DATABASE_URL: dir, DEMO_DATA: "off", LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
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
  return { status, stdout, stderr, output: stdout + stderr };
}

async function readUsers() {
  const database = await openDatabase(dir);
  try {
    return await database.prisma.user.findMany({ orderBy: { id: "asc" } });
  } finally {
    await database.close();
  }
}

describe("create-admin", () => {
  it("creates a CITY user with an Argon2id hash, and never prints the password", async () => {
    const result = await createAdmin(["first-admin", "--display-name", "市委两新工委"], {
      BELTMAP_ADMIN_PASSWORD: PASSWORD,
    });
    expect(result.status, result.output).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(result.stdout).toContain("已创建市级管理员 first-admin");
    expect(result.stdout).toContain('created city administrator "first-admin"');
    expect(result.output).not.toContain(PASSWORD);

    const users = await readUsers();
    expect(users).toHaveLength(1);
    const [admin] = users;
    expect(admin).toMatchObject({
      username: "first-admin",
      displayName: "市委两新工委",
      role: "CITY",
      unitId: null,
      townshipId: null,
      organizationId: null,
      disabled: false,
    });
    expect(admin?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(admin?.passwordHash ?? "", PASSWORD)).toBe(true);

    // The database got what `npm start` gives an empty one (DEMO_DATA=off: the reference data), and
    // the creation is in the audit log.
    const database = await openDatabase(dir);
    try {
      expect(await database.prisma.unit.count()).toBe(9);
      expect(await database.prisma.organization.count()).toBe(0);
      const audit = await database.prisma.auditLog.findMany({ where: { action: "user.create" } });
      expect(audit.map((row) => row.entityId)).toEqual([String(admin?.id)]);
      expect(JSON.stringify(audit.map((row) => row.after))).not.toContain(PASSWORD);
    } finally {
      await database.close();
    }
  }, 90_000);

  it("refuses an existing username with exit 1", async () => {
    const result = await createAdmin(["first-admin"], { BELTMAP_ADMIN_PASSWORD: "another-password-2026" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("用户名已存在");
    expect(result.stderr).toContain("already exists");
    const users = await readUsers();
    expect(users).toHaveLength(1);
    expect(await verifyPassword(users[0]?.passwordHash ?? "", PASSWORD)).toBe(true);
  }, 90_000);

  it("refuses a short password, a missing one and bad arguments with exit 1, before opening the database", async () => {
    const elsewhere = path.join(root, "never-created");
    const env = { DATABASE_URL: elsewhere, BELTMAP_ADMIN_PASSWORD: PASSWORD };
    const [short, none, ...bad] = await Promise.all([
      createAdmin(["second-admin"], { ...env, BELTMAP_ADMIN_PASSWORD: "short-pw" }),
      createAdmin(["second-admin"], { DATABASE_URL: elsewhere }),
      createAdmin([], env),
      createAdmin(["ab"], env),
      createAdmin(["one", "two"], env),
      createAdmin(["ok-name", "--colour", "red"], env),
    ]);
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("密码至少 10 个字符");
    expect(short.output).not.toContain("short-pw");
    expect(none.status).toBe(1);
    expect(none.stderr).toContain("BELTMAP_ADMIN_PASSWORD");
    expect(bad.map((r) => r.status)).toEqual([1, 1, 1, 1]);
    expect(bad.map((r) => r.stderr.split("\n")[0])).toEqual([
      "缺少用户名 / a username is required",
      expect.stringContaining("3–32"),
      "多余的参数 / unexpected arguments: two",
      expect.stringContaining("--colour"),
    ]);
    expect(existsSync(elsewhere)).toBe(false);
  }, 90_000);

  it("stops with the lock's message while a server holds the PGlite database", async () => {
    // The lock file of a running process (this one) beside the directory, as a running server leaves it.
    await writeFile(`${dir}.lock`, String(process.pid));
    try {
      const result = await createAdmin(["second-admin"], { BELTMAP_ADMIN_PASSWORD: PASSWORD });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`in use by process ${process.pid}`);
    } finally {
      await rm(`${dir}.lock`, { force: true });
    }
  }, 90_000);

  it("is `npm run create-admin` at the repository root, and explains itself with --help", async () => {
    const child = spawn("npm", ["run", "--silent", "create-admin", "--", "--help"], {
      cwd: path.resolve(SERVER_DIR, "../.."),
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 60_000,
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    const [status] = (await once(child, "close")) as [number | null];
    expect(status).toBe(0);
    expect(stdout).toContain("npm run create-admin -- <username> [--display-name 名称]");
    expect(stdout).toContain("BELTMAP_ADMIN_PASSWORD");
    expect(stdout).toMatch(/while the server runs on it/);
  }, 60_000);
});
