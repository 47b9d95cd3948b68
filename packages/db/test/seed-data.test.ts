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
  STAGES,
  sheetTotal,
  TIER_TARGET_SHARES,
  tierOfGrade,
} from "@beltmap/domain";
import { isInCounty } from "@beltmap/geo";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../src/seed/hash.ts";
import {
  coordinateBreakIds,
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

  it("puts three 柯城区 organisations on one spot for the data-quality view, and nothing else shares a spot", () => {
    const breaks = coordinateBreakIds(data, data.users);
    const spots = new Map<string, number[]>();
    for (const o of data.organizations) {
      const key = `${o.lng.toFixed(5)},${o.lat.toFixed(5)}`;
      spots.set(key, [...(spots.get(key) ?? []), o.id]);
    }
    const shared = [...spots.values()].filter((ids) => ids.length > 1);
    expect(shared).toEqual([[...breaks.sameSpot].sort((a, b) => a - b)]);
    expect(
      data.organizations.filter((o) => breaks.sameSpot.includes(o.id)).every((o) => o.unitId === "KECHENG"),
    ).toBe(true);
  });

  it("puts every organisation inside its county (zones inside their host county), but the one deliberately not", () => {
    const breaks = coordinateBreakIds(data, data.users);
    const outside = data.organizations.filter((o) => !isInCounty(o.lng, o.lat, o.countyCode));
    expect(outside.map((o) => o.id)).toEqual([breaks.outside]);
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

  it("scores the four stages in order with valid sheets whose totals add up", () => {
    const stagesOf = new Map<number, string[]>();
    for (const sheet of data.sheets) {
      stagesOf.set(sheet.organizationId, [...(stagesOf.get(sheet.organizationId) ?? []), sheet.stage]);
    }
    const determined = new Set(data.grades.map((g) => g.organizationId));
    for (const org of data.organizations) {
      const stages = stagesOf.get(org.id) ?? [];
      // No stage is skipped, and only organisations with all four have an official grade.
      expect(stages, `organisation ${org.id}`).toEqual(STAGES.slice(0, stages.length));
      expect(determined.has(org.id), `organisation ${org.id}`).toBe(stages.length === 4);
    }
    for (const sheet of data.sheets) {
      expect(sheet.status === "DRAFT").toBe(sheet.submittedAt === null);
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

  it("leaves some organisations of every unit at each step of the four stages", () => {
    const determined = new Set(data.grades.map((g) => g.organizationId));
    for (const unit of data.units) {
      const open = data.organizations.filter((o) => o.unitId === unit.id && !determined.has(o.id));
      expect(open.length, unit.name).toBeGreaterThanOrEqual(5);
      const size = data.organizations.filter((o) => o.unitId === unit.id).length;
      expect(open.length, unit.name).toBeLessThanOrEqual(Math.max(5, Math.round(size * 0.07)));
    }
    const drafts = data.sheets.filter((s) => s.status === "DRAFT");
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((s) => s.stage === "SELF")).toBe(true);
  });

  it("has one demo account per role, the township's and organisation's in the same place", () => {
    expect(data.users.map((u) => u.role).sort()).toEqual(["CITY", "COUNTY", "LEADER", "ORG", "TOWNSHIP"]);
    const township = data.users.find((u) => u.role === "TOWNSHIP");
    const orgUser = data.users.find((u) => u.role === "ORG");
    const org = data.organizations.find((o) => o.id === orgUser?.organizationId);
    expect(org?.townshipId).toBe(township?.townshipId);
    // The township account has a self-assessment waiting for its review.
    const waiting = data.organizations.filter((o) => {
      const stages = data.sheets.filter((s) => s.organizationId === o.id);
      return (
        o.townshipId === township?.townshipId && stages.length === 1 && stages[0]?.status === "SUBMITTED"
      );
    });
    expect(waiting.length).toBeGreaterThan(0);
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
        plan: {
          deadline: data.cycle.beltPlanDeadline,
          firstSubmittedAt: data.beltPlans.find((p) => p.unitId === unit.id)?.submittedAt ?? null,
          now: DEMO_REFERENCE_DATE,
        },
      })
        .filter((r) => r.applicable && !r.advisory && !r.passed)
        .map((r) => `${unit.id}:${r.rule}:${r.offendingBeltIds.length + r.offendingSiteIds.length}`),
    );
    expect(failures.sort()).toEqual(
      [
        `${DELIBERATE_BREAKS.onlyTwoBelts}:MIN_BELTS:0`,
        `${DELIBERATE_BREAKS.beltWithoutSpecialTown}:SPECIAL_TOWN_IN_EVERY_BELT:1`,
        `${DELIBERATE_BREAKS.siteOnNoBelt}:EVERY_SITE_ON_A_BELT:1`,
        `${DELIBERATE_BREAKS.latePlan}:PLAN_ON_TIME:0`,
      ].sort(),
    );
  });

  it("keeps each unit's submitted plan as its version 1, with the belts as they are", () => {
    const plannedUnits = data.units.filter((u) => u.minBelts > 0).map((u) => u.id);
    expect(data.beltPlans.map((p) => p.unitId).sort()).toEqual(plannedUnits.sort());
    for (const plan of data.beltPlans) {
      const [version, ...more] = data.beltPlanVersions.filter((v) => v.planId === plan.id);
      expect(more).toEqual([]);
      expect(version?.snapshot.belts.map((b) => [b.id, b.stops.map((s) => s.organizationId)])).toEqual(
        data.belts.filter((b) => b.unitId === plan.unitId).map((b) => [b.id, b.stopIds]),
      );
    }
    const returned = data.beltPlans.find((p) => p.unitId === DELIBERATE_BREAKS.onlyTwoBelts);
    expect(returned).toMatchObject({ status: "RETURNED", returnReason: expect.stringContaining("3条") });
    expect(data.beltPlans.filter((p) => p.status === "SUBMITTED").map((p) => p.unitId)).toEqual([
      DELIBERATE_BREAKS.beltWithoutSpecialTown,
    ]);
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
