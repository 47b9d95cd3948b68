import type { MapOrganizationDto } from "@beltmap/api";
import type { Tier } from "@beltmap/domain";
import { TIERS } from "@beltmap/domain";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { isShown, tierCounts } from "../map/features.ts";
import { FilterPanel } from "../panels/FilterPanel.tsx";
import { LayerToggles } from "../panels/LayerToggles.tsx";
import { OrganizationPanel } from "../panels/OrganizationPanel.tsx";
import { SearchBox } from "../panels/SearchBox.tsx";
import { SummaryCard } from "../panels/SummaryCard.tsx";
import { queryClient, trpc as trpcOptions, useTRPC } from "../trpc.ts";

// MapLibre is most of the JavaScript: loading it apart lets the data requests start at once.
const loadMapView = () => import("../map/MapView.tsx");
const MapView = lazy(() => loadMapView().then((m) => ({ default: m.MapView })));

/** What the map page asks for; the same options prefetch it. */
const mapQueries = (trpc: typeof trpcOptions) => ({
  units: trpc.unit.list.queryOptions(),
  organizations: trpc.map.organizations.queryOptions(),
  belts: trpc.belt.list.queryOptions(),
  centers: trpc.map.serviceCenters.queryOptions(),
  counties: trpc.map.counties.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  summary: trpc.dashboard.summary.queryOptions(),
  /** For the basemap; the app shell asks for it anyway. */
  info: trpc.meta.info.queryOptions(),
});

/**
 * Starts MapLibre's download and the map's data requests at once, while the session is still being
 * checked, rather than one after the other (see router.tsx: the app opened on the map).
 */
export function prefetchMap(): void {
  void loadMapView();
  // Who is signed in goes first, in a request of its own: the app shell (and so the map) waits for
  // it, and behind the map's data batch it would wait for that whole batch on the server.
  void queryClient.prefetchQuery(
    trpcOptions.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const q = mapQueries(trpcOptions);
  // A later task, so the batching link sends the data in a second request.
  setTimeout(() => {
    void Promise.all([
      queryClient.prefetchQuery(q.units),
      queryClient.prefetchQuery(q.organizations),
      queryClient.prefetchQuery(q.belts),
      queryClient.prefetchQuery(q.centers),
      queryClient.prefetchQuery(q.counties),
      queryClient.prefetchQuery(q.summary),
    ]);
  }, 0);
}

const NO_ORGANIZATIONS: readonly MapOrganizationDto[] = [];

const ALL_TIERS = new Set<Tier | "NONE">([...TIERS, "NONE"]);
const NO_HEAT: ReadonlySet<Tier> = new Set();

/** The map of every organisation in the user's region: the app's first screen for leaders. */
export function MapPage() {
  const { t } = useTranslation();
  const queries = mapQueries(useTRPC());
  const units = useQuery(queries.units);
  const organizations = useQuery(queries.organizations);
  const belts = useQuery(queries.belts);
  const centers = useQuery(queries.centers);
  const counties = useQuery(queries.counties);
  const summary = useQuery(queries.summary);
  const info = useQuery(queries.info);

  const [unitId, setUnitId] = useState<string | null>(null);
  const [tiers, setTiers] = useState<ReadonlySet<Tier | "NONE">>(ALL_TIERS);
  // `?org=<id>` (a link from the data-quality list): that organisation selected and flown to.
  const [params] = useSearchParams();
  const linked = Number(params.get("org")) || null;
  const [selected, setSelected] = useState<number | null>(linked);
  const [heatTiers, setHeatTiers] = useState<ReadonlySet<Tier>>(NO_HEAT);
  const [clusters, setClusters] = useState(false);
  // Bumped by a search, so the map flies there (a click on the map selects without flying).
  const [flyTo, setFlyTo] = useState<{ id: number; at: number } | null>(
    linked ? { id: linked, at: 0 } : null,
  );

  const closePanel = useCallback(() => setSelected(null), []);
  const orgs = organizations.data ?? NO_ORGANIZATIONS;
  const counts = useMemo(() => tierCounts(orgs, unitId), [orgs, unitId]);
  const shown = useMemo(() => orgs.filter((o) => isShown(o, unitId, tiers)).length, [orgs, unitId, tiers]);
  const failed = [units, organizations, belts, centers, counties, summary].find((q) => q.isError);

  return (
    <div className="workspace">
      <aside className="sidebar">
        {summary.data && <SummaryCard summary={summary.data} unitId={unitId} />}
        <SearchBox
          organizations={orgs}
          onPick={(id) => {
            setSelected(id);
            setFlyTo({ id, at: Date.now() });
          }}
        />
        <FilterPanel
          units={units.data ?? []}
          unitId={unitId}
          onUnit={setUnitId}
          tiers={tiers}
          onTiers={setTiers}
          counts={counts}
        />
        <LayerToggles
          heatTiers={heatTiers}
          onHeatTiers={setHeatTiers}
          clusters={clusters}
          onClusters={setClusters}
        />
        <p className="status-line" data-testid="status-line">
          {organizations.isPending ? t("app.loading") : t("filter.showing", { shown, total: orgs.length })}
        </p>
      </aside>
      <section className="map-area">
        <Suspense fallback={<div className="map-loading">{t("app.loading")}</div>}>
          <MapView
            counties={counties.data ?? []}
            organizations={orgs}
            belts={belts.data ?? []}
            serviceCenters={centers.data ?? []}
            unitId={unitId}
            tiers={tiers}
            selectedId={selected}
            flyTo={flyTo}
            onSelect={setSelected}
            heatTiers={heatTiers}
            clusters={clusters}
            basemap={info.data?.basemap}
          />
        </Suspense>
        {failed?.error && (
          <div className="error-banner" role="alert">
            {t("app.loadFailed", { message: failed.error.message })}
            <button type="button" onClick={() => void failed.refetch()}>
              {t("app.retry")}
            </button>
          </div>
        )}
      </section>
      {selected !== null && <OrganizationPanel id={selected} onClose={closePanel} />}
    </div>
  );
}
