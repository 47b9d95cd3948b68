// The dashboard's charts as ECharts options: pure functions of the API's figures, the selected unit,
// the language (a translate function) and the theme. No DOM and no ECharts code here (types only), so
// the options are tested as plain data; EChart.tsx draws them.
import type { DashboardSummaryDto, PipelineStep, UnitComplianceDto } from "@beltmap/api";
import { chinaDayNumber, STAGES, TIERS, type Tier } from "@beltmap/domain";
import type { BarSeriesOption } from "echarts/charts";
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { TIER_COLORS } from "../map/palette.ts";

export type DashboardChartOption = ComposeOption<
  | BarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

/** i18next's `t`, or anything that translates the same way. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
export type ChartTheme = "light" | "dark";
export type ChartOptions = {
  /** Multiplies every font size (and the spacing around text): 2 on a 3840×2160 briefing screen. */
  scale?: number;
  /** Draw the chart's own title (default); false when the page shows a heading instead. */
  title?: boolean;
};

type UnitFigures = DashboardSummaryDto["perUnit"][number];
type BarItem = NonNullable<BarSeriesOption["data"]>[number];
type BarItemObject = Extract<BarItem, { itemStyle?: unknown }>;
/** A bar that stands for a unit: clicking it selects the unit (see `clickedUnitId`). */
export type UnitBarItem = BarItemObject & { unitId: string };
type MarkLineItem = NonNullable<MarkLineComponentOption["data"]>[number];
type CategoryLabel = { value: string; textStyle?: { color?: string; fontWeight?: "bold" | "normal" } };

export const PIPELINE_STEPS: readonly PipelineStep[] = [...STAGES, "DETERMINED"];

/** Okabe–Ito, like the tier colours: apart for the common colour-vision deficiencies. */
const COLORS = {
  official: "#0072B2",
  provisional: "#56B4E9",
  practice: "#009E73",
  over: "#D55E00",
  dueSoon: "#E69F00",
  overdue: "#D55E00",
  passed: "#009E73",
  failed: "#D55E00",
  waiting: "#56B4E9",
  determined: "#0072B2",
} as const;

type Ink = {
  text: string;
  muted: string;
  axis: string;
  split: string;
  tooltip: string;
  tooltipBorder: string;
};
const INK: Record<ChartTheme, Ink> = {
  light: {
    text: "#1f2933",
    muted: "#52606d",
    axis: "#9aa5b1",
    split: "#e4e7eb",
    tooltip: "#ffffff",
    tooltipBorder: "#d9dee5",
  },
  dark: {
    text: "#e6e9ef",
    muted: "#aab4c3",
    axis: "#7b8794",
    split: "#3a4654",
    tooltip: "#1f2933",
    tooltipBorder: "#52606d",
  },
};

/** How much an unselected unit fades while another is selected. */
const DIMMED = 0.3;

/** Diagonal stripes: what sets apart a provisional, over-quota, overdue or failed bar besides its colour. */
function stripes(rotation: number) {
  return {
    symbol: "rect",
    symbolSize: 1,
    color: "rgba(255, 255, 255, 0.55)",
    dashArrayX: [1, 0],
    dashArrayY: [3, 4],
    rotation,
  };
}
const HATCH = stripes(-Math.PI / 4);
const HATCH_OTHER_WAY = stripes(Math.PI / 4);

// --- shared pieces ---------------------------------------------------------------------------------

type Frame = { ink: Ink; fs: (size: number) => number; px: (size: number) => number; showTitle: boolean };

function frame(theme: ChartTheme, options: ChartOptions): Frame {
  const scale =
    options.scale !== undefined && Number.isFinite(options.scale) && options.scale > 0 ? options.scale : 1;
  const px = (size: number) => Math.round(size * scale);
  return { ink: INK[theme] ?? INK.light, fs: px, px, showTitle: options.title !== false };
}

