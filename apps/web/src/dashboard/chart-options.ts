// The dashboard's charts: pure functions of the API's figures, the selected unit, the language (a
// translate function) and the theme. Each gives the ECharts option of the plot and, beside it, what
// the page writes in HTML around the plot: its title, a one-line summary and the legend. No DOM and no
// ECharts code here (types only), so the charts are tested as plain data; EChart.tsx draws them.
// Titles, legends and hover tips are HTML rather than ECharts components: the components would add
// some 20 KB (gzipped) to the dashboard, and HTML text scales and translates like the rest of the page.
import type { DashboardSummaryDto, PipelineStep, UnitComplianceDto } from "@beltmap/api";
import { bindingRuleTally, quotaUse, STAGES, TIERS, type Tier } from "@beltmap/domain";
import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import type { GridComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { TIER_COLORS } from "../map/palette.ts";

/** Bars, and the lines of the progress over the years (playback/series-options.ts, loaded apart). */
export type DashboardChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption>;

/** How a legend entry's swatch looks: filled, filled and hatched, or an outline (a target, a quota). */
export type LegendMark = "fill" | "hatch" | "outline" | "dashed";
export type LegendEntry = { label: string; color: string; mark: LegendMark };

/** One chart: the plot (ECharts) and its HTML frame. */
export type DashboardChart = {
  title: string;
  /** The chart's figures in one line, e.g. "已评定 81 个，暂定 12 个，目标 100 个". */
  subtitle: string;
  legend: LegendEntry[];
  option: DashboardChartOption;
};

/** i18next's `t`, or anything that translates the same way. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
export type ChartTheme = "light" | "dark";
export type ChartOptions = {
  /** Multiplies every font size (and the spacing around text): 2 on a 3840×2160 briefing screen. */
  scale?: number;
};

type UnitFigures = DashboardSummaryDto["perUnit"][number];
type BarItem = NonNullable<BarSeriesOption["data"]>[number];
type BarItemObject = Extract<BarItem, { itemStyle?: unknown }>;
/**
 * A bar's data item. `unitId`: the bar stands for a unit and a click selects it (see `clickedUnitId`);
 * `tip`: what hovering it says (see `hoverTip`).
 */
type ChartBarItem = BarItemObject & { unitId?: string; tip?: string };
type UnitBarItem = ChartBarItem & { unitId: string };
type CategoryLabel = { value: string; textStyle?: { color?: string; fontWeight?: "bold" | "normal" } };

export const PIPELINE_STEPS: readonly PipelineStep[] = [...STAGES, "DETERMINED"];

