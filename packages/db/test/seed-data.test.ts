// The demo data set as generated (no database): determinism, shape, and the campaign's targets.
import {
  APPENDIX3_UNITS,
  CITY_EXCELLENT_TARGET,
  checkUnitCompliance,
  type Grade,
  gradeFromTotal,
  isEligibleStop,
  parseItemScores,
  reviewState,
  sheetTotal,
  TIER_TARGET_SHARES,
  tierOfGrade,
} from "@beltmap/domain";
import { isInCounty } from "@beltmap/geo";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../src/seed/hash.ts";
import {
  DELIBERATE_BREAKS,
  DEMO_REFERENCE_DATE,
  type DemoData,
  generateDemoData,
} from "../src/seed/index.ts";

let data: DemoData;
beforeAll(() => {
  data = generateDemoData();
});

function officialGrades(d: DemoData): Map<number, Grade> {
  return new Map(d.grades.map((g) => [g.organizationId, g.grade]));
}

describe("demo data", () => {
  it("is the same every time it is generated", () => {
    expect(canonicalJson(generateDemoData())).toBe(canonicalJson(data));
  });

  it("changes with the seed (the hash would catch a different data set)", () => {
    expect(canonicalJson(generateDemoData(1))).not.toBe(canonicalJson(data));
  });

  it("has the 9 units and about 1,250 organisations of every kind", () => {
    expect(data.units.map((u) => u.id)).toEqual(APPENDIX3_UNITS.map((u) => u.id));
    expect(data.organizations.length).toBeGreaterThanOrEqual(1200);
    expect(data.organizations.length).toBeLessThanOrEqual(1300);
    const kinds = new Set(data.organizations.map((o) => o.kind));
    expect([...kinds].sort()).toEqual(
      [
        "ACCOUNTING_FIRM",
        "ENTERPRISE",
        "LAW_FIRM",
        "OTHER",
        "PRIVATE_HOSPITAL",
        "PRIVATE_SCHOOL",
        "SPECIAL_TOWN",
      ].sort(),
    );
    expect(new Set(data.organizations.map((o) => o.name)).size).toBe(data.organizations.length);
  });

  it("puts every organisation inside its county (zones inside their host county)", () => {
    const outside = data.organizations.filter((o) => !isInCounty(o.lng, o.lat, o.countyCode));
    expect(outside).toEqual([]);
    for (const unit of data.units.filter((u) => u.countyCode)) {
      const orgs = data.organizations.filter((o) => o.unitId === unit.id);
      expect(orgs.every((o) => o.countyCode === unit.countyCode)).toBe(true);
    }
  });

  it("assigns each organisation a township of its own unit (or, for 市经信委, of its county)", () => {
    const townships = new Map(data.townships.map((t) => [t.id, t]));
    for (const org of data.organizations) {
      const township = townships.get(org.townshipId);
      expect(township, `township of ${org.id}`).toBeDefined();
      if (org.unitId === "JINGXIN") expect(township?.countyCode).toBe(org.countyCode);
      else expect(township?.unitId).toBe(org.unitId);
    }
  });

  it("gives every county-level unit at least two 特色小镇 sites", () => {
    for (const unit of data.units.filter((u) => u.kind === "COUNTY" || u.id === "GREEN_ZONE")) {
      const towns = data.organizations.filter((o) => o.unitId === unit.id && o.kind === "SPECIAL_TOWN");
      expect(towns.length, unit.name).toBeGreaterThanOrEqual(2);
    }
  });

  it("scores all four stages with valid sheets whose totals add up", () => {
    expect(data.sheets.length).toBe(data.organizations.length * 4);
    for (const sheet of data.sheets) {
      const parsed = parseItemScores(sheet.items);
      expect(parsed.ok, `sheet ${sheet.id}`).toBe(true);
      expect(sheetTotal(sheet.items)).toBe(sheet.total);
    }
  });

  it("lands the city's grades near 8/30/50/12 with exactly 100 优秀, each unit within its quota", () => {
    const grades = officialGrades(data);
    const excellent = [...grades.values()].filter((g) => g === "EXCELLENT").length;
    expect(excellent).toBe(CITY_EXCELLENT_TARGET);
    for (const [tier, target] of Object.entries(TIER_TARGET_SHARES)) {
      const count = [...grades.values()].filter((g) => tierOfGrade(g) === tier).length;
      expect(Math.abs(count / grades.size - target), tier).toBeLessThan(0.015);
    }
    for (const unit of data.units) {
      const used = data.organizations.filter(
        (o) => o.unitId === unit.id && grades.get(o.id) === "EXCELLENT",
      ).length;
      expect(used, unit.name).toBeLessThanOrEqual(unit.excellentQuota);
    }
    for (const record of data.grades) expect(gradeFromTotal(record.total)).toBe(record.grade);
  });

  it("has some re-reviews overdue and most not, at the reference date", () => {
    const pending = data.reReviews.filter((r) => r.status === "PENDING");
    const overdue = pending.filter((r) => reviewState(r.dueOn, DEMO_REFERENCE_DATE).state === "OVERDUE");
    expect(overdue.length).toBeGreaterThan(20);
    expect(overdue.length).toBeLessThan(pending.length / 4);
    expect(data.reReviews.some((r) => r.status === "REVIEWED" && r.suggestion !== "NONE")).toBe(true);
  });

  it("selects typical practices among 优秀 within each unit's practice quota", () => {
    const grades = officialGrades(data);
    expect(data.practices.length).toBeGreaterThanOrEqual(45);
    for (const practice of data.practices) expect(grades.get(practice.organizationId)).toBe("EXCELLENT");
    for (const unit of data.units) {
      const count = data.practices.filter(
        (p) => data.organizations[p.organizationId - 1]?.unitId === unit.id,
      ).length;
      expect(count, unit.name).toBeLessThanOrEqual(unit.practiceQuota);
    }
  });

  it("breaks exactly the belt rules it means to, and only in the units it names", () => {
    const grades = officialGrades(data);
    const sites = new Map(data.organizations.map((o) => [o.id, { ...o, grade: grades.get(o.id) ?? null }]));
    const onAnyBelt = new Set(data.belts.flatMap((b) => b.stopIds));
    const centers = new Set(data.serviceCenters.map((c) => c.unitId));
    const failures = data.units.flatMap((unit) =>
      checkUnitCompliance({
        unit,
        belts: data.belts.filter((b) => b.unitId === unit.id),
        sites,
        onAnyBelt,
        hasServiceCenter: centers.has(unit.id),
        departmentUnitIds: new Set(["JINGXIN"]),
      })
        .filter((r) => r.applicable && !r.advisory && !r.passed)
        .map((r) => `${unit.id}:${r.rule}:${r.offendingBeltIds.length + r.offendingSiteIds.length}`),
    );
    expect(failures.sort()).toEqual(
      [
        `${DELIBERATE_BREAKS.onlyTwoBelts}:MIN_BELTS:0`,
        `${DELIBERATE_BREAKS.beltWithoutSpecialTown}:SPECIAL_TOWN_IN_EVERY_BELT:1`,
        `${DELIBERATE_BREAKS.siteOnNoBelt}:EVERY_SITE_ON_A_BELT:1`,
      ].sort(),
    );
  });

  it("gives every belt stop a site its unit may use", () => {
    const orgs = new Map(data.organizations.map((o) => [o.id, { ...o, grade: null }]));
    for (const belt of data.belts) {
      const unit = data.units.find((u) => u.id === belt.unitId);
      for (const stopId of belt.stopIds) {
        const site = orgs.get(stopId);
        expect(unit && site && isEligibleStop(unit, site, new Set(["JINGXIN"])), `stop ${stopId}`).toBe(true);
      }
    }
  });
});