function base(f: Frame, title: string, subtitle?: string): DashboardChartOption {
  const { ink, fs, px } = f;
  return {
    backgroundColor: "transparent",
    textStyle: { color: ink.text, fontSize: fs(12) },
    title: {
      show: f.showTitle,
      text: title,
      subtext: subtitle ?? "",
      left: 0,
      top: 0,
      itemGap: px(4),
      textStyle: { color: ink.text, fontSize: fs(16), fontWeight: "bold" },
      subtextStyle: { color: ink.muted, fontSize: fs(12) },
    },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      confine: true,
      backgroundColor: ink.tooltip,
      borderColor: ink.tooltipBorder,
      textStyle: { color: ink.text, fontSize: fs(12) },
    },
    legend: {
      bottom: 0,
      left: "center",
      itemWidth: px(18),
      itemHeight: px(12),
      itemGap: px(16),
      textStyle: { color: ink.text, fontSize: fs(12) },
      inactiveColor: ink.axis,
    },
  };
}

/** The plot area: room above for the title, below for the legend; axis labels stay inside. */
function grid(f: Frame, extra: Partial<GridComponentOption> = {}, legend = true): GridComponentOption {
  return {
    top: f.showTitle ? f.px(56) : f.px(12),
    bottom: legend ? f.px(36) : f.px(8),
    left: 0,
    right: f.px(24),
    outerBoundsMode: "same",
    outerBoundsContain: "all",
    ...extra,
  };
}

function valueAxis(f: Frame, extra: Record<string, unknown> = {}) {
  return {
    type: "value" as const,
    min: 0,
    minInterval: 1,
    axisLabel: { color: f.ink.muted, fontSize: f.fs(12) },
    axisLine: { show: false },
    splitLine: { lineStyle: { color: f.ink.split } },
    nameTextStyle: { color: f.ink.muted, fontSize: f.fs(12) },
    ...extra,
  };
}

function categoryAxis(f: Frame, data: (string | CategoryLabel)[], extra: Record<string, unknown> = {}) {
  return {
    type: "category" as const,
    data,
    axisLabel: { color: f.ink.text, fontSize: f.fs(12), interval: 0 },
    axisLine: { lineStyle: { color: f.ink.axis } },
    axisTick: { show: false },
    nameTextStyle: { color: f.ink.muted, fontSize: f.fs(12) },
    ...extra,
  };
}

function label(f: Frame, extra: Record<string, unknown> = {}) {
  return { show: true, color: f.ink.text, fontSize: f.fs(12), ...extra };
}

export function unitName(t: Translate, unit: { unitId: string; unitName: string }): string {
  return t(`units.${unit.unitId}`, { defaultValue: unit.unitName });
}

/** A unit's row label: bold while selected, faded while another unit is. */
function unitCategory(
  f: Frame,
  t: Translate,
  unit: { unitId: string; unitName: string },
  selected: string | null,
) {
  const name = unitName(t, unit);
  if (selected === null) return { value: name };
  return unit.unitId === selected
    ? { value: name, textStyle: { color: f.ink.text, fontWeight: "bold" as const } }
    : { value: name, textStyle: { color: f.ink.muted, fontWeight: "normal" as const } };
}

/** Fades the items of units other than the selected one; outlines the selected one. */
function emphasis(f: Frame, unitId: string, selected: string | null, outline = true) {
  if (selected === null) return {};
  if (unitId !== selected) return { opacity: DIMMED };
  return outline ? { opacity: 1, borderColor: f.ink.text, borderWidth: f.px(2) } : { opacity: 1 };
}

function labelEmphasis(unitId: string, selected: string | null) {
  return selected !== null && unitId !== selected ? { opacity: DIMMED + 0.2 } : {};
}

/**
 * A value axis's end a little beyond the largest value (room for the bar's label), on a multiple of a
 * round tick interval (1, 2, 2.5, 5 × 10ⁿ, whole numbers only) so no odd last tick crowds the one before.
 */
