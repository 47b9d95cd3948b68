// meta.info's basemap: the server's setting, passed in through the context, for signed-in users.
import type { Database } from "@beltmap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppInfoDto, createCaller, createContextInner } from "../src/index.ts";
import { anonymous, openDemoDatabase, outcome, signIn } from "./support.ts";

let db: Database;

beforeAll(async () => {
  db = await openDemoDatabase();
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const BASEMAP: NonNullable<AppInfoDto["basemap"]> = {
  tiles: ["https://tiles.example.org/{z}/{x}/{y}.png?key=secret-key"],
  labelTiles: null,
  attribution: "© Example",
  maxZoom: 17,
};

describe("meta.info's basemap", () => {
  it("is null by default: the map is offline, boundaries only", async () => {
    const { call } = await signIn(db, "demo-org");
    expect((await call().meta.info()).basemap).toBeNull();
  });

  it("answers the configured tiles and attribution", async () => {
    const { token } = await signIn(db, "demo-leader");
    const caller = createCaller(
      createContextInner({ prisma: db.prisma, sessionToken: token, basemap: BASEMAP }),
    );
    expect((await caller.meta.info()).basemap).toEqual(BASEMAP);
  });

  it("is not given without a session (the tile URLs carry the provider's key)", async () => {
    expect(await outcome(anonymous(db).meta.info())).toBe("UNAUTHORIZED");
    const configured = createCaller(createContextInner({ prisma: db.prisma, basemap: BASEMAP }));
    expect(await outcome(configured.meta.info())).toBe("UNAUTHORIZED");
  });
});
