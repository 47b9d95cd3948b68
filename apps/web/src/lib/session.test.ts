import { describe, expect, it } from "vitest";
import { homeOf, loginPath, safeNext } from "./session.ts";

describe("safeNext", () => {
  it("keeps paths of this site, with their query", () => {
    expect(safeNext("/queue?stage=CITY_FINAL")).toBe("/queue?stage=CITY_FINAL");
    expect(safeNext("/sheet/12")).toBe("/sheet/12");
    expect(safeNext("/")).toBe("/");
  });
  it("refuses other sites, schemes and the login page itself", () => {
    for (const next of ["//evil.example/x", "/\\evil.example", "https://evil.example", "javascript:alert(1)"])
      expect(safeNext(next)).toBeNull();
    expect(safeNext("/login")).toBeNull();
    expect(safeNext("/login?next=/queue")).toBeNull();
    expect(safeNext(null)).toBeNull();
    expect(safeNext("")).toBeNull();
  });
});

describe("homeOf", () => {
  it("sends each role to its first page", () => {
    expect(homeOf({ role: "ORG", organizationId: 219 })).toBe("/sheet/219");
    expect(homeOf({ role: "TOWNSHIP", organizationId: null })).toBe("/queue");
    expect(homeOf({ role: "COUNTY", organizationId: null })).toBe("/queue");
    expect(homeOf({ role: "CITY", organizationId: null })).toBe("/dashboard");
    expect(homeOf({ role: "LEADER", organizationId: null })).toBe("/dashboard");
  });
});

describe("loginPath", () => {
  it("asks to come back to where the user was, except the start page", () => {
    expect(loginPath("/queue?stage=SELF")).toBe("/login?next=%2Fqueue%3Fstage%3DSELF");
    expect(loginPath("/")).toBe("/login");
  });
});
