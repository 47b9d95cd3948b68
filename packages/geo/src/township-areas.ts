/**
 * Township areas derived from where organisations are, for lack of open township boundaries (the
 * vendored list names and codes the townships but draws none): each township's seat is the median
 * of its organisations' positions, and its area is the part of its county nearer to that seat than to
 * any other township's (a Voronoi cell, cut to the county). An approximation, drawn dashed and called
 * one; an organisation near a border may lie in its neighbour's area.
 */
import {
  booleanPointInPolygon,
  convex,
  featureCollection,
  intersect,
  point,
  simplify,
  voronoi,
} from "@turf/turf";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { countyBbox, countyFeature } from "./counties.ts";

export type TownshipPoint = { townshipId: string; lng: number; lat: number };

export type TownshipArea = Feature<
  Polygon | MultiPolygon,
  { townshipId: string; organizations: number; seat: [number, number] }
>;

/**
 * The county's outline to ~100 m (the areas' outer edges lie under its drawn border, and cutting to
 * the full outline takes ten times as long).
 */
const simplified = new Map<string, Feature<Polygon | MultiPolygon>>();
function simplifiedCounty(code: string): Feature<Polygon | MultiPolygon> {
  let outline = simplified.get(code);
  if (!outline) {
    outline = simplify(countyFeature(code), { tolerance: 0.001, highQuality: false, mutate: false });
    simplified.set(code, outline);
  }
  return outline;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The areas of the townships of one county, from its organisations' positions (in any order). */
export function townshipAreas(countyCode: string, points: readonly TownshipPoint[]): TownshipArea[] {
  const county = simplifiedCounty(countyCode);
  const byTownship = new Map<string, TownshipPoint[]>();
  for (const p of points) byTownship.set(p.townshipId, [...(byTownship.get(p.townshipId) ?? []), p]);
  // In code order: the same input gives the same areas, whatever the order of the points.
  const seats = [...byTownship.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([townshipId, own]) => ({
      townshipId,
      organizations: own.length,
      seat: [median(own.map((p) => p.lng)), median(own.map((p) => p.lat))] as [number, number],
    }));
  if (seats.length === 0) return [];
  if (seats.length === 1) {
    const [only] = seats as [(typeof seats)[number]];
    // Nothing to cut: the county's own outline, in full.
    return [{ type: "Feature", geometry: countyFeature(countyCode).geometry, properties: only }];
  }
  const [w, s, e, n] = countyBbox(countyCode);
  // A margin round the county: cells reach past its border before they are cut to it.
  const bbox: [number, number, number, number] = [w - 0.1, s - 0.1, e + 0.1, n + 0.1];
  const cells = voronoi(featureCollection(seats.map((seat) => point(seat.seat))), { bbox });
  const areas: TownshipArea[] = [];
  seats.forEach((seat, i) => {
    const cell = cells.features[i];
    // Two townships with the same seat share one cell: the first keeps it.
    if (!cell) return;
    const cut = intersect(featureCollection([cell, county]));
    if (cut) areas.push({ type: "Feature", geometry: cut.geometry, properties: seat });
  });
  return areas;
}

/** The share of `points` lying in their own township's area (what the approximation gets right). */
export function shareInOwnArea(areas: readonly TownshipArea[], points: readonly TownshipPoint[]): number {
  if (points.length === 0) return 1;
  const byId = new Map(areas.map((a) => [a.properties.townshipId, a]));
  let inside = 0;
  for (const p of points) {
    const area = byId.get(p.townshipId);
    if (area && booleanPointInPolygon([p.lng, p.lat], area)) inside++;
  }
  return inside / points.length;
}

/**
 * A park's (园区's) area: the hull round its organisations (a park lies across townships, so it has
 * no share of the county's partition), with their mean as its seat; null for fewer than three.
 */
export function parkArea(
  points: readonly Pick<TownshipPoint, "lng" | "lat">[],
): { geometry: Polygon; seat: [number, number] } | null {
  if (points.length < 3) return null;
  const hull = convex(featureCollection(points.map((p) => point([p.lng, p.lat]))));
  if (!hull) return null;
  const seat: [number, number] = [
    points.reduce((s, p) => s + p.lng, 0) / points.length,
    points.reduce((s, p) => s + p.lat, 0) / points.length,
  ];
  return { geometry: hull.geometry, seat };
}
