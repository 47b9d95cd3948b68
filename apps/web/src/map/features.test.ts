import type { BeltDto, MapOrganizationDto, TownshipAreaDto } from "@beltmap/api";
import { beltColor } from "@beltmap/domain";
import { describe, expect, it } from "vitest";
import {
  ALL_CATEGORIES,
  beltLinesToGeoJSON,
  beltStopsToGeoJSON,
  beltTooltip,
  categoryOf,
  isShown,
  organizationFilter,
  organizationsToGeoJSON,
  organizationTooltip,
  shownCount,
  tierCounts,
  tileSetCounts,
  townshipAreasToGeoJSON,
} from "./features.ts";

function org(id: number, overrides: Partial<MapOrganizationDto> = {}): MapOrganizationDto {
  return {
    id,
    name: `组织${id}`,
    kind: "ENTERPRISE",
    unitId: "KECHENG",
    townshipId: "330802008",
    townshipName: "信安街道",
    countyCode: "330802",
    lng: 118.8 + id / 100,
    lat: 28.9,
    total: 85,
    grade: "GOOD",
    tier: "CONSOLIDATION",
    gradeIsOfficial: true,
    competitor: true,
    ...overrides,
  };
}

const belt: BeltDto = {
  id: 7,
  unitId: "KECHENG",
  index: 1,
  name: "示范带",
  theme: "",
  kind: "ORDINARY",
  roundTrip: true,
  lengthKm: 12.3,
  stops: [
    { position: 0, organizationId: 1, name: "甲", kind: "SPECIAL_TOWN", unitId: "KECHENG", lng: 1, lat: 2 },
    { position: 1, organizationId: 2, name: "乙", kind: "ENTERPRISE", unitId: "KECHENG", lng: 3, lat: 4 },
  ],
};

describe("map features", () => {
  it("turns organisations into points keyed by id, ungraded ones as tier NONE", () => {
    const collection = organizationsToGeoJSON([org(1), org(2, { tier: null, grade: null, total: null })]);
    expect(collection.features.map((f) => f.id)).toEqual([1, 2]);
    expect(collection.features[1]?.properties.tier).toBe("NONE");
    expect(collection.features[0]?.geometry.coordinates).toEqual([118.81, 28.9]);
  });

  it("closes a round-trip belt and numbers its stops from 1", () => {
    expect(beltLinesToGeoJSON([belt]).features[0]?.geometry.coordinates).toEqual([
      [1, 2],
      [3, 4],
      [1, 2],
    ]);
    expect(beltStopsToGeoJSON([belt]).features.map((f) => f.properties.number)).toEqual([1, 2]);
  });

  it("gives a belt and its stops the letter and colour of its place in the unit's plan", () => {
    const [line] = beltLinesToGeoJSON([belt]).features;
    expect(line?.properties).toMatchObject({ letter: "B", color: beltColor(1), stops: 2 });
    expect(beltStopsToGeoJSON([belt]).features.map((f) => [f.properties.label, f.properties.color])).toEqual([
      ["B1", beltColor(1)],
      ["B2", beltColor(1)],
    ]);
  });

  it("draws no line for a belt of one stop", () => {
    expect(beltLinesToGeoJSON([{ ...belt, stops: belt.stops.slice(0, 1) }]).features).toHaveLength(0);
  });

  it("counts tiers for the whole city or one unit", () => {
    const orgs = [org(1), org(2, { unitId: "KAIHUA", tier: "WARNING" }), org(3, { tier: null })];
    expect(tierCounts(orgs, null)).toMatchObject({ CONSOLIDATION: 1, WARNING: 1, NONE: 1 });
    expect(tierCounts(orgs, "KAIHUA")).toMatchObject({ CONSOLIDATION: 0, WARNING: 1, NONE: 0 });
  });

  it("builds the same filter the list uses", () => {
    const tiers = new Set(["WARNING"] as const);
    expect(organizationFilter(null, tiers)).toEqual(["in", ["get", "tier"], ["literal", ["WARNING"]]]);
    expect(organizationFilter("KAIHUA", tiers)).toEqual([
      "all",
      ["in", ["get", "tier"], ["literal", ["WARNING"]]],
      ["==", ["get", "unitId"], "KAIHUA"],
    ]);
    expect(isShown(org(1, { tier: "WARNING", unitId: "KAIHUA" }), "KAIHUA", tiers)).toBe(true);
    expect(isShown(org(1, { tier: "WARNING" }), "KAIHUA", tiers)).toBe(false);
  });

  it("marks an organisation that is not a 争创对象 apart from the tiers, graded or not", () => {
    const other = org(4, { competitor: false, tier: null, grade: null, total: null, gradeIsOfficial: false });
    expect(categoryOf(other)).toBe("NON_COMPETITOR");
    // Even a stale grade does not put it in a tier.
    expect(categoryOf({ ...other, tier: "DEMONSTRATION" })).toBe("NON_COMPETITOR");
    expect(categoryOf(org(5, { tier: null }))).toBe("NONE");
    expect(organizationsToGeoJSON([other]).features[0]?.properties.tier).toBe("NON_COMPETITOR");
    const orgs = [org(1), other, org(6, { competitor: false, tier: null, unitId: "KAIHUA" })];
    expect(tierCounts(orgs, null)).toEqual({
      DEMONSTRATION: 0,
      CONSOLIDATION: 1,
      IMPROVEMENT: 0,
      WARNING: 0,
      NONE: 0,
      NON_COMPETITOR: 2,
    });
    expect(tierCounts(orgs, "KAIHUA").NON_COMPETITOR).toBe(1);
    // Shown by default, hidden by its own filter row only.
    expect(isShown(other, null, ALL_CATEGORIES)).toBe(true);
    expect(isShown(other, null, new Set(["CONSOLIDATION", "NONE"] as const))).toBe(false);
    expect(organizationFilter(null, ALL_CATEGORIES)).toEqual([
      "in",
      ["get", "tier"],
      ["literal", ["DEMONSTRATION", "CONSOLIDATION", "IMPROVEMENT", "WARNING", "NONE", "NON_COMPETITOR"]],
    ]);
  });
});

