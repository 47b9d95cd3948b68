import { TIERS } from "@beltmap/domain";
import type { Map as MapLibreMap } from "maplibre-gl";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TIER_COLORS } from "./palette.ts";

/**
 * Saves the map as it is on screen as a PNG, with a heading (the year and the unit shown), the data
 * time, the tier legend and 示例数据: for a report or a message. The picture's code loads on click.
 */
export type MapImageExportProps = {
  map: () => MapLibreMap | null;
  subtitle: string;
  dataTime: string;
  demo: boolean;
  fileName: string;
  attribution: string | null;
};

export function MapImageExport({
  map,
  subtitle,
  dataTime,
  demo,
  fileName,
  attribution,
}: MapImageExportProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const save = async () => {
    const live = map();
    if (!live) return;
    setBusy(true);
    setFailed(false);
    try {
      const { captureMap, composeSnapshot } = await import("../dashboard/snapshot.ts");
      const blob = await composeSnapshot({
        theme: "light",
        title: t("map.snapshotTitle"),
        subtitle,
        dataTime,
        demoLabel: demo ? t("app.demoData") : null,
        attribution,
        legend: TIERS.map((tier) => ({ label: t(`codes.tier.${tier}`), color: TIER_COLORS[tier] })),
        map: await captureMap(live),
        charts: [],
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
    <div className="map-export">
      <button
        type="button"
        className="button small"
        onClick={() => void save()}
        disabled={busy}
        data-testid="export-map-image"
      >
        {busy ? t("map.exporting") : t("map.exportImage")}
      </button>
      {failed && (
        <span className="form-error" role="alert">
          {t("map.exportFailed")}
        </span>
      )}
    </div>
  );
}
