// Two compiled server processes on one PostgreSQL database, as behind a reverse proxy: what one
// instance decides (a throttle, a logout, a revoked briefing link) holds on the other.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { hashPassword, openDatabase } from "@beltmap/db";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, databaseUrl as urlOf } from "../support/databases.ts";
import { REPO_ROOT, type RunningServer, startServer } from "../support/server.ts";

const PASSWORD = "two-instances-2026";

let databaseName: string;
let databaseUrl: string;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  databaseName = `beltmap_instances_${process.pid}_${Date.now()}`;
  await adminQuery(`CREATE DATABASE "${databaseName}"`);
  databaseUrl = urlOf(databaseName);
  // Both start together on the empty database: one migrates, the other waits for it.
  [a, b] = await Promise.all([startServer({ databaseUrl }), startServer({ databaseUrl })]);
  const db = await openDatabase(databaseUrl, { migrate: false });
  try {
    const passwordHash = await hashPassword(PASSWORD);
    await db.prisma.user.createMany({
      data: ["city", "city-2", "city-3"].map((username) => ({
        username,
        displayName: username,
        role: "CITY",
        passwordHash,
      })),
    });
  } finally {
    await db.close();
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  if (databaseName) await adminQuery(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
});

async function login(server: RunningServer, username: string, password = PASSWORD) {
  const response = await fetch(`${server.url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(";")[0] ?? null;
  return { status: response.status, cookie, body: await response.text() };
}

async function call(server: RunningServer, path: string, cookie: string | null, input?: unknown) {
  const response = await fetch(`${server.url}/trpc/${path}`, {
    method: input === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    ...(input === undefined ? {} : { body: JSON.stringify(input) }),
  });
  const text = await response.text();
  const setCookie = response.headers.getSetCookie()[0]?.split(";")[0] ?? null;
  return { status: response.status, text, setCookie, json: () => JSON.parse(text) };
}

describe("two server instances on one PostgreSQL", () => {
  it("both came up, having applied each migration once", async () => {
    const [healthA, healthB] = await Promise.all([fetch(`${a.url}/healthz`), fetch(`${b.url}/healthz`)]);
    expect([healthA.status, healthB.status]).toEqual([200, 200]);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; times: number }>(
        `SELECT migration_name AS name, count(*)::int AS times FROM "_prisma_migrations" GROUP BY 1`,
      );
      const files = (await readdir(path.join(REPO_ROOT, "prisma/migrations"), { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
      expect(rows.map((row) => row.name).sort()).toEqual(files.sort());
      expect(rows.every((row) => row.times === 1)).toBe(true);
    } finally {
      await client.end();
    }
  });

  it("counts wrong passwords on either: the 6th try is refused on the other, the right password too", async () => {
    for (let i = 0; i < 5; i++) {
      const tried = await login(i % 2 === 0 ? a : b, "city", "wrong-password");
      expect(tried.status, `guess ${i + 1}`).toBe(401);
    }
    for (const server of [a, b]) {
      const refused = await login(server, "city");
      expect(refused.status).toBe(429);
      expect(refused.body).toContain("登录失败次数过多");
    }
  });

  it("ends a session everywhere when it is signed out on one", async () => {
    const signedIn = await login(a, "city-2");
    expect(signedIn.status).toBe(200);
    expect((await call(b, "auth.me", signedIn.cookie)).status).toBe(200);
    expect((await call(b, "auth.logout", signedIn.cookie, {})).status).toBe(200);
    expect((await call(a, "auth.me", signedIn.cookie)).status).toBe(401);
  });

  it("refuses a revoked briefing link, and signs out its screens, on the other", async () => {
    const city = await login(b, "city-3");
    const created = await call(a, "briefing.createLink", city.cookie, { label: "大厅屏", unitId: null });
    expect(created.status).toBe(200);
    const link = created.json().result.data as { id: number; path: string };
    const key = link.path.split("#key=")[1];
    const opened = await call(b, "briefing.open", null, { key });
    expect(opened.status).toBe(200);
    const screen = opened.setCookie;
    expect((await call(a, "dashboard.summary", screen)).status).toBe(200);

    expect((await call(a, "briefing.revokeLink", city.cookie, { id: link.id })).status).toBe(200);
    expect((await call(b, "dashboard.summary", screen)).status).toBe(401);
    const reopened = await call(b, "briefing.open", null, { key });
    expect(reopened.status).toBe(401);
    expect(reopened.text).toContain("链接");
  });
});
