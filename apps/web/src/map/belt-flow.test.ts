import { describe, expect, it } from "vitest";
import { FLOW_LOOP_MS, flowPaths, flowPoints, pointAlong } from "./belt-flow.ts";

const line = (coordinates: [number, number][]) => ({
  type: "FeatureCollection" as const,
  features: [
    {
      type: "Feature" as const,
      geometry: { type: "LineString" as const, coordinates },
      properties: { unitId: "KECHENG", color: "#7b3fa0" },
    },
  ],
});

describe("the belts' moving dots", () => {
  // Along the equator a degree east is a degree: distances are plain to read.
  const [path] = flowPaths(
    line([
      [0, 0],
      [1, 0],
      [1, 3],
    ]),
  );
  if (!path) throw new Error("no path");

  it("measures each vertex's distance from the start", () => {
    expect(path.along).toEqual([0, 1, 4]);
  });

  it("finds a point by its share of the whole length, across vertices", () => {
    expect(pointAlong(path, 0)).toEqual([0, 0]);
    expect(pointAlong(path, 0.25)).toEqual([1, 0]);
    expect(pointAlong(path, 0.5)).toEqual([1, 1]);
    expect(pointAlong(path, 1)).toEqual([1, 3]);
    // Shares beyond the ends stay on the belt.
    expect(pointAlong(path, 1.5)).toEqual([1, 3]);
    expect(pointAlong(path, -1)).toEqual([0, 0]);
  });

  it("runs the head once along the belt per loop, the tail behind it", () => {
    const at = (ms: number) => flowPoints([path], ms).features;
    expect(at(0).map((f) => f.geometry.coordinates)).toEqual([[0, 0]]);
    const half = at(FLOW_LOOP_MS / 2);
    expect(half.map((f) => f.properties.tail)).toEqual([0, 1, 2, 3]);
    expect(half[0]?.geometry.coordinates).toEqual([1, 1]);
    // The tail lies behind the head, each dot nearer the start than the one before it.
    const ys = half.map((f) => f.geometry.coordinates[1] as number);
    expect([...ys].sort((a, b) => b - a)).toEqual(ys);
    // A loop later it is where it was.
    expect(at(FLOW_LOOP_MS * 3 + FLOW_LOOP_MS / 2)).toEqual(half);
  });

  it("keeps the belt's unit and colour on every dot, for the unit filter and the paint", () => {
    for (const f of flowPoints([path], 1234).features)
      expect(f.properties).toMatchObject({ unitId: "KECHENG", color: "#7b3fa0" });
  });

  it("stays at the start of a belt of one place", () => {
    const [still] = flowPaths(
      line([
        [2, 2],
        [2, 2],
      ]),
    );
    if (!still) throw new Error("no path");
    expect(pointAlong(still, 0.7)).toEqual([2, 2]);
  });
});
