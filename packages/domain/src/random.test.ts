import { describe, expect, it } from "vitest";
import { intBetween, mulberry32, pick, shuffle } from "./random.ts";

const draw = (rng: () => number, count: number): number[] => Array.from({ length: count }, () => rng());

describe("mulberry32", () => {
  it("gives the same sequence for the same seed", () => {
    expect(draw(mulberry32(2017), 100)).toEqual(draw(mulberry32(2017), 100));
  });

  it("gives different sequences for different seeds", () => {
    expect(draw(mulberry32(1), 5)).not.toEqual(draw(mulberry32(2), 5));
  });

  it("matches the reference implementation", () => {
    expect(draw(mulberry32(0), 3)).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
    expect(draw(mulberry32(42), 3)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it("treats the seed as a 32-bit unsigned integer", () => {
    expect(draw(mulberry32(-1), 3)).toEqual(draw(mulberry32(2 ** 32 - 1), 3));
    expect(draw(mulberry32(2 ** 32 + 5), 3)).toEqual(draw(mulberry32(5), 3));
  });

  it("stays in [0, 1) and spreads evenly", () => {
    const values = draw(mulberry32(7), 10_000);
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

describe("intBetween", () => {
  it("includes both ends and nothing outside", () => {
    const rng = mulberry32(3);
    const seen = new Set(Array.from({ length: 1000 }, () => intBetween(rng, 1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("reaches the ends of the generator's range", () => {
    expect(intBetween(() => 0, 3, 9)).toBe(3);
    expect(intBetween(() => 0.999999999, 3, 9)).toBe(9);
  });

  it("returns the only value of a one-value range", () => {
    expect(intBetween(mulberry32(1), -4, -4)).toBe(-4);
  });

  it.each([
    [5, 4],
    [0.5, 3],
    [1, Number.NaN],
  ])("refuses min %s max %s", (min, max) => {
    expect(() => intBetween(mulberry32(1), min, max)).toThrow(RangeError);
  });
});

describe("pick", () => {
  it("picks from the list, deterministically", () => {
    const items = ["柯城区", "衢江区", "龙游县"] as const;
    const a = Array.from(
      { length: 20 },
      (
        (rng) => () =>
          pick(rng, items)
      )(mulberry32(9)),
    );
    const b = Array.from(
      { length: 20 },
      (
        (rng) => () =>
          pick(rng, items)
      )(mulberry32(9)),
    );
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set(items));
  });

  it("refuses an empty list", () => {
    expect(() => pick(mulberry32(1), [])).toThrow(RangeError);
  });
});

describe("shuffle", () => {
  const items = Array.from({ length: 20 }, (_, i) => i);

  it("returns a permutation and leaves the input alone", () => {
    const copy = [...items];
    const shuffled = shuffle(mulberry32(5), items);
    expect(items).toEqual(copy);
    expect(shuffled).not.toBe(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });

  it("is deterministic for a seed", () => {
    expect(shuffle(mulberry32(5), items)).toEqual(shuffle(mulberry32(5), items));
    expect(shuffle(mulberry32(5), items)).not.toEqual(shuffle(mulberry32(6), items));
  });

  it("handles empty and single lists", () => {
    expect(shuffle(mulberry32(1), [])).toEqual([]);
    expect(shuffle(mulberry32(1), ["x"])).toEqual(["x"]);
  });
});
