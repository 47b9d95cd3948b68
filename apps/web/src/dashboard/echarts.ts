// ECharts, tree-shaken: only what the dashboard's builders (chart-options.ts) use is registered here.
// Never import the full "echarts" package: it would pull every chart and component into the bundle.
// Named imports from echarts/core (not a namespace) let the bundler drop the rest of the core too.
// Titles, legends and hover tips are the page's HTML, not ECharts components (see chart-options.ts).
import { BarChart } from "echarts/charts";
import { GridSimpleComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, GridSimpleComponent, CanvasRenderer]);

/** The parts of ECharts the dashboard calls. */
export const echarts = { init };
