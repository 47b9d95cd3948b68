import { mulberry32 } from "@beltmap/domain";
import { describe, expect, it } from "vitest";
import {
  COORD_SYSTEMS,
  COUNTIES,
  type CoordSystem,
  countyLabelPoint,
  detectionMargin,
  detectSystem,
  fromWgs84,
  isInCounty,
  type LngLat,
  metresBetween,
  placeInCounty,
  randomPointInCounty,
  shiftSuspicion,
  toWgs84,
} from "./index.ts";

/** 衢州市人民政府 (approximate, WGS84, from the brief), then each county's label point. */
const KNOWN: readonly [name: string, code: string, point: LngLat][] = [
  ["衢州市人民政府", "330802", [118.8595, 28.9703]],
  ...COUNTIES.map((c): [string, string, LngLat] => [c.name, c.code, countyLabelPoint(c.code)]),
];

// ~50 m per step at Quzhou's latitude for both axes (cos 29° ≈ 0.875).
const STEP_LAT = 0.00045;
const STEP_LNG = 0.00051;

/**
 * Walks from the county's label point along a bearing in ~50 m steps (up to 80 km) and yields each
 * point that lies inside the county, with whether the next step leaves it (i.e. the point is within
 * ~50 m of a border).
 */
function* walk(code: string, bearingDeg: number): Generator<{ point: LngLat; atBorder: boolean }> {
  const [lng0, lat0] = countyLabelPoint(code);
  const dx = Math.sin((bearingDeg * Math.PI) / 180) * STEP_LNG;
  const dy = Math.cos((bearingDeg * Math.PI) / 180) * STEP_LAT;
  for (let i = 0; i < 1600; i++) {
    const point: LngLat = [lng0 + i * dx, lat0 + i * dy];
    if (!isInCounty(point[0], point[1], code)) continue;
    yield { point, atBorder: !isInCounty(lng0 + (i + 1) * dx, lat0 + (i + 1) * dy, code) };
  }
}

const BEARINGS = Array.from({ length: 16 }, (_, i) => i * 22.5);

/**
 * A WGS84 point inside a county whose coordinates picked in `picked` fall outside that county when
 * read as WGS84, and also when read as any system other than `picked` (so the only fix is `picked`).
 * Deterministic: counties in code order, bearings clockwise from north, steps outward.
 */
function borderCase(picked: CoordSystem): { code: string; point: LngLat; input: LngLat } | null {
  for (const { code } of COUNTIES)
    for (const bearing of BEARINGS)
      for (const { point } of walk(code, bearing)) {
        const input = fromWgs84(point[0], point[1], picked);
        const misfits = COORD_SYSTEMS.filter((s) => s !== picked).every((s) => {
          const p = toWgs84(input[0], input[1], s);
          return !isInCounty(p[0], p[1], code);
        });
        if (misfits) return { code, point, input };
      }
  return null;
}

/** The last inside point before each ray first leaves its county: within ~50 m of a border. */
function nearBorderPoints(): { code: string; point: LngLat }[] {
  const out: { code: string; point: LngLat }[] = [];
  for (const { code } of COUNTIES)
    for (const bearing of BEARINGS)
      for (const { point, atBorder } of walk(code, bearing))
        if (atBorder) {
          out.push({ code, point });
          break;
        }
  return out;
}

describe("acceptance: a known point picked on a Chinese map lands within 10 m of its WGS84 position", () => {
  // These pairs come from gcoord's own forward transform, so they check that the import path applies
  // the inverse and applies it accurately; they are not an independent survey. No published
  // GCJ-02/WGS84 landmark pair for Quzhou is included because none with a citable source was at hand.
  for (const system of ["GCJ02", "BD09"] as const)
    it.each(KNOWN)(`${system}: %s`, (_name, code, wgs84) => {
      const picked = fromWgs84(wgs84[0], wgs84[1], system);
      // Guards against a conversion that does nothing passing the 10 m check.
      expect(metresBetween(picked, wgs84)).toBeGreaterThan(100);
      const placed = placeInCounty({ lng: picked[0], lat: picked[1], system, countyCode: code });
      expect(placed.wgs84).not.toBeNull();
      expect(metresBetween(placed.wgs84 as LngLat, wgs84)).toBeLessThan(10);
      expect(placed.inside).toBe(true);
      expect(placed.hint).toBeNull();
    });
});

describe("metresBetween", () => {
  it("is a great-circle distance in metres", () => {
    expect(metresBetween([118.87, 28.94], [118.87, 28.94])).toBe(0);
    // One degree of latitude on the mean-radius sphere (6,371,008.8 m): 111,195 m.
    expect(metresBetween([118.87, 28], [118.87, 29])).toBeCloseTo(111_195, -1);
    expect(metresBetween([118.87, 28.94], [119.17, 29.03])).toBeCloseTo(
      metresBetween([119.17, 29.03], [118.87, 28.94]),
      6,
    );
  });
});

