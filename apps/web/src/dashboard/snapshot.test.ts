import { describe, expect, it } from "vitest";
import { chartRows } from "./snapshot.ts";

describe("chartRows", () => {
  it("puts two narrow charts side by side and a wide one on its own row, never enlarging", () => {
    const rows = chartRows(
      [
        { width: 1200, height: 300 },
        { width: 580, height: 460 },
        { width: 580, height: 460 },
        { width: 800, height: 200 },
      ],
      1000,
    );
    expect(rows.map((r) => r.items.map((i) => i.index))).toEqual([[0], [1, 2], [3]]);
    expect(rows[0]?.items[0]?.width).toBeCloseTo(1000);
    expect(rows[0]?.height).toBeCloseTo(250);
    // Two of 580 squeezed into 1000 with a gap between.
    expect((rows[1]?.items[0]?.width ?? 0) + (rows[1]?.items[1]?.width ?? 0) + 16).toBeCloseTo(1000);
    expect(rows[2]?.items[0]?.width).toBe(800);
  });

  it("gives nothing for no charts", () => {
    expect(chartRows([], 1000)).toEqual([]);
  });
});
