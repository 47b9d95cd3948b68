// The map's organisations from the API's vector tiles (map.tileSet/map.tile), for a region too
// large to send whole: the same layers as the GeoJSON source, reading the tiles' `organizations`
// layer, with the server's clusters (per-category counts, the zoom each opens at) in place of
// MapLibre's own. Which way a map draws is fixed when it is made (MapView's organizationTiles).
import { TIERS, type Tier } from "@beltmap/domain";
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from "maplibre-gl";
import { SOURCES } from "./layers.ts";
import { CLUSTER_LAYERS, CLUSTER_SOURCE, heatLayerId, scoreWeight } from "./tier-overlays.ts";
import type { OrganizationTiles } from "./tile-url.ts";

export { type OrganizationTiles, organizationTileUrl, type TileFilter } from "./tile-url.ts";

/** The layer inside each tile (packages/api organization-tiles.ts TILE_LAYER). */
export const TILE_SOURCE_LAYER = "organizations";

/** The template as MapLibre's worker needs it: absolute, with {z}/{x}/{y} left unescaped. */
export function absoluteTileUrl(url: string, base: string = window.location.href): string {
  return new URL(url, base).href.replace(/%7B/g, "{").replace(/%7D/g, "}");
}

const isCluster: ExpressionSpecification = ["has", "point_count"];

/**
 * `style` with its organisations drawn from tiles: the organisations source becomes a vector
 * source, every layer of it reads the tiles' layer, the cluster bubbles move onto it (always on:
 * at this size the low zooms are clusters), and the heat counts a cluster's members of its tier.
 */
export function withOrganizationTiles(
  style: StyleSpecification,
  tiles: OrganizationTiles,
): StyleSpecification {
  const { [CLUSTER_SOURCE]: _clientClusters, ...sources } = style.sources;
  const source: SourceSpecification = {
    type: "vector",
    tiles: [tiles.url],
    minzoom: 0,
    maxzoom: tiles.maxZoom,
  };
  const layers = style.layers.flatMap((layer): LayerSpecification[] => {
    if (!("source" in layer)) return [layer];
    if (layer.source === CLUSTER_SOURCE) {
      // Single organisations between clusters are in the tiles as points, drawn by the point layers.
      if (layer.id === CLUSTER_LAYERS.points) return [];
      return [
        {
          ...layer,
          source: SOURCES.organizations,
          "source-layer": TILE_SOURCE_LAYER,
          layout: { ...layer.layout, visibility: "visible" },
        } as LayerSpecification,
      ];
    }
    if (layer.source !== SOURCES.organizations) return [layer];
    const tier = TIERS.find((t) => heatLayerId(t) === layer.id);
    if (tier && layer.type === "heatmap")
      return [
        {
          ...layer,
          "source-layer": TILE_SOURCE_LAYER,
          filter: tileHeatFilter(tier),
          paint: { ...layer.paint, "heatmap-weight": tileHeatWeight(tier) },
        },
      ];
    return [{ ...layer, "source-layer": TILE_SOURCE_LAYER } as LayerSpecification];
  });
  return { ...style, sources: { ...sources, [SOURCES.organizations]: source }, layers };
}

/** A tier's heat over tiles: its organisations, and the clusters holding any of them. */
export function tileHeatFilter(tier: Tier): ExpressionSpecification {
  return ["case", isCluster, [">", ["get", tier], 0], ["==", ["get", "tier"], tier]];
}

/** A cluster weighs as its members of the tier at an average score; a point by its own score. */
function tileHeatWeight(tier: Tier): ExpressionSpecification {
  return ["case", isCluster, ["*", ["get", tier], 0.5], scoreWeight];
}
