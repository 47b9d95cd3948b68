import { TIERS } from "@beltmap/domain";
import type { Map as MapLibreMap } from "maplibre-gl";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TIER_COLORS } from "../map/palette.ts";
import { liveCharts } from "./EChart.tsx";
import { captureMap, composeSnapshot } from "./snapshot.ts";

/** Saves the dashboard as one PNG: the map, the charts, title, unit, data time, legend, 示例数据. */
export function ExportPng({
  map,
  charts,
  subtitle,
  dataTime,
  demo,
  fileName,
  attribution,
}: {
  map: () => MapLibreMap | null;
  /** The charts to include, by test id, with their titles. */
  charts: { testId: string; title: string }[];
  subtitle: string;
  dataTime: string;
  demo: boolean;
  fileName: string;
  attribution: string | null;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const save = async () => {
    const live = map();
    if (!live) return;
    setBusy(true);
    setFailed(false);
    try {
      const blob = await composeSnapshot({
        title: t("dashboard.snapshotTitle"),
        subtitle,
        dataTime,
        demoLabel: demo ? t("app.demoData") : null,
        attribution,
        legend: TIERS.map((tier) => ({ label: t(`codes.tier.${tier}`), color: TIER_COLORS[tier] })),
        map: await captureMap(live),
        charts: charts.flatMap(({ testId, title }) => {
          const chart = liveCharts.get(testId);
          return chart
            ? [{ title, image: chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" }) }]
            : [];
        }),
      });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="button small"
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
