import "../i18n/dashboard.ts";
import "../i18n/briefing.ts";
import "../dashboard/dashboard.css";
import type { DashboardSummaryDto } from "@beltmap/api";
import type { Tier } from "@beltmap/domain";
import { useIsFetching, useMutation, useQuery } from "@tanstack/react-query";
import type { Map as MapLibreMap } from "maplibre-gl";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { RankingBoard } from "../briefing/RankingBoard.tsx";
import { intervalSeconds, nextSlide, STAGE, slidesOf, stageScale, tourKey } from "../briefing/tour.ts";
import { RollingNumber } from "../components/RollingNumber.tsx";
import { ChartCard } from "../dashboard/ChartCard.tsx";
import type { Translate } from "../dashboard/chart-options.ts";
import { type DashboardChart, pipelineChart, tierChart, unitQuotaChart } from "../dashboard/chart-options.ts";
import { ExportPng } from "../dashboard/ExportPng.tsx";
import { cycleLabel, targetFigures } from "../dashboard/figures.ts";
import { BriefingReports } from "../dashboard/ReportsCard.tsx";
import { MapLegend } from "../legend/MapLegend.tsx";
import { serverMessage } from "../lib/errors.ts";
import { chinaDate, formatTime } from "../lib/format.ts";
import { ALL_CATEGORIES } from "../map/features.ts";
import { useTRPC } from "../trpc.ts";
import { organizationQueries, useMapOrganizations } from "./map-organizations.ts";

const MapView = lazy(() => import("../map/MapView.tsx").then((m) => ({ default: m.MapView })));

const NO_HEAT: ReadonlySet<Tier> = new Set();
/** A unit's slide fits the unit right of the legend (bottom left, ≤ 360 px) and clear of the zoom buttons. */
const UNIT_PADDING = { top: 48, right: 64, bottom: 48, left: 390 };
/**
 * The city's slide fits the city left of centre, clear of the zoom buttons; the units' ranking sits
 * in the corner the city leaves empty, bottom right (south of 龙游县, east of 江山市).
 */
const CITY_PADDING = { top: 24, right: 200, bottom: 24, left: 24 };
/** Figures are fetched again this often (the screen shows their time). */
const REFRESH_MS = 5 * 60_000;
/** Type across a room: the charts' fonts at 1.35× (the units' chart, with nine rows, at 1.1×). */
const CHART_SCALE = 1.35;
const UNITS_CHART_SCALE = 1.1;

/**
 * 领导大屏: a 16:9 stage laid out at 1920×1080 and scaled to the screen, dark, with large type. It
 * tours the city and then each unit (the map flies there and shows its belts, service center and
 * 特色小镇 sites beside its figures), at `?interval=` seconds; PageDown/PageUp (or the arrows) step,
 * space pauses. Its data refreshes every few minutes, and it shows the time of the data. It always
 * shows the current cycle (its queries name none), and says which.
 */
/** Where a display keeps its link's secret (this tab only), to open the link again on reload. */
export const BRIEFING_KEY_STORAGE = "beltmap.briefingKey";

/**
 * The way in: opened from a briefing link (`?key=`), the link is opened first — a read-only session
 * without a personal login — and its secret leaves the address bar; otherwise the user's own
 * session serves (or the login page, when there is none).
 */
export function BriefingEntry() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [key] = useState(() => {
    // The secret travels in the fragment (#key=…), which no request carries.
    const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get("key");
    if (fromUrl) sessionStorage.setItem(BRIEFING_KEY_STORAGE, fromUrl);
    return fromUrl ?? sessionStorage.getItem(BRIEFING_KEY_STORAGE);
  });
  const open = useMutation(trpc.briefing.open.mutationOptions());
  const { mutate } = open;
  useEffect(() => {
    if (!key) return;
    if (window.location.hash) {
      const url = new URL(window.location.href);
      url.hash = "";
      window.history.replaceState(window.history.state, "", url);
    }
    mutate({ key });
  }, [key, mutate]);
  if (!key || open.isSuccess) return <BriefingPage />;
  return (
    <div className="briefing-viewport briefing-message" role={open.isError ? "alert" : "status"}>
      {open.isError ? (serverMessage(open.error) ?? t("app.networkError")) : t("briefing.opening")}
    </div>
  );
}

