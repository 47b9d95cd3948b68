import type {
  BeltDto,
  CycleSeriesDto,
  DashboardSummaryDto,
  MapOrganizationDto,
  MapTileSetDto,
  UnitDto,
} from "@beltmap/api";
import type { Tier } from "@beltmap/domain";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type MapCategory, shownCount, tierCounts, tileSetCounts } from "../map/features.ts";
import type { LayerGroup } from "../map/layers.ts";
import { FilterPanel } from "./FilterPanel.tsx";
import { LayerToggles } from "./LayerToggles.tsx";
import { type PickedPlace, SearchBox, ServerSearchBox } from "./SearchBox.tsx";
import { SummaryCard } from "./SummaryCard.tsx";

// The line over the years (ECharts with it): only once playback is on.
const SeriesChart = lazy(() =>
  import("../playback/SeriesChart.tsx").then((m) => ({ default: m.SeriesChart })),
);

export type MapSidebarProps = {
  summary: DashboardSummaryDto | undefined;
  units: readonly UnitDto[];
  organizations: readonly MapOrganizationDto[];
  /** The region is too large to send whole: counts from the tile set, search on the server. */
  tiled: boolean;
  /** The tiled map's counts (organizations is empty then). */
  tileSet: MapTileSetDto | undefined;
  belts: readonly BeltDto[];
  loading: boolean;
  unitId: string | null;
  onUnit: (unitId: string | null) => void;
  tiers: ReadonlySet<MapCategory>;
  onTiers: (tiers: ReadonlySet<MapCategory>) => void;
  heatTiers: ReadonlySet<Tier>;
  onHeatTiers: (tiers: ReadonlySet<Tier>) => void;
  clusters: boolean;
  onClusters: (on: boolean) => void;
  hiddenGroups: ReadonlySet<LayerGroup>;
  onHiddenGroups: (groups: ReadonlySet<LayerGroup>) => void;
  onPick: (organizationId: number, at?: PickedPlace) => void;
  /** While playback is on: every cycle's figures, and the year shown. */
  series: CycleSeriesDto | null;
  playedYear: number | null;
};

/**
 * The map page's sidebar: progress in the cycle shown, the line over the years while playback is
 * on, the search, the unit and tier filters (the legend, with counts) and the overlays. Loaded with
 * the map (lazily, see MapPage): the dashboard's first load, which shares the app's entry, does not
 * carry it.
 */
export function MapSidebar({
  summary,
  units,
  organizations,
  tiled,
  tileSet,
  belts,
  loading,
  unitId,
  onUnit,
  tiers,
  onTiers,
  heatTiers,
  onHeatTiers,
  clusters,
  onClusters,
  hiddenGroups,
  onHiddenGroups,
  onPick,
  series,
  playedYear,
}: MapSidebarProps) {
  const { t } = useTranslation();

  const counts = useMemo(
    () => (tiled && tileSet ? tileSetCounts(tileSet.units, unitId) : tierCounts(organizations, unitId)),
    [tiled, tileSet, organizations, unitId],
  );
  const shown = shownCount(counts, tiers);
  const total = tiled && tileSet ? tileSet.total : organizations.length;
  return (
    <>
      {summary && <SummaryCard summary={summary} unitId={unitId} />}
      {series && playedYear !== null && (
        <Suspense fallback={null}>
          <SeriesChart
            series={series}
            unitId={unitId}
            currentYear={playedYear}
            testId="map-series"
            height={170}
            className="map-series-card"
          />
        </Suspense>
      )}
      {tiled ? (
        <ServerSearchBox cycleId={tileSet?.cycleId} onPick={onPick} />
      ) : (
        <SearchBox organizations={organizations} onPick={onPick} />
      )}
      <FilterPanel
        units={units}
        unitId={unitId}
        onUnit={onUnit}
        tiers={tiers}
        onTiers={onTiers}
        counts={counts}
        belts={belts}
      />
      <LayerToggles
        heatTiers={heatTiers}
        onHeatTiers={onHeatTiers}
        clusters={clusters}
        onClusters={onClusters}
        hiddenGroups={hiddenGroups}
        onHiddenGroups={onHiddenGroups}
        clustersAlways={tiled}
      />
      <p className="status-line" data-testid="status-line">
        {loading ? t("app.loading") : t("filter.showing", { shown, total })}
      </p>
    </>
  );
}
