// What the dashboard asks for first, started while the session is still being checked (see
// router.tsx: the app opened on /dashboard), rather than after the page's code has loaded.
import { queryClient, trpc } from "../trpc.ts";
import { organizationQueries, prefetchOrganizations } from "./map-organizations.ts";

export function prefetchDashboard(): void {
  void import("./DashboardPage.tsx");
  void import("../map/MapView.tsx");
  // Who is signed in goes first, in a request of its own: the shell waits for it.
  void queryClient.prefetchQuery(
    trpc.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  // A later task, so the batching link sends the data in a second request.
  setTimeout(() => {
    void Promise.all([
      queryClient.prefetchQuery(trpc.dashboard.summary.queryOptions()),
      queryClient.prefetchQuery(trpc.belt.compliance.queryOptions()),
      prefetchOrganizations(organizationQueries(trpc)),
      queryClient.prefetchQuery(trpc.belt.list.queryOptions()),
      queryClient.prefetchQuery(trpc.map.serviceCenters.queryOptions()),
      queryClient.prefetchQuery(
        trpc.map.counties.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
      ),
      queryClient.prefetchQuery(trpc.unit.list.queryOptions()),
    ]);
  }, 0);
}
