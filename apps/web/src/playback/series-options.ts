// The progress over the cycles (年度回放): a line per figure — 优秀 against the quota, and 典型做法 —
// for the city (the units added up) or one unit. A pure builder like the dashboard's (see
// dashboard/chart-options.ts): the ECharts option plus the HTML frame. Types only from ECharts: the
// line chart's code is registered apart (echarts-line.ts), in a chunk loaded when the chart shows.
import type { CycleSeriesDto } from "@beltmap/api";
import type { LineSeriesOption } from "echarts/charts";
import {
  base,
  type ChartOptions,
  type ChartTheme,
  COLORS,
  categoryAxis,
  type DashboardChart,
  frame,
  grid,
  label,
  niceAxis,
  type Translate,
  unitName,
  valueAxis,
} from "../dashboard/chart-options.ts";

export type SeriesPoint = { year: number; excellent: number; quota: number; practices: number };

/** One point per cycle, oldest first: the unit's figures, or every unit's added up (unitId null). */
export function seriesPoints(series: CycleSeriesDto, unitId: string | null): SeriesPoint[] {
  return [...series.cycles]
    .sort((a, b) => a.cycle.year - b.cycle.year)
    .map(({ cycle, perUnit }) => {
      const rows = unitId === null ? perUnit : perUnit.filter((u) => u.unitId === unitId);
      const add = (pick: (u: (typeof perUnit)[number]) => number) =>
        rows.reduce((sum, u) => sum + pick(u), 0);
      return {
        year: cycle.year,
        excellent: add((u) => u.excellent),
        quota: add((u) => u.quota),
        practices: add((u) => u.practices),
      };
    });
}

type LineItem = {
  value: number;
  tip: string;
  symbolSize?: number;
  label?: Record<string, unknown>;
};

/**
 * The line chart over the cycles. Every point is marked (a circle for 优秀, a square for the quota,
 * a triangle for 典型做法) and labelled with its figure, and each year is named on the axis, so
 * even two cycles read clearly. `currentYear` (the year playback shows) gets larger points and a
 * bold year. A unit the series does not know falls back to the city.
 */
export function seriesChart(
  series: CycleSeriesDto,
  unitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
  currentYear: number | null = null,
): DashboardChart {
  const f = frame(theme, options);
  const unit = unitId === null ? undefined : series.units.find((u) => u.unitId === unitId);
  const points = seriesPoints(series, unit ? unit.unitId : null);
  const place = unit ? unitName(t, unit) : t("playback.series.city");
  const yearText = (year: number) => t("playback.year", { year });
  const isCurrent = (year: number) => year === currentYear;
  const size = (year: number, normal: number) => f.px(isCurrent(year) ? normal * 1.5 : normal);

  const line = (
    name: string,
    color: string,
    symbol: string,
    pick: (p: SeriesPoint) => number,
    position: (p: SeriesPoint) => "top" | "bottom" | "left" | "right",
    dashed = false,
  ): LineSeriesOption => ({
    type: "line",
    name,
    symbol,
    showSymbol: true,
    showAllSymbol: true,
    cursor: "default",
    color,
    lineStyle: { color, width: f.px(dashed ? 2 : 3), type: dashed ? "dashed" : "solid" },
    itemStyle: { color, borderColor: theme === "dark" ? "#0b1220" : "#ffffff", borderWidth: f.px(1.5) },
    data: points.map(
      (p): LineItem => ({
        value: pick(p),
        tip: `${yearText(p.year)} ${name} ${pick(p)}`,
        symbolSize: size(p.year, 11),
        label: label(f, {
          position: position(p),
          formatter: String(pick(p)),
          color: dashed ? f.ink.muted : color,
          fontWeight: isCurrent(p.year) ? "bold" : "normal",
          distance: f.px(6),
        }),
      }),
    ) as LineSeriesOption["data"],
  });
  // Labels on different sides, so they never sit on one another however close the lines run:
  // 优秀's to the left of its point, 典型做法's to the right, the quota's above its point (below it
  // for a unit over its quota, where the quota line runs beneath 优秀).
  const quotaAbove = (p: SeriesPoint) => p.quota >= p.excellent;
  const top = Math.max(0, ...points.flatMap((p) => [p.excellent, p.quota, p.practices]));
  const first = points[0];
  const last = points[points.length - 1];
  const subtitle =
    first && last && points.length > 1
      ? t("playback.series.change", {
          first: first.year,
          last: last.year,
          excellentFirst: first.excellent,
          excellentLast: last.excellent,
          practicesFirst: first.practices,
          practicesLast: last.practices,
          count: points.length,
        })
      : last
        ? t("playback.series.single", {
            year: last.year,
            excellent: last.excellent,
            quota: last.quota,
            practices: last.practices,
          })
        : t("playback.series.none");
  const quotaName = unit ? t("playback.series.quota") : t("playback.series.quotaTotal");
  return {
    title: t("playback.series.title", { place }),
    subtitle,
    legend: [
      { label: t("playback.series.excellent"), color: COLORS.official, mark: "fill" },
      { label: quotaName, color: f.ink.muted, mark: "dashed" },
      { label: t("playback.series.practices"), color: COLORS.practice, mark: "fill" },
    ],
    option: {
      ...base(f),
      grid: grid(f, { top: f.px(28), bottom: f.px(6), right: f.px(28), left: f.px(6) }),
      xAxis: categoryAxis(
        f,
        points.map((p) =>
          isCurrent(p.year)
            ? { value: yearText(p.year), textStyle: { color: f.ink.text, fontWeight: "bold" as const } }
            : { value: yearText(p.year) },
        ),
        { boundaryGap: true },
      ),
      yAxis: valueAxis(f, { name: t("playback.series.axis"), ...niceAxis(top) }),
      series: [
        line(
          t("playback.series.excellent"),
          COLORS.official,
          "circle",
          (p) => p.excellent,
          () => "left",
        ),
        line(
          quotaName,
          f.ink.muted,
          "rect",
          (p) => p.quota,
          (p) => (quotaAbove(p) ? "top" : "bottom"),
          true,
        ),
        line(
          t("playback.series.practices"),
          COLORS.practice,
          "triangle",
          (p) => p.practices,
          () => "right",
        ),
      ],
    },
  };
}
