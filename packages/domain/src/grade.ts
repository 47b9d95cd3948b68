import type { Grade, SheetStatus, Stage, Tier } from "./codes.ts";
import { STAGES } from "./codes.ts";
import { SHEET_MAX_TOTAL } from "./sheet.ts";

/** The lowest total of each grade; below PASS is FAIL (未达标). */
export const GRADE_THRESHOLDS = { EXCELLENT: 90, GOOD: 80, PASS: 60 } as const;

export const TIER_OF_GRADE: Readonly<Record<Grade, Tier>> = {
  EXCELLENT: "DEMONSTRATION",
  GOOD: "CONSOLIDATION",
  PASS: "IMPROVEMENT",
  FAIL: "WARNING",
};

/** ≥ 90 优秀, 80–<90 良好, 60–<80 达标, < 60 未达标. Throws RangeError outside 0–100. */
export function gradeFromTotal(total: number): Grade {
  if (!Number.isFinite(total) || total < 0 || total > SHEET_MAX_TOTAL) {
    throw new RangeError(`总分须在 0–${SHEET_MAX_TOTAL} 之间，收到 ${total}`);
  }
  if (total >= GRADE_THRESHOLDS.EXCELLENT) return "EXCELLENT";
  if (total >= GRADE_THRESHOLDS.GOOD) return "GOOD";
  if (total >= GRADE_THRESHOLDS.PASS) return "PASS";
  return "FAIL";
}

export function tierOfGrade(grade: Grade): Tier {
  return TIER_OF_GRADE[grade];
}

export function tierFromTotal(total: number): Tier {
  return tierOfGrade(gradeFromTotal(total));
}

/** One stage's sheet of an organisation in a cycle. */
export type StageScore = { stage: Stage; total: number; status: SheetStatus };

export type CurrentGrade = {
  grade: Grade;
  tier: Tier;
  total: number;
  stage: Stage;
  /** True only for the city's determination (评定); anything earlier is shown as provisional. */
  official: boolean;
};

/**
 * The grade to show for an organisation: the city's determination once submitted, otherwise a
 * provisional grade from the furthest submitted stage; null when nothing is submitted. Drafts and
 * returned sheets never count: they are not a completed stage.
 */
export function currentGrade(stages: readonly StageScore[]): CurrentGrade | null {
  let latest: StageScore | null = null;
  for (const entry of stages) {
    if (entry.status !== "SUBMITTED") continue;
    // `>=` so that of two submitted sheets of one stage the later in the list wins.
    if (latest === null || STAGES.indexOf(entry.stage) >= STAGES.indexOf(latest.stage)) latest = entry;
  }
  if (latest === null) return null;
  const grade = gradeFromTotal(latest.total);
  return {
    grade,
    tier: tierOfGrade(grade),
    total: latest.total,
    stage: latest.stage,
    official: latest.stage === "CITY_FINAL",
  };
}
