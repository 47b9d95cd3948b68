// The organisations a page's map draws: the whole list for a region small enough, or vector tiles
// beyond MAP_TILES_ABOVE (meta.info's mapTiled says which, before any of them is asked for). One
// way of asking, shared by the map page, the dashboard and the 大屏, so none of them loads 100,000
// organisations into the browser, and none waits for one answer to know what to ask next.
import type { MapOrganizationDto, MapTileSetDto } from "@beltmap/api";
import { MAP_CATEGORIES, type MapCategory } from "@beltmap/domain";
import type { Bbox } from "@beltmap/geo/unit-bounds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { type OrganizationTiles, organizationTileUrl } from "../map/tile-url.ts";
import { queryClient, type trpc as trpcOptions } from "../trpc.ts";

type CycleInput = { cycleId?: number };

/** The queries, for the cycle shown: which way (info), then the tile set or the whole list. */
export function organizationQueries(trpc: typeof trpcOptions, cycle: CycleInput = {}) {
  return {
    info: trpc.meta.info.queryOptions(),
    tileSet: trpc.map.tileSet.queryOptions(cycle),
    organizations: trpc.map.organizations.queryOptions(cycle),
  };
}
type Queries = ReturnType<typeof organizationQueries>;

/**
 * Runs `then` once the calls made so far have left as one batched request: the batching link sends
 * what was asked in one task together, in a timer of its own, so a timer set after it comes later.
 */
export function afterBatch(then: () => void): void {
  setTimeout(then, 0);
}

/** The tile set or the organisations themselves, as meta.info says (asked for first, see prefetch). */
export async function prefetchOrganizations(q: Queries): Promise<void> {
  const known = queryClient.getQueryData(q.info.queryKey);
  // On the app's first load meta.info is still on its way: the tile set is asked for at once, not
  // after it (at 100,000 organisations, waiting cost a round trip of over a second on a busy
  // server). Where the list is drawn instead, it is a small read nobody draws.
  const tileSet = known === undefined || known.mapTiled ? queryClient.prefetchQuery(q.tileSet) : null;
  const info = known ?? (await queryClient.fetchQuery(q.info).catch(() => null));
  if (!info) return;
  if (info.mapTiled) await tileSet;
  else await queryClient.prefetchQuery(q.organizations);
}

/** The map can draw the cycle: its tile set or its organisations have come. */
export function organizationsLoaded(q: Queries): boolean {
  const info = queryClient.getQueryData(q.info.queryKey);
  if (!info) return false;
  const data = info.mapTiled
    ? queryClient.getQueryData(q.tileSet.queryKey)
    : queryClient.getQueryData(q.organizations.queryKey);
  return data !== undefined;
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
  const tiled = useQuery(q.info).data?.mapTiled;
  const tileSet = useQuery({ ...q.tileSet, ...keep, enabled: tiled === true });
  const organizations = useQuery({ ...q.organizations, ...keep, enabled: tiled === false });
  const { source, boundsOfUnit } = useOrganizationTiles(tiled === true ? tileSet.data : undefined, shown);
  return {
    tileSet,
    organizations,
    /**
     * The one of the two the map draws from (null until meta.info has come): what a page reports
     * failing. The other may hold a tile set asked for on first load, failed or not, unused.
     */
    inUse: tiled === true ? tileSet : tiled === false ? organizations : null,
    /** Unknown (undefined) until meta.info has come. */
    tiled,
    /** The map can be made: whole, or tiled with its tile source (which a map takes when made). */
    canMakeMap: tiled === false || (tiled === true && source !== null),
    /** The organisations held in the page: all of them, or none when tiled. */
    list: organizations.data ?? NO_ORGANIZATIONS,
    /** For MapView: the tile source of what the filters show, and where a unit's view goes. */
    source,
    boundsOfUnit,
    /** Still on the way: nothing to draw yet. */
    pending: tiled === undefined || (tiled ? tileSet.isPending : organizations.isPending),
    /**
     * Showing the previous cycle's while the played one's come. Only the way in use counts: the
     * other, never asked for, would show the tile set asked for on first load as kept data forever.
     */
    placeholder:
      tiled === true ? tileSet.isPlaceholderData : tiled === false && organizations.isPlaceholderData,
  };
}

/** For a tiled map (a tile set given): the tile source and each unit's box; nothing otherwise. */
function useOrganizationTiles(
  tileSet: MapTileSetDto | undefined,
  { unitId, tiers }: { unitId: string | null; tiers: ReadonlySet<MapCategory> },
): { source: OrganizationTiles | null; boundsOfUnit: ((unitId: string) => Bbox | null) | undefined } {
  const url = tileSet
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
  return { source, boundsOfUnit: tileSet ? bounds : undefined };
}
