import "../i18n/dashboard.ts"; // this page's strings, loaded with it
import "../i18n/briefing.ts"; // the city's name on a slide, shared
import type { DashboardSummaryDto } from "@beltmap/api";
import { TIERS, type Tier } from "@beltmap/domain";
import { useQuery } from "@tanstack/react-query";
import type { Map as MapLibreMap } from "maplibre-gl";
import { lazy, Suspense, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { LoadError } from "../components/LoadError.tsx";
import { ChartCard } from "../dashboard/ChartCard.tsx";
import {
  complianceChart,
  countdownText,
  type DashboardChart,
  deadlineCountdowns,
  pipelineChart,
  progressChart,
  reReviewChart,
  tierChart,
  unitQuotaChart,
} from "../dashboard/chart-options.ts";
import { ExportPng } from "../dashboard/ExportPng.tsx";
import { chinaDate, formatTime } from "../lib/format.ts";
import { useParamUpdater } from "../lib/params.ts";
import { LayerToggles } from "../panels/LayerToggles.tsx";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";

const MapView = lazy(() => import("../map/MapView.tsx").then((m) => ({ default: m.MapView })));

const ALL_TIERS = new Set<Tier | "NONE">([...TIERS, "NONE"]);

/** The charts of the page, in order, with their plots' heights; a click on a unit's bar filters. */
const PANELS = [
  { key: "progress", height: 120, select: false },
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

/**
 * 看板: where the city (or the user's unit) stands, in one look: the map with its tier heatmaps
 * beside progress toward the 100 sites, each unit against its quotas, the tiers against their
 * targets, the four stages, re-reviews due and overdue, belt compliance and the deadlines. A click
 * on a unit in any chart filters the map and the other charts to it; another click goes back.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [params, update] = useParamUpdater();
  // The view lives in the URL (unit, heatmaps, clusters), so a link reopens the same view. The set
  // is made again only when its text changes: the map re-applies its overlays on a new set.
  const heatParam = params.get("heat") ?? "";
  const heat = useMemo(() => heatTiersOf(heatParam), [heatParam]);
  const view = { unitId: params.get("unit") || null, heat, clusters: params.get("clusters") === "1" };
  const unitName = useUnitName();
  const summary = useQuery(trpc.dashboard.summary.queryOptions());
  const compliance = useQuery(trpc.belt.compliance.queryOptions());
  const organizations = useQuery(trpc.map.organizations.queryOptions());
  const belts = useQuery(trpc.belt.list.queryOptions());
  const centers = useQuery(trpc.map.serviceCenters.queryOptions());
  const counties = useQuery(
    trpc.map.counties.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const info = useQuery(trpc.meta.info.queryOptions());
  const failed = [summary, compliance, organizations, belts, centers, counties].find((q) => q.isError);

  const toggleUnit = (unitId: string) => update({ unit: chosen === unitId ? null : unitId });
  const map = useRef<MapLibreMap | null>(null);
  // A unit the link names but the user cannot see (or a typo) is no filter.
  const chosen =
    view.unitId && summary.data && !summary.data.perUnit.some((u) => u.unitId === view.unitId)
      ? null
      : view.unitId;
  // A unit's own dashboard (its county user) is that unit's, not the city's.
  const onlyUnit = summary.data?.perUnit.length === 1 ? summary.data.perUnit[0]?.unitId : undefined;
  const shownUnit = chosen ?? onlyUnit ?? null;
  const place = shownUnit ? unitName(shownUnit) : t("briefing.city");
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

  return (
    <div className="dashboard" data-testid="dashboard">
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
          {summary.data && charts && (
            <ExportPng
              map={() => map.current}
              charts={PANELS.map(({ key }) => ({ testId: `chart-${key}`, chart: charts[key] }))}
              subtitle={place}
              dataTime={t("dashboard.dataTime", {
                time: formatTime(summary.data.generatedAt, i18n.language),
              })}
              demo={info.data?.demoData === true}
              attribution={info.data?.basemap?.attribution ?? null}
              fileName={`${t("dashboard.snapshotFile")}-${place}-${chinaDate(new Date(summary.data.generatedAt))}.png`}
            />
          )}
          <LayerToggles
            heatTiers={view.heat}
            onHeatTiers={(tiers) => update({ heat: [...tiers].join(",") || null })}
            clusters={view.clusters}
            onClusters={(on) => update({ clusters: on ? "1" : null })}
          />
        </div>
        <div className="map-area">
          <Suspense fallback={<div className="map-loading">{t("app.loading")}</div>}>
            <MapView
              counties={counties.data ?? []}
              organizations={organizations.data ?? []}
              belts={belts.data ?? []}
              serviceCenters={centers.data ?? []}
              unitId={chosen}
              tiers={ALL_TIERS}
              selectedId={null}
              flyTo={null}
              onSelect={() => undefined}
              heatTiers={view.heat}
              clusters={view.clusters}
              basemap={info.data?.basemap}
              onMap={(live) => {
                map.current = live;
              }}
            />
          </Suspense>
        </div>
      </section>
      <section className="dashboard-panels" aria-label={t("dashboard.title")}>
        {failed && <LoadError query={failed} />}
        {summary.data && <Figures summary={summary.data} unitId={shownUnit} language={i18n.language} />}
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
      </section>
    </div>
  );
}

/** The headline figures: 优秀 against the target, the countdowns, the time of the data. */
function Figures({
  summary,
  unitId,
  language,
}: {
  summary: DashboardSummaryDto;
  unitId: string | null;
  language: string;
}) {
  const { t } = useTranslation();
  const unit = unitId ? summary.perUnit.find((u) => u.unitId === unitId) : undefined;
  const countdowns = deadlineCountdowns(summary, new Date(summary.generatedAt));
  return (
    <div className="dashboard-figures">
      <div className="figure" data-testid="progress-figure">
        <span className="figure-label">{t("dashboard.excellentLabel")}</span>
        <strong data-testid="progress-number">{unit ? unit.excellent : summary.excellentOfficial}</strong>
        <span className="figure-of">
          /{" "}
          {unit
            ? t("dashboard.ofQuota", { quota: unit.quota })
            : t("dashboard.ofTarget", { target: summary.target })}
        </span>
        {!unit && summary.excellentProvisional > 0 && (
          <span className="figure-note">
            {" · "}
            {t("dashboard.provisionalMore", { count: summary.excellentProvisional })}
          </span>
        )}
      </div>
      <ul className="countdowns">
        {countdowns.map((c) => (
          <li key={c.key} className={c.overdue ? "overdue" : undefined}>
            {countdownText(c, t)}
          </li>
        ))}
      </ul>
      <span className="data-time" data-testid="data-time">
        {t("dashboard.dataTime", { time: formatTime(summary.generatedAt, language) })}
      </span>
    </div>
  );
}
