import type { ReReviewRowDto } from "@beltmap/api";
import type { Role } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { GradeTag } from "../components/GradeTag.tsx";
import { formatDay } from "../lib/format.ts";
import "./rereviews.css";

export type RowAction = "record" | "approve" | "reject" | "cityDecide" | "file";

function DueCell({ row }: { row: ReReviewRowDto }) {
  const { t, i18n } = useTranslation();
  const day = formatDay(row.dueOn, i18n.language);
  if (row.status !== "PENDING") {
    return (
      <td className="time" data-label={t("rereview.columns.due")}>
        {day}
        {row.reviewedAt && (
          <div className="sub">
            {t("rereview.reviewedOn", { day: formatDay(row.reviewedAt, i18n.language) })}
          </div>
        )}
      </td>
    );
  }
  return (
    <td className="time" data-label={t("rereview.columns.due")}>
      <span className="due-day">{day}</span>
      {row.dueState === "OVERDUE" && (
        <span className="due-badge due-OVERDUE" data-testid="overdue">
          {t("rereview.overdueDays", { count: row.daysOverdue })}
        </span>
      )}
      {row.dueState === "DUE_SOON" && <span className="due-badge due-DUE_SOON">{t("rereview.dueSoon")}</span>}
    </td>
  );
}

/** The status, and the reasons given on the way: the county's, the city's (over the quota, a refusal, a 评定). */
function StatusCell({ row }: { row: ReReviewRowDto }) {
  const { t } = useTranslation();
  const cityKey = row.overQuota ? "rereview.overQuotaNote" : "rereview.cityReason";
  return (
    <td data-testid="rereview-status" data-label={t("rereview.columns.status")}>
      <span className={`status rr-status-${row.status}`}>{t(`codes.rereviewStatus.${row.status}`)}</span>
      {row.decisionReason && row.status !== "SUPERSEDED" && (
        <div className="rr-reason">{t("rereview.countyReason", { reason: row.decisionReason })}</div>
      )}
      {row.cityDecisionReason &&
        (row.status === "SUPERSEDED" ? (
          <div className="rr-reason">{row.cityDecisionReason}</div>
        ) : (
          <div className={row.overQuota ? "rr-reason over-quota" : "rr-reason"}>
            {t(cityKey, { reason: row.cityDecisionReason })}
          </div>
        ))}
    </td>
  );
}

/** What the signed-in user may do on the row: each level its own step. */
function Actions({
  row,
  role,
  busy,
  onAction,
}: {
  row: ReReviewRowDto;
  role: Role;
  busy: boolean;
  onAction: (action: RowAction) => void;
}) {
  const { t } = useTranslation();
  if (!row.awaitsMe) {
    return row.nextActor === null && row.status === "PENDING" ? null : (
      <span className="muted">{t(`rereview.waitingFor.${row.status}`)}</span>
    );
  }
  const button = (action: RowAction, className: string, testId: string, label: string) => (
    <button
      type="button"
      className={className}
      onClick={() => onAction(action)}
      disabled={busy}
      data-testid={testId}
    >
      {label}
    </button>
  );
  if (role === "TOWNSHIP") return button("record", "button small", "record-open", t("rereview.record"));
  if (role === "COUNTY")
    return (
      <>
        {button("approve", "button small primary", "approve-open", t("rereview.approve"))}
        {button("reject", "button small danger", "reject-open", t("rereview.reject"))}
      </>
    );
  if (role === "CITY" && row.status === "ESCALATED")
    return button("cityDecide", "button small primary", "city-decide-open", t("rereview.cityDecide"));
  if (role === "CITY")
    return button(
      "file",
      "button small primary",
      "file-button",
      busy ? t("common.saving") : t("rereview.file"),
    );
  return null;
}

export function ReReviewRow({
  row,
  role,
  showTownship,
  showUnit,
  showActions,
  unitName,
  busy,
  error,
  from,
  onAction,
}: {
  row: ReReviewRowDto;
  role: Role;
  showTownship: boolean;
  showUnit: boolean;
  showActions: boolean;
  unitName: (id: string, fallback?: string) => string;
  busy: boolean;
  error: string | undefined;
  from: string;
  onAction: (action: RowAction) => void;
}) {
  const { t } = useTranslation();
  const rowClass = [row.dueState === "OVERDUE" ? "row-overdue" : "", error ? "row-error" : ""].join(" ");
  return (
    <tr className={rowClass.trim() || undefined} data-testid={`rereview-row-${row.id}`} aria-busy={busy}>
      <td className="rr-name">
        <Link to={`/sheet/${row.organizationId}`} state={{ from }}>
          {row.organizationName}
        </Link>
      </td>
      {showTownship && (
        <td data-label={t("queue.columns.township")}>
          {row.townshipName}
          {showUnit && <div className="sub">{unitName(row.unitId, row.unitName)}</div>}
        </td>
      )}
      <DueCell row={row} />
      <td data-label={t("rereview.columns.gradeBefore")}>
        <GradeTag grade={row.gradeBefore} />
      </td>
      <td data-label={t("rereview.columns.suggestion")}>
        {row.status === "PENDING" ? (
          <span className="muted">—</span>
        ) : row.suggestion === "NONE" || !row.suggestedGrade ? (
          t("rereview.suggest.NONE")
        ) : (
          <span className={`suggestion suggestion-${row.suggestion}`}>
            {t(`rereview.suggestShort.${row.suggestion}`)}
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden">{t("rereview.to")}</span>
            <GradeTag grade={row.suggestedGrade} />
          </span>
        )}
        {row.notes && <div className="sub notes">{row.notes}</div>}
        {row.delisting && (
          <div className="sub rr-delisting-mark" title={row.delisting.texts.join("\n")}>
            {t("rereview.delistingMark")}
          </div>
        )}
      </td>
      <StatusCell row={row} />
      {showActions && (
        <td className="row-actions" data-label={t("rereview.columns.actions")}>
          <div className="row-buttons">
            <Actions row={row} role={role} busy={busy} onAction={onAction} />
          </div>
          {error && (
            <p className="row-error-text" role="alert" data-testid="row-error">
              {error}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}
