import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { saveBase64File } from "../lib/download.ts";
import { serverMessage } from "../lib/errors.ts";
import { useCycle, useCycleInput } from "../shell/cycle.ts";
import { trpcClient } from "../trpc.ts";

/**
 * 导出党组织: the region's list as .xlsx or .csv, with or without the scores of the cycle shown (the
 * server names the file after its year).
 */
export function ExportOrganizations() {
  const { t } = useTranslation();
  const [withScores, setWithScores] = useState(true);
  const year = useCycle().selected?.year;
  const cycleInput = useCycleInput();
  const exportFile = useMutation({
    mutationFn: (format: "xlsx" | "csv") =>
      trpcClient.organizationExport.organizations.query({ format, withScores, ...cycleInput }),
    onSuccess: saveBase64File,
  });
  return (
    <section className="data-export" data-testid="organization-export">
      <h3>{t("data.export")}</h3>
      <p className="field-hint">
        {t("data.exportHint")}
        {year !== undefined && t("data.exportCycle", { year })}
      </p>
      <div className="import-steps">
        <label>
          <input
            type="checkbox"
            checked={withScores}
            onChange={(event) => setWithScores(event.target.checked)}
          />{" "}
          {t("data.withScores")}
        </label>
        <button
          type="button"
          className="button"
          onClick={() => exportFile.mutate("xlsx")}
          disabled={exportFile.isPending}
          data-testid="export-xlsx"
        >
          {t("data.exportXlsx")}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => exportFile.mutate("csv")}
          disabled={exportFile.isPending}
          data-testid="export-csv"
        >
          {t("data.exportCsv")}
        </button>
      </div>
      {exportFile.error && (
        <p className="form-error" role="alert">
          {serverMessage(exportFile.error) ?? t("app.networkError")}
        </p>
      )}
    </section>
  );
}
