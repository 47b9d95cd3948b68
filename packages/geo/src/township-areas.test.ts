import { area, booleanPointInPolygon } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { countyFeature, randomPointInCounty } from "./counties.ts";
import { parkArea, shareInOwnArea, type TownshipPoint, townshipAreas } from "./township-areas.ts";

const KAIHUA = "330824";

/** A fixed generator: the same points on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** `count` organisations of a township within ~2 km of `seat`. */
function around(townshipId: string, [lng, lat]: [number, number], count: number, rng: () => number) {
  return Array.from({ length: count }, () => ({
    townshipId,
    lng: lng + (rng() - 0.5) * 0.04,
    lat: lat + (rng() - 0.5) * 0.04,
  }));
}

describe("township areas derived from their organisations", () => {
  const rng = seeded(7);
  const seats = Array.from({ length: 4 }, () => randomPointInCounty(KAIHUA, rng, { insetKm: 5 }));
  const points: TownshipPoint[] = seats.flatMap((seat, i) => around(`33082410${i}`, seat, 12, rng));
  const areas = townshipAreas(KAIHUA, points);

  it("gives each township with organisations one area", () => {
    expect(areas.map((a) => a.properties.townshipId)).toEqual([
      "330824100",
      "330824101",
      "330824102",
      "330824103",
    ]);
    expect(areas.map((a) => a.properties.organizations)).toEqual([12, 12, 12, 12]);
  });

  it("shares out the whole county, without gaps or overlaps", () => {
    const county = area(countyFeature(KAIHUA));
    const total = areas.reduce((sum, a) => sum + area(a), 0);
    // Within 1%: the areas are cut to the county's outline simplified to ~100 m.
    expect(Math.abs(total - county) / county).toBeLessThan(0.01);
  });

  it("puts each township's seat, and organisations gathered round it, in its own area", () => {
    for (const a of areas) expect(booleanPointInPolygon(a.properties.seat, a)).toBe(true);
    expect(shareInOwnArea(areas, points)).toBeGreaterThan(0.95);
  });

  it("counts an organisation far from its township's others as outside its area", () => {
    const stray = { townshipId: "330824100", lng: seats[1]?.[0] ?? 0, lat: seats[1]?.[1] ?? 0 };
    expect(shareInOwnArea(areas, [stray])).toBe(0);
  });

  it("does not depend on the order of the organisations", () => {
    const reversed = townshipAreas(KAIHUA, [...points].reverse());
    expect(reversed).toEqual(areas);
  });

  it("gives a lone township the whole county, and no organisations no areas", () => {
    const lone = townshipAreas(
      KAIHUA,
      points.filter((p) => p.townshipId === "330824100"),
    );
    expect(lone).toHaveLength(1);
    expect(lone[0]?.geometry).toEqual(countyFeature(KAIHUA).geometry);
    expect(townshipAreas(KAIHUA, [])).toEqual([]);
  });
});

describe("a park's area", () => {
  it("is the hull round its organisations, named at their mean", () => {
    const park = parkArea([
      { lng: 118.9, lat: 28.9 },
      { lng: 119.0, lat: 28.9 },
      { lng: 118.95, lat: 29.0 },
      { lng: 118.95, lat: 28.93 },
    ]);
    expect(park?.geometry.coordinates[0]).toHaveLength(4); // a triangle: the inner point is inside
    expect(park?.seat[0]).toBeCloseTo(118.95, 6);
    expect(park?.seat[1]).toBeCloseTo(28.9325, 6);
  });

  it("needs three organisations to enclose anything", () => {
    expect(
      parkArea([
        { lng: 118.9, lat: 28.9 },
        { lng: 119, lat: 28.9 },
      ]),
    ).toBeNull();
  });
});
