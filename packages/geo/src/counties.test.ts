import { existsSync } from "node:fs";
import { mulberry32 } from "@beltmap/domain";
import { booleanPointInPolygon, bbox as turfBbox } from "@turf/turf";
import { describe, expect, it } from "vitest";
import {
  COUNTIES,
  COUNTIES_GEOJSON_PATH,
  countyAt,
  countyBbox,
  countyBoundaries,
  countyLabelPoint,
  countyName,
  isInCounty,
  QUZHOU_BBOX,
  randomPointInCounty,
} from "./index.ts";

/**
 * County seats (WGS84), each checked against the vendored polygons to lie 2.3 km or more inside
 * its county (柯城区 is the closest to a border).
 */
const SEATS: readonly [code: string, name: string, lng: number, lat: number][] = [
  ["330802", "柯城区", 118.87, 28.94],
  ["330803", "衢江区", 118.96, 28.98],
  ["330822", "常山县", 118.51, 28.9],
  ["330824", "开化县", 118.41, 29.14],
  ["330825", "龙游县", 119.17, 29.03],
  ["330881", "江山市", 118.63, 28.74],
];

describe("counties", () => {
  it("lists the six counties of Quzhou in code order", () => {
    expect(COUNTIES).toEqual([
      { code: "330802", name: "柯城区" },
      { code: "330803", name: "衢江区" },
      { code: "330822", name: "常山县" },
      { code: "330824", name: "开化县" },
      { code: "330825", name: "龙游县" },
      { code: "330881", name: "江山市" },
    ]);
    expect(countyName("330881")).toBe("江山市");
    expect(() => countyName("330800")).toThrow(/unknown county code "330800"/);
  });

  it("loads six boundary features with exactly code and name, once", () => {
    const fc = countyBoundaries();
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features.map((f) => f.properties)).toEqual(COUNTIES);
    for (const f of fc.features) expect(["Polygon", "MultiPolygon"]).toContain(f.geometry.type);
    expect(countyBoundaries()).toBe(fc);
    expect(existsSync(COUNTIES_GEOJSON_PATH)).toBe(true);
    expect(COUNTIES_GEOJSON_PATH).toMatch(/quzhou-counties\.geojson$/);
  });

  it("has WGS84 lng/lat coordinates with 5 decimals and a matching QUZHOU_BBOX", () => {
    expect(turfBbox(countyBoundaries())).toEqual([...QUZHOU_BBOX]);
    const [minLng, minLat, maxLng, maxLat] = QUZHOU_BBOX;
    expect(minLng).toBeGreaterThan(118);
    expect(maxLng).toBeLessThan(119.4);
    expect(minLat).toBeGreaterThan(28.2);
    expect(maxLat).toBeLessThan(29.5);
    for (const c of COUNTIES) {
      const [a, b, cMax, d] = countyBbox(c.code);
      expect(a).toBeGreaterThanOrEqual(minLng);
      expect(b).toBeGreaterThanOrEqual(minLat);
      expect(cMax).toBeLessThanOrEqual(maxLng);
      expect(d).toBeLessThanOrEqual(maxLat);
    }
  });

  it.each(SEATS)("puts the seat of %s %s in its county", (code, name, lng, lat) => {
    expect(countyName(code)).toBe(name);
    expect(countyAt(lng, lat)).toBe(code);
    expect(isInCounty(lng, lat, code)).toBe(true);
    for (const other of COUNTIES)
      if (other.code !== code) expect(isInCounty(lng, lat, other.code)).toBe(false);
  });

  it("returns null outside Quzhou", () => {
    expect(countyAt(120.15, 30.27)).toBeNull(); // Hangzhou
    expect(countyAt(119.65, 29.08)).toBeNull(); // Jinhua
    expect(countyAt(118.2, 28.45)).toBeNull(); // Jiangxi, west of Jiangshan
    expect(countyAt(Number.NaN, 28.9)).toBeNull();
    expect(isInCounty(120.15, 30.27, "330802")).toBe(false);
    expect(() => isInCounty(118.87, 28.94, "999999")).toThrow(/unknown county/);
  });

  it("places a label point inside each county", () => {
    for (const c of COUNTIES) {
      const [lng, lat] = countyLabelPoint(c.code);
      expect(countyAt(lng, lat)).toBe(c.code);
    }
  });

  it("assigns grid points to at most one county, consistently with isInCounty", () => {
    const [minLng, minLat, maxLng, maxLat] = QUZHOU_BBOX;
    const features = countyBoundaries().features;
    let inside = 0;
    for (let i = 0; i < 40; i++)
      for (let j = 0; j < 40; j++) {
        const lng = minLng + ((i + 0.5) * (maxLng - minLng)) / 40;
        const lat = minLat + ((j + 0.5) * (maxLat - minLat)) / 40;
        const containing = features.filter((f) => booleanPointInPolygon([lng, lat], f));
        expect(containing.length).toBeLessThanOrEqual(1);
        expect(countyAt(lng, lat)).toBe(containing[0]?.properties.code ?? null);
        if (containing.length === 1) inside++;
      }
    // Quzhou fills a little over half of its bbox
    expect(inside / 1600).toBeGreaterThan(0.4);
    expect(inside / 1600).toBeLessThan(0.7);
  });
});

describe("randomPointInCounty", () => {
  it("is deterministic for a deterministic rng", () => {
    const a = Array.from({ length: 5 }, (_, i) => randomPointInCounty("330825", mulberry32(i)));
    const b = Array.from({ length: 5 }, (_, i) => randomPointInCounty("330825", mulberry32(i)));
    expect(a).toEqual(b);
    expect(new Set(a.map((p) => p.join())).size).toBe(5);
  });

  it.each(COUNTIES.map((c) => [c.code, c.name]))("gives points inside %s %s, 6 decimals", (code) => {
    const rng = mulberry32(Number(code));
    for (let i = 0; i < 25; i++) {
      const [lng, lat] = randomPointInCounty(code, rng);
      expect(countyAt(lng, lat)).toBe(code);
      expect(Math.round(lng * 1e6) / 1e6).toBe(lng);
      expect(Math.round(lat * 1e6) / 1e6).toBe(lat);
      // at least ~0.5 km inside: points 0.004° (≥ 390 m) away in the four directions are in the county too
      for (const [dx, dy] of [
        [0.004, 0],
        [-0.004, 0],
        [0, 0.004],
        [0, -0.004],
      ] as const)
        expect(isInCounty(lng + dx, lat + dy, code)).toBe(true);
    }
  });

  it("honours insetKm = 0 and rejects a bad rng or county", () => {
    const p = randomPointInCounty("330802", mulberry32(7), { insetKm: 0 });
    expect(isInCounty(p[0], p[1], "330802")).toBe(true);
    expect(() => randomPointInCounty("330802", () => 1)).toThrow(/\[0, 1\)/);
    expect(() => randomPointInCounty("330800", Math.random)).toThrow(/unknown county/);
    expect(() => randomPointInCounty("330802", mulberry32(1), { insetKm: 50, maxAttempts: 200 })).toThrow(
      /no point 50 km inside 330802 柯城区/,
    );
  });
});
