import type { ReReviewRowDto } from "@beltmap/api";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { GradeTag } from "../components/GradeTag.tsx";
import { DelistingList } from "./DelistingList.tsx";

function hintKey(approve: boolean, row: ReReviewRowDto): string {
  if (!approve) return "rereview.rejectHint";
  return row.suggestedGrade === "EXCELLENT" ? "rereview.approveHintExcellent" : "rereview.approveHint";
}

/**
 * 审核调整 (county): agree to the township's suggestion, or not, with a reason (required to
 * refuse). A downgrade of a demonstration site lists what its 摘牌 takes away before it confirms.
 */
export function DecideDialog({
  row,
  approve,
  pending,
  issues,
  onCancel,
  onConfirm,
}: {
  row: ReReviewRowDto;
  approve: boolean;
  pending: boolean;
  issues: Record<string, string>;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const reasonId = useId();
  const errorId = useId();
  const message = missing ? t("rereview.reasonRequired") : (issues.reason ?? null);
  return (
    <Dialog
      open
      title={t(approve ? "rereview.approveTitle" : "rereview.rejectTitle")}
      onClose={onCancel}
      testId="decide-dialog"
      wide={approve && row.delisting !== null}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!approve && reason.trim() === "") {
            setMissing(true);
            return;
          }
          setMissing(false);
          onConfirm(reason.trim());
        }}
      >
        <p className="dialog-subject">
          <strong>{row.organizationName}</strong>
          <span className="muted">{row.townshipName}</span>
        </p>
        <p className="dialog-subject grade-change">
          <span className="muted">{t(`rereview.suggest.${row.suggestion}`)}</span>
          <GradeTag grade={row.gradeBefore} />
          {row.suggestedGrade && (
            <>
              <span aria-hidden="true">→</span>
              <span className="visually-hidden">{t("rereview.to")}</span>
              <GradeTag grade={row.suggestedGrade} />
            </>
          )}
        </p>
        {row.notes && <p className="quote">{t("rereview.notesLine", { notes: row.notes })}</p>}
        {approve && row.delisting && (
          <DelistingList heading={t("rereview.delistingDecide")} texts={row.delisting.texts} />
        )}
        <p className="field-hint">
          {t(hintKey(approve, row), {
            grade: row.suggestedGrade ? t(`codes.grade.${row.suggestedGrade}`) : "",
          })}
        </p>
        <div className="field">
          <label htmlFor={reasonId}>{t(approve ? "rereview.approveReason" : "rereview.rejectReason")}</label>
          <textarea
            id={reasonId}
            rows={3}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            readOnly={pending}
            aria-required={approve ? undefined : "true"}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? errorId : undefined}
            data-testid="decide-reason"
          />
        </div>
        <p id={errorId} className="form-error" aria-live="assertive">
          {message}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            className={approve ? "button primary" : "button danger"}
            disabled={pending}
            data-testid="decide-confirm"
          >
            {pending ? t("common.saving") : t(approve ? "rereview.approve" : "rereview.reject")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
