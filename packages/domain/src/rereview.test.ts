import { describe, expect, it } from "vitest";
import {
  GRADES,
  REREVIEW_STATUSES,
  REREVIEW_SUGGESTIONS,
  type RereviewStatus,
  type RereviewSuggestion,
  ROLES,
  type Role,
} from "./codes.ts";
import {
  checkReReviewAction,
  countyApprovalOutcome,
  isOpenReReview,
  OPEN_REREVIEW_STATUSES,
  type ReReviewAction,
  reReviewAwaits,
  reReviewNextActor,
  suggestedGradeFor,
} from "./rereview.ts";

describe("suggestedGradeFor", () => {
  it("moves one grade up or down", () => {
    expect(suggestedGradeFor("GOOD", "UPGRADE")).toBe("EXCELLENT");
    expect(suggestedGradeFor("GOOD", "DOWNGRADE")).toBe("PASS");
    expect(suggestedGradeFor("PASS", "DOWNGRADE")).toBe("FAIL");
    expect(suggestedGradeFor("FAIL", "UPGRADE")).toBe("PASS");
  });

  it("has nowhere to go past the ends, and nothing without a suggestion", () => {
    expect(suggestedGradeFor("EXCELLENT", "UPGRADE")).toBeNull();
    expect(suggestedGradeFor("FAIL", "DOWNGRADE")).toBeNull();
    expect(suggestedGradeFor("GOOD", "NONE")).toBeNull();
  });
});

describe("checkReReviewAction", () => {
  const pending = { status: "PENDING", suggestion: "NONE" } as const;
  const suggested = { status: "REVIEWED", suggestion: "UPGRADE" } as const;
  const plain = { status: "REVIEWED", suggestion: "NONE" } as const;

  it("walks township → county → city", () => {
    expect(checkReReviewAction("TOWNSHIP", "record", pending)).toEqual({ ok: true });
    expect(checkReReviewAction("COUNTY", "approve", suggested)).toEqual({ ok: true });
    expect(checkReReviewAction("COUNTY", "reject", suggested)).toEqual({ ok: true });
    expect(checkReReviewAction("CITY", "file", { status: "APPROVED", suggestion: "UPGRADE" })).toEqual({
      ok: true,
    });
  });

  it("refuses the wrong level", () => {
    expect(checkReReviewAction("COUNTY", "record", pending)).toMatchObject({ reason: "FORBIDDEN" });
    expect(checkReReviewAction("CITY", "approve", suggested)).toMatchObject({ reason: "FORBIDDEN" });
    expect(checkReReviewAction("LEADER", "file", suggested)).toMatchObject({ reason: "FORBIDDEN" });
  });

  it("refuses steps out of order", () => {
    expect(checkReReviewAction("TOWNSHIP", "record", suggested)).toMatchObject({ reason: "ORDER" });
    expect(checkReReviewAction("COUNTY", "approve", pending)).toMatchObject({ reason: "ORDER" });
    expect(checkReReviewAction("COUNTY", "approve", plain)).toMatchObject({ reason: "ORDER" });
    expect(checkReReviewAction("CITY", "file", { status: "REJECTED", suggestion: "UPGRADE" })).toMatchObject({
      reason: "ORDER",
    });
  });
});

describe("reReviewAwaits", () => {
  it("puts each step on the right level's list", () => {
    expect(reReviewAwaits("TOWNSHIP", { status: "PENDING", suggestion: "NONE" })).toBe(true);
    expect(reReviewAwaits("COUNTY", { status: "REVIEWED", suggestion: "DOWNGRADE" })).toBe(true);
    expect(reReviewAwaits("COUNTY", { status: "REVIEWED", suggestion: "NONE" })).toBe(false);
    expect(reReviewAwaits("CITY", { status: "APPROVED", suggestion: "DOWNGRADE" })).toBe(true);
    expect(reReviewAwaits("ORG", { status: "PENDING", suggestion: "NONE" })).toBe(false);
  });
});

const ACTIONS: readonly ReReviewAction[] = [
  "record",
  "approve",
  "reject",
  "cityApprove",
  "cityReject",
  "file",
];

