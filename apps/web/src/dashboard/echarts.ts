// ECharts, tree-shaken: only what the dashboard's builders (chart-options.ts) use is registered here.
// Never import the full "echarts" package: it would pull every chart and component into the bundle.
// Named imports from echarts/core (not a namespace) let the bundler drop the rest of the core too.
import { BarChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** The parts of ECharts the dashboard calls. */
export const echarts = { init };
