// Where a map view goes: the box around points, and a unit's box without its misplaced points.
// Shared by the map page (its own organisations) and the API (a unit's box for the tiled map).

/** [west, south, east, north] in degrees. */
export type Bbox = [number, number, number, number];

/**
 * Where a unit's view goes: the bounds of its organisations that lie within their own county's box.
 * A point placed in another county (a mistyped coordinate, which 数据 lists) would otherwise pull
 * the view away from the unit; with no such county data, all its points count.
 */
export function unitBounds(
  organizations: readonly { unitId: string; countyCode: string; lng: number; lat: number }[],
  unitId: string,
  counties: readonly { code: string; bbox: Bbox }[],
): Bbox | null {
  const boxes = new Map(counties.map((c) => [c.code, c.bbox]));
  const own = organizations.filter((o) => o.unitId === unitId);
  const placed = own.filter((o) => {
    const box = boxes.get(o.countyCode);
    return !box || (o.lng >= box[0] && o.lat >= box[1] && o.lng <= box[2] && o.lat <= box[3]);
  });
  return boundsOf(placed.length > 0 ? placed : own);
}

/** [west, south, east, north] around the points, or null for none. */
export function boundsOf(points: readonly { lng: number; lat: number }[]): Bbox | null {
  if (points.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    w = Math.min(w, p.lng);
    s = Math.min(s, p.lat);
    e = Math.max(e, p.lng);
    n = Math.max(n, p.lat);
  }
  return [w, s, e, n];
}
