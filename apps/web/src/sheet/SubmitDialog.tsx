import type { SheetDto } from "@beltmap/api";
import { delistingEffects, delistingEffectText, type Grade, type Stage } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { DialogActions } from "../components/DialogActions.tsx";
import { formatScore } from "../lib/scores.ts";
import { DelistingList } from "../rereviews/DelistingList.tsx";

/**
 * What a 评定 below 优秀 takes away from a demonstration site (摘牌), in the domain's words; none
 * for any other stage, grade or organisation. `siteFacts` comes only to the city, for a site.
 */
export function delistingTexts(sheet: SheetDto, stage: Stage | null, grade: Grade | null): string[] {
  if (stage !== "CITY_FINAL" || !sheet.siteFacts || grade === null) return [];
  return delistingEffects({ ...sheet.siteFacts, gradeBefore: "EXCELLENT", gradeAfter: grade }).map(
    delistingEffectText,
  );
}

/** Asks before a stage is submitted (and locked): its total and grade, and a 摘牌's effects first. */
export function SubmitDialog({
  open,
  sheet,
  stage,
  total,
  grade,
  pending,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  sheet: SheetDto;
  stage: Stage | null;
  total: number | null;
  grade: Grade | null;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const stageName = stage ? t(`codes.stage.${stage}`) : "";
  const gradeName = grade ? t(`codes.grade.${grade}`) : "—";
  const delisting = delistingTexts(sheet, stage, grade);
  return (
    <Dialog
      open={open}
      title={t("sheet.confirmSubmitTitle", { stage: stageName })}
      onClose={onCancel}
      testId="submit-dialog"
      wide={delisting.length > 0}
    >
      <DelistingList heading={t("sheet.delisting", { grade: gradeName })} texts={delisting} />
      <p className="confirm-text">
        {t("sheet.confirmSubmit", { stage: stageName, total: formatScore(total), grade: gradeName })}
      </p>
      <DialogActions
        pending={pending}
        onCancel={onCancel}
        onConfirm={onConfirm}
        confirmLabel={t("sheet.confirmSubmitButton")}
        pendingLabel={t("sheet.submitting")}
        testId="submit-confirm"
      />
    </Dialog>
  );
}