describe("checkReReviewAction: the city's decision on an escalated upgrade", () => {
  const escalated = { status: "ESCALATED", suggestion: "UPGRADE" } as const;

  it("lets the city approve or reject an escalated re-review", () => {
    expect(checkReReviewAction("CITY", "cityApprove", escalated)).toEqual({ ok: true });
    expect(checkReReviewAction("CITY", "cityReject", escalated)).toEqual({ ok: true });
  });

  it("lets no other level decide it, telling who does", () => {
    for (const role of ROLES.filter((r) => r !== "CITY")) {
      for (const action of ["cityApprove", "cityReject"] as const) {
        expect(checkReReviewAction(role, action, escalated)).toEqual({
          ok: false,
          reason: "FORBIDDEN",
          message: "此操作由市委两新工委办理",
        });
      }
    }
  });

  it("refuses the city's decision in every other status", () => {
    for (const status of REREVIEW_STATUSES.filter((s) => s !== "ESCALATED")) {
      for (const suggestion of REREVIEW_SUGGESTIONS) {
        for (const action of ["cityApprove", "cityReject"] as const) {
          expect(
            checkReReviewAction("CITY", action, { status, suggestion }),
            `${status}/${suggestion}`,
          ).toEqual({
            ok: false,
            reason: "ORDER",
            message: "该复查不在待市级审定状态（可能已审定），请刷新",
          });
        }
      }
    }
  });

  it("takes an escalated re-review out of the county's hands, and it cannot be filed before the city decides", () => {
    expect(checkReReviewAction("COUNTY", "approve", escalated)).toMatchObject({ ok: false, reason: "ORDER" });
    expect(checkReReviewAction("COUNTY", "reject", escalated)).toMatchObject({ ok: false, reason: "ORDER" });
    expect(checkReReviewAction("CITY", "file", escalated)).toMatchObject({ ok: false, reason: "ORDER" });
    expect(checkReReviewAction("TOWNSHIP", "record", escalated)).toMatchObject({
      ok: false,
      reason: "ORDER",
    });
  });
});

describe("checkReReviewAction: a superseded re-review", () => {
  it("takes no action from anyone, the right level getting ORDER", () => {
    const actorOf: Record<ReReviewAction, Role> = {
      record: "TOWNSHIP",
      approve: "COUNTY",
      reject: "COUNTY",
      cityApprove: "CITY",
      cityReject: "CITY",
      file: "CITY",
    };
    for (const suggestion of REREVIEW_SUGGESTIONS) {
      for (const action of ACTIONS) {
        expect(
          checkReReviewAction(actorOf[action], action, { status: "SUPERSEDED", suggestion }),
        ).toMatchObject({
          ok: false,
          reason: "ORDER",
        });
      }
    }
  });
});

describe("checkReReviewAction: who may do what", () => {
  it("gives each action to one level only, whatever the status", () => {
    const allowedRoles = (action: ReReviewAction) =>
      ROLES.filter((role) =>
        REREVIEW_STATUSES.some((status) =>
          REREVIEW_SUGGESTIONS.some(
            (suggestion) => checkReReviewAction(role, action, { status, suggestion }).ok,
          ),
        ),
      );
    expect(Object.fromEntries(ACTIONS.map((a) => [a, allowedRoles(a)]))).toEqual({
      record: ["TOWNSHIP"],
      approve: ["COUNTY"],
      reject: ["COUNTY"],
      cityApprove: ["CITY"],
      cityReject: ["CITY"],
      file: ["CITY"],
    });
  });

  it("names the right level when it refuses", () => {
    expect(checkReReviewAction("CITY", "record", { status: "PENDING", suggestion: "NONE" })).toMatchObject({
      message: "此操作由乡镇（街道、园区）办理",
    });
    expect(
      checkReReviewAction("TOWNSHIP", "approve", { status: "REVIEWED", suggestion: "UPGRADE" }),
    ).toMatchObject({
      message: "此操作由县（市、区）办理",
    });
  });
});

