// ECharts' line chart, registered on first use only: the progress over the years loads it in a
// chunk of its own, so the dashboard's (and the map's) first load carries no line-chart code.
import { LineChart } from "echarts/charts";
import { use } from "echarts/core";

use([LineChart]);
