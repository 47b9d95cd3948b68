// The tiled map (map.tileSet, map.tile, map.search) against the whole-list answer it stands in for
// (map.organizations): the same organisations, counted alike, in the same scope.

import type { Database } from "@beltmap/db";
import { MAP_CATEGORIES, type MapCategory, mapCategoryOf } from "@beltmap/domain";
import { unitBounds } from "@beltmap/geo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller, createContextInner, type MapOrganizationDto } from "../src/index.ts";
import { type Caller, openDemoDatabase, outcome, signIn } from "./support.ts";
import { decodeTile, organizationsIn } from "./tiles.ts";

let db: Database;
let city: Caller;
let county: Caller; // 柯城区
let orgUser: Caller;
let all: MapOrganizationDto[];

beforeAll(async () => {
  db = await openDemoDatabase();
  city = (await signIn(db, "demo-city")).call();
  county = (await signIn(db, "demo-county")).call();
  orgUser = (await signIn(db, "demo-org")).call();
  all = await city.map.organizations();
}, 120_000);

afterAll(async () => {
  await db?.close();
});

/** The tiles of zoom `z` that hold Quzhou (118.0–119.35°E, 28.25–29.5°N). */
function quzhouTiles(z: number): { z: number; x: number; y: number }[] {
  const x = (lng: number) => Math.floor(((lng + 180) / 360) * 2 ** z);
  const y = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };
  const tiles = [];
  for (let tx = x(118.0); tx <= x(119.35); tx++)
    for (let ty = y(29.5); ty <= y(28.25); ty++) tiles.push({ z, x: tx, y: ty });
  return tiles;
}

async function tiles(caller: Caller, z: number, filter: { unitId?: string; show?: MapCategory[] } = {}) {
  const answers = await Promise.all(quzhouTiles(z).map((at) => caller.map.tile({ ...at, ...filter })));
  return answers.flatMap((a) => decodeTile(a.data));
}

/** The features lying inside their tiles: each organisation or cluster once. */
async function insideTiles(caller: Caller, z: number) {
  return (await tiles(caller, z)).filter((f) => f.inside);
}

function countBy(organizations: readonly MapOrganizationDto[], unitId: string) {
  const counts = Object.fromEntries(MAP_CATEGORIES.map((c) => [c, 0])) as Record<MapCategory, number>;
  for (const o of organizations) if (o.unitId === unitId) counts[mapCategoryOf(o)]++;
  return counts;
}

describe("meta.info's mapTiled", () => {
  it("says a region draws from tiles when it has more organisations than the server's limit", async () => {
    const { token } = await signIn(db, "demo-county");
    const countyOrganizations = all.filter((o) => o.unitId === "KECHENG").length;
    const withLimit = (mapTilesAbove: number) =>
      createCaller(createContextInner({ prisma: db.prisma, sessionToken: token, mapTilesAbove })).meta.info();
    expect((await withLimit(countyOrganizations)).mapTiled).toBe(false);
    expect((await withLimit(countyOrganizations - 1)).mapTiled).toBe(true);
    // The default (20,000) is far above the demo's 1,260.
    expect((await county.meta.info()).mapTiled).toBe(false);
  });
});

describe("map.tileSet", () => {
  it("counts every unit's organisations per category and fits its view as the page would", async () => {
    const set = await city.map.tileSet();
    expect(set.total).toBe(all.length);
    const unitIds = [...new Set(all.map((o) => o.unitId))].sort();
    expect(set.units.map((u) => u.unitId).sort()).toEqual(unitIds);
    const counties = (await city.map.counties()).map((c) => ({ code: c.code, bbox: c.bbox }));
    for (const unit of set.units) {
      expect(unit.counts, unit.unitId).toEqual(countBy(all, unit.unitId));
      expect(unit.bounds, unit.unitId).toEqual(unitBounds(all, unit.unitId, counties));
    }
  });

  it("keeps to the user's region", async () => {
    const own = await county.map.tileSet();
    expect(own.units.map((u) => u.unitId)).toEqual(["KECHENG"]);
    expect(own.total).toBe(all.filter((o) => o.unitId === "KECHENG").length);
    expect((await orgUser.map.tileSet()).total).toBe(1);
  });
});

