import { type Grade, TIER_OF_GRADE } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { TIER_COLORS } from "../map/palette.ts";

/** A grade in words with its tier's colour as a dot (the word carries the meaning, not the colour). */
export function GradeTag({ grade }: { grade: Grade }) {
  const { t } = useTranslation();
  return (
    <span className="grade-chip">
      <span
        className="grade-dot"
        style={{ background: TIER_COLORS[TIER_OF_GRADE[grade]] }}
        aria-hidden="true"
      />
      {t(`codes.grade.${grade}`)}
    </span>
  );
}
