import type { Map as MapLibreMap } from "maplibre-gl";

// What the web app exposes for debugging and for these tests (apps/web/src/map/MapView.tsx).
declare global {
  interface Window {
    beltmap?: { map: MapLibreMap };
    /** The dashboard's ECharts instances by test id (apps/web/src/dashboard/EChart.tsx). */
    beltmapCharts?: Record<
      string,
      { convertToPixel: (finder: { seriesIndex: number }, value: (number | string)[]) => number[] }
    >;
  }
}
