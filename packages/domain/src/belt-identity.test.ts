import { describe, expect, it } from "vitest";
import {
  BELT_PALETTE,
  beltColor,
  beltIdentity,
  beltLetter,
  NEAR_DUPLICATE_SHARE,
  nearDuplicateBelts,
  stopLabel,
  stopOverlap,
} from "./belt-identity.ts";

describe("beltLetter", () => {
  it("names belts A…Z by their place in the plan, then AA, AB…", () => {
    expect([0, 1, 2, 25].map(beltLetter)).toEqual(["A", "B", "C", "Z"]);
    expect([26, 27, 51, 52].map(beltLetter)).toEqual(["AA", "AB", "AZ", "BA"]);
  });

  it("refuses a place that is not a whole number from 0", () => {
    expect(() => beltLetter(-1)).toThrow(RangeError);
    expect(() => beltLetter(1.5)).toThrow(RangeError);
  });
});

describe("beltColor", () => {
  it("gives each of the first seven belts its own colour, then repeats", () => {
    const colors = BELT_PALETTE.map((_, i) => beltColor(i));
    expect(new Set(colors).size).toBe(BELT_PALETTE.length);
    expect(beltColor(BELT_PALETTE.length)).toBe(beltColor(0));
  });

  it("matches the identity's colour and letter", () => {
    expect(beltIdentity(2)).toEqual({
      index: 2,
      letter: "C",
      color: beltColor(2),
    });
  });
});

describe("stopLabel", () => {
  it("joins the belt's letter and the stop's number from 1", () => {
    expect(stopLabel(0, 0)).toBe("A1");
    expect(stopLabel(1, 2)).toBe("B3");
  });

  it("is unique over a unit's belts, where plain numbers repeat", () => {
    const belts = [5, 4, 6];
    const labels = belts.flatMap((stops, b) => Array.from({ length: stops }, (_, p) => stopLabel(b, p)));
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe("stopOverlap", () => {
  it("is the share of a belt's own stops found on the other", () => {
    expect(stopOverlap([1, 2, 3, 4], [1, 2, 3, 4, 5, 6])).toBe(1);
    expect(stopOverlap([1, 2, 3, 4, 5, 6], [1, 2, 3, 4])).toBeCloseTo(4 / 6);
    expect(stopOverlap([1, 2], [3, 4])).toBe(0);
  });

  it("counts a stop once however often it is listed, and is 0 for an empty belt", () => {
    expect(stopOverlap([1, 1, 2, 3], [1])).toBeCloseTo(1 / 3);
    expect(stopOverlap([], [1, 2])).toBe(0);
  });
});

describe("nearDuplicateBelts", () => {
  it("flags a belt built from four stops of another, not the other", () => {
    const belts = [
      { id: 10, stopIds: [1, 2, 3, 4, 5, 6] },
      { id: 11, stopIds: [2, 3, 4, 5] },
    ];
    expect(nearDuplicateBelts(belts)).toEqual([{ beltId: 11, of: 10, share: 1 }]);
  });

  it("flags at exactly 75% and not just below", () => {
    const at = [
      { id: 1, stopIds: [1, 2, 3, 9, 10, 11] },
      { id: 2, stopIds: [1, 2, 3, 4] }, // 3 of 4 on belt 1
    ];
    expect(nearDuplicateBelts(at)).toEqual([{ beltId: 2, of: 1, share: NEAR_DUPLICATE_SHARE }]);
    const below = [
      { id: 1, stopIds: [1, 2, 9, 10, 11, 12] },
      { id: 2, stopIds: [1, 2, 3] }, // 2 of 3
    ];
    expect(nearDuplicateBelts(below)).toEqual([]);
  });

  it("of two equal belts flags the later only, so one fix clears the rule", () => {
    const belts = [
      { id: 7, stopIds: [1, 2, 3] },
      { id: 8, stopIds: [3, 2, 1] },
    ];
    expect(nearDuplicateBelts(belts)).toEqual([{ beltId: 8, of: 7, share: 1 }]);
  });

  it("flags a shorter belt inside a longer one even when it comes first", () => {
    const belts = [
      { id: 1, stopIds: [2, 3, 4] },
      { id: 2, stopIds: [1, 2, 3, 4, 5, 6] },
    ];
    expect(nearDuplicateBelts(belts)).toEqual([{ beltId: 1, of: 2, share: 1 }]);
  });

  it("names the belt it repeats most when it repeats several", () => {
    const belts = [
      { id: 1, stopIds: [1, 2, 3, 10, 11, 12, 13] },
      { id: 2, stopIds: [1, 2, 3, 4, 20, 21, 22] },
      { id: 3, stopIds: [1, 2, 3, 4] },
    ];
    expect(nearDuplicateBelts(belts)).toEqual([{ beltId: 3, of: 2, share: 1 }]);
  });

  it("passes belts that only cross at a stop or two, and empty belts", () => {
    const belts = [
      { id: 1, stopIds: [1, 2, 3, 4] },
      { id: 2, stopIds: [4, 5, 6, 7] },
      { id: 3, stopIds: [] },
    ];
    expect(nearDuplicateBelts(belts)).toEqual([]);
  });
});
