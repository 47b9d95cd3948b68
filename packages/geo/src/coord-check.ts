/**
 * Plausibility checks for imported and stored coordinates against the county each organisation
 * belongs to (issue 6): spreadsheets carry points picked on 高德 (GCJ-02) or 百度 (BD-09) maps, at
 * times with longitude and latitude swapped, while Beltmap stores WGS84.
 *
 * The county boundaries are only ~100 m precise and GCJ-02 lies just ~300–600 m from WGS84 here, so
 * "inside the unit's county" is evidence, not proof: a point can be right and fall a few metres
 * outside, or be wrong and still fall inside. The functions report what fits; callers decide.
 */
import { distance } from "@turf/turf";
import { COORD_SYSTEMS, type CoordSystem, toWgs84 } from "./coords.ts";
import { countyAt, countyName, isInCounty, type LngLat } from "./counties.ts";

/** What would put a point that falls outside its county inside it. `wgs84` is the corrected point. */
export type CoordHint =
  | { kind: "SWAPPED"; wgs84: LngLat }
  | { kind: "SYSTEM"; system: CoordSystem; wgs84: LngLat }
  | { kind: "SWAPPED_SYSTEM"; system: CoordSystem; wgs84: LngLat };

export interface PlaceInput {
  lng: number;
  lat: number;
  /** The system the point was picked in. */
  system: CoordSystem;
  /** The unit's county; null for a unit without one (e.g. a city department): anywhere in Quzhou. */
  countyCode: string | null;
}

export interface Placement {
  /** The point converted to WGS84, or null when the numbers are not a coordinate (NaN, out of range). */
  wgs84: LngLat | null;
  inside: boolean;
  /** Only when not inside; null when no reading puts the point inside. */
  hint: CoordHint | null;
}

export interface SystemDetection {
  /** The system under which most points land in their county; WGS84 on a tie. */
  system: CoordSystem;
  /** How many points land in their county under each system. */
  inside: Record<CoordSystem, number>;
  /** Whether `system` beats the runner-up by at least `detectionMargin(points.length)` points. */
  confident: boolean;
}

export interface DetectInput {
  lng: number;
  lat: number;
  countyCode: string | null;
}

/** Great-circle (haversine) distance in metres between two [lng, lat] points. */
export function metresBetween(a: readonly [number, number], b: readonly [number, number]): number {
  return distance([a[0], a[1]], [b[0], b[1]], { units: "meters" });
}

// toWgs84 throws on bad numbers; an import row with a typo must be reported, not abort the import.
function safeToWgs84(lng: number, lat: number, system: CoordSystem): LngLat | null {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90)
    return null;
  return toWgs84(lng, lat, system);
}

// An unknown county code or system is a caller's bug, not bad data: fail even when the numbers are
// bad and no conversion or polygon test would otherwise run.
function checkCounty(countyCode: string | null): void {
  if (countyCode !== null) countyName(countyCode);
}

function checkSystem(system: CoordSystem): void {
  if (!COORD_SYSTEMS.includes(system)) throw new Error(`unknown coordinate system "${system}"`);
}

function fits(point: LngLat, countyCode: string | null): boolean {
  return countyCode === null
    ? countyAt(point[0], point[1]) !== null
    : isInCounty(point[0], point[1], countyCode);
}

/**
 * Converts an imported point to WGS84 and checks it against the unit's county. When it falls
 * outside, `hint` gives the first reading that puts it inside, in order of how common the mistake
 * is: longitude and latitude swapped, then another coordinate system, then both.
 * Never throws on bad numbers; throws on an unknown county code or system.
 */
export function placeInCounty({ lng, lat, system, countyCode }: PlaceInput): Placement {
  checkCounty(countyCode);
  checkSystem(system);
  const wgs84 = safeToWgs84(lng, lat, system);
  if (wgs84 !== null && fits(wgs84, countyCode)) return { wgs84, inside: true, hint: null };
  return { wgs84, inside: false, hint: findHint(lng, lat, system, countyCode) };
}

function findHint(
  lng: number,
  lat: number,
  system: CoordSystem,
  countyCode: string | null,
): CoordHint | null {
  const others = COORD_SYSTEMS.filter((s) => s !== system);
  const swapped = safeToWgs84(lat, lng, system);
  if (swapped !== null && fits(swapped, countyCode)) return { kind: "SWAPPED", wgs84: swapped };
  for (const other of others) {
    const p = safeToWgs84(lng, lat, other);
    if (p !== null && fits(p, countyCode)) return { kind: "SYSTEM", system: other, wgs84: p };
  }
  for (const other of others) {
    const p = safeToWgs84(lat, lng, other);
    if (p !== null && fits(p, countyCode)) return { kind: "SWAPPED_SYSTEM", system: other, wgs84: p };
  }
  return null;
}

/**
 * The margin (in points) by which the best system must beat the runner-up for `detectSystem` to be
 * confident: at least 3 points and at least 1% of the points.
 *
 * Why so little evidence is demanded, and why it is still weak: around Quzhou GCJ-02 lies only
 * ~300–600 m from WGS84 (BD-09 ~1 km), so a point tells the systems apart only if it is that close
 * to its county's border; interior points fit every system and count equally for all. A typical
 * sheet thus has a handful of deciding points, and the ~100 m boundary precision plus the odd wrong
 * row can flip one or two of them either way; 3 keeps a single stray row from deciding, and 1%
 * scales that with the noise of a big sheet. BD-09 is told apart from the others more easily than
 * GCJ-02 from WGS84.
 */
export function detectionMargin(pointCount: number): number {
  return Math.max(3, Math.ceil(pointCount * 0.01));
}

/**
 * Guesses the system a whole sheet was picked in: counts, for each system, how many points land in
 * their county when read in it. Points that fit no system (bad numbers, swapped, wrong county)
 * count for none. Throws on an unknown county code.
 */
export function detectSystem(points: readonly DetectInput[]): SystemDetection {
  const inside: Record<CoordSystem, number> = { WGS84: 0, GCJ02: 0, BD09: 0 };
  for (const { lng, lat, countyCode } of points) {
    checkCounty(countyCode);
    for (const system of COORD_SYSTEMS) {
      const p = safeToWgs84(lng, lat, system);
      if (p !== null && fits(p, countyCode)) inside[system]++;
    }
  }
  // COORD_SYSTEMS starts with WGS84 and the sort is stable, so a tie keeps WGS84 first.
  const ranked = [...COORD_SYSTEMS].sort((a, b) => inside[b] - inside[a]);
  const best = ranked[0] ?? "WGS84";
  const second = ranked[1] ?? "WGS84";
  const confident = inside[best] - inside[second] >= detectionMargin(points.length);
  return { system: best, inside, confident };
}

/**
 * For a data-quality view of STORED (WGS84) points: when a point lies outside its county (or
 * outside Quzhou for a null county) but reading it as GCJ-02 or BD-09 puts it inside, it was
 * probably stored without conversion; returns that system (GCJ-02 first). Otherwise null, also
 * for bad numbers. Throws on an unknown county code.
 */
export function shiftSuspicion(
  lng: number,
  lat: number,
  countyCode: string | null,
): { system: Exclude<CoordSystem, "WGS84"> } | null {
  checkCounty(countyCode);
  const stored = safeToWgs84(lng, lat, "WGS84");
  if (stored === null || fits(stored, countyCode)) return null;
  for (const system of ["GCJ02", "BD09"] as const) {
    const p = safeToWgs84(lng, lat, system);
    if (p !== null && fits(p, countyCode)) return { system };
  }
  return null;
}