export function BriefingPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const interval = intervalSeconds(params.get("interval"));
  const live = { refetchInterval: REFRESH_MS, refetchIntervalInBackground: true };
  const summary = useQuery({ ...trpc.dashboard.summary.queryOptions(), ...live });
  const fetching = useIsFetching(); // aria-busy: a screen reader and the browser tests wait for it
  const belts = useQuery({ ...trpc.belt.list.queryOptions(), ...live });
  const centers = useQuery({ ...trpc.map.serviceCenters.queryOptions(), ...live });
  const counties = useQuery(
    trpc.map.counties.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const info = useQuery(trpc.meta.info.queryOptions());

  const slides = useMemo(() => slidesOf(summary.data?.perUnit.map((u) => u.unitId) ?? []), [summary.data]);
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const slide = slides[index % Math.max(1, slides.length)] ?? { unitId: null };
  const drawn = useMapOrganizations(
    organizationQueries(trpc),
    { unitId: slide.unitId, tiers: ALL_CATEGORIES },
    live,
  );
  // Asked once the organisations are in: a first derivation must not hold up the map's batch.
  const townships = useQuery({
    ...trpc.map.townshipAreas.queryOptions(undefined, { staleTime: REFRESH_MS }),
    enabled: !drawn.pending,
  });

  // Each slide gets the whole interval, however it was reached (timer or key): `index` restarts it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: index is the trigger
  useEffect(() => {
    if (paused || slides.length <= 1) return;
    const timer = window.setTimeout(() => setIndex((i) => nextSlide(i, slides.length)), interval * 1000);
    return () => window.clearTimeout(timer);
  }, [paused, slides.length, interval, index]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = tourKey(event.key);
      if (action === null) return;
      event.preventDefault();
      if (action === "pause") setPaused((p) => !p);
      else setIndex((i) => nextSlide(i, slides.length, action === "next" ? 1 : -1));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [slides.length]);

  const [scale, setScale] = useState(() => stageScale(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const onResize = () => setScale(stageScale(window.innerWidth, window.innerHeight));
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  // Drawn at the screen's own resolution, not blown up from 1920×1080.
  const pixelRatio = scale * (window.devicePixelRatio || 1);

  const unit = slide.unitId ? summary.data?.perUnit.find((u) => u.unitId === slide.unitId) : undefined;
  // A township's or an organisation's figures are of that region, not of its whole unit.
  const title = summary.data?.region.partOfUnit
    ? summary.data.region.name
    : unit
      ? t(`units.${unit.unitId}`, { defaultValue: unit.unitName })
      : t("briefing.city");
  const map = useRef<MapLibreMap | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: t follows i18n.language
  const charts = useMemo(
    () => (summary.data ? slideCharts(summary.data, slide.unitId, t) : null),
    [summary.data, slide.unitId, i18n.language],
  );

  return (
    <div className="briefing-viewport" data-testid="briefing" aria-busy={fetching > 0}>
      <div
        className="briefing-stage"
        data-testid="briefing-stage"
        data-slide={index}
        data-unit={slide.unitId ?? "CITY"}
        style={{
          width: STAGE.width,
          height: STAGE.height,
          transform: `translate(-50%, -50%) scale(${scale})`,
        }}
      >
        <header className="briefing-header">
          <h1>{t("briefing.title")}</h1>
          <h2 data-testid="briefing-slide-title" title={title}>
            {title}
          </h2>
          {summary.data && (
            <span className="briefing-cycle" data-testid="briefing-cycle">
              {cycleLabel(summary.data, t)}
            </span>
          )}
          <div className="briefing-meta">
            {info.data?.demoData && <span className="briefing-demo">{t("app.demoData")}</span>}
            {paused && <span className="briefing-paused">{t("briefing.paused")}</span>}
            {summary.data && (
              <span data-testid="briefing-data-time">
                {t("dashboard.dataTime", { time: formatTime(summary.data.generatedAt, i18n.language) })}
              </span>
            )}
            {summary.data && charts && (
              <ExportPng
                map={() => map.current}
                charts={SLIDE_CHARTS.map((key) => ({ testId: `briefing-${key}`, chart: charts[key] }))}
                subtitle={snapshotSubtitle(summary.data, slide.unitId, title, t)}
                dataTime={t("dashboard.dataTime", {
                  time: formatTime(summary.data.generatedAt, i18n.language),
                })}
                demo={info.data?.demoData === true}
                attribution={info.data?.basemap?.attribution ?? null}
                fileName={`${t("briefing.snapshotFile")}-${cycleLabel(summary.data, t).replace(/\s/g, "")}-${title}-${chinaDate(new Date(summary.data.generatedAt))}.png`}
                theme="dark"
                className="briefing-export"
                title={t("briefing.title")}
              />
            )}
          </div>
        </header>
        <div className="briefing-body">
          <section className="briefing-map">
            <Suspense fallback={null}>
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
                  unitId={slide.unitId}
                  tiers={ALL_CATEGORIES}
                  selectedId={null}
                  flyTo={null}
                  onSelect={() => undefined}
                  heatTiers={NO_HEAT}
                  pixelRatio={pixelRatio}
                  basemap={info.data?.basemap}
                  theme="dark"
                  animateBelts
                  fitPadding={slide.unitId ? UNIT_PADDING : CITY_PADDING}
                  onMap={(live) => {
                    map.current = live;
                  }}
                />
              )}
            </Suspense>
            <MapLegend belts={belts.data ?? []} unitId={slide.unitId} theme="dark" />
            {!slide.unitId && summary.data && summary.data.perUnit.length > 1 && (
              <RankingBoard perUnit={summary.data.perUnit} />
            )}
          </section>
          {summary.data && charts && (
            <BriefingFigures
              summary={summary.data}
              unitId={slide.unitId}
              charts={charts}
              pixelRatio={pixelRatio}
            />
          )}
        </div>
        <footer className="briefing-footer">
          {/* A mouse, a touch screen or a clicker: the tour is driven here as by the keys. */}
          <button
            type="button"
            className="briefing-control"
            onClick={() => setIndex((i) => nextSlide(i, slides.length, -1))}
            aria-label={t("briefing.previous")}
            data-testid="briefing-prev"
          >
            ‹
          </button>
          <nav className="briefing-dots" aria-label={t("briefing.slides")}>
            {slides.map((s, i) => (
              <button
                type="button"
                key={s.unitId ?? "CITY"}
                className={i === index ? "briefing-dot current" : "briefing-dot"}
                aria-current={i === index ? "step" : undefined}
                aria-label={t("briefing.goTo", {
                  n: i + 1,
                  title: s.unitId
                    ? t(`units.${s.unitId}`, {
                        defaultValue: summary.data?.perUnit.find((u) => u.unitId === s.unitId)?.unitName,
                      })
                    : t("briefing.city"),
                })}
                onClick={() => setIndex(i)}
                data-testid="briefing-dot"
              />
            ))}
          </nav>
          <button
            type="button"
            className="briefing-control"
            onClick={() => setIndex((i) => nextSlide(i, slides.length, 1))}
            aria-label={t("briefing.next")}
            data-testid="briefing-next"
          >
            ›
          </button>
          <button
            type="button"
            className="briefing-control wide"
            onClick={() => setPaused((p) => !p)}
            aria-pressed={paused}
            data-testid="briefing-pause"
          >
            {paused ? t("briefing.resume") : t("briefing.pause")}
          </button>
          <FullscreenButton />
        </footer>
      </div>
    </div>
  );
}

