import { describe, expect, it } from "vitest";
import { effectiveGrade } from "./official-grade.ts";

describe("effectiveGrade", () => {
  const stages = [
    { stage: "SELF", total: 95, status: "SUBMITTED" },
    { stage: "TOWNSHIP_REVIEW", total: 88, status: "SUBMITTED" },
  ] as const;

  it("is provisional from the latest submitted stage without an official record", () => {
    expect(effectiveGrade(null, stages)).toMatchObject({ grade: "GOOD", total: 88, official: false });
  });

  it("is provisional even when a CITY_FINAL sheet exists but no official record was written", () => {
    const withFinal = [...stages, { stage: "CITY_FINAL", total: 91, status: "SUBMITTED" } as const];
    expect(effectiveGrade(null, withFinal)).toMatchObject({ grade: "EXCELLENT", official: false });
  });

  it("takes the official record over the sheets (an approved downgrade)", () => {
    expect(effectiveGrade({ grade: "PASS", total: 79.5 }, stages)).toMatchObject({
      grade: "PASS",
      tier: "IMPROVEMENT",
      total: 79.5,
      official: true,
    });
  });

  it("keeps a record without a total scoreless, never pairing its grade with another score", () => {
    expect(
      effectiveGrade({ grade: "GOOD", total: null }, [
        { stage: "CITY_FINAL", total: 92, status: "SUBMITTED" },
      ]),
    ).toEqual({
      grade: "GOOD",
      tier: "CONSOLIDATION",
      total: null,
      stage: "CITY_FINAL",
      official: true,
    });
    expect(effectiveGrade({ grade: "EXCELLENT", total: null }, [])?.total).toBeNull();
  });

  it("is null when nothing is submitted and there is no record", () => {
    expect(effectiveGrade(null, [{ stage: "SELF", total: 90, status: "DRAFT" }])).toBeNull();
  });
});
