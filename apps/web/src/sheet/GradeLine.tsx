import type { SheetDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { formatScore } from "../lib/scores.ts";

/**
 * The sheet's grade and where it comes from: this cycle's 评定, an approved re-review (动态管理调整,
 * no score), the year before (沿用上一年度评定), or provisional from the latest stage; beside a
 * standing official grade, this cycle's scoring so far (暂定).
 */
export function GradeLine({ sheet }: { sheet: SheetDto }) {
  const { t } = useTranslation();
  const { grade, provisional } = sheet;
  if (!grade) return <>{t("sheet.noGrade")}</>;
  const values = { grade: t(`codes.grade.${grade.grade}`), total: formatScore(grade.total) };
  if (!grade.official) return <>{t("sheet.gradeProvisional", values)}</>;
  const standing =
    grade.source === "CARRY_OVER"
      ? t(grade.total === null ? "sheet.gradeCarriedNoTotal" : "sheet.gradeCarried", values)
      : // An official grade without a score is an adjustment, whatever the source says.
        grade.source === "REREVIEW_ADJUSTMENT" || grade.total === null
        ? t("sheet.gradeAdjusted", values)
        : t("sheet.gradeOfficial", values);
  return (
    <>
      {standing}
      {provisional && (
        <span className="sheet-provisional" data-testid="sheet-provisional">
          {t("sheet.provisionalLine", {
            year: sheet.cycleYear,
            stage: t(`codes.stage.${provisional.stage}`),
            grade: t(`codes.grade.${provisional.grade}`),
            total: formatScore(provisional.total),
          })}
        </span>
      )}
    </>
  );
}
