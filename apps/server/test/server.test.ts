// The HTTP layer on an in-memory PGlite: tRPC over GET, health, the app shell and its fallbacks.
const SESSION_DEFAULTS = {
  SESSION_IDLE_MINUTES: 30,
  SESSION_ABSOLUTE_HOURS: 12,
  TRUST_PROXY: false as const,
};

import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "@beltmap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/app.ts";
import { openDemoDatabase } from "./demo-database.ts";

let database: Database;
let app: Awaited<ReturnType<typeof buildServer>>;
/** demo-city's session cookie: the API needs one (the auth tests cover its absence). */
let cookie: string;
const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ url, headers: { cookie, ...headers } });

beforeAll(async () => {
  database = await openDemoDatabase();
  const webDist = await mkdtemp(path.join(tmpdir(), "beltmap-web-"));
  await writeFile(path.join(webDist, "index.html"), "<!doctype html><title>Beltmap</title>");
  app = await buildServer({
    config: { WEB_DIST: webDist, LOG_LEVEL: "silent", ...SESSION_DEFAULTS },
    database,
    logger: false,
  });
  const login = await app.inject({
    method: "POST",
    url: "/trpc/auth.login",
    payload: { username: "demo-city", password: "demo-only-2026" },
  });
  cookie = String(login.headers["set-cookie"]).split(";")[0] ?? "";
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("the server", () => {
  it("answers /healthz with the database kind", async () => {
    const response = await app.inject("/healthz");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: "pglite-memory" });
  });

  it("serves the tRPC contract as plain JSON over GET", async () => {
    const response = await get("/trpc/unit.list");
    expect(response.statusCode).toBe(200);
    expect(response.json().result.data).toHaveLength(9);
    const input = encodeURIComponent(JSON.stringify({ unitId: "WEST_ZONE" }));
    const belts = await get(`/trpc/belt.list?input=${input}`);
    expect(belts.json().result.data).toHaveLength(1);
  });

  it("answers bad input with 400 and the field's name", async () => {
    const input = encodeURIComponent(JSON.stringify({ tiers: ["GOLD"] }));
    const response = await get(`/trpc/map.organizations?input=${input}`);
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.message).toContain("tiers.0");
    expect(error.message).toMatch(/^输入有误：tiers\.0 无效/); // worded in Chinese, naming the field
    expect(error.data.issues[0].field).toBe("tiers.0");
  });

  it("serves the county outlines for the map", async () => {
    const response = await app.inject("/geo/quzhou-counties.geojson");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("application/geo+json");
    const names = response.json().features.map((f: { properties: { name: string } }) => f.properties.name);
    expect(names.sort()).toEqual(["常山县", "开化县", "柯城区", "江山市", "衢江区", "龙游县"].sort());
  });

  it("compresses large API answers", async () => {
    const response = await get("/trpc/map.organizations", { "accept-encoding": "gzip" });
    expect(response.headers["content-encoding"]).toBe("gzip");
  });

  it("gives client-side routes the app shell but a missing asset a 404", async () => {
    const shell = await app.inject("/briefing");
    expect(shell.statusCode).toBe(200);
    expect(shell.body).toContain("<title>Beltmap</title>");
    expect((await app.inject("/assets/index-old.js")).statusCode).toBe(404);
    expect((await app.inject("/trpc/no.such")).statusCode).toBe(404);
  });
});

describe("errors", () => {
  it("never sends a stack trace or an internal message to the client", async () => {
    const broken = await openDatabase("memory:");
    await broken.close(); // every query now fails inside the server
    const app2 = await buildServer({
      config: { WEB_DIST: "/nonexistent", LOG_LEVEL: "silent", ...SESSION_DEFAULTS },
      database: broken,
      logger: false,
    });
    try {
      // A session cookie makes the server look the session up: the query fails inside.
      const response = await app2.inject({
        url: "/trpc/unit.list",
        headers: { cookie: "beltmap_session=x" },
      });
      expect(response.statusCode).toBe(500);
      const error = response.json().error;
      expect(error.message).toBe("服务器内部错误，请稍后重试");
      expect(JSON.stringify(error)).not.toMatch(/stack|\/work\/|node_modules/);
    } finally {
      await app2.close();
    }
  }, 60_000);
});
