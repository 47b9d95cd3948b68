import { describe, expect, it } from "vitest";
import { emptyMapCategoryCounts, isMapCategory, MAP_CATEGORIES, mapCategoryOf } from "./map-category.ts";

describe("mapCategoryOf", () => {
  it("is the tier of a graded 争创对象", () => {
    expect(mapCategoryOf({ tier: "DEMONSTRATION", competitor: true })).toBe("DEMONSTRATION");
    expect(mapCategoryOf({ tier: "WARNING", competitor: true })).toBe("WARNING");
  });

  it("is NONE for a 争创对象 without a grade", () => {
    expect(mapCategoryOf({ tier: null, competitor: true })).toBe("NONE");
  });

  it("is NON_COMPETITOR for one the campaign does not score, graded or not", () => {
    expect(mapCategoryOf({ tier: null, competitor: false })).toBe("NON_COMPETITOR");
    expect(mapCategoryOf({ tier: "DEMONSTRATION", competitor: false })).toBe("NON_COMPETITOR");
  });
});

describe("map categories", () => {
  it("are the four tiers, then NONE and NON_COMPETITOR", () => {
    expect(MAP_CATEGORIES).toEqual([
      "DEMONSTRATION",
      "CONSOLIDATION",
      "IMPROVEMENT",
      "WARNING",
      "NONE",
      "NON_COMPETITOR",
    ]);
  });

  it("recognise their own codes only", () => {
    expect(MAP_CATEGORIES.every(isMapCategory)).toBe(true);
    expect(isMapCategory("EXCELLENT")).toBe(false);
    expect(isMapCategory("")).toBe(false);
  });

  it("count from zero in every category", () => {
    expect(Object.values(emptyMapCategoryCounts())).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
