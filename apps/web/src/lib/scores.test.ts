import { ITEM_KEYS } from "@beltmap/domain";
import { describe, expect, it } from "vitest";
import { draftOf, formatScore, parseDraft, parseScore, scoreChange, totalsOf } from "./scores.ts";

describe("parseScore", () => {
  it("reads scores of 0–4 in steps of 0.5, as the domain rules", () => {
    expect(parseScore("3.5")).toBe(3.5);
    expect(parseScore(" 4 ")).toBe(4);
    expect(parseScore("0")).toBe(0);
    expect(parseScore("2．5")).toBe(2.5); // full-width point from a Chinese input method
  });
  it("tells an empty cell (null) from a wrong one (undefined)", () => {
    expect(parseScore("")).toBeNull();
    expect(parseScore("  ")).toBeNull();
    for (const text of ["4.5", "-0.5", "3.3", "abc", "1e1", "5"]) expect(parseScore(text)).toBeUndefined();
  });
});

describe("parseDraft", () => {
  it("splits a draft into valid, invalid and missing items", () => {
    const parsed = parseDraft({ "1.1": "3", "1.2": "4.2", "5.5": "" });
    expect(parsed.items).toEqual({ "1.1": 3 });
    expect(parsed.invalid).toEqual(["1.2"]);
    expect(parsed.missing).toHaveLength(ITEM_KEYS.length - 2);
    expect(parsed.missing).toContain("5.5");
  });
});

describe("totalsOf", () => {
  it("adds up per dimension and grades the total with the domain's thresholds", () => {
    const all = Object.fromEntries(ITEM_KEYS.map((k) => [k, 3.5]));
    const totals = totalsOf(all);
    expect(totals.total).toBe(87.5);
    expect(totals.subtotals["1"]).toBe(17.5);
    expect(totals.grade).toBe("GOOD");
    expect(totalsOf({ ...all, "1.1": 4, "1.2": 4, "1.3": 4, "1.4": 4, "1.5": 4 }).grade).toBe("EXCELLENT"); // 90
  });
});

describe("draftOf / formatScore", () => {
  it("round-trips scores through the form's text", () => {
    expect(draftOf({ "1.1": 3, "1.2": 2.5 })).toEqual({ "1.1": "3", "1.2": "2.5" });
    expect(formatScore(80)).toBe("80");
    expect(formatScore(79.5)).toBe("79.5");
    expect(formatScore(null)).toBe("—");
  });
});

describe("scoreChange", () => {
  it("marks a raised or lowered score against the stage before", () => {
    expect(scoreChange(3, 3.5)).toBe("up");
    expect(scoreChange(3.5, 3)).toBe("down");
    expect(scoreChange(3, 3)).toBeNull();
  });

  it("marks nothing where either stage has no score (0 is a score)", () => {
    expect(scoreChange(undefined, 3)).toBeNull();
    expect(scoreChange(3, null)).toBeNull();
    expect(scoreChange(0, 1)).toBe("up");
  });
});
