// vt-pbf ships no types, and @types/vt-pbf takes geojson-vt's whole index where a tile is meant.
// Referenced from organization-tiles.ts, so every package that type-checks the API sees it.
declare module "vt-pbf" {
  /** A tile as geojson-vt's and supercluster's getTile return it. */
  export type Tile = {
    features: readonly { id?: number | string; type: 1 | 2 | 3; geometry: unknown; tags?: object | null }[];
  };
  export function fromGeojsonVt(
    layers: Record<string, Tile>,
    options?: { version?: number; extent?: number },
  ): Uint8Array;
}
