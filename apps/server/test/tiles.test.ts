// The map's tiles over HTTP: the bytes of map.tile, binary, to signed-in users only.
import { SESSION_COOKIE } from "@beltmap/api";
import type { Database } from "@beltmap/db";
import { DEMO_PASSWORD } from "@beltmap/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/app.ts";
import { openDemoDatabase } from "./demo-database.ts";

type App = Awaited<ReturnType<typeof buildServer>>;

let database: Database;
let app: App;
let cookie: string;

beforeAll(async () => {
  database = await openDemoDatabase();
  app = await buildServer({
    config: {
      WEB_DIST: "/nonexistent",
      LOG_LEVEL: "silent",
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      TRUST_PROXY: false,
    },
    database,
    logger: false,
  });
  const login = await app.inject({
    method: "POST",
    url: "/trpc/auth.login",
    headers: { "content-type": "application/json" },
    payload: JSON.stringify({ username: "demo-county", password: DEMO_PASSWORD }),
  });
  const token = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  if (!token) throw new Error(`login failed: ${login.body}`);
  cookie = `${SESSION_COOKIE}=${token}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const tile = (path: string, signedIn = true) =>
  app.inject({ method: "GET", url: `/tiles/organizations/${path}`, headers: signedIn ? { cookie } : {} });

describe("/tiles/organizations", () => {
  it("answers the bytes map.tile gives, as a vector tile nobody else may cache", async () => {
    const response = await tile("0/0/0.pbf?show=DEMONSTRATION,WARNING");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/vnd.mapbox-vector-tile");
    expect(response.headers["cache-control"]).toBe("private, no-store");
    const input = encodeURIComponent(
      JSON.stringify({ z: 0, x: 0, y: 0, show: ["DEMONSTRATION", "WARNING"] }),
    );
    const viaTrpc = await app.inject({
      method: "GET",
      url: `/trpc/map.tile?input=${input}`,
      headers: { cookie },
    });
    const { data } = JSON.parse(viaTrpc.body).result.data as { data: string };
    expect(response.rawPayload.length).toBeGreaterThan(0);
    expect(response.rawPayload.equals(Buffer.from(data, "base64"))).toBe(true);
  });

  it("refuses a visitor without a session", async () => {
    expect((await tile("0/0/0.pbf", false)).statusCode).toBe(401);
  });

  it("says what is wrong with a tile's address, a unit or a category", async () => {
    expect((await tile("abc/0/0.pbf")).statusCode).toBe(400);
    expect((await tile("2/4/0.pbf")).statusCode).toBe(400);
    const bogus = await tile("0/0/0.pbf?show=BOGUS");
    expect(bogus.statusCode).toBe(400);
    // The field is named, in words, not as the schema's JSON.
    expect(bogus.json().error).toMatch(/^show\.0：/);
    // 开化县 is outside 柯城区's region.
    expect((await tile("0/0/0.pbf?unit=KAIHUA")).statusCode).toBe(404);
  });
});
