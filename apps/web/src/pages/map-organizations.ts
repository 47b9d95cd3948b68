// The organisations a page's map draws: the whole list for a region small enough, or vector tiles
// beyond MAP_TILES_ABOVE (map.tileSet says which). One way of asking, shared by the map page, the
// dashboard and the 大屏, so none of them loads 100,000 organisations into the browser.
import type { MapOrganizationDto, MapTileSetDto } from "@beltmap/api";
import { MAP_CATEGORIES, type MapCategory } from "@beltmap/domain";
import type { Bbox } from "@beltmap/geo/unit-bounds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { type OrganizationTiles, organizationTileUrl } from "../map/organization-tiles.ts";
import { queryClient, type trpc as trpcOptions } from "../trpc.ts";

type CycleInput = { cycleId?: number };

/** The two queries, for the cycle shown: the tile set first, the list only when not tiled. */
export function organizationQueries(trpc: typeof trpcOptions, cycle: CycleInput = {}) {
  return {
    tileSet: trpc.map.tileSet.queryOptions(cycle),
    organizations: trpc.map.organizations.queryOptions(cycle),
  };
}
type Queries = ReturnType<typeof organizationQueries>;

/** The tile set, then the organisations themselves unless the region is drawn from tiles. */
export async function prefetchOrganizations(q: Queries): Promise<void> {
  const set = await queryClient.fetchQuery(q.tileSet).catch(() => null);
  if (set && !set.tiled) await queryClient.prefetchQuery(q.organizations);
}

/** The map can draw the cycle: its tile set has come and, unless tiled, its organisations. */
export function organizationsLoaded(q: Queries): boolean {
  const set = queryClient.getQueryData(q.tileSet.queryKey);
  return set !== undefined && (set.tiled || queryClient.getQueryData(q.organizations.queryKey) !== undefined);
}

const NO_ORGANIZATIONS: readonly MapOrganizationDto[] = [];

/**
 * The organisations for `q`'s cycle, kept across cycles (no empty map in between), with `extra`
 * options (e.g. the 大屏's refetch interval); the tile URL follows the unit and categories shown.
 */
export function useMapOrganizations(
  q: Queries,
  shown: { unitId: string | null; tiers: ReadonlySet<MapCategory> },
  extra: { refetchInterval?: number; refetchIntervalInBackground?: boolean } = {},
) {
  const keep = { placeholderData: keepPreviousData, ...extra };
  const tileSet = useQuery({ ...q.tileSet, ...keep });
  const tiled = tileSet.data?.tiled;
  const organizations = useQuery({ ...q.organizations, ...keep, enabled: tiled === false });
  const { source, boundsOfUnit } = useOrganizationTiles(tileSet.data, shown.unitId, shown.tiers);
  return {
    tileSet,
    organizations,
    /** Unknown (undefined) until the tile set has come: the map is made once it is known. */
    tiled,
    /** The organisations held in the page: all of them, or none when tiled. */
    list: organizations.data ?? NO_ORGANIZATIONS,
    /** For MapView: the tile source of what the filters show, and where a unit's view goes. */
    source,
    boundsOfUnit,
    /** Still on the way: nothing to draw yet. */
    pending: tiled === undefined || (tiled ? tileSet.isPending : organizations.isPending),
    /** Showing the previous cycle's while the played one's come. */
    placeholder: tileSet.isPlaceholderData || organizations.isPlaceholderData,
  };
}

function useOrganizationTiles(
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
