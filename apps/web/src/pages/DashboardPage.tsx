import "../i18n/dashboard.ts"; // this page's strings, loaded with it
import "../dashboard/dashboard.css";
import "../playback/playback.css";
import type { CycleSummaryDto, DashboardSummaryDto } from "@beltmap/api";
import { TIERS, type Tier } from "@beltmap/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Map as MapLibreMap } from "maplibre-gl";
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadError } from "../components/LoadError.tsx";
import { ChartCard } from "../dashboard/ChartCard.tsx";
import {
  complianceChart,
  type DashboardChart,
  pipelineChart,
  progressChart,
  reReviewChart,
  tierChart,
  unitQuotaChart,
} from "../dashboard/chart-options.ts";
import { cycleLabel, nonCompetitorText, targetFigures } from "../dashboard/figures.ts";
import { chinaDate, formatTime } from "../lib/format.ts";
import { useParamUpdater } from "../lib/params.ts";
import { ALL_CATEGORIES } from "../map/features.ts";
import type { LayerGroup } from "../map/layers.ts";
import { LayerToggles } from "../panels/LayerToggles.tsx";
import { inputForCycle } from "../playback/cycles.ts";
import { CycleBadge, PlaybackSlot } from "../playback/PlaybackSlot.tsx";
import { usePlayedCycle } from "../playback/usePlayedCycle.ts";
import { useCycle } from "../shell/cycle.ts";
import { useUnitName } from "../shell/units.ts";
import { queryClient, type trpc as trpcOptions, useTRPC } from "../trpc.ts";
import { dashboardQueries } from "./dashboard-prefetch.ts";
import { organizationsLoaded, prefetchOrganizations, useMapOrganizations } from "./map-organizations.ts";

const MapView = lazy(() => import("../map/MapView.tsx").then((m) => ({ default: m.MapView })));
// The map's legend follows the map: the charts and the map come first.
const MapLegend = lazy(() => import("../legend/MapLegend.tsx").then((m) => ({ default: m.MapLegend })));
// Loaded after the page's first load (its JavaScript budget, see test/bench/startup.ts): the line over
// the years (with ECharts' line chart), the reports and roster cards, and (PlaybackSlot) the playback bar.
const SeriesChart = lazy(() =>
  import("../playback/SeriesChart.tsx").then((m) => ({ default: m.SeriesChart })),
);
const ExportPng = lazy(() => import("../dashboard/ExportPng.tsx").then((m) => ({ default: m.ExportPng })));
const loadCards = () => import("../dashboard/ReportsCard.tsx");
const ReportsCard = lazy(() => loadCards().then((m) => ({ default: m.ReportsCard })));
const RosterCard = lazy(() => loadCards().then((m) => ({ default: m.RosterCard })));

/** The charts of the page, in order, with their plots' heights; a click on a unit's bar filters. */
const PANELS = [
  { key: "progress", height: 140, select: false },
  { key: "tiers", height: 210, select: false },
  { key: "pipeline", height: 210, select: false },
  { key: "quotas", height: 280, select: true },
  { key: "reReviews", height: 250, select: true },
  { key: "compliance", height: 250, select: true },
] as const;
type PanelKey = (typeof PANELS)[number]["key"];

/** The heatmaps' tiers as the URL gives them ("heat=DEMONSTRATION,WARNING"), unknown ones dropped. */
function heatTiersOf(value: string): Set<Tier> {
  return new Set(
    value.split(",").filter((tier): tier is Tier => (TIERS as readonly string[]).includes(tier)),
  );
}

/** Asks for what the page shows of a played cycle: its figures and map data. */
function prefetchCycle(trpc: typeof trpcOptions, cycle: CycleSummaryDto): void {
  const q = dashboardQueries(trpc, inputForCycle(cycle));
  void queryClient.prefetchQuery(q.summary);
  void queryClient.prefetchQuery(q.compliance);
  void prefetchOrganizations(q);
  void queryClient.prefetchQuery(q.belts);
  void queryClient.prefetchQuery(q.centers);
}

