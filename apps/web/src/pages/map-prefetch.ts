// What the map page loads and asks for first, started while the session is still being checked
// (see router.tsx: the app opened on the map), rather than after the page's own code has loaded.
// Apart from MapPage so that the page itself can load lazily: the app's entry, which the
// dashboard's first load carries too, holds none of the map page.
import { queryClient, trpc as trpcOptions } from "../trpc.ts";
import { afterBatch, organizationQueries, prefetchOrganizations } from "./map-organizations.ts";

type CycleInput = { cycleId?: number };

// MapLibre is most of the JavaScript: loading it apart lets the data requests start at once.
export const loadMapView = () => import("../map/MapView.tsx");
// The sidebar comes with the map (both start loading at once).
export const loadSidebar = () => import("../panels/MapSidebar.tsx");
const loadMapPage = () => import("./MapPage.tsx");

/** What the map page asks for, for the cycle shown; the same options prefetch it. */
export const mapQueries = (trpc: typeof trpcOptions, cycle: CycleInput = {}) => ({
  units: trpc.unit.list.queryOptions(cycle),
  /** meta.info (the basemap too; the app shell asks for it anyway), the tile set, the organisations. */
  ...organizationQueries(trpc, cycle),
  belts: trpc.belt.list.queryOptions(cycle),
  centers: trpc.map.serviceCenters.queryOptions(cycle),
  counties: trpc.map.counties.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  summary: trpc.dashboard.summary.queryOptions(cycle),
  /**
   * The townships' derived areas (the same every cycle: organisations carry over). Pages ask once
   * the organisations are in, so a first, slower derivation never holds up the map's own batch.
   */
  townships: trpc.map.townshipAreas.queryOptions(undefined, { staleTime: 5 * 60_000 }),
});

/**
 * Starts MapLibre's download and the map's data requests at once, while the session is still being
 * checked, rather than one after the other (see router.tsx: the app opened on the map).
 */
export function prefetchMap(): void {
  void loadMapPage();
  void loadMapView();
  void loadSidebar();
  // Who is signed in goes first, in a request of its own: the app shell (and so the map) waits for
  // it, and behind the map's data batch it would wait for that whole batch on the server.
  void queryClient.prefetchQuery(
    trpcOptions.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const q = mapQueries(trpcOptions);
  // With it, whether the map draws the organisations whole or from tiles: what to ask for next.
  void queryClient.prefetchQuery(q.info);
  // Later tasks, so the batching link sends the map's organisations (or tile set) in a request of
  // their own, not held back by the slowest of the rest, and then the rest.
  afterBatch(() => {
    void prefetchOrganizations(q);
    afterBatch(() => {
      void Promise.all([
        queryClient.prefetchQuery(q.units),
        queryClient.prefetchQuery(q.belts),
        queryClient.prefetchQuery(q.centers),
        queryClient.prefetchQuery(q.counties),
        queryClient.prefetchQuery(q.summary),
      ]);
    });
  });
}