/** Okabe–Ito, like the tier colours: apart for the common colour-vision deficiencies. */
export const COLORS = {
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

type Ink = { text: string; muted: string; axis: string; split: string };
const INK: Record<ChartTheme, Ink> = {
  light: { text: "#1f2933", muted: "#52606d", axis: "#9aa5b1", split: "#e4e7eb" },
  dark: { text: "#e6e9ef", muted: "#aab4c3", axis: "#7b8794", split: "#3a4654" },
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

export type Frame = { ink: Ink; fs: (size: number) => number; px: (size: number) => number };

export function frame(theme: ChartTheme, options: ChartOptions): Frame {
  const scale =
    options.scale !== undefined && Number.isFinite(options.scale) && options.scale > 0 ? options.scale : 1;
  const px = (size: number) => Math.round(size * scale);
  return { ink: INK[theme] ?? INK.light, fs: px, px };
}

export function base(f: Frame): DashboardChartOption {
  return { backgroundColor: "transparent", textStyle: { color: f.ink.text, fontSize: f.fs(12) } };
}

/** A quota or target drawn as an outline the bar fills: dashed (a quota) or solid (the target). */
function outline(f: Frame, color: string, dashed: boolean) {
  return {
    color: "transparent",
    borderColor: color,
    borderType: dashed ? ("dashed" as const) : ("solid" as const),
    borderWidth: Math.max(1, f.px(dashed ? 1.5 : 2)),
  };
}

/** The plot area, axis labels inside it; the title and legend are the page's, outside the canvas. */
export function grid(f: Frame, extra: Partial<GridComponentOption> = {}): GridComponentOption {
  return {
    top: f.px(12),
    bottom: f.px(8),
    left: 0,
    right: f.px(24),
    outerBoundsMode: "same",
    outerBoundsContain: "all",
    ...extra,
  };
}

export function valueAxis(f: Frame, extra: Record<string, unknown> = {}) {
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

export function categoryAxis(
  f: Frame,
  data: (string | CategoryLabel)[],
  extra: Record<string, unknown> = {},
) {
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

export function label(f: Frame, extra: Record<string, unknown> = {}) {
  return { show: true, color: f.ink.text, fontSize: f.fs(12), ...extra };
}

export function unitName(t: Translate, unit: { unitId: string; unitName: string }): string {
  return t(`units.${unit.unitId}`, { defaultValue: unit.unitName });
}

/** Whose figures a unit's chart shows: the unit's, or the township (or organisation) of it the reader sees. */
function scopeName(t: Translate, summary: DashboardSummaryDto, unit: UnitFigures): string {
  return summary.region.partOfUnit ? summary.region.name : unitName(t, unit);
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
 * 优秀 against the goal. The city (or the user's region), in two rows inside a solid outline at the
 * target (100) and a dashed one at the sum of the cycle's quotas: the 示范点 standing now, and this
 * cycle's 评定 (determined, then provisional, stacked). A selected unit: its standing 示范点 inside a
 * dashed outline at its own quota (the figures carry no per-unit count of this cycle's 评定).
 */
export function progressChart(
  summary: DashboardSummaryDto,
  unitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChart {
  const f = frame(theme, options);
  const unit = findUnit(summary, unitId);
  const bar = { type: "bar" as const, barGap: "-100%", cursor: "default" };
  /** The outline's label above its right end: the target's to the left of it, the quota's to the right. */
  const outlineLabel = (text: string, color: string, align: "left" | "right") =>
    label(f, {
      position: ["100%", -f.px(20)],
      align,
      padding: [0, f.px(4)],
      formatter: text,
      color,
      fontWeight: "bold",
    });
  const outlineSeries = (
    name: string,
    value: number,
    text: string,
    color: string,
    dashed: boolean,
    align: "left" | "right" = "left",
  ) => ({
    ...bar,
    name,
    barWidth: dashed ? "62%" : "54%",
    z: dashed ? 3 : 4,
    silent: true,
    itemStyle: outline(f, color, dashed),
    data: [
      {
        value,
        tip: text,
        label: outlineLabel(text, color, align),
      },
    ],
  });
  const legend = (entries: (LegendEntry | false)[]) => entries.filter((e): e is LegendEntry => e !== false);

  if (unit) {
    // The unit's whole use of its quota, also where the reader sees a township of it (named apart).
    const name = unitName(t, unit);
    const over = unit.quotaExceeded;
    const official = t("dashboard.progress.official", { count: unit.quotaUsed });
    const text = over ? `${official} · ${t("dashboard.overQuota")}` : official;
    const quotaText = t("dashboard.progress.quota", { value: unit.quota });
    const item: UnitBarItem = {
      value: unit.quotaUsed,
      name,
      unitId: unit.unitId,
      tip: `${name} ${text}`,
      itemStyle: over ? { color: COLORS.over, decal: HATCH } : { color: COLORS.official },
      // Inside the bar, clear of the quota's outline; past the outline when over it.
      label: over
        ? label(f, { position: "right", formatter: text, fontWeight: "bold" })
        : label(f, { show: unit.quotaUsed > 0, position: "insideLeft", formatter: text, color: "#ffffff" }),
    };
    return {
      title: t("dashboard.progress.unitTitle", { unit: name }),
      subtitle: summary.region.partOfUnit
        ? t("dashboard.progress.partSubtitle", { region: summary.region.name, count: unit.excellent })
        : t("dashboard.progress.unitSubtitle"),
      legend: legend([
        { label: t("dashboard.official"), color: COLORS.official, mark: "fill" },
        over && { label: t("dashboard.overQuota"), color: COLORS.over, mark: "hatch" },
        { label: t("dashboard.quota"), color: f.ink.text, mark: "dashed" },
      ]),
      option: {
        ...base(f),
        grid: grid(f, { right: f.px(72), top: f.px(32) }),
        xAxis: valueAxis(f, niceAxis(Math.max(unit.quota, unit.quotaUsed))),
        yAxis: categoryAxis(f, [name]),
        series: [
          { ...bar, name: t("dashboard.official"), barWidth: "45%", data: [item] },
          outlineSeries(t("dashboard.quota"), unit.quota, quotaText, f.ink.text, true),
        ],
      },
    };
  }

  // Two rows: the 示范点 standing now (determined in any cycle, carried over or adjusted since), and
  // this cycle's 评定 on its way: 优秀 the city has determined, and those whose furthest stage gives
  // 优秀 (provisional). Both against the target and the quotas' sum. They overlap (a standing site is
  // scored again), so they are rows apart, never added up.
  const standing = t("dashboard.progress.standing");
  const thisCycle = t("dashboard.progress.thisCycle");
  const official = summary.excellentOfficial;
  const determined = summary.excellentDetermined;
  const provisional = summary.excellentProvisional;
  const officialText = t("dashboard.progress.official", { count: official });
  const determinedText = t("dashboard.progress.determined", { count: determined });
  const provisionalText = t("dashboard.progress.provisional", { count: provisional });
  const rowItem = (
    value: number,
    name: string,
    tip: string,
    itemLabel: Record<string, unknown>,
  ): ChartBarItem => ({
    value,
    name,
    tip,
    label: label(f, itemLabel),
  });
  const none = (name: string): ChartBarItem => ({ value: 0, name, tip: name, label: { show: false } });
  const inside = (text: string, value: number) => ({
    show: value > 0,
    position: "insideLeft",
    formatter: text,
    color: "#ffffff",
  });
  // Two outlines close together (100 and 106) keep their labels apart: the smaller one's to its left.
  const targetFirst = summary.target <= summary.quotaTotal;
  const outlineRows = (series: ReturnType<typeof outlineSeries>) => ({
    ...series,
    // The outline on both rows, its label once, above the first.
    data: [
      series.data[0],
      { value: series.data[0]?.value ?? 0, tip: series.data[0]?.tip ?? "", label: { show: false } },
    ],
  });
  return {
    title: t("dashboard.progress.title"),
    subtitle: t("dashboard.progress.subtitle", { official, determined, provisional, target: summary.target }),
    legend: [
      { label: t("dashboard.official"), color: COLORS.official, mark: "fill" },
      { label: t("dashboard.provisional"), color: COLORS.provisional, mark: "hatch" },
      { label: t("dashboard.target"), color: f.ink.text, mark: "outline" },
      { label: t("dashboard.quotaTotal"), color: f.ink.muted, mark: "dashed" },
    ],
    option: {
      ...base(f),
      // Room above the bars for the target's and the quotas' labels, and right for 暂定's.
      grid: grid(f, { right: f.px(72), top: f.px(36) }),
      xAxis: valueAxis(
        f,
        niceAxis(Math.max(summary.target, summary.quotaTotal, official, determined + provisional)),
      ),
      yAxis: categoryAxis(f, [standing, thisCycle], { inverse: true }),
      series: [
        {
          ...bar,
          name: t("dashboard.progress.standing"),
          barWidth: "50%",
          itemStyle: { color: COLORS.official },
          data: [rowItem(official, standing, officialText, inside(officialText, official)), none(thisCycle)],
        },
        {
          ...bar,
          name: t("dashboard.official"),
          stack: "thisCycle",
          barWidth: "50%",
          itemStyle: { color: COLORS.official },
          data: [
            none(standing),
            rowItem(determined, thisCycle, determinedText, inside(determinedText, determined)),
          ],
        },
        {
          ...bar,
          name: t("dashboard.provisional"),
          stack: "thisCycle",
          barWidth: "50%",
          itemStyle: { color: COLORS.provisional, decal: HATCH_OTHER_WAY },
          data: [
            none(standing),
            rowItem(provisional, thisCycle, provisionalText, {
              show: provisional > 0,
              position: "right",
              formatter: provisionalText,
            }),
          ],
        },
        outlineRows(
          outlineSeries(
            t("dashboard.target"),
            summary.target,
            t("dashboard.progress.target", { value: summary.target }),
            f.ink.text,
            false,
            targetFirst ? "right" : "left",
          ),
        ),
        outlineRows(
          outlineSeries(
            t("dashboard.quotaTotal"),
            summary.quotaTotal,
            t("dashboard.progress.quotaTotal", { value: summary.quotaTotal }),
            f.ink.muted,
            true,
            targetFirst ? "left" : "right",
          ),
        ),
      ],
    },
  };
}

// --- each unit against its quotas ------------------------------------------------------------------

/**
 * Per unit, two panels side by side: 优秀 against 创建名额 and 典型做法 against their quota. A quota is
 * a dashed outline the bar fills; a bar over its quota is hatched, vermillion and labelled 已超额.
 */
export function unitQuotaChart(
  summary: DashboardSummaryDto,
  selectedUnitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChart {
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
    const use = quotaUse(quota, value);
    const over = use.exceeded;
    const reached = !over && quota > 0 && use.reached;
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
        tip: `${name} ${text}`,
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
        tip: `${name} ${text}`,
        itemStyle: { ...emphasis(f, unit.unitId, selected, false) },
        label: over ? { show: false } : unitLabel,
      },
    ];
  };
  // A unit's quota is spent by all of it, also where the reader sees only a township of it.
  const excellent = units.map((u) => pair(u, u.quotaUsed, u.quota, COLORS.official));
  const practices = units.map((u) => pair(u, u.practiceQuotaUsed, u.practiceQuota, COLORS.practice));
  const quotaStyle = outline(f, f.ink.text, true);
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

  const sum = (pick: (u: UnitFigures) => number) => units.reduce((total, u) => total + pick(u), 0);
  const overQuota = units.filter((u) => u.quotaExceeded).length;
  const subtitle = t("dashboard.unitQuota.summary", {
    excellent: sum((u) => u.excellent),
    quota: sum((u) => u.quota),
    practices: sum((u) => u.practices),
    practiceQuota: sum((u) => u.practiceQuota),
  });
  return {
    title: t("dashboard.unitQuota.title"),
    subtitle:
      overQuota > 0 ? `${subtitle}；${t("dashboard.unitQuota.overUnits", { count: overQuota })}` : subtitle,
    legend: [
      { label: t("dashboard.unitQuota.excellent"), color: COLORS.official, mark: "fill" },
      { label: t("dashboard.unitQuota.practices"), color: COLORS.practice, mark: "fill" },
      { label: t("dashboard.quota"), color: f.ink.text, mark: "dashed" },
      { label: t("dashboard.overQuota"), color: COLORS.over, mark: "hatch" },
    ],
    option: {
      ...base(f),
      grid: [
        grid(f, { right: "52%", bottom: f.px(32) }),
        grid(f, { left: "54%", right: f.px(24), bottom: f.px(32) }),
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
    },
  };
}

// --- tiers against their target shares -------------------------------------------------------------

export type TierShare = {
  tier: Tier;
  count: number;
  /** Of all 争创对象 (graded or not), 0 when there are none. */
  share: number;
  targetShare: number;
  /** The seed's count (~100/400/600/100) for the city; null for a unit, which has none of its own. */
  targetCount: number | null;
};

/**
 * The tiers' shares of all 争创对象 of the cycle, graded or not (the seed's 党组织总数; organisations
 * not scored are not in it), city-wide as the API gives them or in one unit.
 */
export function tierShares(
  summary: DashboardSummaryDto,
  unitId: string | null,
): { shares: TierShare[]; organizations: number; graded: number; ungraded: number } {
  const unit = findUnit(summary, unitId);
  if (!unit) {
    const graded = summary.perTier.reduce((sum, row) => sum + row.count, 0);
    const shares = TIERS.map((tier) => {
      const row = summary.perTier.find((r) => r.tier === tier);
      return {
        tier,
        count: row?.count ?? 0,
        share: row?.share ?? 0,
        targetShare: row?.targetShare ?? 0,
        targetCount: row?.targetCount ?? null,
      };
    });
    return {
      shares,
      organizations: summary.organizations,
      graded,
      ungraded: Math.max(0, summary.organizations - graded),
    };
  }
  const graded = TIERS.reduce((sum, tier) => sum + (unit.tiers[tier] ?? 0), 0);
  const organizations = Math.max(unit.organizations, graded);
  const shares = TIERS.map((tier) => {
    const count = unit.tiers[tier] ?? 0;
    const targetShare = summary.perTier.find((r) => r.tier === tier)?.targetShare ?? 0;
    return {
      tier,
      count,
      share: organizations > 0 ? count / organizations : 0,
      targetShare,
      targetCount: null,
    };
  });
  return { shares, organizations, graded, ungraded: Math.max(0, organizations - graded) };
}

/**
 * The four tiers' shares of all 争创对象 (graded or not), each bar in its tier's colour, inside a
 * dashed outline at its target share (8/30/50/12 %); the target is written under the tier's name,
 * and the seed's counts (~100/400/600/100) in the figures line and the hover tips.
 */
export function tierChart(
  summary: DashboardSummaryDto,
  unitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChart {
  const f = frame(theme, options);
  const unit = findUnit(summary, unitId);
  const { shares, organizations, graded, ungraded } = tierShares(summary, unitId);
  const pct = (share: number) => Math.round(share * 1000) / 10;
  const categories = shares.map(
    (row) =>
      `${t(`codes.tier.${row.tier}`)}\n${t("dashboard.tier.targetLabel", { share: pct(row.targetShare) })}`,
  );
  const title = unit
    ? t("dashboard.tier.unitTitle", { unit: scopeName(t, summary, unit) })
    : t("dashboard.tier.title");
  const counted =
    graded === 0
      ? t("dashboard.tier.noneGraded")
      : ungraded > 0
        ? t("dashboard.tier.organizations", { organizations, ungraded })
        : t("dashboard.tier.allGraded", { organizations });
  const targetCounts = shares.every((row) => row.targetCount !== null)
    ? t("dashboard.tier.targetCounts", {
        counts: shares.map((row) => row.targetCount).join(" / "),
      })
    : null;
  const subtitle = targetCounts ? `${counted}；${targetCounts}` : counted;
  const targetTip = (row: TierShare) =>
    row.targetCount === null
      ? t("dashboard.tier.targetLabel", { share: pct(row.targetShare) })
      : t("dashboard.tier.targetWithCount", { share: pct(row.targetShare), count: row.targetCount });
  const top = Math.max(0, ...shares.map((row) => Math.max(pct(row.share), pct(row.targetShare))));
  const bar = { type: "bar" as const, barWidth: "50%", barGap: "-100%", cursor: "default" };
  const axis = niceAxis(top);
  const targetStyle = outline(f, f.ink.text, true);
  return {
    title,
    subtitle,
    legend: [
      ...shares.map(
        (row): LegendEntry => ({
          label: t(`codes.tier.${row.tier}`),
          color: TIER_COLORS[row.tier],
          mark: "fill",
        }),
      ),
      { label: t("dashboard.tier.target"), color: f.ink.text, mark: "dashed" },
    ],
    option: {
      ...base(f),
      grid: grid(f),
      xAxis: categoryAxis(f, categories, {
        axisLabel: { color: f.ink.text, fontSize: f.fs(12), interval: 0 },
      }),
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
            tip: `${t(`codes.tier.${row.tier}`)} ${t("dashboard.tier.share", { share: pct(row.share), count: row.count })}，${targetTip(row)}`,
            itemStyle: { color: TIER_COLORS[row.tier] },
            label: label(f, {
              position: "top",
              formatter: t("dashboard.tier.shareLabel", { share: pct(row.share), count: row.count }),
            }),
          })),
        },
        {
          ...bar,
          name: t("dashboard.tier.target"),
          z: 3,
          itemStyle: targetStyle,
          data: shares.map((row) => ({
            value: pct(row.targetShare),
            name: t(`codes.tier.${row.tier}`),
            tip: `${t(`codes.tier.${row.tier}`)} ${targetTip(row)}`,
          })),
        },
      ],
    },
  };
}

// --- the scoring pipeline --------------------------------------------------------------------------

/** How many organisations wait at each of the four stages, and how many the city has graded. */
export function pipelineChart(
  summary: DashboardSummaryDto,
  unitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChart {
  const f = frame(theme, options);
  const unit = findUnit(summary, unitId);
  const pipeline = unit ? unit.pipeline : summary.pipeline;
  const counts = PIPELINE_STEPS.map((step) => pipeline[step] ?? 0);
  const total = counts.reduce((sum, n) => sum + n, 0);
  const title = unit
    ? t("dashboard.pipeline.unitTitle", { unit: scopeName(t, summary, unit) })
    : t("dashboard.pipeline.title");
  return {
    title,
    subtitle: t("dashboard.pipeline.total", { count: total }),
    legend: [
      { label: t("dashboard.pipeline.waiting"), color: COLORS.waiting, mark: "fill" },
      { label: t("dashboard.pipeline.steps.DETERMINED"), color: COLORS.determined, mark: "fill" },
    ],
    option: {
      ...base(f),
      grid: grid(f),
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
            const text =
              total > 0
                ? t("dashboard.pipeline.count", { count, percent: percent(count, total) })
                : String(count);
            return {
              value: count,
              name: t(`dashboard.pipeline.steps.${step}`),
              tip: `${t(`dashboard.pipeline.steps.${step}`)} ${text}`,
              itemStyle: determined ? { color: COLORS.determined } : { color: COLORS.waiting },
              // Two lines: five labels side by side stay apart on a narrow card.
              label: label(f, {
                position: "top",
                formatter:
                  total > 0
                    ? t("dashboard.pipeline.countLabel", { count, percent: percent(count, total) })
                    : String(count),
              }),
            };
          }),
        },
      ],
    },
  };
}