/**
 * 看板: where the city (or the user's unit) stands in the cycle shown, in one look: the map with its
 * tier heatmaps beside progress toward the 100 sites and the 50 typical practices, each unit against
 * its quotas, the tiers against their targets, the four stages, re-reviews due and overdue, belt
 * compliance, who reported by each deadline (and who is late), the committee members' contact sites,
 * and the progress over the years. A click on a unit in any chart filters the map and the other
 * charts to it; another click goes back. 年度回放 steps or plays the whole page through the cycles.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [params, update] = useParamUpdater();
  const { selected: headerCycle } = useCycle();
  // The view lives in the URL (unit, heatmaps, clusters), so a link reopens the same view. The set
  // is made again only when its text changes: the map re-applies its overlays on a new set.
  const heatParam = params.get("heat") ?? "";
  const heat = useMemo(() => heatTiersOf(heatParam), [heatParam]);
  const view = { unitId: params.get("unit") || null, heat, clusters: params.get("clusters") === "1" };
  const unitName = useUnitName();

  const isReady = useCallback(
    (cycle: CycleSummaryDto) => {
      const q = dashboardQueries(trpc, inputForCycle(cycle));
      return (
        queryClient.getQueryData(q.summary.queryKey) !== undefined &&
        organizationsLoaded(q) &&
        queryClient.getQueryData(q.belts.queryKey) !== undefined &&
        queryClient.getQueryData(q.centers.queryKey) !== undefined
      );
    },
    [trpc],
  );
  const prefetch = useCallback((cycle: CycleSummaryDto) => prefetchCycle(trpc, cycle), [trpc]);
  const { played, setPlayed, playing, cycleInput } = usePlayedCycle(prefetch);
  const queries = dashboardQueries(trpc, cycleInput);
  // Another cycle's answers replace the shown ones when they come: no empty page in between.
  const keep = { placeholderData: keepPreviousData };
  const summary = useQuery({ ...queries.summary, ...keep });
  const compliance = useQuery({ ...queries.compliance, ...keep });
  const belts = useQuery({ ...queries.belts, ...keep });
  const centers = useQuery({ ...queries.centers, ...keep });
  const counties = useQuery(
    trpc.map.counties.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const info = useQuery(trpc.meta.info.queryOptions());
  const series = useQuery(trpc.dashboard.series.queryOptions());

  const toggleUnit = (unitId: string) => update({ unit: chosen === unitId ? null : unitId });
  const map = useRef<MapLibreMap | null>(null);
  const [hiddenGroups, setHiddenGroups] = useState<ReadonlySet<LayerGroup>>(() => new Set());
  // A unit the link names but the user cannot see (or a typo) is no filter.
  const chosen =
    view.unitId && summary.data && !summary.data.perUnit.some((u) => u.unitId === view.unitId)
      ? null
      : view.unitId;
  // A unit's own dashboard (its county user) is that unit's, not the city's.
  const onlyUnit = summary.data?.perUnit.length === 1 ? summary.data.perUnit[0]?.unitId : undefined;
  const shownUnit = chosen ?? onlyUnit ?? null;
  const drawn = useMapOrganizations(queries, { unitId: shownUnit, tiers: ALL_CATEGORIES });
  const townships = useQuery({
    ...trpc.map.townshipAreas.queryOptions(undefined, { staleTime: 5 * 60_000 }),
    enabled: !drawn.pending,
  });
  const failed = [summary, compliance, drawn.inUse, belts, centers, counties].find((q) => q?.isError);
  // A township's or an organisation's figures are of that region, not of its whole unit.
  const region = summary.data?.region;
  const place = region?.partOfUnit ? region.name : shownUnit ? unitName(shownUnit) : t("filter.allUnits");
  // The cycle the figures are of (the played one's once its answer has come).
  const shownYear = summary.data?.cycle.year ?? played?.year ?? headerCycle?.year ?? null;
  const cycleText = summary.data ? cycleLabel(summary.data, t) : "";
  const loadingCycle = drawn.placeholder || [summary, belts, centers].some((q) => q.isPlaceholderData);
  // Rebuilt when the data, the unit or the language change; each chart keeps its canvas.
  // biome-ignore lint/correctness/useExhaustiveDependencies: t follows i18n.language
  const charts = useMemo((): Record<PanelKey, DashboardChart> | null => {
    if (!summary.data || !compliance.data) return null;
    return {
      progress: progressChart(summary.data, shownUnit, t, "light"),
      tiers: tierChart(summary.data, shownUnit, t, "light"),
      pipeline: pipelineChart(summary.data, shownUnit, t, "light"),
      quotas: unitQuotaChart(summary.data, shownUnit, t, "light"),
      reReviews: reReviewChart(summary.data, shownUnit, t, "light"),
      compliance: complianceChart(compliance.data, shownUnit, t, "light"),
    };
  }, [summary.data, compliance.data, shownUnit, i18n.language]);
  // The export's button as it will stand until it can be used: the toolbar keeps its size, so the
  // map below it is not resized (and redrawn) when the data and the export's code arrive.
  const exportPlaceholder = (
    <button type="button" className="button small" disabled>
      {t("dashboard.exportPng")}
    </button>
  );
  // The line over the years as drawn, for the PNG export.
  const [seriesOverYears, setSeriesOverYears] = useState<DashboardChart | null>(null);

  return (
    <div
      className="dashboard"
      data-testid="dashboard"
      data-cycle-year={shownYear ?? undefined}
      data-cycle-loading={loadingCycle ? "true" : "false"}
    >
      <section className="dashboard-map">
        <div className="dashboard-toolbar">
          {chosen ? (
            <button
              type="button"
              className="chip-button"
              onClick={() => update({ unit: null })}
              data-testid="unit-chip"
            >
              {unitName(chosen)} ×
            </button>
          ) : (
            <span className="field-hint">{t("dashboard.clickUnit")}</span>
          )}
          {summary.data && charts ? (
            <Suspense fallback={exportPlaceholder}>
              <ExportPng
                map={() => map.current}
                charts={[
                  ...PANELS.map(({ key }) => ({ testId: `chart-${key}`, chart: charts[key] })),
                  ...(seriesOverYears ? [{ testId: "chart-series", chart: seriesOverYears }] : []),
                ]}
                subtitle={t("dashboard.heading", { year: summary.data.cycle.year, place })}
                dataTime={t("dashboard.dataTime", {
                  time: formatTime(summary.data.generatedAt, i18n.language),
                })}
                demo={info.data?.demoData === true}
                attribution={info.data?.basemap?.attribution ?? null}
                fileName={`${t("dashboard.snapshotFile")}-${cycleText.replace(/\s/g, "")}-${place}-${chinaDate(new Date(summary.data.generatedAt))}.png`}
              />
            </Suspense>
          ) : (
            exportPlaceholder
          )}
          {/* The 大屏 for a meeting room or a wall: a tab of its own, to put on the big screen. */}
          <a
            className="button small"
            href="/briefing"
            target="_blank"
            rel="noopener"
            data-testid="open-briefing"
          >
            {t("dashboard.openBriefing")}
          </a>
          <LayerToggles
            heatTiers={view.heat}
            onHeatTiers={(tiers) => update({ heat: [...tiers].join(",") || null })}
            clusters={view.clusters}
            onClusters={(on) => update({ clusters: on ? "1" : null })}
            hiddenGroups={hiddenGroups}
            onHiddenGroups={setHiddenGroups}
            clustersAlways={drawn.tiled === true}
          />
          <PlaybackSlot
            isReady={isReady}
            onCycle={setPlayed}
            loading={loadingCycle}
            className="dashboard-playback"
          />
        </div>
        <div className="map-area">
          <Suspense fallback={<div className="map-loading">{t("app.loading")}</div>}>
            {drawn.canMakeMap && (
              <MapView
                key={drawn.tiled ? "tiles" : "whole"}
                organizationTiles={drawn.source}
                boundsOfUnit={drawn.boundsOfUnit}
                counties={counties.data ?? []}
                organizations={drawn.list}
                belts={belts.data ?? []}
                serviceCenters={centers.data ?? []}
                townshipAreas={townships.data}
                unitId={shownUnit}
                tiers={ALL_CATEGORIES}
                selectedId={null}
                flyTo={null}
                onSelect={() => undefined}
                heatTiers={view.heat}
                clusters={view.clusters}
                hiddenGroups={hiddenGroups}
                basemap={info.data?.basemap}
                onMap={(live) => {
                  map.current = live;
                }}
              />
            )}
          </Suspense>
          {shownYear !== null && <CycleBadge year={shownYear} playing={playing} />}
          <Suspense fallback={null}>
            <MapLegend belts={belts.data ?? []} unitId={shownUnit} />
          </Suspense>
          {(drawn.pending || belts.isPending) && (
            // The map's data is on its way: say so rather than show empty counties.
            <div className="map-loading-badge" role="status" data-testid="map-loading">
              {t("app.loading")}
            </div>
          )}
        </div>
      </section>
      <section className="dashboard-panels" aria-label={t("dashboard.title")}>
        {failed && <LoadError query={failed} />}
        {summary.data && (
          <Figures
            summary={summary.data}
            unitId={shownUnit}
            place={place}
            playing={playing}
            language={i18n.language}
          />
        )}
        {charts && (
          <div className="dashboard-charts">
            {PANELS.map((panel) => (
              <ChartCard
                key={panel.key}
                chart={charts[panel.key]}
                className={`chart-${panel.key}`}
                height={panel.height}
                testId={`chart-${panel.key}`}
                {...(panel.select ? { onSelect: toggleUnit } : {})}
              />
            ))}
          </div>
        )}
        {summary.data && (
          <Suspense fallback={null}>
            <ReportsCard summary={summary.data} unitId={shownUnit} onSelect={toggleUnit} />
            <RosterCard summary={summary.data} unitId={shownUnit} onSelect={toggleUnit} />
          </Suspense>
        )}
        {series.data && (
          <Suspense fallback={null}>
            <SeriesChart
              series={series.data}
              unitId={shownUnit}
              currentYear={shownYear}
              testId="chart-series"
              height={220}
              className="chart-series"
              onChart={setSeriesOverYears}
            />
          </Suspense>
        )}
      </section>
    </div>
  );
}

