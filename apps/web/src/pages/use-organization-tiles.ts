import type { MapTileSetDto } from "@beltmap/api";
import { MAP_CATEGORIES, type MapCategory } from "@beltmap/domain";
import type { Bbox } from "@beltmap/geo/unit-bounds";
import { useCallback, useMemo } from "react";
import { type OrganizationTiles, organizationTileUrl } from "../map/organization-tiles.ts";

/**
 * For a region drawn from tiles: the tile source for what the filters show (its URL changes with
 * them and with the data's version) and where each unit's view goes; nothing otherwise.
 */
export function useOrganizationTiles(
  tileSet: MapTileSetDto | undefined,
  unitId: string | null,
  tiers: ReadonlySet<MapCategory>,
): { source: OrganizationTiles | null; boundsOfUnit: ((unitId: string) => Bbox | null) | undefined } {
  const tiled = tileSet?.tiled === true;
  const url =
    tiled && tileSet
      ? organizationTileUrl({
          cycleId: tileSet.cycleId,
          version: tileSet.version,
          unitId,
          shown: MAP_CATEGORIES.filter((c) => tiers.has(c)),
        })
      : null;
  const maxZoom = tileSet?.maxZoom ?? 0;
  const source = useMemo(() => (url === null ? null : { url, maxZoom }), [url, maxZoom]);
  const units = tileSet?.units;
  const bounds = useCallback((id: string) => units?.find((u) => u.unitId === id)?.bounds ?? null, [units]);
  return { source, boundsOfUnit: tiled ? bounds : undefined };
}
