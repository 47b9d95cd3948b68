import type { BeltDto, PlanCandidateDto } from "@beltmap/api";
import { describe, expect, it } from "vitest";
import type { PlanDraft } from "./draft.ts";
import { countyStatuses, focusPoints, newBeltName, plannerSites, snapshotOf } from "./page-model.ts";

const candidate = (id: number, lng = 118.8, lat = 28.9): PlanCandidateDto => ({
  id,
  name: `站点${id}`,
  kind: "ENTERPRISE",
  unitId: "KECHENG",
  countyCode: "330802",
  townshipName: "信安街道",
  lng,
  lat,
  officialGrade: null,
  tier: "CONSOLIDATION",
});

const belt = (id: number, stopIds: number[]): BeltDto => ({
  id,
  unitId: "KECHENG",
  index: 0,
  name: `带${id}`,
  theme: "",
  kind: "ORDINARY",
  roundTrip: false,
  lengthKm: 0,
  stops: stopIds.map((organizationId, position) => ({
    position,
    organizationId,
    name: `旧站${organizationId}`,
    kind: "ENTERPRISE",
    unitId: "QUJIANG",
    lng: 118.9,
    lat: 29,
  })),
});

const draftWith = (names: string[]): PlanDraft => ({
  belts: names.map((name, i) => ({
    key: `k${i}`,
    id: i + 1,
    name,
    theme: "",
    kind: "ORDINARY",
    roundTrip: false,
    stopIds: [],
  })),
  serviceCenter: null,
  nextNew: 1,
});

describe("plannerSites", () => {
  it("keeps a saved stop that is no candidate, marked unavailable, with its saved name and place", () => {
    const sites = plannerSites({ candidates: [candidate(1), candidate(2)], belts: [belt(9, [1, 77])] });
    expect([...sites.keys()]).toEqual([1, 2, 77]);
    expect(sites.get(1)?.unavailable).toBeUndefined();
    expect(sites.get(77)).toMatchObject({ name: "旧站77", unitId: "QUJIANG", lng: 118.9, unavailable: true });
  });
});

describe("newBeltName", () => {
  it("numbers after the belts there are, skipping a name in use", () => {
    expect(newBeltName("柯城区", draftWith(["甲", "乙"]))).toBe("柯城区示范带3");
    expect(newBeltName("柯城区", draftWith(["柯城区示范带3", "乙"]))).toBe("柯城区示范带4");
  });
});

describe("focusPoints", () => {
  const sites = new Map([
    [1, { lng: 1, lat: 1 }],
    [2, { lng: 2, lat: 2 }],
  ]);

  it("is the offending belts' stops and sites", () => {
    expect(focusPoints([{ stops: [{ lng: 5, lat: 5 }] }], [2], sites)).toEqual([
      { lng: 5, lat: 5 },
      { lng: 2, lat: 2 },
    ]);
  });

  it("is the whole unit for a rule about the unit as a whole", () => {
    expect(focusPoints([], [], sites)).toEqual([...sites.values()]);
  });
});

describe("countyStatuses", () => {
  const units = [
    { id: "KECHENG", kind: "COUNTY" as const, countyCode: "330802" },
    { id: "WEST_ZONE", kind: "ZONE" as const, countyCode: "330802" },
    { id: "QUJIANG", kind: "COUNTY" as const, countyCode: "330803" },
    { id: "JINGXIN", kind: "DEPARTMENT" as const, countyCode: null },
  ];

  it("fails a county when the county or a zone it hosts fails", () => {
    const status = countyStatuses(
      [
        { unitId: "KECHENG", passed: true },
        { unitId: "WEST_ZONE", passed: false },
        { unitId: "QUJIANG", passed: true },
        { unitId: "JINGXIN", passed: false },
      ],
      units,
    );
    expect(Object.fromEntries(status)).toEqual({ "330802": "fail", "330803": "pass" });
  });

  it("leaves out counties of units not in the list (a county user's view)", () => {
    expect(Object.fromEntries(countyStatuses([{ unitId: "KECHENG", passed: true }], units))).toEqual({
      "330802": "pass",
    });
  });
});

describe("snapshotOf", () => {
  it("locates the draft's stops for comparison with a version", () => {
    const draft = {
      ...draftWith(["甲"]),
      belts: [{ ...draftWith(["甲"]).belts[0], stopIds: [1] }],
    } as PlanDraft;
    const snapshot = snapshotOf(draft, new Map([[1, { name: "一", lng: 3, lat: 4 }]]));
    expect(snapshot.belts[0]?.stops).toEqual([{ organizationId: 1, name: "一", lng: 3, lat: 4 }]);
  });
});