export function niceAxis(value: number): { max: number; interval: number } {
  if (!Number.isFinite(value) || value <= 0) return { max: 1, interval: 1 };
  const raw = value * 1.1;
  const interval = tickInterval(raw);
  return { max: Math.ceil(raw / interval) * interval, interval };
}

/** The smallest round whole interval that cuts 0…raw into at most six. */
function tickInterval(raw: number): number {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const factor of [1, 2, 2.5, 5]) {
      const step = factor * magnitude;
      if (Number.isInteger(step) && raw / step <= 6) return step;
    }
  }
}

const percent = (part: number, whole: number): number =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;

function findUnit(summary: DashboardSummaryDto, unitId: string | null): UnitFigures | null {
  return unitId === null ? null : (summary.perUnit.find((u) => u.unitId === unitId) ?? null);
}

// --- progress toward the 100 sites -----------------------------------------------------------------

/**
 * 优秀 against the goal. The city (or the user's region): official plus provisional, stacked, with a
 * line at the target (100) and one at the sum of the Appendix 3 quotas (105). A selected unit: its
 * official 优秀 against its own quota (the figures carry no provisional count per unit).
 */
export function progressOption(
  summary: DashboardSummaryDto,
  unitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChartOption {
  const f = frame(theme, options);
  const unit = findUnit(summary, unitId);
  const markLine = (items: MarkLineItem[]) => ({
    symbol: "none",
    silent: true,
    data: items,
  });
  const line = (
    value: number,
    text: string,
    type: "solid" | "dashed",
    color: string,
    /** Which side of the line the label takes, so two lines close together keep theirs apart. */
    align: "left" | "center" | "right" = "center",
  ) => ({
    name: text,
    xAxis: value,
    lineStyle: { type, color, width: f.px(2) },
    label: {
      show: true,
      formatter: text,
      position: "end" as const,
      align,
      padding: [0, f.px(4)],
      color,
      fontSize: f.fs(12),
      fontWeight: "bold" as const,
    },
  });

  if (unit) {
    const name = unitName(t, unit);
    const over = unit.quotaExceeded;
    const text = over
      ? `${t("dashboard.progress.official", { count: unit.excellent })} · ${t("dashboard.overQuota")}`
      : t("dashboard.progress.official", { count: unit.excellent });
    const item: UnitBarItem = {
      value: unit.excellent,
      name,
      unitId: unit.unitId,
      itemStyle: over ? { color: COLORS.over, decal: HATCH } : { color: COLORS.official },
      label: label(f, { position: "right", formatter: text, fontWeight: over ? "bold" : "normal" }),
    };
    return {
      ...base(f, t("dashboard.progress.unitTitle", { unit: name }), t("dashboard.progress.unitSubtitle")),
      legend: { show: false },
      grid: grid(f, { right: f.px(72) }, false),
      xAxis: valueAxis(f, niceAxis(Math.max(unit.quota, unit.excellent))),
      yAxis: categoryAxis(f, [name]),
      series: [
        {
          type: "bar",
          name: t("dashboard.official"),
          stack: "excellent",
          barWidth: "45%",
          cursor: "default",
          data: [item],
          markLine: markLine([
            line(unit.quota, t("dashboard.progress.quota", { value: unit.quota }), "dashed", f.ink.text),
          ]),
        },
      ],
    };
  }

  const total = t("dashboard.progress.total");
  const official = summary.excellentOfficial;
  const provisional = summary.excellentProvisional;
  return {
    ...base(
      f,
      t("dashboard.progress.title"),
      t("dashboard.progress.subtitle", { official, provisional, target: summary.target }),
    ),
    // Room above the bar for the target and quota labels: the outer-bounds fitting would squeeze
    // them out of the canvas, so this grid reserves its margins itself.
    grid: grid(f, {
      right: f.px(72),
      top: f.showTitle ? f.px(80) : f.px(40),
      bottom: f.px(44),
      outerBoundsMode: "none",
      containLabel: true,
    }),
    xAxis: valueAxis(f, {
      ...niceAxis(Math.max(summary.target, summary.quotaTotal, official + provisional)),
    }),
    yAxis: categoryAxis(f, [total]),
    series: [
      {
        type: "bar",
        name: t("dashboard.official"),
        stack: "excellent",
        barWidth: "45%",
        cursor: "default",
        itemStyle: { color: COLORS.official },
        data: [
          {
            value: official,
            name: total,
            label: label(f, {
              show: official > 0,
              position: "insideLeft",
              formatter: t("dashboard.progress.official", { count: official }),
              color: "#ffffff",
            }),
          },
        ],
        markLine: markLine([
          line(
            summary.target,
            t("dashboard.progress.target", { value: summary.target }),
            "solid",
            f.ink.text,
            // The target is the smaller of the two (100 < 105): its label left of its line.
            summary.target <= summary.quotaTotal ? "right" : "left",
          ),
          line(
            summary.quotaTotal,
            t("dashboard.progress.quotaTotal", { value: summary.quotaTotal }),
            "dashed",
            f.ink.muted,
            summary.target <= summary.quotaTotal ? "left" : "right",
          ),
        ]),
      },
      {
        type: "bar",
        name: t("dashboard.provisional"),
        stack: "excellent",
        barWidth: "45%",
        cursor: "default",
        itemStyle: { color: COLORS.provisional, decal: HATCH_OTHER_WAY },
        data: [
          {
            value: provisional,
            name: total,
            label: label(f, {
              show: provisional > 0,
              position: "right",
              formatter: t("dashboard.progress.provisional", { count: provisional }),
            }),
          },
        ],
      },
    ],
  };
}

// --- each unit against its quotas ------------------------------------------------------------------

/**
 * Per unit, two panels side by side: 优秀 against 创建名额 and 典型做法 against their quota. A quota is
 * a dashed outline the bar fills; a bar over its quota is hatched, vermillion and labelled 已超额.
 */
export function unitQuotaOption(
  summary: DashboardSummaryDto,
  selectedUnitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChartOption {
  const f = frame(theme, options);
  const selected = findUnit(summary, selectedUnitId) ? selectedUnitId : null;
  const units = summary.perUnit;
  const categories = units.map((u) => unitCategory(f, t, u, selected));

  /** The figure and its quota; the label goes at the end of the longer of the two, clear of both. */
  const pair = (
    unit: UnitFigures,
    value: number,
    quota: number,
    color: string,
  ): [UnitBarItem, UnitBarItem] => {
    const over = value > quota;
    const reached = !over && quota > 0 && value === quota;
    const ratio = t("dashboard.usedOfQuota", { used: value, quota });
    const text = over
      ? `${ratio} ${t("dashboard.overQuota")}`
      : reached
        ? `${ratio} ${t("dashboard.quotaReached")}`
        : ratio;
    const unitLabel = label(f, {
      position: "right",
      formatter: text,
      fontWeight: over ? "bold" : "normal",
      ...labelEmphasis(unit.unitId, selected),
    });
    const name = unitName(t, unit);
    return [
      {
        value,
        name,
        unitId: unit.unitId,
        itemStyle: {
          color: over ? COLORS.over : color,
          ...(over ? { decal: HATCH } : {}),
          ...emphasis(f, unit.unitId, selected),
        },
        label: over ? unitLabel : { show: false },
      },
      {
        value: quota,
        name,
        unitId: unit.unitId,
        itemStyle: { ...emphasis(f, unit.unitId, selected, false) },
        label: over ? { show: false } : unitLabel,
      },
    ];
  };
  const excellent = units.map((u) => pair(u, u.excellent, u.quota, COLORS.official));
  const practices = units.map((u) => pair(u, u.practices, u.practiceQuota, COLORS.practice));
  const quotaStyle = {
    color: "transparent",
    borderColor: f.ink.text,
    borderType: "dashed" as const,
    borderWidth: Math.max(1, f.px(1.5)),
  };
  const max = (pick: (u: UnitFigures) => number[]) => niceAxis(Math.max(0, ...units.flatMap(pick)));
  const nameGap = f.px(26);
  const bar = { type: "bar" as const, barWidth: "55%", barGap: "-100%", cursor: "pointer" };
  // One panel: the figures, and over them (barGap -100%) the quotas as dashed outlines.
  const panelSeries = (index: number, name: string, color: string, pairs: typeof excellent) => [
    {
      ...bar,
      name,
      xAxisIndex: index,
      yAxisIndex: index,
      itemStyle: { color },
      data: pairs.map(([used]) => used),
    },
    {
      ...bar,
      name: t("dashboard.quota"),
      xAxisIndex: index,
      yAxisIndex: index,
      z: 3,
      itemStyle: quotaStyle,
      data: pairs.map(([, quota]) => quota),
    },
  ];

  return {
    ...base(f, t("dashboard.unitQuota.title")),
    grid: [
      grid(f, { right: "52%", bottom: f.px(64) }),
      grid(f, { left: "54%", right: f.px(24), bottom: f.px(64) }),
    ],
    xAxis: [
      valueAxis(f, {
        gridIndex: 0,
        ...max((u) => [u.excellent, u.quota]),
        name: t("dashboard.unitQuota.excellentPanel"),
        nameLocation: "middle",
        nameGap,
      }),
      valueAxis(f, {
        gridIndex: 1,
        ...max((u) => [u.practices, u.practiceQuota]),
        name: t("dashboard.unitQuota.practicePanel"),
        nameLocation: "middle",
        nameGap,
      }),
    ],
    yAxis: [
      categoryAxis(f, categories, { gridIndex: 0, inverse: true }),
      categoryAxis(f, categories, { gridIndex: 1, inverse: true, axisLabel: { show: false } }),
    ],
    series: [
      ...panelSeries(0, t("dashboard.unitQuota.excellent"), COLORS.official, excellent),
      ...panelSeries(1, t("dashboard.unitQuota.practices"), COLORS.practice, practices),
    ],
  };
}

// --- tiers against their target shares -------------------------------------------------------------

export type TierShare = { tier: Tier; count: number; share: number; targetShare: number };

/** The tiers' shares of the graded organisations (0 when none is graded), city-wide or in one unit. */
export function tierShares(
  summary: DashboardSummaryDto,
  unitId: string | null,
): { shares: TierShare[]; graded: number; ungraded: number } {
  const unit = findUnit(summary, unitId);
  if (!unit) {
    const graded = summary.perTier.reduce((sum, row) => sum + row.count, 0);
    const shares = TIERS.map((tier) => {
      const row = summary.perTier.find((r) => r.tier === tier);
      const count = row?.count ?? 0;
      return { tier, count, share: graded > 0 ? count / graded : 0, targetShare: row?.targetShare ?? 0 };
    });
    return { shares, graded, ungraded: Math.max(0, summary.organizations - graded) };
  }
  const graded = TIERS.reduce((sum, tier) => sum + (unit.tiers[tier] ?? 0), 0);
  const shares = TIERS.map((tier) => {
    const count = unit.tiers[tier] ?? 0;
    const targetShare = summary.perTier.find((r) => r.tier === tier)?.targetShare ?? 0;
    return { tier, count, share: graded > 0 ? count / graded : 0, targetShare };
  });
  return { shares, graded, ungraded: unit.tiers.NONE ?? 0 };
}

/**
 * The four tiers' shares of the graded organisations, each bar in its tier's colour, inside a dashed
 * outline at its target share (8/30/50/12 %); the target is written under the tier's name too.
 */
export function tierOption(
  summary: DashboardSummaryDto,
  unitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChartOption {
  const f = frame(theme, options);
  const unit = findUnit(summary, unitId);
  const { shares, graded, ungraded } = tierShares(summary, unitId);
  const pct = (share: number) => Math.round(share * 1000) / 10;
  const categories = shares.map(
    (row) =>
      `${t(`codes.tier.${row.tier}`)}\n${t("dashboard.tier.targetLabel", { share: pct(row.targetShare) })}`,
  );
  const title = unit ? t("dashboard.tier.unitTitle", { unit: unitName(t, unit) }) : t("dashboard.tier.title");
  const subtitle =
    graded > 0 ? t("dashboard.tier.graded", { graded, ungraded }) : t("dashboard.tier.noneGraded");
  const top = Math.max(0, ...shares.map((row) => Math.max(pct(row.share), pct(row.targetShare))));
  const bar = { type: "bar" as const, barWidth: "50%", barGap: "-100%", cursor: "default" };
  const axis = niceAxis(top);
  return {
    ...base(f, title, subtitle),
    grid: grid(f),
    xAxis: categoryAxis(f, categories, { axisLabel: { color: f.ink.text, fontSize: f.fs(12), interval: 0 } }),
    yAxis: valueAxis(f, {
      max: Math.min(100, axis.max),
      interval: axis.interval,
      minInterval: undefined,
      name: t("dashboard.tier.axis"),
      axisLabel: { color: f.ink.muted, fontSize: f.fs(12), formatter: "{value}%" },
    }),
    series: [
      {
        ...bar,
        name: t("dashboard.tier.actual"),
        itemStyle: { color: COLORS.official },
        data: shares.map((row) => ({
          value: pct(row.share),
          name: t(`codes.tier.${row.tier}`),
          itemStyle: { color: TIER_COLORS[row.tier] },
          label: label(f, {
            position: "top",
            formatter: t("dashboard.tier.share", { share: pct(row.share), count: row.count }),
          }),
        })),
      },
      {
        ...bar,
        name: t("dashboard.tier.target"),
        z: 3,
        itemStyle: {
          color: "transparent",
          borderColor: f.ink.text,
          borderType: "dashed",
          borderWidth: Math.max(1, f.px(1.5)),
        },
        data: shares.map((row) => ({ value: pct(row.targetShare), name: t(`codes.tier.${row.tier}`) })),
      },
    ],
  };
}

// --- the scoring pipeline --------------------------------------------------------------------------

/** How many organisations wait at each of the four stages, and how many the city has graded. */
export function pipelineOption(
  summary: DashboardSummaryDto,
  unitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChartOption {
  const f = frame(theme, options);
  const unit = findUnit(summary, unitId);
  const pipeline = unit ? unit.pipeline : summary.pipeline;
  const counts = PIPELINE_STEPS.map((step) => pipeline[step] ?? 0);
  const total = counts.reduce((sum, n) => sum + n, 0);
  const title = unit
    ? t("dashboard.pipeline.unitTitle", { unit: unitName(t, unit) })
    : t("dashboard.pipeline.title");
  return {
    ...base(f, title, t("dashboard.pipeline.total", { count: total })),
    legend: { show: false },
    grid: grid(f, {}, false),
    xAxis: categoryAxis(
      f,
      PIPELINE_STEPS.map((step) => t(`dashboard.pipeline.steps.${step}`)),
    ),
    yAxis: valueAxis(f, { name: t("dashboard.pipeline.axis"), ...niceAxis(Math.max(0, ...counts)) }),
    series: [
      {
        type: "bar",
        name: t("dashboard.pipeline.axis"),
        barWidth: "50%",
        cursor: "default",
        data: PIPELINE_STEPS.map((step, i) => {
          const count = counts[i] ?? 0;
          const determined = step === "DETERMINED";
          return {
            value: count,
            name: t(`dashboard.pipeline.steps.${step}`),
            itemStyle: determined ? { color: COLORS.determined } : { color: COLORS.waiting },
            label: label(f, {
              position: "top",
              formatter:
                total > 0
                  ? t("dashboard.pipeline.count", { count, percent: percent(count, total) })
                  : String(count),
            }),
          };
        }),
      },
    ],
  };
}

// --- re-reviews due --------------------------------------------------------------------------------

/** Per unit, the pending re-reviews due within 30 days and those overdue, stacked; click a unit. */
export function reReviewOption(
  summary: DashboardSummaryDto,
  selectedUnitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChartOption {
  const f = frame(theme, options);
  const selected = findUnit(summary, selectedUnitId) ? selectedUnitId : null;
  const units = summary.perUnit;
  const dueSoon = units.reduce((sum, u) => sum + u.reReviewsDueSoon, 0);
  const overdue = units.reduce((sum, u) => sum + u.reReviewsOverdue, 0);
  const item = (unit: UnitFigures, value: number, color: string, decal: boolean): UnitBarItem => ({
    value,
    name: unitName(t, unit),
    unitId: unit.unitId,
    itemStyle: { color, ...(decal ? { decal: HATCH } : {}), ...emphasis(f, unit.unitId, selected, false) },
    label: label(f, {
      show: value > 0,
      position: "inside",
      formatter: String(value),
      color: decal ? "#ffffff" : "#1f2933",
      fontWeight: "bold",
      ...labelEmphasis(unit.unitId, selected),
    }),
  });
  return {
    ...base(
      f,
      t("dashboard.reReview.title"),
      dueSoon + overdue > 0
        ? t("dashboard.reReview.summary", { dueSoon, overdue })
        : t("dashboard.reReview.none"),
    ),
    grid: grid(f),
    xAxis: valueAxis(f, {
      ...niceAxis(Math.max(0, ...units.map((u) => u.reReviewsDueSoon + u.reReviewsOverdue))),
    }),
    yAxis: categoryAxis(
      f,
      units.map((u) => unitCategory(f, t, u, selected)),
      { inverse: true },
    ),
    series: [
      {
        type: "bar",
        name: t("dashboard.reReview.overdue"),
        stack: "reReviews",
        barWidth: "55%",
        cursor: "pointer",
        itemStyle: { color: COLORS.overdue, decal: HATCH },
        data: units.map((u) => item(u, u.reReviewsOverdue, COLORS.overdue, true)),
      },
      {
        type: "bar",
        name: t("dashboard.reReview.dueSoon"),
        stack: "reReviews",
        barWidth: "55%",
        cursor: "pointer",
        itemStyle: { color: COLORS.dueSoon },
        data: units.map((u) => item(u, u.reReviewsDueSoon, COLORS.dueSoon, false)),
      },
    ],
  };
}

// --- belt-plan rules -------------------------------------------------------------------------------

/** A unit's binding rules that apply: how many pass and how many fail (advisory ones left out). */
export function bindingRuleCounts(unit: UnitComplianceDto): { passed: number; failed: number } {
  const binding = unit.rules.filter((rule) => rule.applicable && !rule.advisory);
  const failed = binding.filter((rule) => !rule.passed).length;
  return { passed: binding.length - failed, failed };
}

/** Per unit, its binding belt-plan rules met and not met, stacked; click a unit. */
export function complianceOption(
  compliance: readonly UnitComplianceDto[],
  selectedUnitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChartOption {
  const f = frame(theme, options);
  const selected = compliance.some((u) => u.unitId === selectedUnitId) ? selectedUnitId : null;
  const counts = compliance.map(bindingRuleCounts);
  const unitsFailing = counts.filter((c) => c.failed > 0).length;
  const item = (unit: UnitComplianceDto, value: number, color: string, decal: boolean): UnitBarItem => ({
    value,
    name: unitName(t, unit),
    unitId: unit.unitId,
    itemStyle: { color, ...(decal ? { decal: HATCH } : {}), ...emphasis(f, unit.unitId, selected, false) },
  });
  const outcome = (unit: UnitComplianceDto, i: number): string => {
    const { passed, failed } = counts[i] ?? { passed: 0, failed: 0 };
    const text =
      failed > 0
        ? t("dashboard.compliance.failedCount", { count: failed })
        : passed > 0
          ? t("dashboard.compliance.allMet")
          : t("dashboard.compliance.noRules");
    return unit.planStatus === null ? `${text} · ${t("dashboard.compliance.noPlan")}` : text;
  };
  return {
    ...base(
      f,
      t("dashboard.compliance.title"),
      compliance.length === 0
        ? t("dashboard.compliance.noUnits")
        : unitsFailing > 0
          ? t("dashboard.compliance.summary", { count: unitsFailing })
          : t("dashboard.compliance.summaryAllMet"),
    ),
    grid: grid(f, { right: f.px(150) }),
    xAxis: valueAxis(f, {
      name: t("dashboard.compliance.axis"),
      nameLocation: "middle",
      nameGap: f.px(24),
      ...niceAxis(Math.max(0, ...counts.map((c) => c.passed + c.failed))),
    }),
    yAxis: categoryAxis(
      f,
      compliance.map((u) => unitCategory(f, t, u, selected)),
      { inverse: true },
    ),
    series: [
      {
        type: "bar",
        name: t("dashboard.compliance.passed"),
        stack: "rules",
        barWidth: "55%",
        cursor: "pointer",
        itemStyle: { color: COLORS.passed },
        data: compliance.map((u, i) => item(u, counts[i]?.passed ?? 0, COLORS.passed, false)),
      },
      {
        type: "bar",
        name: t("dashboard.compliance.failed"),
        stack: "rules",
        barWidth: "55%",
        cursor: "pointer",
        itemStyle: { color: COLORS.failed, decal: HATCH },
        // The last of the stack carries the unit's outcome at the stack's end (even at 0 wide).
        data: compliance.map((u, i) => ({
          ...item(u, counts[i]?.failed ?? 0, COLORS.failed, true),
          label: label(f, {
            position: "right",
            formatter: outcome(u, i),
            fontWeight: (counts[i]?.failed ?? 0) > 0 ? "bold" : "normal",
            ...labelEmphasis(u.unitId, selected),
          }),
        })),
      },
    ],
  };
}

// --- deadlines -------------------------------------------------------------------------------------

export type DeadlineKey = "beltPlan" | "initialSummary";
export type DeadlineCountdown = {
  key: DeadlineKey;
  /** The deadline (ISO), as the API sent it. */
  at: string;
  /** China calendar days from today to the deadline's day: 0 on the day itself, negative once past. */
  daysLeft: number;
  /** Past the deadline's day (China calendar): the day after is overdue by 1. */
  overdue: boolean;
};

/**
 * The cycle's deadlines counted in China's calendar days (UTC+8), whatever the hour or the screen's
 * time zone: a deadline is met all through its day.
 */
export function deadlineCountdowns(summary: DashboardSummaryDto, now: Date): DeadlineCountdown[] {
  const today = chinaDayNumber(now);
  return (["beltPlan", "initialSummary"] as const).map((key) => {
    const at = summary.deadlines[key];
    const daysLeft = chinaDayNumber(new Date(at)) - today;
    return { key, at, daysLeft, overdue: daysLeft < 0 };
  });
}

/** "距示范带创建方案报送截止还有 3 天", "…今天截止", "…已截止 2 天". */
export function countdownText(countdown: DeadlineCountdown, t: Translate): string {
  const name = t(`dashboard.countdown.${countdown.key}`);
  if (countdown.overdue) return t("dashboard.countdown.overdue", { name, days: -countdown.daysLeft });
  if (countdown.daysLeft === 0) return t("dashboard.countdown.today", { name });
  return t("dashboard.countdown.left", { name, days: countdown.daysLeft });
}

// --- clicks ----------------------------------------------------------------------------------------

/**
 * What a click on a chart selects: the unitId its data item carries (unit charts), else the item's
 * name (null when there is neither).
 */
export function clickedUnitId(params: { data?: unknown; name?: unknown }): string | null {
  const data = params.data;
  if (typeof data === "object" && data !== null && "unitId" in data && typeof data.unitId === "string") {
    return data.unitId;
  }
  return typeof params.name === "string" && params.name !== "" ? params.name : null;
}
