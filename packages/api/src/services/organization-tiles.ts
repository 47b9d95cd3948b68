/// <reference path="./vt-pbf.d.ts" />
// The map's organisations as Mapbox Vector Tiles, for a region too large to send whole (DESIGN and
// README "The map at any size"; measured by `npm run bench:transport`). A supercluster index per
// point set and shown categories: up to CLUSTER_MAX_ZOOM, clusters carrying how many of their
// organisations are in each category and the zoom at which they open; beyond it, single points
// with what the tooltip needs. Details come per organisation on click (map.organization).
import { MAP_CATEGORIES, type MapCategory, type MapCategoryCounts } from "@beltmap/domain";
import Supercluster from "supercluster";
import { fromGeojsonVt } from "vt-pbf";
import type { MapPoint, MapPoints } from "./map-points.ts";

/** The layer inside each tile that the map's layers draw (`source-layer`). */
export const TILE_LAYER = "organizations";
/** Clusters up to this zoom; single organisations from the next one on. */
export const CLUSTER_MAX_ZOOM = 11;
/** The deepest tiles served: past it the map overzooms them, which loses nothing for points. */
export const TILE_MAX_ZOOM = CLUSTER_MAX_ZOOM + 1;
const EXTENT = 4096;
/** 40 CSS pixels on a 512-pixel tile. */
const RADIUS = (40 * EXTENT) / 512;

/** A single organisation's tags (its id is the feature's id). */
type PointTags = {
  name: string;
  kind: string;
  unitId: string;
  tier: MapCategory;
  official: boolean;
  total?: number;
};
type Index = Supercluster<PointTags, MapCategoryCounts>;

/** Indexes kept: one per point set and filter in recent use. */
const KEPT = 8;
/** Tiles cut from one index, kept while it is: a city's viewers ask for the same few. */
const TILES_KEPT = 2000;
type Kept = { points: MapPoints; index: Index; tiles: Map<string, Uint8Array> };
const indexes = new Map<string, Kept>();

/** What a tile shows of its point set: one unit's (null: all) organisations of some categories. */
export type TileFilter = { unitId: string | null; shown: ReadonlySet<MapCategory> };

export function buildIndex(points: readonly MapPoint[], { unitId, shown }: TileFilter): Index {
  const index = new Supercluster<PointTags, MapCategoryCounts>({
    maxZoom: CLUSTER_MAX_ZOOM,
    extent: EXTENT,
    radius: RADIUS,
    map: (tags) =>
      Object.fromEntries(MAP_CATEGORIES.map((c) => [c, c === tags.tier ? 1 : 0])) as MapCategoryCounts,
    reduce: (sum, tags) => {
      for (const c of MAP_CATEGORIES) sum[c] += tags[c];
    },
  });
  index.load(
    points
      .filter((p) => shown.has(p.category) && (unitId === null || p.unitId === unitId))
      .map((p) => ({
        type: "Feature" as const,
        id: p.id,
        geometry: { type: "Point" as const, coordinates: [p.lng, p.lat] },
        properties: {
          name: p.name,
          kind: p.kind,
          unitId: p.unitId,
          tier: p.category,
          official: p.official,
          ...(p.total === null ? {} : { total: p.total }),
        },
      })),
  );
  return index;
}

function indexFor(points: MapPoints, scope: string, filter: TileFilter): Kept {
  const shown = MAP_CATEGORIES.filter((c) => filter.shown.has(c));
  const key = JSON.stringify([scope, points.version, filter.unitId, shown]);
  const kept = indexes.get(key);
  if (kept && kept.points === points) {
    indexes.delete(key);
    indexes.set(key, kept);
    return kept;
  }
  const built: Kept = { points, index: buildIndex(points.points, filter), tiles: new Map() };
  indexes.set(key, built);
  while (indexes.size > KEPT) {
    const oldest = indexes.keys().next().value;
    if (oldest === undefined) break;
    indexes.delete(oldest);
  }
  return built;
}

export type TileAddress = { z: number; x: number; y: number };

/** Whether z/x/y names a tile of the source: a zoom it serves, x and y within that zoom's grid. */
export function isTileAddress({ z, x, y }: TileAddress): boolean {
  const side = 2 ** z;
  return z >= 0 && z <= TILE_MAX_ZOOM && x >= 0 && y >= 0 && x < side && y < side;
}

/**
 * One tile of `points` (of the region named `scope`) as `filter` shows it, as protobuf; empty where
 * there is nothing (the map reads an empty body as an empty tile).
 */
export function organizationTile(
  points: MapPoints,
  scope: string,
  filter: TileFilter,
  address: TileAddress,
): Uint8Array {
  if (!isTileAddress(address)) throw new RangeError(`no tile ${address.z}/${address.x}/${address.y}`);
  const { index, tiles } = indexFor(points, scope, filter);
  const name = `${address.z}/${address.x}/${address.y}`;
  const known = tiles.get(name);
  if (known) return known;
  const cut = cutTile(index, address);
  tiles.set(name, cut);
  if (tiles.size > TILES_KEPT) {
    const oldest = tiles.keys().next().value;
    if (oldest !== undefined) tiles.delete(oldest);
  }
  return cut;
}

function cutTile(index: Index, address: TileAddress): Uint8Array {
  const tile = index.getTile(address.z, address.x, address.y);
  if (!tile) return new Uint8Array(0);
  for (const feature of tile.features) {
    const tags = feature.tags as Record<string, unknown>;
    // Where a click on the cluster zooms to, decided here where the index is.
    if (typeof tags.cluster_id === "number")
      tags.expansionZoom = index.getClusterExpansionZoom(tags.cluster_id);
  }
  return fromGeojsonVt({ [TILE_LAYER]: tile }, { version: 2, extent: EXTENT });
}
