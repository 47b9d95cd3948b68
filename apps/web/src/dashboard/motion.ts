import type { EChartsCoreOption } from "echarts/core";

/**
 * How charts move. A chart first appears drawn, not growing for a second (ECharts' default entrance
 * animation held every figure on the dashboard and the 大屏 back until it ended); what changes after
 * (another unit, a cycle played back) moves to its new values, so the eye can follow it. A viewer who
 * asks for reduced motion gets none.
 */
export function chartMotion(reducedMotion: boolean): EChartsCoreOption {
  if (reducedMotion) return { animation: false };
  return { animationDuration: 0, animationDurationUpdate: 400 };
}
