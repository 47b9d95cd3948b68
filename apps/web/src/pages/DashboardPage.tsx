import "../i18n/dashboard.ts"; // this page's strings, loaded with it
import "../i18n/briefing.ts"; // the city's name on a slide, shared
import type { DashboardSummaryDto, UnitComplianceDto } from "@beltmap/api";
import { TIERS, type Tier } from "@beltmap/domain";
import { useQuery } from "@tanstack/react-query";
import type { Map as MapLibreMap } from "maplibre-gl";
import { lazy, Suspense, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { LoadError } from "../components/LoadError.tsx";
import {
  complianceOption,
  countdownText,
  deadlineCountdowns,
  pipelineOption,
  progressOption,
  reReviewOption,
  tierOption,
  unitQuotaOption,
} from "../dashboard/chart-options.ts";
import { EChart } from "../dashboard/EChart.tsx";
import { ExportPng } from "../dashboard/ExportPng.tsx";
import { chinaDate, formatTime } from "../lib/format.ts";
import { useParamUpdater } from "../lib/params.ts";
import { LayerToggles } from "../panels/LayerToggles.tsx";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";

const MapView = lazy(() => import("../map/MapView.tsx").then((m) => ({ default: m.MapView })));

const ALL_TIERS = new Set<Tier | "NONE">([...TIERS, "NONE"]);
/** The charts of the page, in order (each a figure with its caption). */
const DASHBOARD_PANELS = ["progress", "tiers", "pipeline", "quotas", "reReviews", "compliance"] as const;

/** The view lives in the URL (unit, heatmaps, clusters), so a link reopens the same view. */
function readView(params: URLSearchParams) {
  const heat = new Set(
    (params.get("heat") ?? "")
      .split(",")
      .filter((tier): tier is Tier => (TIERS as readonly string[]).includes(tier)),
  );
  return { unitId: params.get("unit") || null, heat, clusters: params.get("clusters") === "1" };
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
  const view = readView(params);
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
  const chartTitles = DASHBOARD_PANELS.map((key) => ({
    testId: `chart-${key}`,
    title: t(`dashboard.panels.${key}`),
  }));

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
          {summary.data && (
            <ExportPng
              map={() => map.current}
              charts={chartTitles}
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
        {summary.data && compliance.data && (
          <Charts
            summary={summary.data}
            compliance={compliance.data}
            unitId={shownUnit}
            onUnit={toggleUnit}
          />
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

function Charts({
  summary,
  compliance,
  unitId,
  onUnit,
}: {
  summary: DashboardSummaryDto;
  compliance: readonly UnitComplianceDto[];
  unitId: string | null;
  onUnit: (unitId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  // Rebuilt when the data, the unit or the language change; the chart keeps its canvas.
  // biome-ignore lint/correctness/useExhaustiveDependencies: t follows i18n.language
  const options = useMemo(
    () => ({
      progress: progressOption(summary, unitId, t, "light", { title: false }),
      tiers: tierOption(summary, unitId, t, "light", { title: false }),
      pipeline: pipelineOption(summary, unitId, t, "light", { title: false }),
      quotas: unitQuotaOption(summary, unitId, t, "light", { title: false }),
      reReviews: reReviewOption(summary, unitId, t, "light", { title: false }),
      compliance: complianceOption(compliance, unitId, t, "light", { title: false }),
    }),
    [summary, compliance, unitId, i18n.language],
  );
  const panels = [
    { key: "progress", title: t("dashboard.panels.progress"), height: 150, select: false },
    { key: "tiers", title: t("dashboard.panels.tiers"), height: 230, select: false },
    { key: "pipeline", title: t("dashboard.panels.pipeline"), height: 230, select: false },
    { key: "quotas", title: t("dashboard.panels.quotas"), height: 300, select: true },
    { key: "reReviews", title: t("dashboard.panels.reReviews"), height: 260, select: true },
    { key: "compliance", title: t("dashboard.panels.compliance"), height: 260, select: true },
  ] as const;
  return (
    <div className="dashboard-charts">
      {panels.map((panel) => (
        <figure key={panel.key} className={`chart-card chart-${panel.key}`}>
          <figcaption>{panel.title}</figcaption>
          <EChart
            option={options[panel.key]}
            height={panel.height}
            testId={`chart-${panel.key}`}
            label={panel.title}
            {...(panel.select ? { onSelect: onUnit } : {})}
          />
        </figure>
      ))}
    </div>
  );
}
