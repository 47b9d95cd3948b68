// What the dashboard asks for first, started while the session is still being checked (see
// router.tsx: the app opened on /dashboard), rather than after the page's code has loaded. The
// page asks with the same options (dashboardQueries), so what is prefetched is what it finds in the
// cache: with other inputs (none instead of {}) it would ask for everything a second time.
import { queryClient, trpc, type trpc as trpcOptions } from "../trpc.ts";
import { afterBatch, organizationQueries, prefetchOrganizations } from "./map-organizations.ts";

/** What the page shows of one cycle; the same options tell whether a played cycle has come. */
export const dashboardQueries = (trpc: typeof trpcOptions, cycle: { cycleId?: number }) => ({
  summary: trpc.dashboard.summary.queryOptions(cycle),
  compliance: trpc.belt.compliance.queryOptions(cycle),
  ...organizationQueries(trpc, cycle),
  belts: trpc.belt.list.queryOptions(cycle),
  centers: trpc.map.serviceCenters.queryOptions(cycle),
});

export function prefetchDashboard(): void {
  void import("./DashboardPage.tsx");
  void import("../map/MapView.tsx");
  // Who is signed in goes first, in a request of its own: the shell waits for it.
  void queryClient.prefetchQuery(
    trpc.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  // The current cycle's, as the page asks for it before anyone picks another.
  const q = dashboardQueries(trpc, {});
  // With it, whether the map draws the organisations whole or from tiles: what to ask for next.
  void queryClient.prefetchQuery(q.info);
  // Later tasks, so the batching link sends the map's organisations (or tile set) in a request of
  // their own, not held back by the summary and the belt rules, and then the rest.
  afterBatch(() => {
    void prefetchOrganizations(q);
    afterBatch(() => prefetchData(q));
  });
}

function prefetchData(q: ReturnType<typeof dashboardQueries>): void {
  void Promise.all([
    queryClient.prefetchQuery(q.summary),
    queryClient.prefetchQuery(q.compliance),
    queryClient.prefetchQuery(q.belts),
    queryClient.prefetchQuery(q.centers),
    queryClient.prefetchQuery(
      trpc.map.counties.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
    ),
    queryClient.prefetchQuery(trpc.unit.list.queryOptions()),
  ]);
}
