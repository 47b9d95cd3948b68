import { TIERS } from "@beltmap/domain";
import type { Map as MapLibreMap } from "maplibre-gl";
import { useTranslation } from "react-i18next";
import { useSnapshotSave } from "../dashboard/useSnapshotSave.ts";
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
  const { busy, failed, save: saveSnapshot } = useSnapshotSave();
  const save = () => {
    const live = map();
    if (!live) return;
    return saveSnapshot(async () => {
      const { captureMap, composeSnapshot } = await import("../dashboard/snapshot.ts");
      return composeSnapshot({
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
    }, fileName);
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
