import { distance } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { fromWgs84, toWgs84 } from "./index.ts";

const meters = (a: [number, number], b: [number, number]) => distance(a, b, { units: "meters" });

/** Points across Quzhou (WGS84): the seats of 柯城区, 江山市, 开化县, 龙游县. */
const POINTS: [number, number][] = [
  [118.87, 28.94],
  [118.63, 28.74],
  [118.41, 29.14],
  [119.17, 29.03],
];

describe("coordinate conversion", () => {
  it.each(POINTS)("round-trips WGS84 → GCJ-02 → WGS84 within 1 m at %f,%f", (lng, lat) => {
    const gcj = fromWgs84(lng, lat, "GCJ02");
    const back = toWgs84(gcj[0], gcj[1], "GCJ02");
    expect(meters(back, [lng, lat])).toBeLessThan(1);
  });

  it.each(POINTS)("round-trips WGS84 → BD-09 → WGS84 within 1 m at %f,%f", (lng, lat) => {
    const bd = fromWgs84(lng, lat, "BD09");
    const back = toWgs84(bd[0], bd[1], "BD09");
    expect(meters(back, [lng, lat])).toBeLessThan(1);
  });

  it("shifts GCJ-02 by a plausible offset in Quzhou (~300–600 m, to the east and south)", () => {
    for (const [lng, lat] of POINTS) {
      const gcj = fromWgs84(lng, lat, "GCJ02");
      const d = meters(gcj, [lng, lat]);
      expect(d).toBeGreaterThan(300);
      expect(d).toBeLessThan(700);
      expect(gcj[0]).toBeGreaterThan(lng);
      expect(gcj[1]).toBeLessThan(lat);
    }
  });

  it("shifts BD-09 further (~1 km, to the east and north of GCJ-02)", () => {
    for (const [lng, lat] of POINTS) {
      const gcj = fromWgs84(lng, lat, "GCJ02");
      const bd = fromWgs84(lng, lat, "BD09");
      const d = meters(bd, [lng, lat]);
      expect(d).toBeGreaterThan(700);
      expect(d).toBeLessThan(1500);
      expect(bd[0]).toBeGreaterThan(gcj[0]);
      expect(bd[1]).toBeGreaterThan(gcj[1]);
    }
  });

  it("returns the same point for the same system and rejects bad input", () => {
    expect(toWgs84(118.87, 28.94, "WGS84")).toEqual([118.87, 28.94]);
    expect(fromWgs84(118.87, 28.94, "WGS84")).toEqual([118.87, 28.94]);
    expect(() => toWgs84(Number.NaN, 28.94, "GCJ02")).toThrow(/invalid coordinate/);
    expect(() => toWgs84(118.87, 91, "GCJ02")).toThrow(/invalid coordinate/);
    // @ts-expect-error an unknown system is a type error and a run-time error
    expect(() => toWgs84(118.87, 28.94, "EPSG3857")).toThrow(/unknown coordinate system/);
  });
});
