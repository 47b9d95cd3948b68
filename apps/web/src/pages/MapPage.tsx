import type { MapOrganizationDto } from "@beltmap/api";
import type { Tier } from "@beltmap/domain";
import { TIERS } from "@beltmap/domain";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { isShown, tierCounts } from "../map/features.ts";
import { FilterPanel } from "../panels/FilterPanel.tsx";
import { OrganizationPanel } from "../panels/OrganizationPanel.tsx";
import { SearchBox } from "../panels/SearchBox.tsx";
import { SummaryCard } from "../panels/SummaryCard.tsx";
import { useTRPC } from "../trpc.ts";

// MapLibre is most of the JavaScript: loading it apart lets the data requests start at once.
const MapView = lazy(() => import("../map/MapView.tsx").then((m) => ({ default: m.MapView })));

const NO_ORGANIZATIONS: readonly MapOrganizationDto[] = [];

const ALL_TIERS = new Set<Tier | "NONE">([...TIERS, "NONE"]);

/** The map of every organisation in the user's region: the app's first screen for leaders. */
export function MapPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const units = useQuery(trpc.unit.list.queryOptions());
  const organizations = useQuery(trpc.map.organizations.queryOptions());
  const belts = useQuery(trpc.belt.list.queryOptions());
  const centers = useQuery(trpc.map.serviceCenters.queryOptions());
  const counties = useQuery(trpc.map.counties.queryOptions(undefined, { staleTime: Infinity }));
  const summary = useQuery(trpc.dashboard.summary.queryOptions());

  const [unitId, setUnitId] = useState<string | null>(null);
  const [tiers, setTiers] = useState<ReadonlySet<Tier | "NONE">>(ALL_TIERS);
  const [selected, setSelected] = useState<number | null>(null);
  // Bumped by a search, so the map flies there (a click on the map selects without flying).
  const [flyTo, setFlyTo] = useState<{ id: number; at: number } | null>(null);

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
