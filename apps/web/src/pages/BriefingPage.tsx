import "../i18n/dashboard.ts";
import "../i18n/briefing.ts";
import type { DashboardSummaryDto } from "@beltmap/api";
import { TIERS, type Tier } from "@beltmap/domain";
import { useMutation, useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { intervalSeconds, nextSlide, STAGE, slidesOf, stageScale, tourKey } from "../briefing/tour.ts";
import {
  countdownText,
  deadlineCountdowns,
  pipelineOption,
  progressOption,
  tierOption,
  unitQuotaOption,
} from "../dashboard/chart-options.ts";
import { EChart } from "../dashboard/EChart.tsx";
import { serverMessage } from "../lib/errors.ts";
import { formatTime } from "../lib/format.ts";
import { useTRPC } from "../trpc.ts";

const MapView = lazy(() => import("../map/MapView.tsx").then((m) => ({ default: m.MapView })));

const ALL_TIERS = new Set<Tier | "NONE">([...TIERS, "NONE"]);
const NO_HEAT: ReadonlySet<Tier> = new Set();
/** Figures are fetched again this often (the screen shows their time). */
const REFRESH_MS = 5 * 60_000;
/** Type across a room: the charts' fonts at 1.35× (the units' chart, with nine rows, at 1.1×). */
const CHART_SCALE = 1.35;
const UNITS_CHART_SCALE = 1.1;

/**
 * 领导大屏: a 16:9 stage laid out at 1920×1080 and scaled to the screen, dark, with large type. It
 * tours the city and then each unit (the map flies there and shows its belts, service center and
 * 特色小镇 sites beside its figures), at `?interval=` seconds; PageDown/PageUp (or the arrows) step,
 * space pauses. Its data refreshes every few minutes, and it shows the time of the data.
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
  const organizations = useQuery({ ...trpc.map.organizations.queryOptions(), ...live });
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
  const title = unit ? t(`units.${unit.unitId}`, { defaultValue: unit.unitName }) : t("briefing.city");

  return (
    <div className="briefing-viewport" data-testid="briefing">
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
          <h2 data-testid="briefing-slide-title">{title}</h2>
          <div className="briefing-meta">
            {info.data?.demoData && <span className="briefing-demo">{t("app.demoData")}</span>}
            {paused && <span className="briefing-paused">{t("briefing.paused")}</span>}
            {summary.data && (
              <span data-testid="briefing-data-time">
                {t("dashboard.dataTime", { time: formatTime(summary.data.generatedAt, i18n.language) })}
              </span>
            )}
          </div>
        </header>
        <div className="briefing-body">
          <section className="briefing-map">
            <Suspense fallback={null}>
              <MapView
                counties={counties.data ?? []}
                organizations={organizations.data ?? []}
                belts={belts.data ?? []}
                serviceCenters={centers.data ?? []}
                unitId={slide.unitId}
                tiers={ALL_TIERS}
                selectedId={null}
                flyTo={null}
                onSelect={() => undefined}
                heatTiers={NO_HEAT}
                pixelRatio={pixelRatio}
                basemap={info.data?.basemap}
              />
            </Suspense>
          </section>
          {summary.data && (
            <BriefingFigures summary={summary.data} unitId={slide.unitId} pixelRatio={pixelRatio} />
          )}
        </div>
        <footer className="briefing-footer" title={t("briefing.slides")}>
          {slides.map((s, i) => (
            <span
              key={s.unitId ?? "CITY"}
              className={i === index ? "briefing-dot current" : "briefing-dot"}
              aria-current={i === index ? "step" : undefined}
            />
          ))}
        </footer>
      </div>
    </div>
  );
}

function BriefingFigures({
  summary,
  unitId,
  pixelRatio,
}: {
  summary: DashboardSummaryDto;
  unitId: string | null;
  pixelRatio: number;
}) {
  const { t, i18n } = useTranslation();
  const unit = unitId ? summary.perUnit.find((u) => u.unitId === unitId) : undefined;
  const ratioKey = Math.round(pixelRatio * 4);
  // biome-ignore lint/correctness/useExhaustiveDependencies: t follows i18n.language
  const options = useMemo(() => {
    const style = { scale: CHART_SCALE, title: false } as const;
    return {
      progress: progressOption(summary, unitId, t, "dark", style),
      tiers: tierOption(summary, unitId, t, "dark", style),
      // The city's slide compares the units; a unit's slide shows where its sheets stand.
      third: unitId
        ? pipelineOption(summary, unitId, t, "dark", style)
        : unitQuotaOption(summary, null, t, "dark", { ...style, scale: UNITS_CHART_SCALE }),
    };
  }, [summary, unitId, i18n.language]);
  return (
    <section className="briefing-figures">
      <div className="briefing-number">
        <span className="briefing-label">{t("dashboard.excellentLabel")}</span>
        <strong data-testid="briefing-progress-number">
          {unit ? unit.excellent : summary.excellentOfficial}
        </strong>
        <span className="briefing-of">
          /{" "}
          {unit
            ? t("dashboard.ofQuota", { quota: unit.quota })
            : t("dashboard.ofTarget", { target: summary.target })}
        </span>
      </div>
      <ul className="briefing-countdowns">
        {deadlineCountdowns(summary, new Date(summary.generatedAt)).map((c) => (
          <li key={c.key}>{countdownText(c, t)}</li>
        ))}
      </ul>
      <EChart
        // A new pixel ratio (the screen changed size) draws the chart anew, sharp again.
        key={`progress-${ratioKey}`}
        option={options.progress}
        theme="dark"
        height={200}
        testId="briefing-progress"
        label={t("dashboard.panels.progress")}
        pixelRatio={pixelRatio}
      />
      <EChart
        key={`tiers-${ratioKey}`}
        option={options.tiers}
        theme="dark"
        height={250}
        testId="briefing-tiers"
        label={t("dashboard.panels.tiers")}
        pixelRatio={pixelRatio}
      />
      <EChart
        key={`third-${ratioKey}`}
        option={options.third}
        theme="dark"
        height={unitId ? 290 : 330}
        testId="briefing-third"
        label={unitId ? t("dashboard.panels.pipeline") : t("dashboard.panels.quotas")}
        pixelRatio={pixelRatio}
      />
    </section>
  );
}
