import type { DashboardSummaryDto, PipelineStep, RuleResultDto, UnitComplianceDto } from "@beltmap/api";
import {
  APPENDIX3_UNITS,
  CITY_EXCELLENT_TARGET,
  RULE_IDS,
  type RuleId,
  TIER_TARGET_SHARES,
  TIERS,
  type Tier,
} from "@beltmap/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { i18next, loadLanguage } from "../i18n/index.ts";
import { TIER_COLORS } from "../map/palette.ts";
import {
  type ChartOptions,
  type ChartTheme,
  clickedUnitId,
  complianceChart,
  type DashboardChart,
  hoverTip,
  niceAxis,
  PIPELINE_STEPS,
  pipelineChart,
  progressChart,
  reReviewChart,
  type Translate,
  tierChart,
  unitQuotaChart,
} from "./chart-options.ts";

// --- fixture: a city part-way through the campaign -------------------------------------------------

type UnitFigures = DashboardSummaryDto["perUnit"][number];
type Figures = {
  excellent?: number;
  practices?: number;
  tiers?: Partial<Record<Tier | "NONE", number>>;
  pipeline?: Partial<Record<PipelineStep, number>>;
  dueSoon?: number;
  overdue?: number;
};

/** By unit: 市经信委 has no organisation at all; 市西区 is over its quota (4 / 3); 开化 over its practices. */
const FIGURES: Record<string, Figures> = {
  GREEN_ZONE: {
    excellent: 9,
    practices: 4,
    tiers: { DEMONSTRATION: 9, CONSOLIDATION: 30, IMPROVEMENT: 48, WARNING: 10, NONE: 23 },
    pipeline: { SELF: 10, TOWNSHIP_REVIEW: 5, COUNTY_INITIAL: 4, CITY_FINAL: 4, DETERMINED: 97 },
    dueSoon: 3,
    overdue: 1,
  },
  WEST_ZONE: {
    excellent: 4,
    practices: 1,
    tiers: { DEMONSTRATION: 4, CONSOLIDATION: 8, IMPROVEMENT: 12, WARNING: 2, NONE: 4 },
    pipeline: { SELF: 2, TOWNSHIP_REVIEW: 1, COUNTY_INITIAL: 1, CITY_FINAL: 0, DETERMINED: 26 },
    dueSoon: 1,
    overdue: 0,
  },
  JINGXIN: {},
  KECHENG: {
    excellent: 12,
    practices: 6,
    tiers: { DEMONSTRATION: 12, CONSOLIDATION: 40, IMPROVEMENT: 60, WARNING: 15, NONE: 13 },
    pipeline: { SELF: 5, TOWNSHIP_REVIEW: 4, COUNTY_INITIAL: 2, CITY_FINAL: 2, DETERMINED: 127 },
    dueSoon: 6,
    overdue: 2,
  },
  QUJIANG: {
    excellent: 7,
    practices: 3,
    tiers: { DEMONSTRATION: 7, CONSOLIDATION: 28, IMPROVEMENT: 50, WARNING: 15, NONE: 30 },
    pipeline: { SELF: 12, TOWNSHIP_REVIEW: 8, COUNTY_INITIAL: 6, CITY_FINAL: 4, DETERMINED: 100 },
    dueSoon: 0,
    overdue: 4,
  },
  LONGYOU: {
    excellent: 15,
    practices: 8,
    tiers: { DEMONSTRATION: 15, CONSOLIDATION: 55, IMPROVEMENT: 90, WARNING: 20, NONE: 20 },
    pipeline: { SELF: 8, TOWNSHIP_REVIEW: 6, COUNTY_INITIAL: 3, CITY_FINAL: 3, DETERMINED: 180 },
    dueSoon: 2,
    overdue: 0,
  },
  JIANGSHAN: {
    excellent: 18,
    practices: 9,
    tiers: { DEMONSTRATION: 18, CONSOLIDATION: 60, IMPROVEMENT: 95, WARNING: 17, NONE: 10 },
    pipeline: { SELF: 4, TOWNSHIP_REVIEW: 3, COUNTY_INITIAL: 2, CITY_FINAL: 1, DETERMINED: 190 },
    dueSoon: 5,
    overdue: 3,
  },
  CHANGSHAN: {
    excellent: 6,
    practices: 2,
    tiers: { DEMONSTRATION: 6, CONSOLIDATION: 20, IMPROVEMENT: 40, WARNING: 14, NONE: 40 },
    pipeline: { SELF: 20, TOWNSHIP_REVIEW: 10, COUNTY_INITIAL: 6, CITY_FINAL: 4, DETERMINED: 80 },
    dueSoon: 0,
    overdue: 0,
  },
  KAIHUA: {
    excellent: 10,
    practices: 7,
    tiers: { DEMONSTRATION: 10, CONSOLIDATION: 33, IMPROVEMENT: 55, WARNING: 12, NONE: 10 },
    pipeline: { SELF: 3, TOWNSHIP_REVIEW: 3, COUNTY_INITIAL: 2, CITY_FINAL: 2, DETERMINED: 110 },
    dueSoon: 1,
    overdue: 1,
  },
};

