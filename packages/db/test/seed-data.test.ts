// The demo data set as generated (no database): determinism, shape, and the campaign's targets.
import {
  APPENDIX3_UNITS,
  CITY_EXCELLENT_TARGET,
  checkUnitCompliance,
  type Grade,
  gradeFromTotal,
  isEligibleStop,
  isOpenReReview,
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
    const breaks = coordinateBreakIds(data, data.users, data.current.storyOrganizationIds);
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
    const breaks = coordinateBreakIds(data, data.users, data.current.storyOrganizationIds);
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

  it("scores every 争创对象 through the four stages of 2017, and never the others", () => {
    const stagesOf = new Map<number, string[]>();
    for (const sheet of data.sheets) {
      stagesOf.set(sheet.organizationId, [...(stagesOf.get(sheet.organizationId) ?? []), sheet.stage]);
    }
    const determined = new Set(data.grades.map((g) => g.organizationId));
    const notScored = new Set(data.notCompetitorIds);
    expect(notScored.size).toBeGreaterThanOrEqual(9); // at least one per unit
    for (const org of data.organizations) {
      const scored = !notScored.has(org.id);
      expect(stagesOf.get(org.id) ?? [], `organisation ${org.id}`).toEqual(scored ? [...STAGES] : []);
      expect(determined.has(org.id), `organisation ${org.id}`).toBe(scored);
      expect(org.setupKind === "SINGLE" && org.entityOperated, `organisation ${org.id}`).toBe(scored);
    }
    for (const sheet of [...data.sheets, ...data.current.sheets]) {
      expect(sheet.status === "DRAFT").toBe(sheet.submittedAt === null);
      const parsed = parseItemScores(sheet.items);
      expect(parsed.ok, `sheet ${sheet.id}`).toBe(true);
      expect(sheetTotal(sheet.items)).toBe(sheet.total);
    }
  });

  it("scores 2026 in stage order, 争创对象 only, one unit already determined by the city", () => {
    const stagesOf = new Map<number, string[]>();
    for (const sheet of data.current.sheets) {
      expect(sheet.cycleId).toBe(2);
      stagesOf.set(sheet.organizationId, [...(stagesOf.get(sheet.organizationId) ?? []), sheet.stage]);
    }
    for (const id of data.notCompetitorIds) expect(stagesOf.has(id)).toBe(false);
    for (const [id, stages] of stagesOf)
      expect(stages, `organisation ${id}`).toEqual(STAGES.slice(0, stages.length));
    const determined = data.current.grades.filter((g) => g.source === "CITY_FINAL");
    const units = new Set(determined.map((g) => data.organizations[g.organizationId - 1]?.unitId));
    expect([...units]).toEqual(["LONGYOU"]);
    for (const record of determined) {
      const sheet = data.current.sheets.find(
        (s) => s.organizationId === record.organizationId && s.stage === "CITY_FINAL",
      );
      expect(sheet?.total).toBe(record.total);
      expect(gradeFromTotal(record.total ?? -1)).toBe(record.grade);
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

  it("leaves some organisations of every unit behind the rest of it in 2026", () => {
    const furthest = new Map<number, number>();
    for (const sheet of data.current.sheets)
      if (sheet.status === "SUBMITTED")
        furthest.set(
          sheet.organizationId,
          Math.max(furthest.get(sheet.organizationId) ?? 0, STAGES.indexOf(sheet.stage) + 1),
        );
    for (const unit of data.units) {
      const own = data.organizations.filter(
        (o) => o.unitId === unit.id && !data.notCompetitorIds.includes(o.id),
      );
      const reach = Math.max(...own.map((o) => furthest.get(o.id) ?? 0));
      const behind = own.filter((o) => (furthest.get(o.id) ?? 0) < reach);
      expect(behind.length, unit.name).toBeGreaterThanOrEqual(3);
      expect(behind.length, unit.name).toBeLessThanOrEqual(Math.max(5, Math.round(own.length * 0.07)));
    }
    const drafts = data.current.sheets.filter((s) => s.status === "DRAFT");
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
      const stages = data.current.sheets.filter((s) => s.organizationId === o.id);
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

  it("gives every scored organisation exactly one open re-review, and files only approved adjustments", () => {
    const open = data.reReviews.filter((r) => isOpenReReview({ status: r.status, suggestion: r.suggestion }));
    const perOrganization = new Map<number, number>();
    for (const r of open)
      perOrganization.set(r.organizationId, (perOrganization.get(r.organizationId) ?? 0) + 1);
    expect([...perOrganization.values()].every((n) => n === 1)).toBe(true);
    expect([...perOrganization.keys()].sort((a, b) => a - b)).toEqual(
      data.grades.map((g) => g.organizationId).sort((a, b) => a - b),
    );
    for (const r of data.reReviews.filter((x) => x.status === "FILED" || x.status === "APPROVED"))
      expect(r.suggestion, `re-review ${r.id}`).not.toBe("NONE");
  });

  it("tells the year's story: every re-review path and a 摘牌 of each kind", () => {
    const { cast } = data.current;
    const statusOf = (organizationId: number) =>
      data.reReviews.filter((r) => r.organizationId === organizationId).map((r) => r.status);
    expect(statusOf(cast.upgradedInMarch)).toEqual(["REVIEWED", "FILED", "PENDING"]);
    expect(statusOf(cast.awaitingCountyUpgrade)).toEqual(["REVIEWED", "REVIEWED"]);
    expect(statusOf(cast.escalated)).toEqual(["REVIEWED", "ESCALATED"]);
    expect(statusOf(cast.downgradedAwaitingFiling)).toEqual(["REVIEWED", "APPROVED", "PENDING"]);
    expect(statusOf(cast.awaitingCountyDowngrade)).toEqual(["REVIEWED", "REVIEWED"]);
    const approved = data.reReviews.find((r) => r.status === "APPROVED");
    expect(approved?.delisting?.map((e) => e.kind)).toContain("LOSES_SITE_STATUS");
    expect(data.current.delistings.map((d) => d.organizationId).sort()).toEqual(
      [cast.downgradedAwaitingFiling, cast.delistedAtDetermination].sort(),
    );
    // Each open re-review of an organisation the city determined in 2026 runs from the determination.
    for (const record of data.current.grades.filter((g) => g.source === "CITY_FINAL")) {
      const open = data.reReviews.find(
        (r) => r.organizationId === record.organizationId && r.status === "PENDING",
      );
      expect(open?.gradeBefore, `organisation ${record.organizationId}`).toBe(record.grade);
    }
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