describe("map.tile", () => {
  it("holds every organisation once at every zoom: in clusters up to z11, as points beyond", async () => {
    for (const z of [6, 9, 11]) expect(organizationsIn(await tiles(city, z)), `z${z}`).toBe(all.length);
    const points = await insideTiles(city, 12);
    expect(points.every((f) => f.properties.point_count === undefined)).toBe(true);
    expect(points.map((f) => f.id).sort((a, b) => Number(a) - Number(b))).toEqual(
      all.map((o) => o.id).sort((a, b) => a - b),
    );
  });

  it("gives each point what its tooltip says and each cluster its count per category", async () => {
    const byId = new Map(all.map((o) => [o.id, o]));
    for (const point of await insideTiles(city, 12)) {
      const o = byId.get(Number(point.id));
      expect(o).toBeDefined();
      if (!o) continue;
      expect(point.properties.name).toBe(o.name);
      expect(point.properties.tier).toBe(mapCategoryOf(o));
      expect(point.properties.unitId).toBe(o.unitId);
      expect(point.properties.official).toBe(o.gradeIsOfficial);
      expect(point.properties.total).toBe(o.total ?? undefined);
    }
    const clusters = (await insideTiles(city, 8)).filter((f) => f.properties.point_count !== undefined);
    expect(clusters.length).toBeGreaterThan(0);
    for (const cluster of clusters) {
      const perCategory = MAP_CATEGORIES.reduce((sum, c) => sum + Number(cluster.properties[c]), 0);
      expect(perCategory).toBe(cluster.properties.point_count);
      expect(Number(cluster.properties.expansionZoom)).toBeGreaterThan(8);
    }
  });

  it("shows only the categories and the unit asked for", async () => {
    const demonstration = all.filter((o) => mapCategoryOf(o) === "DEMONSTRATION");
    expect(demonstration.length).toBeGreaterThan(0);
    expect(organizationsIn(await tiles(city, 9, { show: ["DEMONSTRATION"] }))).toBe(demonstration.length);
    expect(organizationsIn(await tiles(city, 9, { show: [] }))).toBe(0);
    const kaihua = all.filter((o) => o.unitId === "KAIHUA");
    expect(organizationsIn(await tiles(city, 9, { unitId: "KAIHUA" }))).toBe(kaihua.length);
  });

  it("keeps to the user's region, and refuses a unit outside it", async () => {
    expect(organizationsIn(await tiles(county, 9))).toBe(all.filter((o) => o.unitId === "KECHENG").length);
    expect(organizationsIn(await tiles(orgUser, 12))).toBe(1);
    expect(await outcome(county.map.tile({ z: 9, x: 420, y: 213, unitId: "KAIHUA" }))).toBe("NOT_FOUND");
  });

  it("refuses a tile that does not exist", async () => {
    expect(await outcome(city.map.tile({ z: 2, x: 4, y: 0 }))).toBe("BAD_REQUEST");
    expect(await outcome(city.map.tile({ z: 13, x: 0, y: 0 }))).toBe("BAD_REQUEST");
  });

  it("follows the data: a renamed organisation changes the version and its point", async () => {
    const before = await city.map.tileSet();
    const target = all[0];
    if (!target) throw new Error("no organisations in the demo data");
    await db.prisma.organization.update({ where: { id: target.id }, data: { name: `${target.name}（新）` } });
    try {
      const after = await city.map.tileSet();
      expect(after.version).not.toBe(before.version);
      // The tiles of the new version (the URL the page now asks for) show the new name.
      const fresh = await Promise.all(
        quzhouTiles(12).map((at) => city.map.tile({ ...at, version: after.version })),
      );
      const point = fresh.flatMap((a) => decodeTile(a.data)).find((f) => Number(f.id) === target.id);
      expect(point?.properties.name).toBe(`${target.name}（新）`);
    } finally {
      await db.prisma.organization.update({ where: { id: target.id }, data: { name: target.name } });
    }
    expect((await city.map.tileSet()).version).toBe(before.version);
  });
});

describe("map.search", () => {
  it("finds organisations by any part of the name, names starting with it first", async () => {
    const target = all.find((o) => o.name.length >= 4);
    if (!target) throw new Error("no organisation with a long name");
    const part = target.name.slice(1, 4);
    const hits = await city.map.search({ text: part, limit: 50 });
    const expected = all.filter((o) => o.name.includes(part));
    expect(hits.length).toBe(Math.min(50, expected.length));
    expect(hits.every((h) => h.name.includes(part))).toBe(true);
    const starts = hits.map((h) => h.name.startsWith(part));
    expect(starts).toEqual([...starts].sort((a, b) => Number(b) - Number(a)));
    const hit = (await city.map.search({ text: target.name })).find((h) => h.id === target.id);
    expect(hit).toEqual({
      id: target.id,
      name: target.name,
      unitId: target.unitId,
      lng: target.lng,
      lat: target.lat,
      category: mapCategoryOf(target),
    });
  });

  it("reads % and _ as themselves, and stops at the limit", async () => {
    expect(await city.map.search({ text: "%" })).toEqual([]);
    expect(await city.map.search({ text: "_" })).toEqual([]);
    expect((await city.map.search({ text: "党", limit: 3 })).length).toBe(3);
  });

  it("keeps to the user's region", async () => {
    const foreign = all.find((o) => o.unitId === "KAIHUA");
    if (!foreign) throw new Error("no 开化县 organisation");
    expect((await county.map.search({ text: foreign.name })).some((h) => h.id === foreign.id)).toBe(false);
    expect((await city.map.search({ text: foreign.name })).some((h) => h.id === foreign.id)).toBe(true);
  });
});
