/**
 * The six county-level divisions of 衢州市 and their boundaries (WGS84).
 *
 * The names and codes are plain data and safe anywhere; the boundaries are read from the vendored
 * GeoJSON with `node:fs` the first time a geometric function is called (node only). A web build
 * copies the file itself (`COUNTIES_GEOJSON_PATH`, or the package export `@beltmap/geo/data/*`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { booleanPointInPolygon, centroid, pointOnFeature } from "@turf/turf";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";

export type LngLat = [lng: number, lat: number];

export interface County {
  code: string;
  name: string;
}

export type CountyProperties = { code: string; name: string };
export type CountyFeature = Feature<Polygon | MultiPolygon, CountyProperties>;
export type CountyCollection = FeatureCollection<Polygon | MultiPolygon, CountyProperties>;

/** The six counties/districts/cities of Quzhou, in code order (6-digit administrative codes). */
export const COUNTIES: readonly County[] = Object.freeze([
  { code: "330802", name: "柯城区" },
  { code: "330803", name: "衢江区" },
  { code: "330822", name: "常山县" },
  { code: "330824", name: "开化县" },
  { code: "330825", name: "龙游县" },
  { code: "330881", name: "江山市" },
]);

const NAMES = new Map(COUNTIES.map((c) => [c.code, c.name]));

/** The county's name, e.g. `countyName("330802") === "柯城区"`; throws for an unknown code. */
export function countyName(code: string): string {
  const name = NAMES.get(code);
  if (name === undefined) throw new Error(`unknown county code "${code}"`);
  return name;
}

const COUNTIES_GEOJSON_URL = new URL("./data/quzhou-counties.geojson", import.meta.url);

/** Absolute file path of the vendored county boundaries (WGS84 GeoJSON), e.g. for a web build to copy. */
export const COUNTIES_GEOJSON_PATH: string = fileURLToPath(COUNTIES_GEOJSON_URL);

/**
 * [minLng, minLat, maxLng, maxLat] of Quzhou (WGS84), the bbox of the vendored boundaries
 * (a test checks that it matches the data).
 */
export const QUZHOU_BBOX: readonly [number, number, number, number] = Object.freeze([
  118.02307, 28.24153, 119.34255, 29.49956,
]) as readonly [number, number, number, number];

interface CountyIndex {
  feature: CountyFeature;
  bbox: [number, number, number, number];
  /** Every ring of every part, for distances to the boundary. */
  rings: Position[][];
  /** The largest part, where labels go. */
  mainPart: Polygon;
}

let collection: CountyCollection | undefined;
let index: Map<string, CountyIndex> | undefined;

/** The boundaries of the six counties, loaded once and cached (do not mutate the result). */
export function countyBoundaries(): CountyCollection {
  if (collection === undefined) {
    const parsed = JSON.parse(readFileSync(COUNTIES_GEOJSON_URL, "utf8")) as CountyCollection;
    const codes = parsed.features.map((f) => f.properties.code).join();
    if (codes !== COUNTIES.map((c) => c.code).join())
      throw new Error(`${COUNTIES_GEOJSON_PATH}: expected the six counties in code order, found ${codes}`);
    collection = parsed;
  }
  return collection;
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    sum += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return Math.abs(sum) / 2;
}

function buildIndex(): Map<string, CountyIndex> {
  const map = new Map<string, CountyIndex>();
  for (const feature of countyBoundaries().features) {
    const bbox: [number, number, number, number] = [
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ];
    const polygons = polygonsOf(feature.geometry);
    const rings = polygons.flat();
    for (const ring of rings)
      for (const [lng = Number.NaN, lat = Number.NaN] of ring) {
        bbox[0] = Math.min(bbox[0], lng);
        bbox[1] = Math.min(bbox[1], lat);
        bbox[2] = Math.max(bbox[2], lng);
        bbox[3] = Math.max(bbox[3], lat);
      }
    let main = polygons[0] ?? [];
    for (const polygon of polygons) if (ringArea(polygon[0] ?? []) > ringArea(main[0] ?? [])) main = polygon;
    map.set(feature.properties.code, {
      feature,
      bbox,
      rings,
      mainPart: { type: "Polygon", coordinates: main },
    });
  }
  return map;
}

function countyIndex(code: string): CountyIndex {
  index ??= buildIndex();
  const entry = index.get(code);
  if (entry === undefined) throw new Error(`unknown county code "${code}"`);
  return entry;
}

/** One county's boundary feature (do not mutate it); throws for an unknown code. */
export function countyFeature(code: string): CountyFeature {
  return countyIndex(code).feature;
}

function allCounties(): Iterable<CountyIndex> {
  index ??= buildIndex();
  return index.values();
}

const inBbox = (lng: number, lat: number, b: readonly number[]) =>
  lng >= (b[0] as number) && lat >= (b[1] as number) && lng <= (b[2] as number) && lat <= (b[3] as number);

