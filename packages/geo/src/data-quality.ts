// What looks wrong in stored organisation coordinates (issue 6's data-quality view): none at all,
// outside the county the organisation's township lies in, a spot shared with another
// organisation, or the tell-tale offset of GCJ-02/BD-09 coordinates stored without conversion.
import { shiftSuspicion } from "./coord-check.ts";
import type { CoordSystem } from "./coords.ts";
import { countyAt, isInCounty } from "./counties.ts";

export type QualityPoint = { id: number; lng: number; lat: number; countyCode: string };

export type QualityIssue =
  | { kind: "MISSING" }
  | { kind: "OUTSIDE_COUNTY"; countyCode: string; foundIn: string | null }
  | { kind: "SHIFTED"; system: Exclude<CoordSystem, "WGS84"> }
  | { kind: "SAME_SPOT"; others: number[] };

/** Points closer than this share a spot: 1e-5 degrees is about a metre around Quzhou. */
const SPOT_DECIMALS = 5;

/** 0/0, or not numbers: a row imported or typed without coordinates. */
const isMissing = (p: QualityPoint) =>
  !Number.isFinite(p.lng) || !Number.isFinite(p.lat) || (p.lng === 0 && p.lat === 0);

/** Each point's issues, for the points that have any (in the order given). */
export function coordinateIssues(points: readonly QualityPoint[]): Map<number, QualityIssue[]> {
  const issues = new Map<number, QualityIssue[]>();
  const add = (id: number, issue: QualityIssue) => issues.set(id, [...(issues.get(id) ?? []), issue]);
  const spots = new Map<string, number[]>();
  for (const point of points) {
    if (isMissing(point)) {
      add(point.id, { kind: "MISSING" });
      continue;
    }
    if (!isInCounty(point.lng, point.lat, point.countyCode)) {
      // A shifted point is reported as such (it says how to fix it) rather than merely outside.
      const shifted = shiftSuspicion(point.lng, point.lat, point.countyCode);
      add(
        point.id,
        shifted
          ? { kind: "SHIFTED", system: shifted.system }
          : { kind: "OUTSIDE_COUNTY", countyCode: point.countyCode, foundIn: countyAt(point.lng, point.lat) },
      );
    }
    const spot = `${point.lng.toFixed(SPOT_DECIMALS)},${point.lat.toFixed(SPOT_DECIMALS)}`;
    spots.set(spot, [...(spots.get(spot) ?? []), point.id]);
  }
  for (const ids of spots.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) add(id, { kind: "SAME_SPOT", others: ids.filter((other) => other !== id) });
  }
  return issues;
}
