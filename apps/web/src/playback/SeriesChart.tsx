// Loaded lazily (React.lazy): this module registers ECharts' line chart (echarts-line.ts) and holds
// the line's builder and strings, so neither page carries them on its first load.
import "./echarts-line.ts";
import "../i18n/playback.ts";
import type { CycleSeriesDto } from "@beltmap/api";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ChartCard } from "../dashboard/ChartCard.tsx";
import type { ChartTheme, DashboardChart } from "../dashboard/chart-options.ts";
import { seriesChart } from "./series-options.ts";

export type SeriesChartProps = {
  series: CycleSeriesDto;
  /** The unit shown (the city's total when null). */
  unitId: string | null;
  /** The year the page shows (playback's, or the header's), marked on the line. */
  currentYear: number | null;
  testId: string;
  height: number;
  className?: string;
  theme?: ChartTheme;
  pixelRatio?: number;
  /** The chart as drawn (its title, figures and legend), e.g. for the page's PNG export. */
  onChart?: (chart: DashboardChart | null) => void;
};

/** 历年进展: 优秀 against the quota and 典型做法, one point per cycle (see seriesChart). */
export function SeriesChart({
  series,
  unitId,
  currentYear,
  testId,
  height,
  className,
  theme = "light",
  pixelRatio,
  onChart,
}: SeriesChartProps) {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: t follows i18n.language
  const chart = useMemo(
    () => seriesChart(series, unitId, t, theme, {}, currentYear),
    [series, unitId, currentYear, theme, i18n.language],
  );
  useEffect(() => {
    onChart?.(chart);
    return () => onChart?.(null);
  }, [chart, onChart]);
  return (
    <ChartCard
      chart={chart}
      testId={testId}
      height={height}
      theme={theme}
      {...(className ? { className } : {})}
      {...(pixelRatio === undefined ? {} : { pixelRatio })}
    />
  );
}