/** The PNG's subtitle: the slide, the cycle and the headline figures (HTML on screen, not charts). */
function snapshotSubtitle(
  summary: DashboardSummaryDto,
  unitId: string | null,
  title: string,
  t: Translate,
): string {
  const [excellent, practices] = targetFigures(summary, unitId, t);
  return [
    title,
    cycleLabel(summary, t),
    `${t("dashboard.excellentLabel")} ${excellent?.value} / ${excellent?.ofText}`,
    `${t("dashboard.practicesLabel")} ${practices?.value} / ${practices?.ofText}`,
  ].join(" · ");
}

/**
 * A slide's charts, top to bottom. The progress toward the 100 sites is the headline's figure (with
 * 典型做法 against 50 beside it), not a chart: the room goes to the tiers and the units.
 */
const SLIDE_CHARTS = ["tiers", "third"] as const;
type SlideCharts = Record<(typeof SLIDE_CHARTS)[number], DashboardChart>;

function slideCharts(summary: DashboardSummaryDto, unitId: string | null, t: Translate): SlideCharts {
  const style = { scale: CHART_SCALE };
  return {
    tiers: tierChart(summary, unitId, t, "dark", style),
    // The city's slide compares the units; a unit's slide shows where its sheets stand.
    third: unitId
      ? pipelineChart(summary, unitId, t, "dark", style)
      : unitQuotaChart(summary, null, t, "dark", { scale: UNITS_CHART_SCALE }),
  };
}

