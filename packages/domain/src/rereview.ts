import { GRADES, type Grade, type RereviewStatus, type RereviewSuggestion, type Role } from "./codes.ts";

/** The grade an upgrade or downgrade suggestion leads to: one step, never past 优秀 or 未达标. */
export function suggestedGradeFor(gradeBefore: Grade, suggestion: RereviewSuggestion): Grade | null {
  if (suggestion === "NONE") return null;
  const index = GRADES.indexOf(gradeBefore) + (suggestion === "UPGRADE" ? -1 : 1);
  return GRADES[index] ?? null;
}

export type ReReviewAction = "record" | "approve" | "reject" | "cityApprove" | "cityReject" | "file";

export type ReReviewFacts = { status: RereviewStatus; suggestion: RereviewSuggestion };

export type ReReviewCheck = { ok: true } | { ok: false; reason: "FORBIDDEN" | "ORDER"; message: string };

const ACTOR: Readonly<Record<ReReviewAction, Role>> = {
  record: "TOWNSHIP",
  approve: "COUNTY",
  reject: "COUNTY",
  cityApprove: "CITY",
  cityReject: "CITY",
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
 * the county approves or rejects a suggestion (REVIEWED → APPROVED / REJECTED), except an upgrade
 * to 优秀 over a full quota, which its approval sends to the city (REVIEWED → ESCALATED); the city
 * decides that one (ESCALATED → APPROVED / REJECTED) and files every approved adjustment
 * (APPROVED → FILED). A re-review without a suggestion needs no decision.
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
        return { ok: false, reason: "ORDER", message: "该复查不在待县级审核状态（可能已审核），请刷新" };
      if (review.suggestion === "NONE")
        return { ok: false, reason: "ORDER", message: "该复查没有升降级建议，无需审核" };
      return { ok: true };
    case "cityApprove":
    case "cityReject":
      return review.status === "ESCALATED"
        ? { ok: true }
        : { ok: false, reason: "ORDER", message: "该复查不在待市级审定状态（可能已审定），请刷新" };
    case "file":
      return review.status === "APPROVED"
        ? { ok: true }
        : { ok: false, reason: "ORDER", message: "只有同意调整、尚未备案的复查可以备案" };
  }
}

/** Who acts next on a re-review; null once it is final (done without suggestion, rejected, filed, superseded). */
export function reReviewNextActor(review: ReReviewFacts): Role | null {
  switch (review.status) {
    case "PENDING":
      return "TOWNSHIP";
    case "REVIEWED":
      return review.suggestion === "NONE" ? null : "COUNTY";
    case "ESCALATED":
    case "APPROVED":
      return "CITY";
    case "REJECTED":
    case "FILED":
    case "SUPERSEDED":
      return null;
  }
}

/** Is the re-review waiting for `role` to act? Used for work lists. */
export function reReviewAwaits(role: Role, review: ReReviewFacts): boolean {
  return reReviewNextActor(review) === role;
}

/**
 * Still to be reviewed or decided: an organisation has exactly one such re-review at any time (an
 * approved adjustment waiting to be filed has already changed the grade and scheduled the next).
 */
export function isOpenReReview(review: ReReviewFacts): boolean {
  return (
    review.status === "PENDING" ||
    review.status === "ESCALATED" ||
    (review.status === "REVIEWED" && review.suggestion !== "NONE")
  );
}

/** The statuses isOpenReReview accepts, as a database filter needs them (REVIEWED only with a suggestion). */
export const OPEN_REREVIEW_STATUSES: readonly RereviewStatus[] = ["PENDING", "REVIEWED", "ESCALATED"];

/**
 * What the county's approval does: an upgrade to 优秀 while the unit's quota is full goes to the
 * city, which alone may determine 优秀 beyond a quota (DESIGN.md 1.2); anything else takes effect.
 */
export function countyApprovalOutcome(args: {
  suggestedGrade: Grade | null;
  quotaReached: boolean;
}): "APPROVED" | "ESCALATED" {
  return args.suggestedGrade === "EXCELLENT" && args.quotaReached ? "ESCALATED" : "APPROVED";
}
