import { TIERS } from "@beltmap/domain";
import type { Map as MapLibreMap } from "maplibre-gl";
import { useTranslation } from "react-i18next";
import { TIER_COLORS } from "../map/palette.ts";
import type { DashboardChart } from "./chart-options.ts";
import { liveCharts } from "./EChart.tsx";
import type { SnapshotTheme } from "./snapshot.ts";
import { useSnapshotSave } from "./useSnapshotSave.ts";

/**
 * Saves what is on screen as one PNG: the map, the charts (each with its title, figures and
 * legend), the page's title, the unit, the data time, the tier legend and 示例数据.
 */
export function ExportPng({
  map,
  charts,
  subtitle,
  dataTime,
  demo,
  fileName,
  attribution,
  theme = "light",
  className = "button small",
  title,
}: {
  map: () => MapLibreMap | null;
  /** The charts to include, by the test id of their plot. */
  charts: { testId: string; chart: DashboardChart }[];
  subtitle: string;
  dataTime: string;
  demo: boolean;
  fileName: string;
  attribution: string | null;
  theme?: SnapshotTheme;
  className?: string;
  /** The picture's heading; the dashboard's by default. */
  title?: string;
}) {
  const { t } = useTranslation();
  const { busy, failed, save: saveSnapshot } = useSnapshotSave();
  const save = () => {
    const live = map();
    if (!live) return;
    return saveSnapshot(async () => {
      // The picture's code loads on the first click: the page's first load does not carry it.
      const { CHART_BACKGROUND, captureMap, composeSnapshot } = await import("./snapshot.ts");
      return composeSnapshot({
        theme,
        title: title ?? t("dashboard.snapshotTitle"),
        subtitle,
        dataTime,
        demoLabel: demo ? t("app.demoData") : null,
        attribution,
        legend: TIERS.map((tier) => ({ label: t(`codes.tier.${tier}`), color: TIER_COLORS[tier] })),
        map: await captureMap(live),
        charts: charts.flatMap(({ testId, chart }) => {
          const instance = liveCharts.get(testId);
          if (!instance) return [];
          const image = instance.getDataURL({
            type: "png",
            pixelRatio: 2,
            backgroundColor: CHART_BACKGROUND[theme],
          });
          return [{ title: chart.title, subtitle: chart.subtitle, legend: chart.legend, image }];
        }),
      });
    }, fileName);
  };
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => void save()}
        disabled={busy}
        data-testid="export-png"
      >
        {busy ? t("dashboard.exporting") : t("dashboard.exportPng")}
      </button>
      {failed && (
        <span className="form-error" role="alert">
          {t("dashboard.exportFailed")}
        </span>
      )}
    </>
  );
}
