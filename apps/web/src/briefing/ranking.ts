// The 大屏's ranking of the units: who is furthest toward their 示范点 quota. Pure, unit-tested.
import type { DashboardSummaryDto } from "@beltmap/api";

export type RankedUnit = {
  rank: number;
  unitId: string;
  unitName: string;
  excellent: number;
  quota: number;
  /** 优秀 over the quota, 0–1 and beyond (over quota); 0 for a unit without one. */
  rate: number;
};

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * Units by how much of their 示范点 quota is filled, then by how much of their 典型做法 quota, then
 * by more sites; units alike share a rank (1, 2, 2, 4), as in any league table.
 */
export function unitRanking(perUnit: DashboardSummaryDto["perUnit"]): RankedUnit[] {
  const keyed = perUnit.map((u) => ({
    unit: u,
    keys: [share(u.quotaUsed, u.quota), share(u.practiceQuotaUsed, u.practiceQuota), u.quotaUsed],
  }));
  const order = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (b[i] as number) - (a[i] as number);
    return 0;
  };
  // A stable sort: units alike keep Appendix 3's order.
  const sorted = [...keyed].sort((a, b) => order(a.keys, b.keys));
  return sorted.map(({ unit, keys }, i) => {
    const firstAlike = sorted.findIndex((other) => order(other.keys, keys) === 0);
    return {
      rank: (firstAlike === -1 ? i : firstAlike) + 1,
      unitId: unit.unitId,
      unitName: unit.unitName,
      excellent: unit.quotaUsed,
      quota: unit.quota,
      rate: keys[0] as number,
    };
  });
}
