import "../i18n/appendix2.ts"; // the link's words
import "./queue.css";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { withCycleYear } from "../appendix2/files.ts";
import { saveBase64File } from "../lib/download.ts";
import { serverMessage } from "../lib/errors.ts";
import { cycleInputOf, useCycle } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useUnitName } from "../shell/units.ts";
import { trpcClient, useTRPC } from "../trpc.ts";

/**
 * 附件2 初评结果汇总表 as .xlsx, of the cycle shown: the county's unit; the city (and a city-wide
 * leader) one unit or all. The file is built on the server and saved by the browser, its name
 * saying the cycle. Beside it, the way to 附件2报送 (submitting it, and where each unit stands).
 */
export function Appendix2Export({
  unitId: pageUnitId,
  showLink = true,
}: {
  unitId: string | undefined;
  showLink?: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const cycle = useCycle();
  const cycleInput = cycleInputOf(cycle);
  const unitName = useUnitName();
  const chooseUnit = me.region.level === "CITY";
  const units = useQuery({ ...trpc.unit.list.queryOptions(), enabled: chooseUnit });
  // Follows the page's unit filter until the user picks here.
  const [picked, setPicked] = useState<string | null>(null);
  const unitId = picked ?? pageUnitId ?? "";
  const selectId = useId();
  const exportFile = useMutation({
    mutationFn: (input: { unitId?: string }) =>
      trpcClient.report.appendix2.query({ ...input, ...cycleInput }),
    onSuccess: (file) =>
      saveBase64File({ ...file, fileName: withCycleYear(file.fileName, cycle.selected?.year) }),
  });

  return (
    <div className="export" data-testid="appendix2">
      {chooseUnit && (
        <>
          <label htmlFor={selectId} className="visually-hidden">
            {t("export.unit")}
          </label>
          <select
            id={selectId}
            value={unitId}
            onChange={(event) => {
              setPicked(event.target.value);
              exportFile.reset();
            }}
            disabled={exportFile.isPending}
            data-testid="appendix2-unit"
          >
            <option value="">{t("export.allUnits")}</option>
            {units.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {unitName(u.id, u.name)}
              </option>
            ))}
          </select>
        </>
      )}
      <button
        type="button"
        className="button"
        onClick={() => exportFile.mutate(chooseUnit && unitId ? { unitId } : {})}
        disabled={exportFile.isPending}
        aria-busy={exportFile.isPending}
        data-testid="appendix2-export"
      >
        {exportFile.isPending ? t("export.busy") : t("export.button")}
      </button>
      {showLink && (
        <Link
          to="/appendix2"
          className="button appendix2-link"
          title={t("appendix2.linkTitle")}
          data-testid="appendix2-link"
        >
          {t("appendix2.link")} →
        </Link>
      )}
      <span className="export-status" aria-live="polite" data-testid="appendix2-status">
        {exportFile.isSuccess && t("export.done", { count: exportFile.data.organizations })}
        {exportFile.isError && (
          <span className="form-error" role="alert">
            {t("export.failed", { message: serverMessage(exportFile.error) ?? t("app.networkError") })}
          </span>
        )}
      </span>
    </div>
  );
}
