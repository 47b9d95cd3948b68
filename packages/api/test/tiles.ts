// Reading the map's vector tiles back in tests, as MapLibre would.
import { VectorTile } from "@mapbox/vector-tile";
import { PbfReader } from "pbf";

/** A feature and whether it lies inside its tile (tiles repeat the points of a margin around them). */
export type DecodedFeature = { id: number | undefined; properties: Record<string, unknown>; inside: boolean };

/** The features of the organisations layer of a tile as map.tile answers it (base64 protobuf). */
export function decodeTile(base64: string): DecodedFeature[] {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length === 0) return [];
  const layer = new VectorTile(new PbfReader(bytes)).layers.organizations;
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => {
    const feature = layer.feature(i);
    const [point] = feature.loadGeometry()[0] ?? [];
    const inside =
      point !== undefined && point.x >= 0 && point.y >= 0 && point.x < layer.extent && point.y < layer.extent;
    return { id: feature.id, properties: { ...feature.properties }, inside };
  });
}

/** How many organisations the features inside their tiles stand for: a cluster its count, a point one. */
export function organizationsIn(features: readonly DecodedFeature[]): number {
  return features
    .filter((f) => f.inside)
    .reduce((sum, f) => sum + (Number(f.properties.point_count) || 1), 0);
}
