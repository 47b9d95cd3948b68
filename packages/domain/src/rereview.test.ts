import { describe, expect, it } from "vitest";
import { checkReReviewAction, reReviewAwaits, suggestedGradeFor } from "./rereview.ts";

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
