import type { Appendix2UnitStatusDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { serverMessage } from "../lib/errors.ts";
import { formatTime } from "../lib/format.ts";
import { useVersionDownload } from "./useDownload.ts";
import "./appendix2.css";

/** Every version a unit submitted, newest first: when, by whom, the city's decision; each downloadable. */
export function VersionList({ unit, unitName }: { unit: Appendix2UnitStatusDto; unitName: string }) {
  const { t, i18n } = useTranslation();
  const download = useVersionDownload();
  if (unit.versions.length === 0) return <span className="muted">{t("appendix2.noVersions")}</span>;
  const time = (iso: string | null) => formatTime(iso, i18n.language);
  return (
    <div>
      <ol className="a2-versions" data-testid={`a2-versions-${unit.unitId}`}>
        {[...unit.versions].reverse().map((v) => {
          const busy = download.isPending && download.variables?.version === v.version;
          return (
            <li key={v.version} data-testid={`a2-version-${v.version}`}>
              <span className="a2-version-name">{t("appendix2.version", { version: v.version })}</span>
              <span className="a2-version-facts">
                {t("appendix2.submittedAt", { time: time(v.submittedAt) })}
                {v.submittedBy && <span className="muted">{t("appendix2.by", { name: v.submittedBy })}</span>}
                {" · "}
                {v.decision === "RECEIVED" ? (
                  <span className="a2-decision received">
                    {t("appendix2.receivedAt", { time: time(v.decidedAt) })}
                  </span>
                ) : v.decision === "RETURNED" ? (
                  <span className="a2-decision returned">
                    {t("appendix2.returnedAt", { time: time(v.decidedAt), reason: v.returnReason ?? "" })}
                  </span>
                ) : (
                  <span className="a2-decision waiting">{t("appendix2.waiting")}</span>
                )}
              </span>
              <button
                type="button"
                className="link-button"
                onClick={() => download.mutate({ unitId: unit.unitId, version: v.version })}
                disabled={download.isPending}
                aria-label={t("appendix2.downloadLabel", { unit: unitName, version: v.version })}
                data-testid="a2-download"
              >
                {busy ? t("appendix2.downloading") : t("appendix2.download")}
              </button>
            </li>
          );
        })}
      </ol>
      {download.isError && (
        <p className="form-error" role="alert">
          {t("appendix2.downloadFailed", { message: serverMessage(download.error) ?? t("app.networkError") })}
        </p>
      )}
    </div>
  );
}
