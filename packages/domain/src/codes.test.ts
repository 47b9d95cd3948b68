import { describe, expect, it } from "vitest";
import {
  BELT_KINDS,
  GRADES,
  isGrade,
  isOrgKind,
  isStage,
  isTier,
  nextStage,
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

describe("code lists", () => {
  it("hold the codes of the DESIGN glossary in order", () => {
    expect(ORG_KINDS).toEqual([
      "ENTERPRISE",
      "SPECIAL_TOWN",
      "PRIVATE_SCHOOL",
      "PRIVATE_HOSPITAL",
      "LAW_FIRM",
      "ACCOUNTING_FIRM",
      "OTHER",
    ]);
    expect(STAGES).toEqual(["SELF", "TOWNSHIP_REVIEW", "COUNTY_INITIAL", "CITY_FINAL"]);
    expect(GRADES).toEqual(["EXCELLENT", "GOOD", "PASS", "FAIL"]);
    expect(TIERS).toEqual(["DEMONSTRATION", "CONSOLIDATION", "IMPROVEMENT", "WARNING"]);
    expect(UNIT_KINDS).toEqual(["COUNTY", "ZONE", "DEPARTMENT"]);
    expect(SHEET_STATUSES).toEqual(["DRAFT", "SUBMITTED", "RETURNED"]);
    expect(BELT_KINDS).toEqual(["ORDINARY", "SPECIAL_TOWN"]);
    expect(ROLES).toEqual(["CITY", "COUNTY", "TOWNSHIP", "ORG", "LEADER"]);
    expect(REREVIEW_SUGGESTIONS).toEqual(["NONE", "UPGRADE", "DOWNGRADE"]);
    expect(REREVIEW_STATUSES).toEqual([
      "PENDING",
      "REVIEWED",
      "ESCALATED",
      "APPROVED",
      "REJECTED",
      "FILED",
      "SUPERSEDED",
    ]);
    expect(SETUP_KINDS).toEqual(["SINGLE", "JOINT"]);
  });
});

describe("nextStage", () => {
  it("walks SELF → TOWNSHIP_REVIEW → COUNTY_INITIAL → CITY_FINAL", () => {
    expect(nextStage("SELF")).toBe("TOWNSHIP_REVIEW");
    expect(nextStage("TOWNSHIP_REVIEW")).toBe("COUNTY_INITIAL");
    expect(nextStage("COUNTY_INITIAL")).toBe("CITY_FINAL");
  });

  it("has nothing after the city's determination", () => {
    expect(nextStage("CITY_FINAL")).toBeNull();
  });
});

describe("type guards", () => {
  const notCodes: unknown[] = [undefined, null, 0, "", "excellent", " EXCELLENT", {}, ["GOOD"]];

  it.each([
    ["isOrgKind", isOrgKind, ORG_KINDS],
    ["isGrade", isGrade, GRADES],
    ["isTier", isTier, TIERS],
    ["isStage", isStage, STAGES],
  ] as const)("%s accepts each code and nothing else", (_name, guard, codes) => {
    for (const code of codes) expect(guard(code)).toBe(true);
    for (const x of notCodes) expect(guard(x)).toBe(false);
  });

  it("do not confuse lists", () => {
    expect(isGrade("DEMONSTRATION")).toBe(false);
    expect(isTier("EXCELLENT")).toBe(false);
    expect(isOrgKind("COUNTY")).toBe(false);
    expect(isStage("DRAFT")).toBe(false);
  });
});