function BriefingFigures({
  summary,
  unitId,
  charts,
  pixelRatio,
}: {
  summary: DashboardSummaryDto;
  unitId: string | null;
  charts: SlideCharts;
  pixelRatio: number;
}) {
  const { t } = useTranslation();
  const unit = unitId ? summary.perUnit.find((u) => u.unitId === unitId) : undefined;
  const ratioKey = Math.round(pixelRatio * 4);
  const [excellent, practices] = targetFigures(summary, unit ? unit.unitId : null, t);
  const apart = unit ? unit.nonCompetitors : summary.nonCompetitors;
  const tierTargets = summary.perTier.map((row) => row.targetCount).join(" / ");
  return (
    <section className="briefing-figures">
      <div className="briefing-headline">
        <div className="briefing-number">
          <span className="briefing-label">{t("dashboard.excellentLabel")}</span>
          <RollingNumber value={excellent?.value ?? 0} testId="briefing-progress-number" />
          <span className="briefing-of">/ {excellent?.ofText}</span>
        </div>
        <div className="briefing-number briefing-practices">
          <span className="briefing-label">{t("dashboard.practicesLabel")}</span>
          <RollingNumber value={practices?.value ?? 0} testId="briefing-practices-number" />
          <span className="briefing-of">/ {practices?.ofText}</span>
        </div>
      </div>
      <div className="briefing-targets" data-testid="briefing-targets">
        {!unit && summary.excellentDetermined + summary.excellentProvisional > 0 && (
          <span>
            {t("dashboard.thisCycleNote", {
              determined: summary.excellentDetermined,
              provisional: summary.excellentProvisional,
            })}
          </span>
        )}
        {!unit && <span>{t("briefing.tierTargets", { counts: tierTargets })}</span>}
        {apart > 0 && (
          <span data-testid="briefing-non-competitors">{t("briefing.nonCompetitors", { count: apart })}</span>
        )}
      </div>
      <BriefingReports summary={summary} unitId={unit ? unit.unitId : null} />
      {SLIDE_CHARTS.map((key) => (
        <ChartCard
          // A new pixel ratio (the screen changed size) draws the chart anew, sharp again.
          key={`${key}-${ratioKey}`}
          chart={charts[key]}
          className={`briefing-chart briefing-chart-${key}`}
          theme="dark"
          height={SLIDE_CHART_HEIGHTS[key](unitId)}
          testId={`briefing-${key}`}
          pixelRatio={pixelRatio}
        />
      ))}
    </section>
  );
}

/** The plots' heights on the 1080-pixel stage (the units' chart, nine rows, taller). */
const SLIDE_CHART_HEIGHTS: Record<(typeof SLIDE_CHARTS)[number], (unitId: string | null) => number> = {
  tiers: () => 206,
  third: (unitId) => (unitId ? 250 : 272),
};

/** The wall screen's whole display for the 大屏 (where the browser allows it). */
function FullscreenButton() {
  const { t } = useTranslation();
  const [full, setFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);
  if (!document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="briefing-control wide"
      onClick={() =>
        void (full ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => {
          // Refused (no user gesture, a policy): the page stays as it is.
        })
      }
      data-testid="briefing-fullscreen"
    >
      {full ? t("briefing.exitFullscreen") : t("briefing.fullscreen")}
    </button>
  );
}
