import type { ReReviewRowDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { DelistingList } from "./DelistingList.tsx";
import { GradeChange } from "./GradeChange.tsx";

/**
 * 备案 (city) of an adjustment that delists a demonstration site: what the 摘牌 takes away is said
 * once more before the city files it. Other adjustments are filed in one click.
 */
export function FileDialog({
  row,
  pending,
  onCancel,
  onConfirm,
}: {
  row: ReReviewRowDto;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t("rereview.fileTitle", { name: row.organizationName })}
      confirmLabel={t("rereview.fileConfirm")}
      pending={pending}
      error={null}
      onCancel={onCancel}
      onConfirm={onConfirm}
      testId="file-dialog"
    >
      <p className="dialog-subject grade-change">
        <GradeChange from={row.gradeBefore} to={row.suggestedGrade} />
        <span className="muted">{row.townshipName}</span>
      </p>
      {row.decisionReason && (
        <p className="quote">{t("rereview.countyReason", { reason: row.decisionReason })}</p>
      )}
      <DelistingList heading={t("rereview.delistingFile")} texts={row.delisting?.texts ?? []} />
    </ConfirmDialog>
  );
}
