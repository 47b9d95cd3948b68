import { describe, expect, it } from "vitest";
import { rolledValue } from "./roll.ts";

describe("rolledValue", () => {
  it("starts at the old value and ends exactly at the new one", () => {
    expect(rolledValue(0, 100, 0, 900)).toBe(0);
    expect(rolledValue(0, 100, 900, 900)).toBe(100);
    expect(rolledValue(0, 100, 5000, 900)).toBe(100);
  });

  it("eases out: most of the way early, whole steps, never past the end", () => {
    const half = rolledValue(0, 100, 450, 900);
    expect(half).toBe(88);
    const steps = Array.from({ length: 19 }, (_, i) => rolledValue(0, 100, i * 50, 900));
    expect(steps.every((v, i) => Number.isInteger(v) && v <= 100 && v >= (steps[i - 1] ?? 0))).toBe(true);
  });

  it("rolls down as well, and shows the end at once when there is no time", () => {
    expect(rolledValue(50, 10, 900, 900)).toBe(10);
    expect(rolledValue(50, 10, 300, 900)).toBeLessThan(50);
    expect(rolledValue(3, 7, 0, 0)).toBe(7);
  });
});
