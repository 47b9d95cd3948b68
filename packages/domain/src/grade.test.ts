import { describe, expect, it } from "vitest";
import { GRADES, TIERS } from "./codes.ts";
import {
  currentGrade,
  GRADE_THRESHOLDS,
  gradeFromTotal,
  type StageScore,
  tierFromTotal,
  tierOfGrade,
} from "./grade.ts";

describe("gradeFromTotal", () => {
  it("uses the thresholds 90 / 80 / 60", () => {
    expect(GRADE_THRESHOLDS).toEqual({ EXCELLENT: 90, GOOD: 80, PASS: 60 });
  });

  it.each([
    [0, "FAIL"],
    [59.5, "FAIL"],
    [60, "PASS"],
    [79.5, "PASS"],
    [80, "GOOD"],
    [89.5, "GOOD"],
    [90, "EXCELLENT"],
    [100, "EXCELLENT"],
  ] as const)("grades %s as %s", (total, grade) => {
    expect(gradeFromTotal(total)).toBe(grade);
  });

  it("puts a total just under a threshold below it", () => {
    expect(gradeFromTotal(89.99)).toBe("GOOD");
    expect(gradeFromTotal(59.999)).toBe("FAIL");
  });

  it.each([Number.NaN, -0.5, 100.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "throws a RangeError for %s",
    (total) => {
      expect(() => gradeFromTotal(total)).toThrow(RangeError);
    },
  );
});

describe("tiers", () => {
  it("map each grade to its tier", () => {
    expect(GRADES.map(tierOfGrade)).toEqual(TIERS);
    expect(tierOfGrade("EXCELLENT")).toBe("DEMONSTRATION");
    expect(tierOfGrade("GOOD")).toBe("CONSOLIDATION");
    expect(tierOfGrade("PASS")).toBe("IMPROVEMENT");
    expect(tierOfGrade("FAIL")).toBe("WARNING");
  });

  it.each([
    [59.5, "WARNING"],
    [60, "IMPROVEMENT"],
    [79.5, "IMPROVEMENT"],
    [80, "CONSOLIDATION"],
    [89.5, "CONSOLIDATION"],
    [90, "DEMONSTRATION"],
  ] as const)("tierFromTotal(%s) is %s", (total, tier) => {
    expect(tierFromTotal(total)).toBe(tier);
  });

  it("tierFromTotal refuses what gradeFromTotal refuses", () => {
    expect(() => tierFromTotal(-1)).toThrow(RangeError);
  });
});

describe("currentGrade", () => {
  const submitted = (stage: StageScore["stage"], total: number): StageScore => ({
    stage,
    total,
    status: "SUBMITTED",
  });

  it("is null when nothing is submitted", () => {
    expect(currentGrade([])).toBeNull();
    expect(
      currentGrade([
        { stage: "SELF", total: 95, status: "DRAFT" },
        { stage: "TOWNSHIP_REVIEW", total: 85, status: "RETURNED" },
      ]),
    ).toBeNull();
  });

  it("is provisional after the self-assessment alone", () => {
    expect(currentGrade([submitted("SELF", 92)])).toEqual({
      grade: "EXCELLENT",
      tier: "DEMONSTRATION",
      total: 92,
      stage: "SELF",
      official: false,
    });
  });

  it("follows the furthest submitted stage, not the list order", () => {
    const stages = [
      submitted("COUNTY_INITIAL", 79.5),
      submitted("SELF", 95),
      submitted("TOWNSHIP_REVIEW", 88),
    ];
    expect(currentGrade(stages)).toMatchObject({ grade: "PASS", stage: "COUNTY_INITIAL", official: false });
  });

  it("ignores a later stage still in draft or returned", () => {
    const stages: StageScore[] = [
      submitted("SELF", 95),
      submitted("TOWNSHIP_REVIEW", 88),
      { stage: "COUNTY_INITIAL", total: 70, status: "DRAFT" },
      { stage: "CITY_FINAL", total: 50, status: "RETURNED" },
    ];
    expect(currentGrade(stages)).toMatchObject({ grade: "GOOD", total: 88, stage: "TOWNSHIP_REVIEW" });
  });

  it("is official once the city's determination is submitted", () => {
    const stages = [
      submitted("SELF", 95),
      submitted("TOWNSHIP_REVIEW", 92),
      submitted("COUNTY_INITIAL", 91),
      submitted("CITY_FINAL", 89.5),
    ];
    expect(currentGrade(stages)).toEqual({
      grade: "GOOD",
      tier: "CONSOLIDATION",
      total: 89.5,
      stage: "CITY_FINAL",
      official: true,
    });
  });

  it("is not official while the city's sheet is a draft", () => {
    const stages: StageScore[] = [
      submitted("COUNTY_INITIAL", 90),
      { stage: "CITY_FINAL", total: 90, status: "DRAFT" },
    ];
    expect(currentGrade(stages)).toMatchObject({ stage: "COUNTY_INITIAL", official: false });
  });

  it("takes the later of two submitted sheets of one stage", () => {
    expect(currentGrade([submitted("SELF", 70), submitted("SELF", 81)])).toMatchObject({ total: 81 });
  });
});
