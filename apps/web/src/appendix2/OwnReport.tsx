import type { Appendix2UnitStatusDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { Appendix2Export } from "../queue/Appendix2Export.tsx";
import { ownTimeliness, statusText } from "./timeliness.ts";
import { VersionList } from "./VersionList.tsx";
import "./appendix2.css";

/**
 * The county's own 附件2: where it stands (status, deadline, days left or late), the live export
 * to check before reporting, 报送 (or why not), and every version it submitted.
 */
export function OwnReport({
  unit,
  unitName,
  deadline,
  writable,
  onSubmit,
}: {
  unit: Appendix2UnitStatusDto;
  unitName: string;
  deadline: string;
  /** False for a past cycle: nothing is offered. */
  writable: boolean;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const late = unit.timeliness.state === "OVERDUE" || unit.timeliness.state === "LATE";
  const canSubmit = writable && unit.can.submit.ok;
  return (
    <section className="a2-own" aria-labelledby="a2-own-title" data-testid="a2-own">
      <h3 id="a2-own-title">{t("appendix2.ownTitle", { unit: unitName })}</h3>
      <dl className="a2-facts">
        <div>
          <dt>{t("appendix2.statusLabel")}</dt>
          <dd>
            <span className={`status a2-status-${unit.status}`} data-testid="a2-own-status">
              {statusText(t, unit)}
            </span>
            {unit.resubmitted && <span className="tag">{t("appendix2.resubmitted")}</span>}
          </dd>
        </div>
        <div>
          <dt>{deadline}</dt>
          <dd className={late ? "a2-late" : undefined} data-testid="a2-own-timeliness">
            {ownTimeliness(t, unit.timeliness)}
          </dd>
        </div>
      </dl>
      <div className="a2-own-actions">
        <Appendix2Export unitId={unit.unitId} showLink={false} />
        {writable && (
          <button
            type="button"
            className="button primary"
            onClick={onSubmit}
            disabled={!canSubmit}
            aria-describedby={canSubmit ? undefined : "a2-cannot-submit"}
            data-testid="a2-submit"
          >
            {unit.versions.length > 0 ? t("appendix2.resubmit") : t("appendix2.submit")}
          </button>
        )}
      </div>
      {writable && !canSubmit && unit.can.submit.reason && (
        <p className="muted a2-cannot" id="a2-cannot-submit" data-testid="a2-cannot-submit">
          {unit.can.submit.reason}
        </p>
      )}
      <h4>{t("appendix2.columns.versions")}</h4>
      <VersionList unit={unit} unitName={unitName} />
    </section>
  );
}
