import { describe, expect, it } from "vitest";
import {
  APPENDIX3_UNITS,
  CITY_EXCELLENT_TARGET,
  checkExcellentDetermination,
  quotaUse,
  TIER_TARGET_SHARES,
} from "./quota.ts";

describe("APPENDIX3_UNITS", () => {
  it("lists the nine units of Appendix 3 in order", () => {
    expect(APPENDIX3_UNITS.map((u) => [u.id, u.name, u.kind, u.countyCode])).toEqual([
      ["GREEN_ZONE", "市绿色产业集聚区", "ZONE", "330803"],
      ["WEST_ZONE", "市西区管委会", "ZONE", "330802"],
      ["JINGXIN", "市经信委", "DEPARTMENT", null],
      ["KECHENG", "柯城区", "COUNTY", "330802"],
      ["QUJIANG", "衢江区", "COUNTY", "330803"],
      ["LONGYOU", "龙游县", "COUNTY", "330825"],
      ["JIANGSHAN", "江山市", "COUNTY", "330881"],
      ["CHANGSHAN", "常山县", "COUNTY", "330822"],
      ["KAIHUA", "开化县", "COUNTY", "330824"],
    ]);
    expect(APPENDIX3_UNITS.map((u) => u.sortOrder)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("holds the quotas 创建名额 / 典型做法 of each unit", () => {
    expect(
      Object.fromEntries(APPENDIX3_UNITS.map((u) => [u.id, [u.excellentQuota, u.practiceQuota]])),
    ).toEqual({
      GREEN_ZONE: [12, 6],
      WEST_ZONE: [3, 1],
      JINGXIN: [2, 1],
      KECHENG: [12, 6],
      QUJIANG: [12, 6],
      LONGYOU: [20, 10],
      JIANGSHAN: [20, 10],
      CHANGSHAN: [12, 6],
      KAIHUA: [12, 6],
    });
  });

  it("adds up to 105 excellent sites and 52 typical practices", () => {
    expect(APPENDIX3_UNITS.reduce((sum, u) => sum + u.excellentQuota, 0)).toBe(105);
    expect(APPENDIX3_UNITS.reduce((sum, u) => sum + u.practiceQuota, 0)).toBe(52);
  });

  it("asks 3 belts and a service center of counties and 市绿色产业集聚区, 1 belt of 市西区, nothing of 市经信委", () => {
    const rules = Object.fromEntries(APPENDIX3_UNITS.map((u) => [u.id, [u.minBelts, u.needsServiceCenter]]));
    expect(rules).toEqual({
      GREEN_ZONE: [3, true],
      WEST_ZONE: [1, true],
      JINGXIN: [0, false],
      KECHENG: [3, true],
      QUJIANG: [3, true],
      LONGYOU: [3, true],
      JIANGSHAN: [3, true],
      CHANGSHAN: [3, true],
      KAIHUA: [3, true],
    });
  });

  it("has unique ids and is frozen", () => {
    expect(new Set(APPENDIX3_UNITS.map((u) => u.id)).size).toBe(APPENDIX3_UNITS.length);
    expect(Object.isFrozen(APPENDIX3_UNITS)).toBe(true);
    expect(Object.isFrozen(APPENDIX3_UNITS[0])).toBe(true);
  });
});

describe("targets", () => {
  it("aim at 100 demonstration sites city-wide", () => {
    expect(CITY_EXCELLENT_TARGET).toBe(100);
  });

  it("split organisations 8 / 30 / 50 / 12 % over the tiers", () => {
    expect(TIER_TARGET_SHARES).toEqual({
      DEMONSTRATION: 0.08,
      CONSOLIDATION: 0.3,
      IMPROVEMENT: 0.5,
      WARNING: 0.12,
    });
    const sum = Object.values(TIER_TARGET_SHARES).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });
});

describe("quotaUse", () => {
  it("one below the quota: one remains", () => {
    expect(quotaUse(12, 11)).toEqual({ quota: 12, used: 11, remaining: 1, reached: false, exceeded: false });
  });

  it("quota reached exactly: none remains, not exceeded", () => {
    expect(quotaUse(12, 12)).toEqual({ quota: 12, used: 12, remaining: 0, reached: true, exceeded: false });
  });

  it("over the quota (by override): remaining stays 0", () => {
    expect(quotaUse(12, 14)).toEqual({ quota: 12, used: 14, remaining: 0, reached: true, exceeded: true });
  });

  it("a zero quota is reached from the start", () => {
    expect(quotaUse(0, 0)).toMatchObject({ remaining: 0, reached: true, exceeded: false });
  });

  it.each([
    [-1, 0],
    [1.5, 0],
    [3, -1],
    [3, Number.NaN],
  ])("refuses quota %s used %s", (quota, used) => {
    expect(() => quotaUse(quota, used)).toThrow(RangeError);
  });
});

describe("checkExcellentDetermination", () => {
  it("allows the last place under the quota (one below)", () => {
    expect(checkExcellentDetermination({ quota: 12, usedExcellent: 11 })).toEqual({
      ok: true,
      overQuota: false,
    });
  });

  it("refuses once the quota is reached exactly, naming the quota", () => {
    const check = checkExcellentDetermination({ quota: 12, usedExcellent: 12 });
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.message).toContain("12");
      expect(check.message).toContain("名额");
      expect(check.message).toContain("理由");
    }
  });

  it("allows going over with a reason, and says it is over", () => {
    expect(
      checkExcellentDetermination({ quota: 12, usedExcellent: 12, overrideReason: "市委同意增补" }),
    ).toEqual({
      ok: true,
      overQuota: true,
    });
    expect(checkExcellentDetermination({ quota: 3, usedExcellent: 5, overrideReason: "增补" })).toEqual({
      ok: true,
      overQuota: true,
    });
  });

  it.each([[null], [undefined], [""], ["   "], ["\u3000"], ["\n\t"]])(
    "does not take %j as a reason",
    (overrideReason) => {
      expect(checkExcellentDetermination({ quota: 2, usedExcellent: 2, overrideReason }).ok).toBe(false);
    },
  );

  it("needs no reason under the quota even when one is given", () => {
    expect(checkExcellentDetermination({ quota: 2, usedExcellent: 0, overrideReason: "x" })).toEqual({
      ok: true,
      overQuota: false,
    });
  });

  it("refuses any 优秀 in a unit with no quota unless a reason is given", () => {
    expect(checkExcellentDetermination({ quota: 0, usedExcellent: 0 }).ok).toBe(false);
  });
});