const ZERO_TIERS: Record<Tier | "NONE", number> = {
  DEMONSTRATION: 0,
  CONSOLIDATION: 0,
  IMPROVEMENT: 0,
  WARNING: 0,
  NONE: 0,
};
const ZERO_PIPELINE: Record<PipelineStep, number> = {
  SELF: 0,
  TOWNSHIP_REVIEW: 0,
  COUNTY_INITIAL: 0,
  CITY_FINAL: 0,
  DETERMINED: 0,
};
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function makeSummary(figures: Record<string, Figures>, provisional: number): DashboardSummaryDto {
  const perUnit: UnitFigures[] = APPENDIX3_UNITS.map((spec) => {
    const f = figures[spec.id] ?? {};
    const tiers = { ...ZERO_TIERS, ...f.tiers };
    const pipeline = { ...ZERO_PIPELINE, ...f.pipeline };
    const excellent = f.excellent ?? 0;
    return {
      unitId: spec.id,
      unitName: spec.name,
      excellent,
      quotaUsed: excellent,
      quota: spec.excellentQuota,
      quotaReached: excellent >= spec.excellentQuota,
      quotaExceeded: excellent > spec.excellentQuota,
      practices: f.practices ?? 0,
      practiceQuotaUsed: f.practices ?? 0,
      practiceQuota: spec.practiceQuota,
      organizations: sum(Object.values(tiers)),
      nonCompetitors: 1,
      tiers,
      pipeline,
      reReviewsDueSoon: f.dueSoon ?? 0,
      reReviewsOverdue: f.overdue ?? 0,
      plan: null,
      appendix2: {
        status: "NOT_SUBMITTED",
        resubmitted: false,
        timeliness: { state: "OPEN", daysLeft: 9, daysLate: 0 },
      },
      roster: {
        activeMembers: excellent,
        sites: excellent,
        sitesWithContact: excellent,
        membersWithoutSite: 0,
        passed: true,
      },
    };
  });
  const organizations = sum(perUnit.map((u) => u.organizations));
  const targets = { excellent: 100, practices: 50, good: 400, pass: 600, fail: 100 };
  const targetCounts: Record<Tier, number> = {
    DEMONSTRATION: 100,
    CONSOLIDATION: 400,
    IMPROVEMENT: 600,
    WARNING: 100,
  };
  const deadlines = { beltPlan: "2017-08-10T15:59:59.999Z", initialSummary: "2017-11-30T15:59:59.999Z" };
  const tally = { OPEN: 9, OVERDUE: 0, ON_TIME: 0, LATE: 0 };
  return {
    region: { level: "CITY", name: "衢州市", partOfUnit: false },
    cycle: {
      id: 1,
      year: 2017,
      name: "2017年度“百企示范、千企争先”行动",
      isCurrent: true,
      startsOn: "2017-01-01",
      endsOn: "2017-12-31",
      beltPlanDeadline: deadlines.beltPlan,
      initialSummaryDeadline: deadlines.initialSummary,
      targets,
      openedAt: null,
      closedAt: null,
    },
    target: CITY_EXCELLENT_TARGET,
    targets,
    quotaTotal: sum(APPENDIX3_UNITS.map((u) => u.excellentQuota)),
    excellentOfficial: sum(perUnit.map((u) => u.excellent)),
    excellentDetermined: 30,
    excellentProvisional: provisional,
    practicesTotal: sum(perUnit.map((u) => u.practices)),
    organizations,
    nonCompetitors: perUnit.length,
    perUnit,
    // Shares over all 争创对象, graded or not (as the API computes them).
    perTier: TIERS.map((tier) => {
      const count = sum(perUnit.map((u) => u.tiers[tier]));
      return {
        tier,
        count,
        share: organizations ? count / organizations : 0,
        targetShare: TIER_TARGET_SHARES[tier],
        targetCount: targetCounts[tier],
      };
    }),
    pipeline: Object.fromEntries(
      PIPELINE_STEPS.map((step) => [step, sum(perUnit.map((u) => u.pipeline[step]))]),
    ) as Record<PipelineStep, number>,
    deadlines,
    reports: {
      beltPlan: { deadline: deadlines.beltPlan, tally },
      initialSummary: { deadline: deadlines.initialSummary, tally },
    },
    roster: {
      activeMembers: sum(perUnit.map((u) => u.roster.activeMembers)),
      sites: sum(perUnit.map((u) => u.roster.sites)),
      sitesWithContact: sum(perUnit.map((u) => u.roster.sitesWithContact)),
      membersWithoutSite: 0,
    },
    generatedAt: "2017-08-01T02:00:00.000Z",
  };
}

