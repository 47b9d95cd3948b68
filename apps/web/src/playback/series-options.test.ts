import type { CycleSeriesDto } from "@beltmap/api";
import { beforeAll, describe, expect, it } from "vitest";
import type { Translate } from "../dashboard/chart-options.ts";
import { SERIES } from "../dashboard/demo-fixtures.ts";
import { i18next, loadLanguage } from "../i18n/index.ts";
import { seriesChart, seriesPoints } from "./series-options.ts";

let t: Translate;
let en: Translate;

beforeAll(async () => {
  await Promise.all([import("../i18n/dashboard.ts"), import("../i18n/playback.ts")]);
  await loadLanguage("en");
  t = i18next.getFixedT("zh-CN");
  en = i18next.getFixedT("en");
});

type Item = {
  value: number;
  tip: string;
  symbolSize: number;
  label: { formatter: string; fontWeight: string };
};
type Series = {
  type: string;
  name: string;
  symbol: string;
  showSymbol: boolean;
  showAllSymbol: boolean;
  lineStyle: { type: string };
  data: Item[];
};
type Loose = {
  series: Series[];
  xAxis: { data: { value: string; textStyle?: { fontWeight?: string } }[] };
  yAxis: { max: number };
};
const loose = (option: unknown) => option as Loose;

describe("seriesPoints", () => {
  it("adds up the units per cycle, oldest first (the demo: 2017 and 2026)", () => {
    expect(seriesPoints(SERIES, null)).toEqual([
      { year: 2017, excellent: 100, quota: 105, practices: 45 },
      { year: 2026, excellent: 100, quota: 106, practices: 43 },
    ]);
  });

  it("takes one unit's own figures", () => {
    expect(seriesPoints(SERIES, "LONGYOU")).toEqual([
      { year: 2017, excellent: 19, quota: 20, practices: 9 },
      { year: 2026, excellent: 19, quota: 20, practices: 8 },
    ]);
    // 常山县 lost a 示范点 (摘牌) and its typical practice.
    expect(seriesPoints(SERIES, "CHANGSHAN").map((p) => [p.excellent, p.practices])).toEqual([
      [12, 5],
      [11, 4],
    ]);
  });

  it("orders the cycles by year whatever order they come in, and has zeros for a unit without figures", () => {
    const reversed: CycleSeriesDto = { ...SERIES, cycles: [...SERIES.cycles].reverse() };
    expect(seriesPoints(reversed, null).map((p) => p.year)).toEqual([2017, 2026]);
    expect(seriesPoints(SERIES, "NOWHERE")).toEqual([
      { year: 2017, excellent: 0, quota: 0, practices: 0 },
      { year: 2026, excellent: 0, quota: 0, practices: 0 },
    ]);
  });
});

