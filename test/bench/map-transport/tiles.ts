// The vector-tile transport's server side: a supercluster index of the organisations, cut into
// Mapbox Vector Tiles on request.
import Supercluster from "supercluster";
import { fromGeojsonVt } from "vt-pbf";
import { type Organization, TIER_CODES, type TierCode } from "./points.ts";

/** The source layer the page's tile layers draw. */
export const TILE_LAYER = "organizations";
/** Clusters up to this zoom; single organisations from the next one on. */
export const CLUSTER_MAX_ZOOM = 11;
/** The deepest tiles served: past it MapLibre overzooms, which loses nothing for points. */
export const TILE_MAX_ZOOM = CLUSTER_MAX_ZOOM + 1;
const EXTENT = 4096;

/** A single organisation's tags: the feature id is the organisation's, so `id` is not repeated. */
type PointTags = { tier: TierCode; official: boolean; total?: number; unitId: string; kind: string };
/** A cluster's tags beyond supercluster's own: how many of its organisations are in each tier. */
type TierCounts = Record<TierCode, number>;

export type TileIndex = { index: Supercluster<PointTags, TierCounts>; buildMs: number };

export function buildTileIndex(organizations: readonly Organization[]): TileIndex {
  const started = performance.now();
  const index = new Supercluster<PointTags, TierCounts>({
    maxZoom: CLUSTER_MAX_ZOOM,
    extent: EXTENT,
    // 40 px on a 512 px tile, the default, at this extent.
    radius: (40 * EXTENT) / 512,
    map: (tags) => Object.fromEntries(TIER_CODES.map((t) => [t, t === tags.tier ? 1 : 0])) as TierCounts,
    reduce: (sum, tags) => {
      for (const t of TIER_CODES) sum[t] += tags[t];
    },
  });
  index.load(
    organizations.map((o) => ({
      type: "Feature" as const,
      id: o.id,
      geometry: { type: "Point" as const, coordinates: [o.lng, o.lat] },
      properties: {
        tier: o.tier,
        official: o.official,
        unitId: o.unitId,
        kind: o.kind,
        ...(o.total === null ? {} : { total: o.total }),
      },
    })),
  );
  return { index, buildMs: performance.now() - started };
}

/** The tile as protobuf; an empty body where there is nothing (MapLibre reads it as an empty tile). */
export function encodeTile({ index }: TileIndex, z: number, x: number, y: number): Uint8Array {
  if (z > TILE_MAX_ZOOM) throw new Error(`tile ${z}/${x}/${y} is past the source's maxzoom`);
  const tile = index.getTile(z, x, y);
  if (!tile) return new Uint8Array(0);
  return fromGeojsonVt({ [TILE_LAYER]: tile }, { version: 2, extent: EXTENT });
}
