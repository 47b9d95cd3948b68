import type { DashboardSummaryDto } from "@beltmap/api";
import { describe, expect, it } from "vitest";
import { unitRanking } from "./ranking.ts";

type Unit = DashboardSummaryDto["perUnit"][number];
const unit = (unitId: string, excellent: number, quota: number, practices = 0, practiceQuota = 1) =>
  ({
    unitId,
    unitName: unitId,
    excellent,
    quotaUsed: excellent,
    quota,
    practices,
    practiceQuotaUsed: practices,
    practiceQuota,
  }) as Unit;

describe("the units' ranking", () => {
  it("puts the unit furthest toward its quota first, whatever its size", () => {
    const ranked = unitRanking([unit("BIG", 15, 20), unit("SMALL", 2, 2), unit("MID", 11, 12)]);
    expect(ranked.map((r) => [r.rank, r.unitId, r.rate])).toEqual([
      [1, "SMALL", 1],
      [2, "MID", 11 / 12],
      [3, "BIG", 0.75],
    ]);
  });

  it("breaks a tie on the sites by the 典型做法, then by more sites", () => {
    const ranked = unitRanking([unit("A", 6, 12, 2, 6), unit("B", 6, 12, 3, 6), unit("C", 10, 20, 3, 6)]);
    expect(ranked.map((r) => r.unitId)).toEqual(["C", "B", "A"]);
  });

  it("gives units alike the same rank and skips the places they share", () => {
    const ranked = unitRanking([unit("A", 1, 2), unit("B", 2, 2), unit("C", 1, 2), unit("D", 0, 2)]);
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ["B", 1],
      ["A", 2],
      ["C", 2],
      ["D", 4],
    ]);
  });

  it("ranks a unit without a quota last rather than dividing by zero", () => {
    const ranked = unitRanking([unit("NONE", 0, 0, 0, 0), unit("SOME", 1, 4)]);
    expect(ranked.map((r) => [r.unitId, r.rate])).toEqual([
      ["SOME", 0.25],
      ["NONE", 0],
    ]);
  });
});
