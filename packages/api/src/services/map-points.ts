// The organisations a tiled map draws, loaded once per region, cycle and version of the data and
// kept for the requests that follow (the tile set's counts, then every tile of every move). The
// version (mapPointsVersion, one scan) is what keeps this honest: a regraded, moved or new
// organisation changes it, and the next request loads afresh.
import { listMapPoints, type MapPointRow, mapPointsVersion, type OrganizationFilter } from "@beltmap/db";
import {
  emptyMapCategoryCounts,
  isCompetitor,
  type MapCategory,
  type MapCategoryCounts,
  mapCategoryOf,
  type SetupKind,
} from "@beltmap/domain";
import { type Bbox, COUNTIES, countyBbox, unitBounds } from "@beltmap/geo";
import type { Context } from "../context.ts";
import { asTier } from "./grades.ts";

export type MapPoint = {
  id: number;
  name: string;
  kind: string;
  unitId: string;
  countyCode: string;
  lng: number;
  lat: number;
  category: MapCategory;
  official: boolean;
  total: number | null;
};

export type MapPoints = {
  version: string;
  points: readonly MapPoint[];
  /** Per unit: how many of its organisations are in each category, and the box its view fits. */
  units: ReadonlyMap<string, { counts: MapCategoryCounts; bounds: Bbox | null }>;
};

/** Point sets kept: a city's, and a few units' as users switch between them. */
const KEPT = 6;
const kept = new Map<string, Promise<MapPoints>>();

/** The current version of a region's points: what a tile URL carries so browsers refetch on change. */
export function currentMapPointsVersion(ctx: Context, filter: OrganizationFilter): Promise<string> {
  return mapPointsVersion(ctx.prisma, filter);
}

/**
 * The points of `filter` at `version` if they are kept, else loaded now (under the version they
 * really have, which a stale or made-up `version` does not change).
 */
export async function mapPointsOf(
  ctx: Context,
  filter: OrganizationFilter,
  version?: string,
): Promise<MapPoints> {
  const scope = filterKey(filter);
  const known = version === undefined ? undefined : kept.get(`${scope}@${version}`);
  if (known) return remember(`${scope}@${version}`, known);
  const current = await mapPointsVersion(ctx.prisma, filter);
  const key = `${scope}@${current}`;
  const points = kept.get(key) ?? listMapPoints(ctx.prisma, filter).then((rows) => collect(current, rows));
  // A failed load is not kept: the next request tries again.
  points.catch(() => kept.delete(key));
  return remember(key, points);
}

function remember(key: string, points: Promise<MapPoints>): Promise<MapPoints> {
  kept.delete(key);
  kept.set(key, points);
  while (kept.size > KEPT) {
    const oldest = kept.keys().next().value;
    if (oldest === undefined) break;
    kept.delete(oldest);
  }
  return points;
}

/** What names a point set: its region and cycle. */
export function filterKey(filter: OrganizationFilter): string {
  return JSON.stringify([
    filter.cycleId,
    filter.unitId ?? null,
    filter.townshipId ?? null,
    filter.ids ?? null,
  ]);
}

const COUNTY_BOXES = COUNTIES.map((c) => ({ code: c.code, bbox: countyBbox(c.code) }));

function collect(version: string, rows: readonly MapPointRow[]): MapPoints {
  const points = rows.map(toMapPoint);
  const units = new Map<string, { counts: MapCategoryCounts; bounds: Bbox | null }>();
  for (const point of points) {
    const unit = units.get(point.unitId) ?? { counts: emptyMapCategoryCounts(), bounds: null };
    unit.counts[point.category]++;
    units.set(point.unitId, unit);
  }
  for (const [unitId, unit] of units) unit.bounds = unitBounds(points, unitId, COUNTY_BOXES);
  return { version, points, units };
}

export function toMapPoint(row: MapPointRow): MapPoint {
  const competitor = isCompetitor({
    setupKind: row.setupKind as SetupKind,
    entityOperated: row.entityOperated,
  });
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    unitId: row.unitId,
    countyCode: row.countyCode,
    lng: row.lng,
    lat: row.lat,
    category: mapCategoryOf({ tier: row.tier === null ? null : asTier(row.tier), competitor }),
    official: row.official ?? false,
    total: row.total,
  };
}
