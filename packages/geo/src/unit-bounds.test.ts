import { describe, expect, it } from "vitest";
import { boundsOf, unitBounds } from "./unit-bounds.ts";

describe("boundsOf", () => {
  it("bounds points, or none", () => {
    expect(
      boundsOf([
        { lng: 1, lat: 5 },
        { lng: 3, lat: 2 },
      ]),
    ).toEqual([1, 2, 3, 5]);
    expect(boundsOf([])).toBeNull();
  });
});

describe("unitBounds", () => {
  const counties = [
    { code: "330802", bbox: [118.7, 28.9, 119.0, 29.2] as [number, number, number, number] },
    { code: "330824", bbox: [118.0, 29.0, 118.6, 29.5] as [number, number, number, number] },
  ];
  const at = (lng: number, lat: number, countyCode = "330802") => ({
    unitId: "KECHENG",
    countyCode,
    lng,
    lat,
  });

  it("leaves out a point placed outside its own county, which would pull the view away", () => {
    const organizations = [at(118.8, 29.0), at(118.9, 29.1), at(118.3, 29.3)];
    expect(unitBounds(organizations, "KECHENG", counties)).toEqual([118.8, 29.0, 118.9, 29.1]);
  });

  it("keeps every point when it knows no county box, and when none lies in its county", () => {
    expect(unitBounds([at(118.3, 29.3)], "KECHENG", counties)).toEqual([118.3, 29.3, 118.3, 29.3]);
    expect(unitBounds([at(118.8, 29.0, "999999")], "KECHENG", [])).toEqual([118.8, 29.0, 118.8, 29.0]);
    expect(unitBounds([at(118.8, 29.0)], "KAIHUA", counties)).toBeNull();
  });
});