const summary = makeSummary(FIGURES, 12);
/** Before anything was scored: every count 0. */
const emptySummary = makeSummary({}, 0);

function rule(id: RuleId, passed: boolean, fields: Partial<RuleResultDto> = {}): RuleResultDto {
  return {
    rule: id,
    title: id,
    passed,
    advisory: id === "SPECIAL_TOWN_BELT",
    applicable: true,
    expected: null,
    actual: null,
    offendingBeltIds: [],
    offendingSiteIds: [],
    offendingMemberIds: [],
    deadline: null,
    submittedAt: null,
    ...fields,
  };
}

/** 柯城: two binding rules fail, plus an advisory one and an inapplicable one that do not count. */
const compliance: UnitComplianceDto[] = APPENDIX3_UNITS.map((spec) => {
  const failing: RuleId[] =
    spec.id === "KECHENG" ? ["MIN_BELTS", "EVERY_SITE_ON_A_BELT", "SPECIAL_TOWN_BELT"] : [];
  const rules = RULE_IDS.map((id) =>
    spec.id === "KECHENG" && id === "SERVICE_CENTER"
      ? rule(id, false, { applicable: false })
      : rule(id, !failing.includes(id)),
  );
  return {
    unitId: spec.id,
    unitName: spec.name,
    passed: !failing.some((id) => id !== "SPECIAL_TOWN_BELT"),
    planStatus: spec.id === "JINGXIN" ? null : "SUBMITTED",
    planVersion: spec.id === "JINGXIN" ? 0 : 1,
    rules,
  };
});

// --- reading options back --------------------------------------------------------------------------

type Item = {
  value: number;
  name?: string;
  unitId?: string;
  itemStyle?: { color?: string; decal?: unknown; opacity?: number; borderWidth?: number };
  label?: { show?: boolean; formatter?: string; opacity?: number; align?: string };
  tip?: string;
};
type Series = {
  name: string;
  stack?: string;
  data: Item[];
  itemStyle?: { color?: string; decal?: unknown; borderType?: string };
  silent?: boolean;
};
type Category = string | { value: string; textStyle?: { fontWeight?: string } };
type Axis = { data?: Category[]; max?: number };
type Loose = {
  textStyle: { color: string };
  series: Series[];
  xAxis: Axis | Axis[];
  yAxis: Axis | Axis[];
};

const loose = (chart: DashboardChart) => chart.option as unknown as Loose;
const seriesOf = (chart: DashboardChart) => loose(chart).series;
const axes = (axis: Axis | Axis[]) => (Array.isArray(axis) ? axis : [axis]);
const categoryName = (c: Category) => (typeof c === "string" ? c : c.value);
const values = (series: Series | undefined) => (series?.data ?? []).map((item) => item.value);

function walk(value: unknown, visit: (key: string, value: unknown) => void, key = ""): void {
  visit(key, value);
  if (Array.isArray(value)) {
    for (const [i, child] of value.entries()) walk(child, visit, String(i));
  } else if (typeof value === "object" && value !== null) {
    for (const [k, child] of Object.entries(value)) walk(child, visit, k);
  }
}