describe("seriesChart", () => {
  it("draws three lines with every point marked and labelled, the years on the axis", () => {
    const chart = seriesChart(SERIES, null, t, "light");
    const option = loose(chart.option);
    expect(option.xAxis.data.map((d) => d.value)).toEqual(["2017 年度", "2026 年度"]);
    expect(option.series.map((s) => [s.type, s.name, s.symbol])).toEqual([
      ["line", "优秀（示范点）", "circle"],
      ["line", "名额合计", "rect"],
      ["line", "典型做法", "triangle"],
    ]);
    for (const s of option.series) {
      // Two cycles still read clearly: each point drawn and its figure written beside it.
      expect(s.showSymbol && s.showAllSymbol).toBe(true);
      expect(s.data).toHaveLength(2);
      for (const item of s.data) {
        expect(item.symbolSize).toBeGreaterThan(0);
        expect(item.label.formatter).toBe(String(item.value));
        expect(item.tip).toMatch(/^20(17|26) 年度 \S+ \d+$/);
      }
    }
    expect(option.series.map((s) => s.data.map((d) => d.value))).toEqual([
      [100, 100],
      [105, 106],
      [45, 43],
    ]);
    expect(option.series[1]?.lineStyle.type).toBe("dashed");
    expect(option.yAxis.max).toBeGreaterThanOrEqual(106);
    expect(chart.title).toBe("历年进展 · 全市");
    expect(chart.subtitle).toBe("2017—2026 年度（2 个年度）：优秀 100 → 100，典型做法 45 → 43");
    expect(chart.legend.map((l) => [l.label, l.mark])).toEqual([
      ["优秀（示范点）", "fill"],
      ["名额合计", "dashed"],
      ["典型做法", "fill"],
    ]);
    // No ECharts title, legend or tooltip (the page's HTML says them), nothing left untranslated.
    expect(Object.keys(chart.option)).not.toEqual(expect.arrayContaining(["title", "legend", "tooltip"]));
    expect(JSON.stringify(chart)).not.toMatch(/NaN|undefined|\{\{/);
  });

  it("marks the year shown: larger points, bold figures, the year in bold", () => {
    const option = loose(seriesChart(SERIES, null, t, "light", {}, 2017).option);
    const [excellent] = option.series;
    expect(excellent?.data[0]?.symbolSize).toBeGreaterThan(excellent?.data[1]?.symbolSize ?? 0);
    expect(excellent?.data.map((d) => d.label.fontWeight)).toEqual(["bold", "normal"]);
    expect(option.xAxis.data.map((d) => d.textStyle?.fontWeight)).toEqual(["bold", undefined]);
  });

  it("keeps the labels apart: 优秀 left of its point, 典型做法 right, the quota above (below when exceeded)", () => {
    const positions = (series: CycleSeriesDto) =>
      loose(seriesChart(series, null, t, "light").option).series.map((s) =>
        s.data.map((d) => (d.label as unknown as { position: string }).position),
      );
    expect(positions(SERIES)).toEqual([
      ["left", "left"],
      ["top", "top"],
      ["right", "right"],
    ]);
    const over: CycleSeriesDto = {
      ...SERIES,
      cycles: SERIES.cycles.map((c) => ({
        ...c,
        perUnit: c.perUnit.map((u) => ({ ...u, excellent: u.quota + 1 })),
      })),
    };
    expect(positions(over)[1]).toEqual(["bottom", "bottom"]);
  });

  it("shows a unit against its own quota", () => {
    const chart = seriesChart(SERIES, "KECHENG", t, "light");
    expect(chart.title).toBe("历年进展 · 柯城区");
    expect(loose(chart.option).series.map((s) => s.name)).toEqual(["优秀（示范点）", "创建名额", "典型做法"]);
    expect(loose(chart.option).series[0]?.data.map((d) => d.value)).toEqual([11, 12]);
  });

  it("speaks English", () => {
    const chart = seriesChart(SERIES, null, en, "light");
    expect(chart.title).toBe("Progress over the years · City");
    expect(JSON.stringify(chart)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("says a single cycle, and no cycle, plainly", () => {
    const one: CycleSeriesDto = { ...SERIES, cycles: SERIES.cycles.slice(-1) };
    expect(seriesChart(one, null, t, "light").subtitle).toBe("2026 年度：优秀 100 / 名额 106，典型做法 43");
    const none: CycleSeriesDto = { ...SERIES, cycles: [] };
    const empty = seriesChart(none, null, t, "light");
    expect(empty.subtitle).toBe("暂无年度数据");
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("scales its type for the briefing screen", () => {
    const fontSizes = (option: unknown) => JSON.stringify(option).match(/"fontSize":\d+/g) ?? [];
    const normal = fontSizes(seriesChart(SERIES, null, t, "dark").option);
    const big = fontSizes(seriesChart(SERIES, null, t, "dark", { scale: 2 }).option);
    expect(normal.length).toBeGreaterThan(3);
    expect(big.map((s) => Number(s.split(":")[1]))).toEqual(normal.map((s) => Number(s.split(":")[1]) * 2));
  });
});
