import type { Grade } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { GradeTag } from "../components/GradeTag.tsx";

/** A grade and, where it changes, the grade it goes to (良好 → 优秀; "to" read out, not the arrow). */
export function GradeChange({ from, to }: { from: Grade; to: Grade | null }) {
  const { t } = useTranslation();
  return (
    <>
      <GradeTag grade={from} />
      {to && (
        <>
          <span aria-hidden="true">→</span>
          <span className="visually-hidden">{t("rereview.to")}</span>
          <GradeTag grade={to} />
        </>
      )}
    </>
  );
}