/** No NaN, no Infinity, no "NaN" or "undefined" in a text. */
function expectClean(option: unknown): void {
  walk(option, (key, value) => {
    if (typeof value === "number") expect(Number.isFinite(value), `${key}: ${value}`).toBe(true);
    if (typeof value === "string") expect(value, key).not.toMatch(/NaN|undefined|Infinity|\{\{/);
  });
}

function fontSizes(option: unknown): number[] {
  const sizes: number[] = [];
  walk(option, (key, value) => {
    if (key === "fontSize" && typeof value === "number") sizes.push(value);
  });
  return sizes;
}

let t: Translate;
let en: Translate;
type Builder = (theme: ChartTheme, options?: ChartOptions) => DashboardChart;
let builders: Record<string, Builder>;

beforeAll(async () => {
  await import("../i18n/dashboard.ts");
  await loadLanguage("en");
  t = i18next.getFixedT("zh-CN");
  en = i18next.getFixedT("en");
  builders = {
    progress: (theme, o) => progressChart(summary, null, t, theme, o),
    progressUnit: (theme, o) => progressChart(summary, "KECHENG", t, theme, o),
    unitQuota: (theme, o) => unitQuotaChart(summary, "KECHENG", t, theme, o),
    tier: (theme, o) => tierChart(summary, null, t, theme, o),
    pipeline: (theme, o) => pipelineChart(summary, null, t, theme, o),
    reReview: (theme, o) => reReviewChart(summary, "KECHENG", t, theme, o),
    compliance: (theme, o) => complianceChart(compliance, "KECHENG", t, theme, o),
  };
});

describe("the fixture", () => {
  it("is the nine units of Appendix 3, quotas adding up to 105", () => {
    expect(summary.perUnit).toHaveLength(9);
    expect(summary.quotaTotal).toBe(105);
    expect(summary.excellentOfficial).toBe(81);
    expect(summary.perUnit.find((u) => u.unitId === "JINGXIN")?.organizations).toBe(0);
  });
});

describe("progressChart", () => {
  it("shows the standing 示范点 and this cycle's 评定 (determined, then provisional) in rows apart", () => {
    const option = progressChart(summary, null, t, "light");
    const [standing, determined, provisional, target, quotaTotal] = seriesOf(option);
    expect(axes(loose(option).yAxis)[0]?.data).toEqual(["现有示范点", "本年度评定"]);
    expect(values(standing)).toEqual([81, 0]);
    expect(values(determined)).toEqual([0, 30]);
    expect(values(provisional)).toEqual([0, 12]);
    // This cycle's 评定 stacks; the standing sites are never added to it (they overlap).
    expect(determined?.stack).toBe(provisional?.stack);
    expect(standing?.stack).toBeUndefined();
    expect(provisional?.itemStyle?.decal).toBeDefined(); // hatched, not only lighter
    expect(standing?.data[0]?.label?.formatter).toBe("正式 81");
    expect(determined?.data[1]?.label?.formatter).toBe("已评定 30");
    expect(provisional?.data[1]?.label?.formatter).toBe("暂定 12");
    // The target and the quota total: outlines on both rows, solid and dashed, labelled once, apart.
    expect([values(target), values(quotaTotal)]).toEqual([
      [100, 100],
      [105, 105],
    ]);
    expect([target?.data[0]?.label?.formatter, quotaTotal?.data[0]?.label?.formatter]).toEqual([
      "目标 100",
      "名额合计 105",
    ]);
    expect([target?.data[1]?.label?.show, quotaTotal?.data[1]?.label?.show]).toEqual([false, false]);
    expect([target?.data[0]?.label?.align, quotaTotal?.data[0]?.label?.align]).toEqual(["right", "left"]);
    expect(target?.itemStyle?.borderType).toBe("solid");
    expect(quotaTotal?.itemStyle?.borderType).toBe("dashed");
    expect(target?.silent && quotaTotal?.silent).toBe(true);
    expect(option.legend.map((entry) => [entry.label, entry.mark])).toEqual([
      ["正式", "fill"],
      ["暂定", "hatch"],
      ["目标", "outline"],
      ["名额合计", "dashed"],
    ]);
    expect(axes(loose(option).xAxis)[0]?.max).toBeGreaterThanOrEqual(105);
    expect(option.subtitle).toBe("现有示范点 81 个，目标 100 个；本年度已评定优秀 30 个，暂定优秀 12 个");
    expectClean(option);
  });

  it("shows a selected unit's official 优秀 against its own quota", () => {
    const option = progressChart(summary, "WEST_ZONE", t, "light");
    const series = seriesOf(option);
    expect(series).toHaveLength(2);
    const item = series[0]?.data[0];
    expect(item?.value).toBe(4);
    expect(item?.unitId).toBe("WEST_ZONE");
    expect(item?.itemStyle?.decal).toBeDefined();
    expect(item?.label?.formatter).toContain("已超额");
    expect([values(series[1]), series[1]?.data[0]?.label?.formatter]).toEqual([[3], "名额 3"]);
    expect(series[1]?.itemStyle?.borderType).toBe("dashed");
    expect(option.legend.map((entry) => entry.label)).toEqual(["正式", "已超额", "名额"]);
    expect(option.title).toBe("市西区管委会优秀创建进度");
    expect(axes(loose(option).xAxis)[0]?.max).toBeGreaterThanOrEqual(4);
  });

  it("shows a township's reader its whole unit's quota use, its own part named in the subtitle", () => {
    const kecheng = summary.perUnit.find((u) => u.unitId === "KECHENG");
    if (!kecheng) throw new Error("no 柯城区 in the figures");
    const township: DashboardSummaryDto = {
      ...summary,
      region: { level: "TOWNSHIP", name: "信安街道", partOfUnit: true },
      perUnit: [{ ...kecheng, excellent: 1 }],
    };
    const option = progressChart(township, "KECHENG", t, "light");
    expect(seriesOf(option)[0]?.data[0]?.value).toBe(kecheng.quotaUsed);
    expect(option.title).toBe("柯城区优秀创建进度");
    expect(option.subtitle).toBe("全单位现有示范点与创建名额，其中信安街道 1 个");
    // The tiers and the stages count the township's organisations: titled by it, not by the unit.
    expect(tierChart(township, "KECHENG", t, "light").title).toBe("信安街道梯队分布");
    expect(pipelineChart(township, "KECHENG", t, "light").title).toBe("信安街道评分进度");
  });

  it("falls back to the city for a unit it does not know", () => {
    expect(progressChart(summary, "NOWHERE", t, "light")).toEqual(progressChart(summary, null, t, "light"));
  });
});

describe("unitQuotaChart", () => {
  it("has one item per unit in every series, each carrying its unitId", () => {
    const option = unitQuotaChart(summary, null, t, "light");
    const [yLeft, yRight] = axes(loose(option).yAxis);
    expect(yLeft?.data?.map(categoryName)).toEqual(APPENDIX3_UNITS.map((u) => u.name));
    expect(yRight?.data).toHaveLength(9);
    const series = seriesOf(option);
    expect(series).toHaveLength(4);
    for (const s of series) {
      expect(s.data).toHaveLength(9);
      expect(s.data.map((item) => item.unitId)).toEqual(APPENDIX3_UNITS.map((u) => u.id));
      expect(s.data.map((item) => clickedUnitId({ data: item, name: item.name }))).toEqual(
        APPENDIX3_UNITS.map((u) => u.id),
      );
    }
    expect(values(series[0])).toEqual(summary.perUnit.map((u) => u.excellent));
    expect(values(series[1])).toEqual(APPENDIX3_UNITS.map((u) => u.excellentQuota));
    expect(values(series[2])).toEqual(summary.perUnit.map((u) => u.practices));
    expect(values(series[3])).toEqual(APPENDIX3_UNITS.map((u) => u.practiceQuota));
    expectClean(option);
  });

  it("marks a unit over its quota by label and pattern, not by colour alone", () => {
    const [excellent, excellentQuota, practices, practiceQuota] = seriesOf(
      unitQuotaChart(summary, null, t, "light"),
    );
    /** A unit's label sits at the end of the longer bar: the figure's when over quota, else the quota's. */
    const labelOf = (used: Series | undefined, quota: Series | undefined, i: number) =>
      [used?.data[i]?.label, quota?.data[i]?.label].filter((l) => l?.show).map((l) => l?.formatter);
    const west = excellent?.data[1];
    expect(west?.unitId).toBe("WEST_ZONE");
    expect(labelOf(excellent, excellentQuota, 1)).toEqual(["4 / 3 已超额"]);
    expect(west?.label?.show).toBe(true);
    expect(west?.itemStyle?.decal).toBeDefined();
    const kecheng = excellent?.data[3];
    expect(labelOf(excellent, excellentQuota, 3)).toEqual(["12 / 12 名额已满"]);
    expect(kecheng?.itemStyle?.decal).toBeUndefined();
    expect(west?.itemStyle?.color).not.toBe(kecheng?.itemStyle?.color);
    const overQuota = excellent?.data.filter((item) => item.itemStyle?.decal).map((item) => item.unitId);
    expect(overQuota).toEqual(["WEST_ZONE"]);
    expect(labelOf(practices, practiceQuota, 8)).toEqual(["7 / 6 已超额"]);
    expect(practices?.data[8]?.itemStyle?.decal).toBeDefined();
    // The empty unit: 0 of its quota, nothing marked.
    expect(labelOf(excellent, excellentQuota, 2)).toEqual(["0 / 2"]);
    expect(excellent?.data[2]?.itemStyle?.decal).toBeUndefined();
  });

  it("emphasises the selected unit and dims the others", () => {
    const option = unitQuotaChart(summary, "KECHENG", t, "light");
    const [excellent] = seriesOf(option);
    for (const item of excellent?.data ?? []) {
      if (item.unitId === "KECHENG") {
        expect(item.itemStyle?.opacity).toBe(1);
        expect(item.itemStyle?.borderWidth).toBeGreaterThan(0);
      } else {
        expect(item.itemStyle?.opacity).toBeLessThan(0.5);
      }
    }
    const [, quota] = seriesOf(option);
    // Each unit's label (on whichever bar is longer): full for 柯城, faded for the others.
    const labelOpacity = (excellent?.data ?? []).map((item, i) =>
      item.label?.show ? item.label.opacity : quota?.data[i]?.label?.opacity,
    );
    expect(labelOpacity[3]).toBeUndefined();
    expect(labelOpacity.filter((o) => o !== undefined && o < 1)).toHaveLength(8);
    const categories = axes(loose(option).yAxis)[0]?.data ?? [];
    const bold = categories.filter((c) => typeof c !== "string" && c.textStyle?.fontWeight === "bold");
    expect(bold.map(categoryName)).toEqual(["柯城区"]);
    // Nothing dimmed without a selection.
    const [plain] = seriesOf(unitQuotaChart(summary, null, t, "light"));
    expect(plain?.data.every((item) => item.itemStyle?.opacity === undefined)).toBe(true);
  });
});

describe("tierChart", () => {
  it("shows the tiers' shares of all 争创对象 (graded or not) against 8/30/50/12 in the tier colours", () => {
    const option = tierChart(summary, null, t, "light");
    const [actual, target] = seriesOf(option);
    const graded = sum(summary.perTier.map((r) => r.count));
    const all = summary.organizations;
    expect(values(actual)).toEqual(summary.perTier.map((r) => Math.round((r.count / all) * 1000) / 10));
    // The ungraded are in the whole: the shares add up to less than 100 %.
    expect(sum(values(actual))).toBeCloseTo((graded / all) * 100, 0);
    expect(values(target)).toEqual([8, 30, 50, 12]);
    expect(actual?.data.map((item) => item.itemStyle?.color)).toEqual(TIERS.map((tier) => TIER_COLORS[tier]));
    const categories = axes(loose(option).xAxis)[0]?.data?.map(categoryName);
    expect(categories).toEqual([
      "示范梯队\n目标 8%",
      "巩固梯队\n目标 30%",
      "提高梯队\n目标 50%",
      "预警梯队\n目标 12%",
    ]);
    // The seed's counts beside the shares: ~100 / 400 / 600 / 100.
    expect(option.subtitle).toBe(
      `争创对象 ${all} 个（未定级 ${all - graded} 个）；目标约 100 / 400 / 600 / 100 个`,
    );
    expect(actual?.data[1]?.tip).toMatch(/^巩固梯队 [\d.]+%（\d+ 个），目标 30%（约 400 个）$/);
  });

  it("says when every 争创对象 is graded", () => {
    const allGraded = makeSummary(
      {
        KECHENG: { excellent: 2, tiers: { DEMONSTRATION: 2, CONSOLIDATION: 3, IMPROVEMENT: 4, WARNING: 1 } },
      },
      0,
    );
    expect(tierChart(allGraded, null, t, "light").subtitle).toBe(
      "争创对象 10 个，均已定级；目标约 100 / 400 / 600 / 100 个",
    );
    expect(values(seriesOf(tierChart(allGraded, null, t, "light"))[0])).toEqual([20, 30, 40, 10]);
  });

  it("takes a unit's shares over all its 争创对象, graded or not", () => {
    const option = tierChart(summary, "WEST_ZONE", t, "light");
    const [actual] = seriesOf(option);
    expect(values(actual)).toEqual([13.3, 26.7, 40, 6.7]); // 4, 8, 12, 2 of 30 (4 not graded)
    expect(actual?.data[0]?.label?.formatter).toBe("13.3%\n4 个");
    expect(actual?.data[0]?.tip).toBe("示范梯队 13.3%（4 个），目标 8%");
    expect(option.title).toBe("市西区管委会梯队分布");
    // A unit has no counts of its own to aim at.
    expect(option.subtitle).toBe("争创对象 30 个（未定级 4 个）");
  });

  it("draws an empty unit as zeros, with no division by zero", () => {
    const option = tierChart(summary, "JINGXIN", t, "light");
    const [actual, target] = seriesOf(option);
    expect(values(actual)).toEqual([0, 0, 0, 0]);
    expect(values(target)).toEqual([8, 30, 50, 12]);
    expect(option.subtitle).toBe("尚无定级组织");
    expectClean(option);
  });
});

describe("pipelineChart", () => {
  it("counts the organisations waiting at each stage and those determined", () => {
    const option = pipelineChart(summary, null, t, "light");
    const [bars] = seriesOf(option);
    expect(axes(loose(option).xAxis)[0]?.data).toEqual(["待自评", "待复核", "待初评", "待评定", "已评定"]);
    expect(values(bars)).toEqual(PIPELINE_STEPS.map((step) => summary.pipeline[step]));
    expect(option.subtitle).toBe(`共 ${summary.organizations} 个组织`);
  });

  it("draws an empty unit as zeros without percentages", () => {
    const option = pipelineChart(summary, "JINGXIN", t, "light");
    const [bars] = seriesOf(option);
    expect(values(bars)).toEqual([0, 0, 0, 0, 0]);
    expect(bars?.data.map((item) => item.label?.formatter)).toEqual(["0", "0", "0", "0", "0"]);
    expect(option.title).toBe("市经信委评分进度");
    expectClean(option);
  });
});

describe("reReviewChart", () => {
  it("stacks due-soon and overdue re-reviews per unit, clickable by unit", () => {
    const option = reReviewChart(summary, null, t, "light");
    const [overdue, dueSoon] = seriesOf(option);
    expect(overdue?.stack).toBe(dueSoon?.stack);
    expect(values(overdue)).toEqual(summary.perUnit.map((u) => u.reReviewsOverdue));
    expect(values(dueSoon)).toEqual(summary.perUnit.map((u) => u.reReviewsDueSoon));
    expect(overdue?.itemStyle?.decal).toBeDefined();
    expect(axes(loose(option).yAxis)[0]?.data).toHaveLength(9);
    expect(dueSoon?.data.map((item) => item.unitId)).toEqual(APPENDIX3_UNITS.map((u) => u.id));
    // A zero is not labelled.
    expect(dueSoon?.data[2]?.label?.show).toBe(false);
    expect(dueSoon?.data[0]?.label?.show).toBe(true);
  });

  it("dims the units not selected", () => {
    const [overdue] = seriesOf(reReviewChart(summary, "QUJIANG", t, "light"));
    const dimmed = overdue?.data.filter((item) => (item.itemStyle?.opacity ?? 1) < 1).map((i) => i.unitId);
    expect(dimmed).toEqual(APPENDIX3_UNITS.map((u) => u.id).filter((id) => id !== "QUJIANG"));
  });
});

describe("complianceChart", () => {
  it("counts the binding rules failed: applicable, not advisory, not passed", () => {
    const option = complianceChart(compliance, null, t, "light");
    const [passed, failed] = seriesOf(option);
    const kecheng = APPENDIX3_UNITS.findIndex((u) => u.id === "KECHENG");
    // Nine rules: one advisory, for 柯城 one not applicable: of the seven binding ones, two fail.
    expect(failed?.data[kecheng]?.value).toBe(2);
    expect(passed?.data[kecheng]?.value).toBe(5);
    expect(failed?.data[kecheng]?.label?.formatter).toBe("2 项未达标");
    expect(failed?.data[0]?.value).toBe(0);
    expect(passed?.data[0]?.value).toBe(8);
    expect(failed?.data[0]?.label?.formatter).toBe("全部达标");
    expect(failed?.data[2]?.label?.formatter).toBe("全部达标 · 尚未编制方案");
    expect(failed?.itemStyle?.decal).toBeDefined();
    expect(failed?.data.map((item) => item.unitId)).toEqual(APPENDIX3_UNITS.map((u) => u.id));
    expect(option.subtitle).toBe("1 个单位有未达标项");
  });

  it("handles no units and units without applicable rules", () => {
    const empty = complianceChart([], null, t, "light");
    expect(seriesOf(empty).every((s) => s.data.length === 0)).toBe(true);
    expectClean(empty);
    const ruleless = complianceChart(
      [{ ...(compliance[0] as UnitComplianceDto), rules: [] }],
      "GREEN_ZONE",
      t,
      "light",
    );
    expect(seriesOf(ruleless)[1]?.data[0]?.label?.formatter).toBe("暂无适用规则");
    expectClean(ruleless);
  });
});

describe("every builder", () => {
  it("draws a city with nothing scored yet: no NaN, series as long as their categories", () => {
    const options = [
      progressChart(emptySummary, null, t, "light"),
      unitQuotaChart(emptySummary, null, t, "light"),
      tierChart(emptySummary, null, t, "light"),
      pipelineChart(emptySummary, null, t, "light"),
      reReviewChart(emptySummary, null, t, "light"),
    ];
    for (const option of options) {
      expectClean(option);
      const categories = [...axes(loose(option).xAxis), ...axes(loose(option).yAxis)]
        .map((axis) => axis.data?.length)
        .filter((n) => n !== undefined);
      for (const series of seriesOf(option)) expect(categories).toContain(series.data.length);
    }
    expect(options[2]?.subtitle).toBe("尚无定级组织；目标约 100 / 400 / 600 / 100 个");
    expect(options[4]?.subtitle).toBe("暂无到期或逾期的复查");
  });

  it("changes the text colour with the dark theme", () => {
    for (const [name, build] of Object.entries(builders)) {
      const light = loose(build("light"));
      const dark = loose(build("dark"));
      expect(dark.textStyle.color, name).not.toBe(light.textStyle.color);
      // Only the ink changes, not the figures.
      expect(dark.series.map(values), name).toEqual(light.series.map(values));
    }
  });

  it("multiplies every font size by the scale", () => {
    for (const [name, build] of Object.entries(builders)) {
      const normal = fontSizes(build("light"));
      expect(normal.length, name).toBeGreaterThan(3);
      expect(fontSizes(build("light", { scale: 1 })), name).toEqual(normal);
      expect(fontSizes(build("light", { scale: 2 })), name).toEqual(normal.map((size) => size * 2));
      // A nonsense scale falls back to 1.
      expect(fontSizes(build("light", { scale: 0 })), name).toEqual(normal);
    }
  });

  it("leaves title, figures and legend to the page: no ECharts title, legend, tooltip or markLine", () => {
    for (const [name, build] of Object.entries(builders)) {
      const chart = build("light");
      expect(Object.keys(chart.option), name).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(title|legend|tooltip)$/)]),
      );
      walk(chart.option, (key) => expect(key, name).not.toBe("markLine"));
      expect(chart.title, name).not.toBe("");
      expect(chart.subtitle, name).not.toBe("");
      expect(chart.legend.length, name).toBeGreaterThan(0);
      expectClean(chart);
    }
  });

  it("gives every bar a hover tip", () => {
    for (const [name, build] of Object.entries(builders)) {
      for (const series of seriesOf(build("light"))) {
        for (const item of series.data) expect(item.tip, `${name} ${series.name}`).toMatch(/\S/);
      }
    }
  });

  it("speaks English with the English resources", () => {
    const chart = unitQuotaChart(summary, null, en, "light");
    expect(axes(loose(chart).yAxis)[0]?.data?.map(categoryName)[3]).toBe("Kecheng District");
    expect(chart.title).toBe("Quotas by unit");
    expect(chart.legend.map((entry) => entry.label)).toEqual([
      "Excellent (determined)",
      "Typical practices",
      "Quota",
      "over quota",
    ]);
    expect(seriesOf(unitQuotaChart(summary, null, en, "light"))[0]?.data[1]?.label?.formatter).toBe(
      "4 / 3 over quota",
    );
  });
});

