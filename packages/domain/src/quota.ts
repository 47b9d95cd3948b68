import type { Tier, UnitKind } from "./codes.ts";

/** A unit that holds a quota in Appendix 3 (附件3) of the campaign document. */
export type UnitSpec = {
  id: string;
  name: string;
  kind: UnitKind;
  /** The county the unit lies in (a zone's host county); null for 市经信委, which has no territory. */
  countyCode: string | null;
  /** 创建名额: how many 优秀 the city may determine in this unit. */
  excellentQuota: number;
  /** 形成典型做法: how many typical practices the unit should produce. */
  practiceQuota: number;
  minBelts: number;
  needsServiceCenter: boolean;
  sortOrder: number;
};

export const APPENDIX3_UNITS: readonly UnitSpec[] = Object.freeze(
  [
    // id, name, kind, (host) county, 创建名额, 典型做法, min belts, needs a service center
    unit("GREEN_ZONE", "市绿色产业集聚区", "ZONE", "330803", 12, 6, 3, true),
    // "市西区建成1条以上…，并统筹配备1个区域性党群服务中心": the zone needs a center too.
    unit("WEST_ZONE", "市西区管委会", "ZONE", "330802", 3, 1, 1, true),
    unit("JINGXIN", "市经信委", "DEPARTMENT", null, 2, 1, 0, false),
    unit("KECHENG", "柯城区", "COUNTY", "330802", 12, 6, 3, true),
    unit("QUJIANG", "衢江区", "COUNTY", "330803", 12, 6, 3, true),
    unit("LONGYOU", "龙游县", "COUNTY", "330825", 20, 10, 3, true),
    unit("JIANGSHAN", "江山市", "COUNTY", "330881", 20, 10, 3, true),
    unit("CHANGSHAN", "常山县", "COUNTY", "330822", 12, 6, 3, true),
    unit("KAIHUA", "开化县", "COUNTY", "330824", 12, 6, 3, true),
  ].map((spec, index) => Object.freeze({ ...spec, sortOrder: index + 1 })),
);

function unit(
  id: string,
  name: string,
  kind: UnitKind,
  countyCode: string | null,
  excellentQuota: number,
  practiceQuota: number,
  minBelts: number,
  needsServiceCenter: boolean,
): Omit<UnitSpec, "sortOrder"> {
  return { id, name, kind, countyCode, excellentQuota, practiceQuota, minBelts, needsServiceCenter };
}

/**
 * The city-wide goal of 100 demonstration sites. The unit quotas add up to 105: they bound each
 * unit, while this is the figure progress is shown against.
 */
export const CITY_EXCELLENT_TARGET = 100;

/**
 * The intended share of 争创对象 in each tier (8/30/50/12, the document's percentages): targets to
 * show against, not limits. The cycle's target counts (CycleTargets) are the same targets in numbers.
 */
export const TIER_TARGET_SHARES: Readonly<Record<Tier, number>> = {
  DEMONSTRATION: 0.08,
  CONSOLIDATION: 0.3,
  IMPROVEMENT: 0.5,
  WARNING: 0.12,
};

export type QuotaUse = {
  quota: number;
  used: number;
  /** Never negative; `exceeded` tells an overrun. */
  remaining: number;
  reached: boolean;
  exceeded: boolean;
};

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

export function quotaUse(quota: number, used: number): QuotaUse {
  assertCount("quota", quota);
  assertCount("used", used);
  return {
    quota,
    used,
    remaining: Math.max(0, quota - used),
    reached: used >= quota,
    exceeded: used > quota,
  };
}

export type ExcellentDeterminationCheck = { ok: true; overQuota: boolean } | { ok: false; message: string };

/**
 * May the city determine one more 优秀 in a unit that already has `usedExcellent` of them? Beyond
 * the quota only with a recorded reason (DESIGN.md 1.2); `overQuota` tells the caller to store it.
 */
export function checkExcellentDetermination(args: {
  quota: number;
  usedExcellent: number;
  overrideReason?: string | null;
}): ExcellentDeterminationCheck {
  const { quota, usedExcellent } = args;
  assertCount("quota", quota);
  assertCount("usedExcellent", usedExcellent);
  if (usedExcellent < quota) return { ok: true, overQuota: false };
  // trim() also strips the ideographic space (U+3000) a Chinese input method may leave.
  if ((args.overrideReason ?? "").trim() !== "") return { ok: true, overQuota: true };
  return {
    ok: false,
    message: `本单位优秀创建名额为 ${quota} 个，已评定 ${usedExcellent} 个，名额已满；如确需超额评定，请填写超额理由`,
  };
}

/** A cycle's target counts by tier: 示范 = the 示范点 target, then 良好, 达标, 未达标. */
export function tierTargetCounts(targets: {
  excellent: number;
  good: number;
  pass: number;
  fail: number;
}): Record<Tier, number> {
  return {
    DEMONSTRATION: targets.excellent,
    CONSOLIDATION: targets.good,
    IMPROVEMENT: targets.pass,
    WARNING: targets.fail,
  };
}

/**
 * Each tier's share of the cycle's 争创对象, graded or not (the document's 党组织总数): shares of
 * the graded alone would read 100% while most are still being scored.
 */
export function tierShare(count: number, competitors: number): number {
  assertCount("count", count);
  assertCount("competitors", competitors);
  return competitors === 0 ? 0 : count / competitors;
}