/** [minLng, minLat, maxLng, maxLat] of one county. */
export function countyBbox(code: string): [number, number, number, number] {
  return [...countyIndex(code).bbox];
}

/**
 * Whether the WGS84 point lies in the county (points on the boundary count as inside).
 * A bbox test first, then turf's booleanPointInPolygon.
 */
export function isInCounty(lng: number, lat: number, code: string): boolean {
  const county = countyIndex(code);
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || !inBbox(lng, lat, county.bbox)) return false;
  return booleanPointInPolygon([lng, lat], county.feature);
}

/**
 * The code of the county whose polygon contains the WGS84 point, or null outside Quzhou.
 * On a border shared by two counties the first in code order wins.
 *
 * Speed: bbox pre-checks reject most counties, so only one or two polygons of ~1–2k vertices are
 * tested per point; this must stay quick enough to check ~1,250 points (every organisation of the
 * campaign) in well under a second. Measure it with a benchmark script, not a timed unit test.
 */
export function countyAt(lng: number, lat: number): string | null {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || !inBbox(lng, lat, QUZHOU_BBOX)) return null;
  for (const county of allCounties())
    if (inBbox(lng, lat, county.bbox) && booleanPointInPolygon([lng, lat], county.feature))
      return county.feature.properties.code;
  return null;
}

const labelPoints = new Map<string, LngLat>();

/**
 * A point inside the county to anchor its label: the centroid of its largest part when that lies
 * inside, otherwise turf's pointOnFeature of that part. Cached.
 */
export function countyLabelPoint(code: string): LngLat {
  const cached = labelPoints.get(code);
  if (cached) return [...cached];
  const { mainPart } = countyIndex(code);
  let [lng = Number.NaN, lat = Number.NaN] = centroid(mainPart).geometry.coordinates;
  if (!booleanPointInPolygon([lng, lat], mainPart)) {
    [lng = Number.NaN, lat = Number.NaN] = pointOnFeature(mainPart).geometry.coordinates;
  }
  const point: LngLat = [round(lng, 6), round(lat, 6)];
  labelPoints.set(code, point);
  return [...point];
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LNG_EQUATOR = 111.32;

/**
 * Distance in km from a point to the nearest boundary segment of a county (local equirectangular
 * approximation: well under 1 % error over a county's extent).
 */
function distanceToBoundaryKm(lng: number, lat: number, rings: Position[][]): number {
  const kx = KM_PER_DEG_LNG_EQUATOR * Math.cos((lat * Math.PI) / 180);
  const ky = KM_PER_DEG_LAT;
  let best = Number.POSITIVE_INFINITY;
  for (const ring of rings)
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i] as Position;
      const b = ring[i + 1] as Position;
      const ax = ((a[0] as number) - lng) * kx;
      const ay = ((a[1] as number) - lat) * ky;
      const bx = ((b[0] as number) - lng) * kx;
      const by = ((b[1] as number) - lat) * ky;
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
      const d = Math.hypot(ax + t * dx, ay + t * dy);
      if (d < best) best = d;
    }
  return best;
}

export interface RandomPointOptions {
  /** Minimum distance from the county boundary, km (default 0.5). */
  insetKm?: number;
  /** Give up after this many candidates (default 10,000). */
  maxAttempts?: number;
}

/**
 * A random WGS84 point inside the county, at least `insetKm` (default 0.5 km) from its boundary,
 * rounded to 6 decimals. Rejection sampling in the county's bbox using only `rng` (which must return
 * numbers in [0, 1)), so a deterministic rng gives deterministic points. The rounded point is the
 * one checked, so rounding can never move it outside.
 */
export function randomPointInCounty(code: string, rng: () => number, opts: RandomPointOptions = {}): LngLat {
  const insetKm = opts.insetKm ?? 0.5;
  const maxAttempts = opts.maxAttempts ?? 10_000;
  if (!(insetKm >= 0)) throw new Error(`randomPointInCounty: insetKm must be ≥ 0, got ${insetKm}`);
  const county = countyIndex(code);
  const [minLng, minLat, maxLng, maxLat] = county.bbox;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const u = rng();
    const v = rng();
    if (!(u >= 0 && u < 1 && v >= 0 && v < 1))
      throw new Error(`randomPointInCounty: rng must return numbers in [0, 1), got ${u}, ${v}`);
    const lng = round(minLng + u * (maxLng - minLng), 6);
    const lat = round(minLat + v * (maxLat - minLat), 6);
    if (!booleanPointInPolygon([lng, lat], county.feature)) continue;
    if (insetKm > 0 && distanceToBoundaryKm(lng, lat, county.rings) < insetKm) continue;
    return [lng, lat];
  }
  throw new Error(
    `randomPointInCounty: no point ${insetKm} km inside ${code} ${countyName(code)} after ${maxAttempts} attempts`,
  );
}
