import "../i18n/belt-print.ts"; // the strings of the exports and the print sheet
import type { BeltDto } from "@beltmap/api";
import { beltsToGeoJSON, beltsToKml } from "@beltmap/geo/belt-export";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { saveBlob } from "../lib/download.ts";
import { exportDocumentName, exportFileName, GEOJSON_MIME, KML_MIME, toExportBelts } from "./exports.ts";

export type ExportMenuProps = {
  unitId: string;
  unitName: string;
  belts: readonly BeltDto[];
  /** The cycle (年度) the belts are of: named in the files and on the print sheet. */
  year: number;
  /** A past cycle: the print sheet (a new tab) opens on that cycle too. */
  past: boolean;
};

/**
 * The print sheet of a unit's belts (all, or the one `beltId`); `cycleYear` for a past cycle's, since
 * the new tab does not share this tab's choice of cycle.
 */
export function beltPrintPath(unitId: string, beltId?: number, cycleYear?: number): string {
  const params = new URLSearchParams({ unit: unitId });
  if (beltId !== undefined) params.set("belt", String(beltId));
  if (cycleYear !== undefined) params.set("cycle", String(cycleYear));
  return `/belts/print?${params}`;
}

/** Lets the browser save `text` as `fileName`: the files are built here, from the belts the page shows. */
function saveText(text: string, fileName: string, mimeType: string): void {
  saveBlob(new Blob([text], { type: `${mimeType};charset=utf-8` }), fileName);
}

/**
 * 导出 GeoJSON / 导出 KML / 打印 A4 for a unit's belts. The files are built in the browser from
 * `belts` (WGS84, stops in visiting order); the print sheet opens in a new tab, so a plan being
 * edited here stays as it is.
 */
export function ExportMenu({ unitId, unitName, belts, year, past }: ExportMenuProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const empty = belts.length === 0;

  const save = (format: "geojson" | "kml") => {
    setError(null);
    try {
      const exportBelts = toExportBelts(unitName, belts, t);
      if (format === "geojson") {
        const text = `${JSON.stringify(beltsToGeoJSON(exportBelts), null, 2)}\n`;
        saveText(text, exportFileName(unitName, year, "geojson"), GEOJSON_MIME);
      } else {
        const text = beltsToKml(exportDocumentName(unitName, year), exportBelts);
        saveText(text, exportFileName(unitName, year, "kml"), KML_MIME);
      }
    } catch (e) {
      // A stop without valid coordinates: the exporters refuse rather than write a broken file.
      setError(t("beltPrint.export.failed", { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <fieldset className="belt-export">
      <legend className="visually-hidden">{t("beltPrint.export.label")}</legend>
      <button
        type="button"
        className="button"
        onClick={() => save("geojson")}
        disabled={empty}
        title={empty ? t("beltPrint.export.none") : t("beltPrint.export.geojsonHint")}
        data-testid="export-geojson"
      >
        {t("beltPrint.export.geojson")}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => save("kml")}
        disabled={empty}
        title={empty ? t("beltPrint.export.none") : t("beltPrint.export.kmlHint")}
        data-testid="export-kml"
      >
        {t("beltPrint.export.kml")}
      </button>
      {empty ? (
        <button
          type="button"
          className="button"
          disabled
          title={t("beltPrint.export.none")}
          data-testid="print-belts"
        >
          {t("beltPrint.export.print")}
        </button>
      ) : (
        <Link
          to={beltPrintPath(unitId, undefined, past ? year : undefined)}
          target="_blank"
          rel="noopener"
          className="button"
          title={t("beltPrint.export.printHint")}
          data-testid="print-belts"
        >
          {t("beltPrint.export.print")}
        </Link>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