describe("placeInCounty", () => {
  it.each(COUNTIES)("accepts an inside point of $name picked in each system", ({ code }) => {
    const wgs84 = countyLabelPoint(code);
    for (const system of COORD_SYSTEMS) {
      const [lng, lat] = fromWgs84(wgs84[0], wgs84[1], system);
      const placed = placeInCounty({ lng, lat, system, countyCode: code });
      expect(placed.inside).toBe(true);
      expect(placed.hint).toBeNull();
      expect(metresBetween(placed.wgs84 as LngLat, wgs84)).toBeLessThan(1);
    }
  });

  it("suggests SWAPPED for longitude and latitude swapped, in the declared system", () => {
    const [lng, lat] = countyLabelPoint("330881");
    // As WGS84 the swapped latitude (118.58) is out of range: no WGS84 point, but still a hint.
    expect(placeInCounty({ lng: lat, lat: lng, system: "WGS84", countyCode: "330881" })).toEqual({
      wgs84: null,
      inside: false,
      hint: { kind: "SWAPPED", wgs84: [lng, lat] },
    });
    const gcj = fromWgs84(lng, lat, "GCJ02");
    const placed = placeInCounty({ lng: gcj[1], lat: gcj[0], system: "GCJ02", countyCode: "330881" });
    expect(placed.inside).toBe(false);
    expect(placed.hint?.kind).toBe("SWAPPED");
    expect(metresBetween(placed.hint?.wgs84 as LngLat, [lng, lat])).toBeLessThan(1);
  });

  it("suggests SYSTEM BD09 for a BD-09 point declared as WGS84 near a county border", () => {
    const found = borderCase("BD09");
    expect(found).not.toBeNull();
    const { code, point, input } = found as NonNullable<typeof found>;
    const placed = placeInCounty({ lng: input[0], lat: input[1], system: "WGS84", countyCode: code });
    expect(placed.wgs84).toEqual(input);
    expect(placed.inside).toBe(false);
    expect(placed.hint).toMatchObject({ kind: "SYSTEM", system: "BD09" });
    expect(metresBetween(placed.hint?.wgs84 as LngLat, point)).toBeLessThan(1);
  });

  it("suggests SYSTEM GCJ02 for a GCJ-02 point declared as WGS84 near a county border", () => {
    const found = borderCase("GCJ02");
    expect(found).not.toBeNull();
    const { code, point, input } = found as NonNullable<typeof found>;
    const placed = placeInCounty({ lng: input[0], lat: input[1], system: "WGS84", countyCode: code });
    expect(placed.inside).toBe(false);
    expect(placed.hint).toMatchObject({ kind: "SYSTEM", system: "GCJ02" });
    expect(metresBetween(placed.hint?.wgs84 as LngLat, point)).toBeLessThan(1);
  });

  it("suggests SWAPPED_SYSTEM for a swapped BD-09 point declared as WGS84", () => {
    const found = borderCase("BD09");
    expect(found).not.toBeNull();
    const { code, point, input } = found as NonNullable<typeof found>;
    const placed = placeInCounty({ lng: input[1], lat: input[0], system: "WGS84", countyCode: code });
    expect(placed.inside).toBe(false);
    expect(placed.hint).toMatchObject({ kind: "SWAPPED_SYSTEM", system: "BD09" });
    expect(metresBetween(placed.hint?.wgs84 as LngLat, point)).toBeLessThan(1);
  });

  it("takes a null county as anywhere in Quzhou", () => {
    expect(placeInCounty({ lng: 118.8595, lat: 28.9703, system: "WGS84", countyCode: null })).toEqual({
      wgs84: [118.8595, 28.9703],
      inside: true,
      hint: null,
    });
    const [lng, lat] = fromWgs84(119.17, 29.03, "BD09");
    expect(placeInCounty({ lng: lat, lat: lng, system: "BD09", countyCode: null })).toMatchObject({
      inside: false,
      hint: { kind: "SWAPPED" },
    });
    // 杭州 (西湖): outside Quzhou under every reading.
    expect(placeInCounty({ lng: 120.15, lat: 30.25, system: "GCJ02", countyCode: null })).toEqual({
      wgs84: toWgs84(120.15, 30.25, "GCJ02"),
      inside: false,
      hint: null,
    });
  });

  it("gives no hint for a point deep in another county", () => {
    const [lng, lat] = countyLabelPoint("330824");
    expect(placeInCounty({ lng, lat, system: "WGS84", countyCode: "330825" })).toEqual({
      wgs84: [lng, lat],
      inside: false,
      hint: null,
    });
  });

  it("does not throw on bad numbers", () => {
    for (const [lng, lat] of [
      [Number.NaN, 28.94],
      [118.87, Number.NaN],
      [Number.POSITIVE_INFINITY, 28.94],
      [118.87, 200],
      [-500, 28.94],
    ] as const)
      for (const system of COORD_SYSTEMS)
        for (const countyCode of ["330802", null])
          expect(placeInCounty({ lng, lat, system, countyCode })).toEqual({
            wgs84: null,
            inside: false,
            hint: null,
          });
  });

  it("throws on an unknown county code or system, a caller's bug rather than bad data", () => {
    expect(() => placeInCounty({ lng: Number.NaN, lat: 1, system: "WGS84", countyCode: "330800" })).toThrow(
      /unknown county code/,
    );
    expect(() =>
      // @ts-expect-error an unknown system is a type error and a run-time error
      placeInCounty({ lng: Number.NaN, lat: 1, system: "EPSG3857", countyCode: null }),
    ).toThrow(/unknown coordinate system/);
  });
});

