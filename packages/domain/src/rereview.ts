import { GRADES, type Grade, type RereviewStatus, type RereviewSuggestion, type Role } from "./codes.ts";

/** The grade an upgrade or downgrade suggestion leads to: one step, never past 优秀 or 未达标. */
export function suggestedGradeFor(gradeBefore: Grade, suggestion: RereviewSuggestion): Grade | null {
  if (suggestion === "NONE") return null;
  const index = GRADES.indexOf(gradeBefore) + (suggestion === "UPGRADE" ? -1 : 1);
  return GRADES[index] ?? null;
}

export type ReReviewAction = "record" | "approve" | "reject" | "file";

type ReReviewFacts = { status: RereviewStatus; suggestion: RereviewSuggestion };

export type ReReviewCheck = { ok: true } | { ok: false; reason: "FORBIDDEN" | "ORDER"; message: string };

const ACTOR: Readonly<Record<ReReviewAction, Role>> = {
  record: "TOWNSHIP",
  approve: "COUNTY",
  reject: "COUNTY",
  file: "CITY",
};

const ACTOR_NAME_ZH: Readonly<Record<Role, string>> = {
  CITY: "市委两新工委",
  COUNTY: "县（市、区）",
  TOWNSHIP: "乡镇（街道、园区）",
  ORG: "党组织",
  LEADER: "领导",
};

/**
 * 动态管理: the township records a re-review (PENDING → REVIEWED), with or without a suggestion;
 * the county approves or rejects a suggestion (REVIEWED → APPROVED / REJECTED); the city files an
 * approved adjustment (APPROVED → FILED). A re-review without a suggestion needs no decision.
 */
export function checkReReviewAction(
  role: Role,
  action: ReReviewAction,
  review: ReReviewFacts,
): ReReviewCheck {
  const actor = ACTOR[action];
  if (role !== actor)
    return { ok: false, reason: "FORBIDDEN", message: `此操作由${ACTOR_NAME_ZH[actor]}办理` };
  switch (action) {
    case "record":
      return review.status === "PENDING"
        ? { ok: true }
        : { ok: false, reason: "ORDER", message: "该复查已登记" };
    case "approve":
    case "reject":
      if (review.status !== "REVIEWED")
        return { ok: false, reason: "ORDER", message: "该复查不在待审核状态" };
      if (review.suggestion === "NONE")
        return { ok: false, reason: "ORDER", message: "该复查没有升降级建议，无需审核" };
      return { ok: true };
    case "file":
      return review.status === "APPROVED"
        ? { ok: true }
        : { ok: false, reason: "ORDER", message: "只有审核通过的调整需要备案" };
  }
}

/** Is the re-review waiting for `role` to act? Used for work lists. */
export function reReviewAwaits(role: Role, review: ReReviewFacts): boolean {
  if (role === "TOWNSHIP") return review.status === "PENDING";
  if (role === "COUNTY") return review.status === "REVIEWED" && review.suggestion !== "NONE";
  if (role === "CITY") return review.status === "APPROVED";
  return false;
}
