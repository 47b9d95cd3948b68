import { describe, expect, it } from "vitest";
import { regionContains, regionCoversUnit, regionLabel, regionOfUser, validateUserScope } from "./scope.ts";

const none = { unitId: null, townshipId: null, organizationId: null };
const org = { id: 7, unitId: "KECHENG", townshipId: "330802001" };
const jingxinSite = { id: 8, unitId: "JINGXIN", townshipId: "330802001" };

describe("regionOfUser", () => {
  it("maps each role to its region", () => {
    expect(regionOfUser({ role: "CITY", ...none })).toEqual({ level: "CITY" });
    expect(regionOfUser({ role: "COUNTY", ...none, unitId: "KECHENG" })).toEqual({
      level: "UNIT",
      unitId: "KECHENG",
    });
    expect(regionOfUser({ role: "TOWNSHIP", ...none, townshipId: "330802001" })).toEqual({
      level: "TOWNSHIP",
      townshipId: "330802001",
    });
    expect(regionOfUser({ role: "ORG", ...none, organizationId: 7 })).toEqual({
      level: "ORG",
      organizationId: 7,
    });
    expect(regionOfUser({ role: "LEADER", ...none })).toEqual({ level: "CITY" });
    expect(regionOfUser({ role: "LEADER", ...none, unitId: "LONGYOU" })).toEqual({
      level: "UNIT",
      unitId: "LONGYOU",
    });
  });

  it("refuses a user whose fields do not fit the role", () => {
    expect(() => regionOfUser({ role: "COUNTY", ...none })).toThrow(/所属单位/);
    expect(() => regionOfUser({ role: "CITY", ...none, organizationId: 3 })).toThrow();
  });
});

describe("validateUserScope", () => {
  it("names the missing field", () => {
    expect(validateUserScope({ role: "TOWNSHIP", ...none })).toEqual([
      { field: "townshipId", message: "乡镇用户须指定所属乡镇（街道、园区）" },
    ]);
    expect(validateUserScope({ role: "ORG", ...none }).map((e) => e.field)).toEqual(["organizationId"]);
  });

  it("names a field the role must not have", () => {
    expect(
      validateUserScope({ role: "ORG", ...none, organizationId: 1, unitId: "KECHENG" }).map((e) => e.field),
    ).toEqual(["unitId"]);
    expect(
      validateUserScope({ role: "COUNTY", ...none, unitId: "KECHENG", townshipId: "1" }).map((e) => e.field),
    ).toEqual(["townshipId"]);
  });

  it("accepts organisation id 0 as present (ids are checked elsewhere)", () => {
    expect(validateUserScope({ role: "ORG", ...none, organizationId: 0 })).toEqual([]);
  });
});

describe("regionContains", () => {
  it("the city holds everything", () => {
    expect(regionContains({ level: "CITY" }, org)).toBe(true);
  });

  it("a unit holds its own organisations only", () => {
    expect(regionContains({ level: "UNIT", unitId: "KECHENG" }, org)).toBe(true);
    expect(regionContains({ level: "UNIT", unitId: "KECHENG" }, jingxinSite)).toBe(false);
    expect(regionContains({ level: "UNIT", unitId: "JINGXIN" }, jingxinSite)).toBe(true);
  });

  it("a township holds what is registered in it, of any unit", () => {
    const township = { level: "TOWNSHIP", townshipId: "330802001" } as const;
    expect(regionContains(township, org)).toBe(true);
    expect(regionContains(township, jingxinSite)).toBe(true);
    expect(regionContains({ level: "TOWNSHIP", townshipId: "330802002" }, org)).toBe(false);
  });

  it("an organisation holds itself only", () => {
    expect(regionContains({ level: "ORG", organizationId: 7 }, org)).toBe(true);
    expect(regionContains({ level: "ORG", organizationId: 8 }, org)).toBe(false);
  });
});

describe("regionCoversUnit and regionLabel", () => {
  it("only the city and the unit itself cover a unit", () => {
    expect(regionCoversUnit({ level: "CITY" }, "KAIHUA")).toBe(true);
    expect(regionCoversUnit({ level: "UNIT", unitId: "KAIHUA" }, "KAIHUA")).toBe(true);
    expect(regionCoversUnit({ level: "UNIT", unitId: "KECHENG" }, "KAIHUA")).toBe(false);
    expect(regionCoversUnit({ level: "TOWNSHIP", townshipId: "330824001" }, "KAIHUA")).toBe(false);
  });

  it("labels regions for the audit log", () => {
    expect(regionLabel({ level: "CITY" })).toBe("city");
    expect(regionLabel({ level: "ORG", organizationId: 17 })).toBe("org:17");
  });
});
