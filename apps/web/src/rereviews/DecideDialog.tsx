import type { ReReviewRowDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { ReasonDialog } from "../components/ReasonDialog.tsx";
import { DelistingList } from "./DelistingList.tsx";
import { GradeChange } from "./GradeChange.tsx";

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
  return (
    <ReasonDialog
      title={t(approve ? "rereview.approveTitle" : "rereview.rejectTitle")}
      testId="decide-dialog"
      wide={approve && row.delisting !== null}
      hint={t(hintKey(approve, row), {
        grade: row.suggestedGrade ? t(`codes.grade.${row.suggestedGrade}`) : "",
      })}
      label={t(approve ? "rereview.approveReason" : "rereview.rejectReason")}
      check={approve ? undefined : (reason) => (reason.trim() === "" ? t("rereview.reasonRequired") : null)}
      maxLength={1000}
      reasonTestId="decide-reason"
      error={issues.reason ?? null}
      confirmLabel={t(approve ? "rereview.approve" : "rereview.reject")}
      danger={!approve}
      confirmTestId="decide-confirm"
      pending={pending}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p className="dialog-subject">
        <strong>{row.organizationName}</strong>
        <span className="muted">{row.townshipName}</span>
      </p>
      <p className="dialog-subject grade-change">
        <span className="muted">{t(`rereview.suggest.${row.suggestion}`)}</span>
        <GradeChange from={row.gradeBefore} to={row.suggestedGrade} />
      </p>
      {row.notes && <p className="quote">{t("rereview.notesLine", { notes: row.notes })}</p>}
      {approve && row.delisting && (
        <DelistingList heading={t("rereview.delistingDecide")} texts={row.delisting.texts} />
      )}
    </ReasonDialog>
  );
}