describe("detectSystem", () => {
  const border = nearBorderPoints();

  it("finds near-border points for the synthetic sheets", () => {
    // 6 counties × 16 bearings, every ray starting inside its county.
    expect(border).toHaveLength(96);
  });

  it.each(["GCJ02", "BD09"] as const)(
    "picks %s confidently for near-border points picked in it",
    (system) => {
      const points = border.map(({ code, point }) => {
        const [lng, lat] = fromWgs84(point[0], point[1], system);
        return { lng, lat, countyCode: code };
      });
      const result = detectSystem(points);
      expect(result.system).toBe(system);
      expect(result.confident).toBe(true);
      expect(result.inside[system]).toBe(points.length);
      for (const other of COORD_SYSTEMS.filter((s) => s !== system))
        expect(result.inside[system] - result.inside[other]).toBeGreaterThanOrEqual(
          detectionMargin(points.length),
        );
    },
  );

  it("picks WGS84 confidently for the same points given in WGS84, null counties included", () => {
    const points = border.map(({ code, point }, i) => ({
      lng: point[0],
      lat: point[1],
      countyCode: i % 10 === 0 ? null : code,
    }));
    const result = detectSystem(points);
    expect(result.system).toBe("WGS84");
    expect(result.confident).toBe(true);
  });

  it("is not confident on interior points, which fit every system, and then says WGS84", () => {
    const rng = mulberry32(6);
    const points = COUNTIES.flatMap(({ code }) =>
      Array.from({ length: 10 }, () => {
        const [lng, lat] = randomPointInCounty(code, rng, { insetKm: 2 });
        return { lng, lat, countyCode: code };
      }),
    );
    expect(detectSystem(points)).toEqual({
      system: "WGS84",
      inside: { WGS84: 60, GCJ02: 60, BD09: 60 },
      confident: false,
    });
  });

  it("needs a margin of 3 points and 1% of the points", () => {
    expect(detectionMargin(0)).toBe(3);
    expect(detectionMargin(300)).toBe(3);
    expect(detectionMargin(301)).toBe(4);
    expect(detectionMargin(1250)).toBe(13);
    const { code, point } = border[0] as (typeof border)[number];
    const [lng, lat] = fromWgs84(point[0], point[1], "GCJ02");
    expect(detectSystem([])).toEqual({
      system: "WGS84",
      inside: { WGS84: 0, GCJ02: 0, BD09: 0 },
      confident: false,
    });
    expect(detectSystem([{ lng, lat, countyCode: code }]).confident).toBe(false);
  });

  it("counts bad numbers for no system and throws on an unknown county", () => {
    expect(detectSystem([{ lng: Number.NaN, lat: 28.94, countyCode: "330802" }]).inside).toEqual({
      WGS84: 0,
      GCJ02: 0,
      BD09: 0,
    });
    expect(() => detectSystem([{ lng: 118.87, lat: 28.94, countyCode: "330800" }])).toThrow(/unknown county/);
  });
});

describe("shiftSuspicion", () => {
  it("is null for a stored point inside its county, or in Quzhou for a null county", () => {
    for (const [, code, point] of KNOWN) {
      expect(shiftSuspicion(point[0], point[1], code)).toBeNull();
      expect(shiftSuspicion(point[0], point[1], null)).toBeNull();
    }
  });

  it.each(["GCJ02", "BD09"] as const)("names %s for a point stored unconverted near a border", (system) => {
    const found = borderCase(system);
    expect(found).not.toBeNull();
    const { code, input } = found as NonNullable<typeof found>;
    expect(shiftSuspicion(input[0], input[1], code)).toEqual({ system });
  });

  it("is null when no reading helps, and for bad numbers", () => {
    const [lng, lat] = countyLabelPoint("330824");
    expect(shiftSuspicion(lng, lat, "330825")).toBeNull();
    expect(shiftSuspicion(120.15, 30.25, null)).toBeNull();
    expect(shiftSuspicion(Number.NaN, 28.94, "330802")).toBeNull();
    expect(shiftSuspicion(28.94, 118.87, "330802")).toBeNull();
    expect(() => shiftSuspicion(118.87, 28.94, "330800")).toThrow(/unknown county/);
  });
});
