import { validateUserScope } from "@beltmap/domain";
import { describe, expect, it } from "vitest";
import { scopeOf } from "./users.ts";

describe("scopeOf", () => {
  const filled = { unitId: "KECHENG", townshipId: "330802010", organizationId: 17 };
  it("keeps only the region field each role takes, which the domain accepts", () => {
    expect(scopeOf({ role: "CITY", ...filled })).toEqual({
      role: "CITY",
      unitId: null,
      townshipId: null,
      organizationId: null,
    });
    expect(scopeOf({ role: "COUNTY", ...filled }).unitId).toBe("KECHENG");
    expect(scopeOf({ role: "TOWNSHIP", ...filled })).toMatchObject({ unitId: null, townshipId: "330802010" });
    expect(scopeOf({ role: "ORG", ...filled })).toMatchObject({ unitId: null, organizationId: 17 });
    for (const role of ["CITY", "COUNTY", "TOWNSHIP", "ORG", "LEADER"] as const)
      expect(validateUserScope(scopeOf({ role, ...filled }))).toEqual([]);
  });
  it("makes a leader without a unit a city-wide leader", () => {
    expect(scopeOf({ role: "LEADER", unitId: "", townshipId: "", organizationId: null }).unitId).toBeNull();
  });
});
