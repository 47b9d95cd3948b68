import type { Grade } from "./codes.ts";
import { type CurrentGrade, currentGrade, type StageScore, tierOfGrade } from "./grade.ts";

/** The latest official grade on record: the city's determination, or an approved adjustment since. */
export type OfficialGradeRecord = { grade: Grade; total: number | null };

/**
 * The grade to show: an official record wins (a re-review adjustment can change the grade the
 * city determined); without one, the grade follows the latest completed stage and is provisional.
 */
export type EffectiveGrade = Omit<CurrentGrade, "total"> & {
  /** The score behind the grade; null when the record has none (an adjustment is not a score). */
  total: number | null;
};

export function effectiveGrade(
  officialRecord: OfficialGradeRecord | null,
  stages: readonly StageScore[],
): EffectiveGrade | null {
  if (!officialRecord) {
    const fromSheets = currentGrade(stages);
    return fromSheets && { ...fromSheets, official: false };
  }
  return {
    grade: officialRecord.grade,
    tier: tierOfGrade(officialRecord.grade),
    total: officialRecord.total,
    stage: "CITY_FINAL",
    official: true,
  };
}
