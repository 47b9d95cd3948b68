// The server shares the region-wide reads (dashboard.summary, belt.compliance, dashboard.series,
// map.tileSet, map.townshipAreas, and the city-wide part of belt.list, map.serviceCenters and
// unit.list) among its callers; a write through the same process, or through another instance on
// the same database, must make the next read fresh, and a region's answer must never reach another
// region's user.
import { createCaller, createContextInner } from "@beltmap/api";
import { databaseDataVersion } from "@beltmap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSharedReads, type SharedReads } from "../src/shared-reads.ts";
import { type Database, openDemoDatabase, signIn } from "./support.ts";

let db: Database;
let reads: SharedReads;

/** A caller signed in as `username` whose contexts share `instance`'s reads, as a server's requests do. */
async function as(username: string, instance: SharedReads = reads) {
  const { token } = await signIn(db, username);
  return () =>
    createCaller(createContextInner({ prisma: db.prisma, sessionToken: token, sharedReads: instance }));
}

beforeAll(async () => {
  db = await openDemoDatabase();
  // Far longer than the test: whatever is fresh below is fresh because a write forgot the rest.
  reads = createSharedReads({ ttlMs: 3_600_000 });
});

afterAll(async () => {
  await db?.close();
});

describe("shared reads in the API", () => {
  it("answer a region's callers from one computation until a write through the process", async () => {
    const city = await as("demo-city");
    const county = await as("demo-county");
    const before = await city().dashboard.summary();
    const members = before.roster.activeMembers;
    // Written behind the process's back (as another instance would): not seen while kept.
    const unitId = (await county().unit.list())[0]?.id ?? "";
    await db.prisma.committeeMember.create({
      data: { unitId, name: "另一实例添加", title: "委员", level: "COUNTY", active: true },
    });
    expect((await city().dashboard.summary()).roster.activeMembers).toBe(members);
    // A write through the process: every kept answer is forgotten.
    await county().roster.create({ unitId, name: "本实例添加", title: "委员" });
    expect((await city().dashboard.summary()).roster.activeMembers).toBe(members + 2);
  });

  it("are kept through signing in and out, which write no campaign data", async () => {
    const city = await as("demo-city");
    const before = (await city().dashboard.summary()).roster.activeMembers;
    const unitId = "KECHENG"; // demo-county's
    await db.prisma.committeeMember.create({
      data: { unitId, name: "登录期间添加", title: "委员", level: "COUNTY", active: true },
    });
    const anonymous = createCaller(createContextInner({ prisma: db.prisma, sharedReads: reads }));
    await anonymous.auth.login({ username: "demo-county", password: "demo-only-2026" });
    await (await as("demo-township"))().auth.logout();
    expect((await city().dashboard.summary()).roster.activeMembers).toBe(before);
    await (await as("demo-county"))().roster.create({ unitId, name: "随后添加", title: "委员" });
    expect((await city().dashboard.summary()).roster.activeMembers).toBe(before + 2);
  });

  it("keep each region's answer to that region", async () => {
    const city = await as("demo-city");
    const county = await as("demo-county");
    const cityUnits = (await city().dashboard.summary()).perUnit.map((u) => u.unitId);
    const countyUnits = (await county().dashboard.summary()).perUnit.map((u) => u.unitId);
    expect(cityUnits.length).toBeGreaterThan(countyUnits.length);
    expect(countyUnits).toHaveLength(1);
    const cityAreas = await city().map.townshipAreas();
    const countyAreas = await county().map.townshipAreas();
    expect(new Set(countyAreas.map((a) => a.unitId))).toEqual(new Set(countyUnits));
    expect(cityAreas.length).toBeGreaterThan(countyAreas.length);
    const [citySet, countySet] = [await city().map.tileSet(), await county().map.tileSet()];
    expect(countySet.total).toBeLessThan(citySet.total);
  });

  it("give the belt rules of the whole city, narrowed per caller after the shared part", async () => {
    const city = await as("demo-city");
    const county = await as("demo-county");
    const all = await city().belt.compliance();
    const own = await county().belt.compliance();
    expect(own).toHaveLength(1);
    expect(all.find((u) => u.unitId === own[0]?.unitId)).toEqual(own[0]);
  });

  it("give the belts, service centers and units of the whole city, each caller only its own", async () => {
    const city = await as("demo-city");
    const county = await as("demo-county");
    const [cityBelts, countyBelts] = [await city().belt.list(), await county().belt.list()];
    const [cityCenters, countyCenters] = [
      await city().map.serviceCenters(),
      await county().map.serviceCenters(),
    ];
    const [cityUnits, countyUnits] = [await city().unit.list(), await county().unit.list()];
    expect(countyUnits.map((u) => u.id)).toEqual(["KECHENG"]);
    expect(cityUnits.length).toBeGreaterThan(1);
    expect(new Set(countyBelts.map((b) => b.unitId))).toEqual(new Set(["KECHENG"]));
    expect(countyBelts).toEqual(cityBelts.filter((b) => b.unitId === "KECHENG"));
    expect(cityBelts.length).toBeGreaterThan(countyBelts.length);
    expect(countyCenters).toEqual(cityCenters.filter((c) => c.unitId === "KECHENG"));
    expect(cityCenters.length).toBeGreaterThan(countyCenters.length);
  });
});

describe("shared reads of two server instances on one database", () => {
  it("show a write through either instance on the other at once", async () => {
    const instance = () =>
      createSharedReads({ ttlMs: 3_600_000, dataVersion: databaseDataVersion(db.prisma) });
    const cityOnTwo = await as("demo-city", instance());
    const countyOnOne = await as("demo-county", instance());
    const before = (await cityOnTwo().dashboard.summary()).roster.activeMembers;
    // Behind both instances' backs (no version moved): instance two keeps its answer.
    await db.prisma.committeeMember.create({
      data: { unitId: "KECHENG", name: "后台添加", title: "委员", level: "COUNTY", active: true },
    });
    expect((await cityOnTwo().dashboard.summary()).roster.activeMembers).toBe(before);
    // Through instance one: instance two's next read has both.
    await countyOnOne().roster.create({ unitId: "KECHENG", name: "实例一添加", title: "委员" });
    expect((await cityOnTwo().dashboard.summary()).roster.activeMembers).toBe(before + 2);
  });
});
