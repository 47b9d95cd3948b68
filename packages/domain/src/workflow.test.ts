import { describe, expect, it } from "vitest";
import type { Role, Stage } from "./codes.ts";
import {
  checkStageAction,
  pendingStage,
  type SheetStages,
  stagePermissions,
  validateOpinion,
  validateReturnReason,
} from "./workflow.ts";

const submitted = { status: "SUBMITTED", version: 2 } as const;
const draft = { status: "DRAFT", version: 1 } as const;
const returned = { status: "RETURNED", version: 3 } as const;

function check(role: Role, stage: Stage, action: "save" | "submit" | "return", stages: SheetStages) {
  return checkStageAction({ role, stage, action, stages });
}

describe("checkStageAction: filling in", () => {
  it("the organisation starts its self-assessment on an empty sheet", () => {
    expect(check("ORG", "SELF", "save", {})).toEqual({ ok: true });
    expect(check("ORG", "SELF", "submit", { SELF: draft })).toEqual({ ok: true });
  });

  it("each stage belongs to its level only", () => {
    expect(check("TOWNSHIP", "SELF", "save", {})).toMatchObject({ ok: false, reason: "FORBIDDEN" });
    expect(
      check("CITY", "COUNTY_INITIAL", "submit", { SELF: submitted, TOWNSHIP_REVIEW: submitted }),
    ).toMatchObject({
      ok: false,
      reason: "FORBIDDEN",
    });
    expect(check("LEADER", "CITY_FINAL", "save", {})).toMatchObject({ ok: false, reason: "FORBIDDEN" });
  });

  it("a stage cannot start before the previous one is submitted (no skipping)", () => {
    expect(check("TOWNSHIP", "TOWNSHIP_REVIEW", "save", {})).toEqual({
      ok: false,
      reason: "ORDER",
      message: "自评尚未提交，不能开始复核",
    });
    expect(check("TOWNSHIP", "TOWNSHIP_REVIEW", "save", { SELF: draft })).toMatchObject({ reason: "ORDER" });
    expect(check("COUNTY", "COUNTY_INITIAL", "save", { SELF: submitted })).toMatchObject({ reason: "ORDER" });
    expect(
      check("CITY", "CITY_FINAL", "submit", { SELF: submitted, TOWNSHIP_REVIEW: submitted }),
    ).toMatchObject({
      reason: "ORDER",
    });
    expect(check("TOWNSHIP", "TOWNSHIP_REVIEW", "save", { SELF: submitted })).toEqual({ ok: true });
  });

  it("a previous stage returned for revision blocks the next one again", () => {
    expect(
      check("TOWNSHIP", "TOWNSHIP_REVIEW", "submit", { SELF: returned, TOWNSHIP_REVIEW: draft }),
    ).toMatchObject({
      reason: "ORDER",
    });
  });

  it("a submitted stage is locked", () => {
    expect(check("ORG", "SELF", "save", { SELF: submitted })).toEqual({
      ok: false,
      reason: "ORDER",
      message: "自评已提交并锁定",
    });
  });

  it("a returned stage can be edited and submitted again", () => {
    expect(check("ORG", "SELF", "submit", { SELF: returned })).toEqual({ ok: true });
  });
});

describe("checkStageAction: returning", () => {
  it("the next level returns a submitted stage", () => {
    expect(check("TOWNSHIP", "SELF", "return", { SELF: submitted })).toEqual({ ok: true });
    expect(
      check("COUNTY", "TOWNSHIP_REVIEW", "return", { SELF: submitted, TOWNSHIP_REVIEW: submitted }),
    ).toEqual({
      ok: true,
    });
    const three = { SELF: submitted, TOWNSHIP_REVIEW: submitted, COUNTY_INITIAL: submitted };
    expect(check("CITY", "COUNTY_INITIAL", "return", three)).toEqual({ ok: true });
  });

  it("nobody else returns it", () => {
    expect(check("COUNTY", "SELF", "return", { SELF: submitted })).toMatchObject({ reason: "FORBIDDEN" });
    expect(check("ORG", "SELF", "return", { SELF: submitted })).toMatchObject({ reason: "FORBIDDEN" });
  });

  it("only a submitted stage can be returned, and not once the next is submitted", () => {
    expect(check("TOWNSHIP", "SELF", "return", { SELF: draft })).toMatchObject({ reason: "ORDER" });
    expect(check("TOWNSHIP", "SELF", "return", { SELF: returned })).toMatchObject({ reason: "ORDER" });
    expect(
      check("TOWNSHIP", "SELF", "return", { SELF: submitted, TOWNSHIP_REVIEW: submitted }),
    ).toMatchObject({
      reason: "ORDER",
      message: "复核已提交，不能再退回自评",
    });
    // A draft of the next stage does not stop the return.
    expect(check("TOWNSHIP", "SELF", "return", { SELF: submitted, TOWNSHIP_REVIEW: draft })).toEqual({
      ok: true,
    });
  });

  it("the determination is final", () => {
    const all = {
      SELF: submitted,
      TOWNSHIP_REVIEW: submitted,
      COUNTY_INITIAL: submitted,
      CITY_FINAL: submitted,
    };
    expect(check("CITY", "CITY_FINAL", "return", all)).toMatchObject({
      ok: false,
      message: "评定为最终结果，不能退回",
    });
  });
});

describe("pendingStage and stagePermissions", () => {
  it("names the first stage not submitted", () => {
    expect(pendingStage({})).toBe("SELF");
    expect(pendingStage({ SELF: submitted, TOWNSHIP_REVIEW: draft })).toBe("TOWNSHIP_REVIEW");
    expect(pendingStage({ SELF: returned, TOWNSHIP_REVIEW: submitted })).toBe("SELF");
    expect(
      pendingStage({
        SELF: submitted,
        TOWNSHIP_REVIEW: submitted,
        COUNTY_INITIAL: submitted,
        CITY_FINAL: submitted,
      }),
    ).toBeNull();
  });

  it("gives the township the review to edit and the self-assessment to return", () => {
    const perms = stagePermissions("TOWNSHIP", { SELF: submitted });
    expect(perms.TOWNSHIP_REVIEW).toEqual({ canEdit: true, canReturn: false });
    expect(perms.SELF).toEqual({ canEdit: false, canReturn: true });
    expect(perms.COUNTY_INITIAL).toEqual({ canEdit: false, canReturn: false });
  });

  it("gives a leader nothing to do", () => {
    const perms = stagePermissions("LEADER", { SELF: submitted, TOWNSHIP_REVIEW: submitted });
    expect(Object.values(perms).every((p) => !p.canEdit && !p.canReturn)).toBe(true);
  });
});

describe("reasons and opinions", () => {
  it("a return needs a reason that is not blank (ideographic space included)", () => {
    expect(validateReturnReason("　 ")).toBe("退回须填写理由");
    expect(validateReturnReason("第2项得分依据不足")).toBeNull();
  });

  it("the county's opinion is required at the initial evaluation only", () => {
    expect(validateOpinion("COUNTY_INITIAL", "")).toBe("提交初评须填写初评意见");
    expect(validateOpinion("COUNTY_INITIAL", null)).toBe("提交初评须填写初评意见");
    expect(validateOpinion("COUNTY_INITIAL", "同意")).toBeNull();
    expect(validateOpinion("TOWNSHIP_REVIEW", null)).toBeNull();
  });
});
