import { describe, expect, it } from "vitest";
import { fromWgs84 } from "./coords.ts";
import { countyLabelPoint } from "./counties.ts";
import { coordinateIssues } from "./data-quality.ts";

const KECHENG = "330802";
const KAIHUA = "330824";

describe("coordinateIssues", () => {
  const [lng, lat] = countyLabelPoint(KECHENG);

  it("finds nothing wrong with a point inside its county", () => {
    expect(coordinateIssues([{ id: 1, lng, lat, countyCode: KECHENG }]).size).toBe(0);
  });

  it("flags missing coordinates, and nothing else about them", () => {
    const issues = coordinateIssues([
      { id: 1, lng: 0, lat: 0, countyCode: KECHENG },
      { id: 2, lng: Number.NaN, lat: 29, countyCode: KECHENG },
      { id: 3, lng: 0, lat: 0, countyCode: KECHENG },
    ]);
    expect(issues.get(1)).toEqual([{ kind: "MISSING" }]);
    expect(issues.get(2)).toEqual([{ kind: "MISSING" }]);
    expect(issues.get(3)).toEqual([{ kind: "MISSING" }]); // two missing points do not "share a spot"
  });

  it("flags a point outside its county, saying where it lies", () => {
    const [kLng, kLat] = countyLabelPoint(KAIHUA);
    expect(coordinateIssues([{ id: 1, lng: kLng, lat: kLat, countyCode: KECHENG }]).get(1)).toEqual([
      { kind: "OUTSIDE_COUNTY", countyCode: KECHENG, foundIn: KAIHUA },
    ]);
    expect(coordinateIssues([{ id: 2, lng: 116.4, lat: 39.9, countyCode: KECHENG }]).get(2)).toEqual([
      { kind: "OUTSIDE_COUNTY", countyCode: KECHENG, foundIn: null },
    ]);
  });

  it("flags organisations sharing one spot, each naming the others", () => {
    const issues = coordinateIssues([
      { id: 1, lng, lat, countyCode: KECHENG },
      { id: 2, lng: lng + 2e-6, lat, countyCode: KECHENG },
      { id: 3, lng: lng + 0.01, lat, countyCode: KECHENG },
    ]);
    expect(issues.get(1)).toEqual([{ kind: "SAME_SPOT", others: [2] }]);
    expect(issues.get(2)).toEqual([{ kind: "SAME_SPOT", others: [1] }]);
    expect(issues.has(3)).toBe(false);
  });

  it("flags a GCJ-02 point stored unconverted when converting it would bring it inside", () => {
    // Along a line out of the county, the first WGS84 point inside whose GCJ-02 reading falls outside.
    let found: { lng: number; lat: number } | null = null;
    for (let step = 0; step < 4000 && !found; step++) {
      const wLng = lng + step * 0.0002;
      const [gLng, gLat] = fromWgs84(wLng, lat, "GCJ02");
      const inside = coordinateIssues([{ id: 1, lng: wLng, lat, countyCode: KECHENG }]).size === 0;
      const outside = coordinateIssues([{ id: 1, lng: gLng, lat: gLat, countyCode: KECHENG }]).size > 0;
      if (inside && outside) found = { lng: gLng, lat: gLat };
    }
    expect(found).not.toBeNull();
    if (!found) return;
    const [issue] = coordinateIssues([{ id: 9, ...found, countyCode: KECHENG }]).get(9) ?? [];
    expect(issue).toEqual({ kind: "SHIFTED", system: "GCJ02" });
  });
});