describe("beltTooltip", () => {
  const t = (key: string, options?: Record<string, unknown>) =>
    options ? `${key}:${JSON.stringify(options)}` : key;

  it("names the belt by letter and name, with its length and stops", () => {
    expect(beltTooltip({ letter: "B", name: "山海协作示范带", lengthKm: 30.46, stops: 5 }, t)).toEqual({
      title: "B · 山海协作示范带",
      line: 'legend.beltFacts:{"km":"30.5","count":5}',
    });
  });
});

describe("organizationTooltip", () => {
  const t = (key: string, options?: Record<string, unknown>) =>
    options ? `${key}:${JSON.stringify(options)}` : key;

  it("names the tier and the score, marking a provisional grade", () => {
    expect(organizationTooltip({ name: "甲", tier: "WARNING", total: 55, official: false }, t)).toEqual({
      title: "甲",
      line: 'codes.tier.WARNING（panel.provisional） · tooltip.score:{"total":55}',
    });
  });

  it("says an organisation that is not a 争创对象 is not scored, whatever its properties", () => {
    expect(organizationTooltip({ name: "丙", tier: "NON_COMPETITOR", official: false }, t)).toEqual({
      title: "丙",
      line: "cycleMap.nonCompetitorTooltip",
    });
  });

  it("says 'no score' for an ungraded organisation whose null total the map dropped", () => {
    expect(organizationTooltip({ name: "乙", tier: "NONE", official: false }, t).line).toBe(
      "legend.ungraded · tooltip.ungraded",
    );
  });
});

describe("townshipAreasToGeoJSON", () => {
  const square: GeoJSON.Polygon = {
    type: "Polygon",
    coordinates: [
      [
        [118.8, 28.9],
        [118.9, 28.9],
        [118.9, 29],
        [118.8, 28.9],
      ],
    ],
  };
  const area = (townshipId: string, kind: TownshipAreaDto["kind"]): TownshipAreaDto => ({
    townshipId,
    name: `${townshipId}镇`,
    unitId: "KECHENG",
    countyCode: "330802",
    kind,
    organizations: 9,
    labelLng: 118.85,
    labelLat: 28.95,
    geometry: square,
  });

  it("draws each area as it came, its name once at its seat, with what the filters and paint read", () => {
    const { areas, labels } = townshipAreasToGeoJSON([
      area("330802100", "TOWNSHIP"),
      area("GREEN_ZONE-1", "PARK"),
    ]);
    expect(areas.features.map((f) => f.geometry)).toEqual([square, square]);
    expect(labels.features.map((f) => f.geometry)).toEqual([
      { type: "Point", coordinates: [118.85, 28.95] },
      { type: "Point", coordinates: [118.85, 28.95] },
    ]);
    expect(labels.features.map((f) => f.properties)).toEqual([
      { townshipId: "330802100", unitId: "KECHENG", name: "330802100镇", kind: "TOWNSHIP" },
      { townshipId: "GREEN_ZONE-1", unitId: "KECHENG", name: "GREEN_ZONE-1镇", kind: "PARK" },
    ]);
  });
});

describe("tileSetCounts and shownCount", () => {
  const counts = (n: number) => ({
    DEMONSTRATION: n,
    CONSOLIDATION: 2 * n,
    IMPROVEMENT: 3 * n,
    WARNING: 4 * n,
    NONE: 5 * n,
    NON_COMPETITOR: 6 * n,
  });
  const units = [
    { unitId: "KECHENG", counts: counts(1) },
    { unitId: "KAIHUA", counts: counts(10) },
  ];

  it("sums every unit for the whole region, or takes the one chosen", () => {
    expect(tileSetCounts(units, null)).toEqual(counts(11));
    expect(tileSetCounts(units, "KAIHUA")).toEqual(counts(10));
    expect(tileSetCounts(units, "LONGYOU")).toEqual(counts(0));
  });

  it("counts the categories shown only", () => {
    expect(shownCount(counts(1), ALL_CATEGORIES)).toBe(21);
    expect(shownCount(counts(1), new Set(["WARNING", "NON_COMPETITOR"] as const))).toBe(10);
    expect(shownCount(counts(1), new Set())).toBe(0);
  });
});
