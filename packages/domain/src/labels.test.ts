import { describe, expect, it } from "vitest";
import {
  BELT_KINDS,
  GRADES,
  ORG_KINDS,
  REREVIEW_STATUSES,
  REREVIEW_SUGGESTIONS,
  ROLES,
  SETUP_KINDS,
  SHEET_STATUSES,
  STAGES,
  TIERS,
  UNIT_KINDS,
} from "./codes.ts";
import { LABELS_ZH } from "./labels.ts";
import { LABELS_EN } from "./labels-en.ts";

const GROUPS = {
  orgKind: ORG_KINDS,
  stage: STAGES,
  grade: GRADES,
  tier: TIERS,
  unitKind: UNIT_KINDS,
  beltKind: BELT_KINDS,
  role: ROLES,
  sheetStatus: SHEET_STATUSES,
  rereviewSuggestion: REREVIEW_SUGGESTIONS,
  rereviewStatus: REREVIEW_STATUSES,
  setupKind: SETUP_KINDS,
} as const;

describe.each([
  ["LABELS_ZH", LABELS_ZH],
  ["LABELS_EN", LABELS_EN],
])("%s", (_name, labels) => {
  it("labels exactly the codes of each list, with non-blank text", () => {
    expect(Object.keys(labels).sort()).toEqual(Object.keys(GROUPS).sort());
    for (const [group, codes] of Object.entries(GROUPS)) {
      const groupLabels = labels[group as keyof typeof GROUPS];
      expect(Object.keys(groupLabels).sort()).toEqual([...codes].sort());
      for (const text of Object.values(groupLabels)) expect(text.trim()).not.toBe("");
    }
  });

  it("gives distinct labels within a group", () => {
    for (const group of Object.values(labels)) {
      const texts = Object.values(group);
      expect(new Set(texts).size).toBe(texts.length);
    }
  });
});

describe("LABELS_ZH", () => {
  it("uses the campaign document's words", () => {
    expect(LABELS_ZH.orgKind).toMatchObject({
      ENTERPRISE: "非公企业",
      SPECIAL_TOWN: "特色小镇",
      PRIVATE_SCHOOL: "民办学校",
      PRIVATE_HOSPITAL: "民办医院",
      LAW_FIRM: "律师事务所",
      ACCOUNTING_FIRM: "会计师事务所",
      OTHER: "其他",
    });
    expect(LABELS_ZH.stage).toEqual({
      SELF: "自评",
      TOWNSHIP_REVIEW: "复核",
      COUNTY_INITIAL: "初评",
      CITY_FINAL: "评定",
    });
    expect(LABELS_ZH.grade).toEqual({ EXCELLENT: "优秀", GOOD: "良好", PASS: "达标", FAIL: "未达标" });
    expect(LABELS_ZH.tier).toEqual({
      DEMONSTRATION: "示范梯队",
      CONSOLIDATION: "巩固梯队",
      IMPROVEMENT: "提高梯队",
      WARNING: "预警梯队",
    });
  });

  it("can be looked up with a plain string from the database", () => {
    const [known, unknown]: string[] = ["LAW_FIRM", "NO_SUCH_KIND"];
    expect(LABELS_ZH.orgKind[known ?? ""]).toBe("律师事务所");
    expect(LABELS_ZH.orgKind[unknown ?? ""]).toBeUndefined();
  });
});