// --- re-reviews due --------------------------------------------------------------------------------

/** Per unit, the pending re-reviews due within 30 days and those overdue, stacked; click a unit. */
export function reReviewChart(
  summary: DashboardSummaryDto,
  selectedUnitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChart {
  const f = frame(theme, options);
  const selected = findUnit(summary, selectedUnitId) ? selectedUnitId : null;
  const units = summary.perUnit;
  const dueSoon = units.reduce((sum, u) => sum + u.reReviewsDueSoon, 0);
  const overdue = units.reduce((sum, u) => sum + u.reReviewsOverdue, 0);
  const item = (unit: UnitFigures, value: number, color: string, decal: boolean): UnitBarItem => ({
    value,
    name: unitName(t, unit),
    unitId: unit.unitId,
    tip: `${unitName(t, unit)} ${t(decal ? "dashboard.reReview.overdue" : "dashboard.reReview.dueSoon")} ${value}`,
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
    title: t("dashboard.reReview.title"),
    subtitle:
      dueSoon + overdue > 0
        ? t("dashboard.reReview.summary", { dueSoon, overdue })
        : t("dashboard.reReview.none"),
    legend: [
      { label: t("dashboard.reReview.overdue"), color: COLORS.overdue, mark: "hatch" },
      { label: t("dashboard.reReview.dueSoon"), color: COLORS.dueSoon, mark: "fill" },
    ],
    option: {
      ...base(f),
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
    },
  };
}

// --- belt-plan rules -------------------------------------------------------------------------------

/** Per unit, its binding belt-plan rules met and not met, stacked; click a unit. */
export function complianceChart(
  compliance: readonly UnitComplianceDto[],
  selectedUnitId: string | null,
  t: Translate,
  theme: ChartTheme,
  options: ChartOptions = {},
): DashboardChart {
  const f = frame(theme, options);
  const selected = compliance.some((u) => u.unitId === selectedUnitId) ? selectedUnitId : null;
  const counts = compliance.map((unit) => bindingRuleTally(unit.rules));
  const unitsFailing = counts.filter((c) => c.failed > 0).length;
  const item = (unit: UnitComplianceDto, value: number, color: string, decal: boolean): UnitBarItem => ({
    value,
    name: unitName(t, unit),
    unitId: unit.unitId,
    tip: `${unitName(t, unit)} ${t(decal ? "dashboard.compliance.failed" : "dashboard.compliance.passed")} ${value}`,
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
    title: t("dashboard.compliance.title"),
    subtitle:
      compliance.length === 0
        ? t("dashboard.compliance.noUnits")
        : unitsFailing > 0
          ? t("dashboard.compliance.summary", { count: unitsFailing })
          : t("dashboard.compliance.summaryAllMet"),
    legend: [
      { label: t("dashboard.compliance.passed"), color: COLORS.passed, mark: "fill" },
      { label: t("dashboard.compliance.failed"), color: COLORS.failed, mark: "hatch" },
    ],
    option: {
      ...base(f),
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
    },
  };
}

// --- hover and clicks ----------------------------------------------------------------------------------------

/** What hovering a bar says: its own tip, else its category and series with the value. */
export function hoverTip(params: {
  data?: unknown;
  name?: unknown;
  seriesName?: unknown;
  value?: unknown;
}): string {
  const data = params.data;
  if (typeof data === "object" && data !== null && "tip" in data && typeof data.tip === "string")
    return data.tip;
  const parts = [params.name, params.seriesName, params.value].filter(
    (part) => (typeof part === "string" && part !== "") || typeof part === "number",
  );
  return parts.join(" ");
}

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
