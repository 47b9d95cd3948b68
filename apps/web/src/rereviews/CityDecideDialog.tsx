import type { ReReviewRowDto } from "@beltmap/api";
import { checkExcellentDetermination } from "@beltmap/domain";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { DialogActions } from "../components/DialogActions.tsx";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";
import { GradeChange } from "./GradeChange.tsx";
import "./rereviews.css";

export type CityDecision = { approve: boolean; reason: string; overQuotaReason: string };

/**
 * 超额审定 (city): an upgrade to 优秀 the county approved while its unit's quota was full. The city
 * approves it within the quota (a place has come free), or over it with a written reason, or
 * refuses it with a reason. The unit's quota use is read fresh (the organisation's sheet carries
 * it); whether a reason is needed is the domain's rule (checkExcellentDetermination).
 */
export function CityDecideDialog({
  row,
  pending,
  issues,
  onCancel,
  onConfirm,
}: {
  row: ReReviewRowDto;
  pending: boolean;
  /** The server's messages for this dialog's fields (reason, overQuotaReason). */
  issues: Record<string, string>;
  onCancel: () => void;
  onConfirm: (decision: CityDecision) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const unitName = useUnitName();
  const sheet = useQuery(
    trpc.sheet.get.queryOptions({ organizationId: row.organizationId }, { staleTime: 0 }),
  );
  const quota = sheet.data?.quota;
  const [approve, setApprove] = useState(true);
  const [reason, setReason] = useState("");
  const [overQuotaReason, setOverQuotaReason] = useState("");
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const reasonId = useId();
  const overId = useId();
  const errorId = useId();
  const name = "city-decision";

  const quotaFull =
    quota !== undefined && !checkExcellentDetermination({ quota: quota.quota, usedExcellent: quota.used }).ok;
  // The server's word wins when the quota filled up meanwhile.
  const showOverQuota = approve && (quotaFull || issues.overQuotaReason !== undefined);
  const message =
    problem?.message ?? (approve ? (issues.overQuotaReason ?? issues.reason) : issues.reason) ?? null;

  const submit = () => {
    if (!approve && reason.trim() === "") {
      setProblem({ field: "reason", message: t("rereview.reasonRequired") });
      return;
    }
    if (approve && quota) {
      const check = checkExcellentDetermination({
        quota: quota.quota,
        usedExcellent: quota.used,
        overrideReason: overQuotaReason,
      });
      if (!check.ok) {
        setProblem({ field: "overQuotaReason", message: t("rereview.overQuotaRequired") });
        return;
      }
    }
    setProblem(null);
    onConfirm({
      approve,
      reason: reason.trim(),
      overQuotaReason: showOverQuota ? overQuotaReason.trim() : "",
    });
  };

  const invalid = (field: string) =>
    problem?.field === field || (!problem && issues[field] !== undefined) ? true : undefined;

  return (
    <Dialog open title={t("rereview.cityDecideTitle")} onClose={onCancel} testId="city-decide-dialog" wide>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p className="dialog-subject">
          <strong>{row.organizationName}</strong>
          <span className="muted">
            {unitName(row.unitId, row.unitName)} · {row.townshipName}
          </span>
        </p>
        <p className="dialog-subject grade-change">
          <span className="muted">{t("rereview.suggest.UPGRADE")}</span>
          <GradeChange from={row.gradeBefore} to={row.suggestedGrade} />
        </p>
        {row.notes && <p className="quote">{t("rereview.notesLine", { notes: row.notes })}</p>}
        {row.decisionReason && (
          <p className="quote">{t("rereview.countyReason", { reason: row.decisionReason })}</p>
        )}
        <p className="rr-quota" data-testid="city-decide-quota">
          {quota ? (
            <>
              <span>
                {t("rereview.quotaLine", {
                  unit: unitName(row.unitId, row.unitName),
                  used: quota.used,
                  quota: quota.quota,
                })}
              </span>
              {quotaFull ? (
                <em>{t("rereview.quotaFull")}</em>
              ) : (
                <span className="muted">{t("rereview.withinQuotaHint", { count: quota.remaining })}</span>
              )}
            </>
          ) : (
            <span className="muted">{t("rereview.quotaLoading")}</span>
          )}
        </p>

        <fieldset className="choice">
          <legend>{t("rereview.decision")}</legend>
          {[true, false].map((value) => (
            <label key={String(value)}>
              <input
                type="radio"
                name={name}
                checked={approve === value}
                onChange={() => {
                  setApprove(value);
                  setProblem(null);
                }}
                disabled={pending}
                data-testid={value ? "city-approve" : "city-reject"}
              />
              <span>{t(value ? "rereview.cityApprove" : "rereview.cityReject")}</span>
            </label>
          ))}
        </fieldset>

        {showOverQuota && (
          <div className="field">
            <label htmlFor={overId}>{t("rereview.overQuotaReason")}</label>
            <p className="field-hint">{t("rereview.overQuotaHint")}</p>
            <textarea
              id={overId}
              rows={3}
              maxLength={500}
              value={overQuotaReason}
              onChange={(event) => setOverQuotaReason(event.target.value)}
              readOnly={pending}
              aria-required="true"
              aria-invalid={invalid("overQuotaReason")}
              aria-describedby={message ? errorId : undefined}
              data-testid="over-quota-reason"
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={reasonId}>
            {t(approve ? "rereview.cityApproveReason" : "rereview.cityRejectReason")}
          </label>
          <textarea
            id={reasonId}
            rows={approve ? 2 : 3}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            readOnly={pending}
            aria-required={approve ? undefined : "true"}
            aria-invalid={invalid("reason")}
            aria-describedby={message ? errorId : undefined}
            data-testid="city-reason"
          />
        </div>
        <DialogActions
          error={message}
          errorId={errorId}
          errorTestId="city-decide-error"
          pending={pending}
          onCancel={onCancel}
          confirmLabel={t("rereview.cityConfirm")}
          danger={!approve}
          testId="city-decide-confirm"
        />
      </form>
    </Dialog>
  );
}
