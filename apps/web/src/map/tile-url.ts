// Where a tiled map's organisations come from: the tile URL for what a page shows. Apart from
// organization-tiles.ts (the style), so the pages' data code, in the app's first load, does not
// carry the map's layer definitions.

export type OrganizationTiles = {
  /** The tile URL template ({z}/{x}/{y}); absolute where a style takes it (see absoluteTileUrl). */
  url: string;
  /** The deepest tiles served; the map enlarges them beyond. */
  maxZoom: number;
};

export type TileFilter = {
  cycleId: number;
  version: string;
  unitId: string | null;
  /** The categories shown, in the legend's order. */
  shown: readonly string[];
};

/** The tile URL for what the page shows: the data's version in it, so a change is fetched afresh. */
export function organizationTileUrl({ cycleId, version, unitId, shown }: TileFilter): string {
  const query = new URLSearchParams({ cycle: String(cycleId), v: version, show: shown.join(",") });
  if (unitId !== null) query.set("unit", unitId);
  // {z}/{x}/{y} stay as they are for MapLibre to fill in.
  return `/tiles/organizations/{z}/{x}/{y}.pbf?${query.toString()}`;
}