describe("reReviewNextActor", () => {
  const EXPECTED: Record<RereviewStatus, Record<RereviewSuggestion, Role | null>> = {
    PENDING: { NONE: "TOWNSHIP", UPGRADE: "TOWNSHIP", DOWNGRADE: "TOWNSHIP" },
    REVIEWED: { NONE: null, UPGRADE: "COUNTY", DOWNGRADE: "COUNTY" },
    ESCALATED: { NONE: "CITY", UPGRADE: "CITY", DOWNGRADE: "CITY" },
    APPROVED: { NONE: "CITY", UPGRADE: "CITY", DOWNGRADE: "CITY" },
    REJECTED: { NONE: null, UPGRADE: null, DOWNGRADE: null },
    FILED: { NONE: null, UPGRADE: null, DOWNGRADE: null },
    SUPERSEDED: { NONE: null, UPGRADE: null, DOWNGRADE: null },
  };

  it("names the next level for every status and suggestion", () => {
    expect(Object.keys(EXPECTED)).toEqual([...REREVIEW_STATUSES]);
    for (const status of REREVIEW_STATUSES) {
      for (const suggestion of REREVIEW_SUGGESTIONS) {
        expect(reReviewNextActor({ status, suggestion }), `${status}/${suggestion}`).toBe(
          EXPECTED[status][suggestion],
        );
      }
    }
  });

  it("agrees with reReviewAwaits for every role", () => {
    for (const status of REREVIEW_STATUSES) {
      for (const suggestion of REREVIEW_SUGGESTIONS) {
        for (const role of ROLES) {
          expect(reReviewAwaits(role, { status, suggestion })).toBe(EXPECTED[status][suggestion] === role);
        }
      }
    }
  });

  it("puts an escalated upgrade on the city's list, not the county's", () => {
    const escalated = { status: "ESCALATED", suggestion: "UPGRADE" } as const;
    expect(reReviewAwaits("CITY", escalated)).toBe(true);
    expect(reReviewAwaits("COUNTY", escalated)).toBe(false);
  });
});

describe("isOpenReReview", () => {
  it("is open while still to be reviewed or decided", () => {
    for (const suggestion of REREVIEW_SUGGESTIONS) {
      expect(isOpenReReview({ status: "PENDING", suggestion })).toBe(true);
      expect(isOpenReReview({ status: "ESCALATED", suggestion })).toBe(true);
    }
    expect(isOpenReReview({ status: "REVIEWED", suggestion: "UPGRADE" })).toBe(true);
    expect(isOpenReReview({ status: "REVIEWED", suggestion: "DOWNGRADE" })).toBe(true);
  });

  it("is closed once done without suggestion, decided, filed or superseded", () => {
    expect(isOpenReReview({ status: "REVIEWED", suggestion: "NONE" })).toBe(false);
    for (const status of ["APPROVED", "REJECTED", "FILED", "SUPERSEDED"] as const) {
      for (const suggestion of REREVIEW_SUGGESTIONS)
        expect(isOpenReReview({ status, suggestion })).toBe(false);
    }
  });

  it("matches OPEN_REREVIEW_STATUSES, the database filter", () => {
    const openStatuses = REREVIEW_STATUSES.filter((status) =>
      REREVIEW_SUGGESTIONS.some((suggestion) => isOpenReReview({ status, suggestion })),
    );
    expect([...OPEN_REREVIEW_STATUSES].sort()).toEqual([...openStatuses].sort());
  });
});

describe("countyApprovalOutcome", () => {
  it("sends an upgrade to 优秀 over a full quota to the city", () => {
    expect(countyApprovalOutcome({ suggestedGrade: "EXCELLENT", quotaReached: true })).toBe("ESCALATED");
    expect(
      countyApprovalOutcome({ suggestedGrade: suggestedGradeFor("GOOD", "UPGRADE"), quotaReached: true }),
    ).toBe("ESCALATED");
  });

  it("approves an upgrade to 优秀 while the quota has room", () => {
    expect(countyApprovalOutcome({ suggestedGrade: "EXCELLENT", quotaReached: false })).toBe("APPROVED");
  });

  it("approves any other upgrade, whatever the quota", () => {
    for (const quotaReached of [true, false]) {
      expect(countyApprovalOutcome({ suggestedGrade: "GOOD", quotaReached })).toBe("APPROVED");
      expect(countyApprovalOutcome({ suggestedGrade: "PASS", quotaReached })).toBe("APPROVED");
      expect(countyApprovalOutcome({ suggestedGrade: null, quotaReached })).toBe("APPROVED");
    }
  });

  it("never escalates a downgrade, not even of a 优秀 over a full quota", () => {
    for (const grade of GRADES) {
      for (const quotaReached of [true, false]) {
        const suggestedGrade = suggestedGradeFor(grade, "DOWNGRADE");
        expect(countyApprovalOutcome({ suggestedGrade, quotaReached }), `${grade}`).toBe("APPROVED");
      }
    }
  });
});