describe("hoverTip", () => {
  it("says the item's own tip, else its category, series and value", () => {
    expect(hoverTip({ data: { value: 4, tip: "市西区管委会 4 / 3 已超额" }, name: "市西区管委会" })).toBe(
      "市西区管委会 4 / 3 已超额",
    );
    expect(hoverTip({ data: 3, name: "待复核", seriesName: "组织（个）", value: 3 })).toBe(
      "待复核 组织（个） 3",
    );
    expect(hoverTip({ data: 0, name: "", seriesName: "名额", value: 0 })).toBe("名额 0");
    expect(hoverTip({})).toBe("");
  });
});

describe("clickedUnitId", () => {
  it("prefers the unitId an item carries, else its name", () => {
    expect(clickedUnitId({ data: { value: 3, unitId: "KAIHUA" }, name: "开化县" })).toBe("KAIHUA");
    expect(clickedUnitId({ data: 3, name: "待复核" })).toBe("待复核");
    expect(clickedUnitId({ data: { value: 3 }, name: "" })).toBeNull();
    expect(clickedUnitId({})).toBeNull();
  });
});

describe("niceAxis", () => {
  it("ends an axis a little past the largest value, on a whole tick interval", () => {
    expect(niceAxis(0)).toEqual({ max: 1, interval: 1 });
    expect(niceAxis(Number.NaN)).toEqual({ max: 1, interval: 1 });
    expect(niceAxis(105)).toEqual({ max: 120, interval: 20 });
    expect(niceAxis(20)).toEqual({ max: 25, interval: 5 });
    expect(niceAxis(4)).toEqual({ max: 5, interval: 1 });
    expect(niceAxis(12)).toEqual({ max: 15, interval: 5 });
    expect(niceAxis(200)).toEqual({ max: 250, interval: 50 });
    for (let value = 1; value <= 1000; value += 7) {
      const { max, interval } = niceAxis(value);
      expect(max).toBeGreaterThan(value);
      expect(Number.isInteger(interval) && Number.isInteger(max / interval)).toBe(true);
      expect(max / interval).toBeLessThanOrEqual(6);
    }
  });
});

describe("dashboard strings", () => {
  function keysOf(value: unknown, prefix = ""): string[] {
    if (typeof value !== "object" || value === null) return [prefix];
    return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
  }

  it("have the same keys in both languages, the English without Chinese", () => {
    const zh = keysOf(i18next.getResource("zh-CN", "translation", "dashboard")).sort();
    const english = keysOf(i18next.getResource("en", "translation", "dashboard")).sort();
    expect(english).toEqual(zh);
    for (const key of english) expect(en(`dashboard.${key}`), key).not.toMatch(/[\u4e00-\u9fff]/);
    expect(t("dashboard.heading", { year: 2026, place: "全市" })).toBe("2026 年度 · 全市");
    // The app's own strings are still there.
    expect(t("nav.rereviews")).toBe("动态管理");
  });
});
