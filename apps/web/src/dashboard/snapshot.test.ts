import { describe, expect, it } from "vitest";
import { chartLayout, chartRows } from "./snapshot.ts";

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

describe("chartLayout", () => {
  const chart = { width: 900, height: 300 };

  it("fills the column beside the map, then rows across the whole page below it", () => {
    // Each row takes 300 + caption and legend (126): two rows reach past a map 500 high.
    const { rows, height } = chartLayout([chart, chart, chart, chart, chart], 1000, 2300, 500);
    expect(rows.map((r) => [r.beside, r.items.map((i) => i.index)])).toEqual([
      [true, [0]],
      [true, [1]],
      [false, [2, 3, 4]],
    ]);
    expect(rows.map((r) => r.y)).toEqual([0, 426, 852]);
    // Across the page, three squeezed into its width with gaps between.
    const across = rows[2]?.items.reduce((sum, i) => sum + i.width, 0) ?? 0;
    expect(across + 2 * 16).toBeCloseTo(2300);
    expect(height).toBeCloseTo(852 + (rows[2]?.height ?? 0) + 126);
  });

  it("keeps every chart beside a map that is taller than all of them", () => {
    const { rows } = chartLayout([chart, chart], 1000, 2300, 5000);
    expect(rows.every((r) => r.beside)).toBe(true);
    expect(chartLayout([], 1000, 2300, 500)).toEqual({ rows: [], height: 0 });
  });
});