/**
 * The headline: the cycle and the place shown, 示范点 against 100 and 典型做法 against 50 (a unit's
 * against its quotas), the organisations not scored counted apart, the time of the data.
 */
function Figures({
  summary,
  unitId,
  place,
  playing,
  language,
}: {
  summary: DashboardSummaryDto;
  unitId: string | null;
  place: string;
  playing: boolean;
  language: string;
}) {
  const { t } = useTranslation();
  const unit = unitId ? summary.perUnit.find((u) => u.unitId === unitId) : undefined;
  const [excellent, practices] = targetFigures(summary, unit ? unit.unitId : null, t);
  const apart = nonCompetitorText(summary, unit ? unit.unitId : null, t);
  return (
    <div className="dashboard-figures">
      <h2 className="dashboard-heading" data-testid="dashboard-cycle">
        {t("dashboard.heading", { year: summary.cycle.year, place })}
        {playing && <span className="dashboard-playing">{t("dashboard.playing")}</span>}
      </h2>
      <div className="figure" data-testid="progress-figure">
        <span className="figure-label">{t("dashboard.excellentLabel")}</span>
        <strong data-testid="progress-number">{excellent?.value}</strong>
        <span className="figure-of">/ {excellent?.ofText}</span>
      </div>
      <div className="figure" data-testid="practices-figure">
        <span className="figure-label">{t("dashboard.practicesLabel")}</span>
        <strong data-testid="practices-number">{practices?.value}</strong>
        <span className="figure-of">/ {practices?.ofText}</span>
      </div>
      {!unit && summary.excellentDetermined + summary.excellentProvisional > 0 && (
        <p className="figure-apart" data-testid="this-cycle-note">
          {t("dashboard.thisCycleNote", {
            determined: summary.excellentDetermined,
            provisional: summary.excellentProvisional,
          })}
        </p>
      )}
      {apart && (
        <p className="figure-apart" data-testid="non-competitors">
          {apart}
        </p>
      )}
      <span className="data-time" data-testid="data-time">
        {t("dashboard.dataTime", { time: formatTime(summary.generatedAt, language) })}
      </span>
    </div>
  );
}
