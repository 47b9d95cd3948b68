// The public contract, called through the router on an in-memory PGlite holding the demo data.
import {
  type Database,
  hashPassword,
  openDatabase,
  seedReferenceDataIfEmpty,
  storeGrades,
} from "@beltmap/db";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, openDemoDatabase, signIn } from "./support.ts";

let db: Database;

beforeAll(async () => {
  db = await openDemoDatabase();
  caller = (await signIn(db, "demo-city")).call;
}, 120_000);

let caller: () => Caller;

afterAll(async () => {
  await db?.close();
});

describe("sheet.definition", () => {
  it("has 5 dimensions of 5 items worth 4 points each, 100 in all", async () => {
    const sheet = await caller().sheet.definition();
    expect(sheet.dimensions.map((d) => d.name)).toEqual([
      "组织凝聚力强",
      "队伍战斗力强",
      "发展推动力强",
      "文化支撑力强",
      "区域影响力强",
    ]);
    const items = sheet.dimensions.flatMap((d) => d.items);
    expect(items).toHaveLength(25);
    expect(items.reduce((sum, i) => sum + i.maxScore, 0)).toBe(100);
    // The items sit in their right dimensions (the document's table is printed shifted).
    expect(sheet.dimensions[1]?.items[2]?.text).toContain("人才孵化培育");
    expect(sheet.dimensions[4]?.items[4]?.text).toContain("书记项目");
  });
});

describe("unit.list", () => {
  it("lists the 9 units of Appendix 3 with the cycle's quotas: 105/52 in 2017, 市西区 one more in 2026", async () => {
    const units2017 = await caller().unit.list({ cycleId: 1 });
    expect(units2017.reduce((s, u) => s + u.excellentQuota, 0)).toBe(105);
    expect(units2017.reduce((s, u) => s + u.practiceQuota, 0)).toBe(52);
    const units = await caller().unit.list();
    expect(units).toHaveLength(9);
    expect(units.reduce((s, u) => s + u.excellentQuota, 0)).toBe(106);
    expect(units.find((u) => u.id === "WEST_ZONE")?.excellentQuota).toBe(4);
    expect(units.reduce((s, u) => s + u.practiceQuota, 0)).toBe(52);
    expect(units.find((u) => u.name === "市西区管委会")?.minBelts).toBe(1);
    expect(units.find((u) => u.name === "市经信委")).toMatchObject({ minBelts: 0, kind: "DEPARTMENT" });
    expect(Object.keys(units[0] ?? {}).sort()).toEqual(
      [
        "countyCode",
        "excellentQuota",
        "id",
        "kind",
        "minBelts",
        "name",
        "needsServiceCenter",
        "practiceQuota",
      ].sort(),
    );
  });
});

describe("map.organizations", () => {
  it("returns every organisation with coordinates and an official grade", async () => {
    const orgs = await caller().map.organizations();
    expect(orgs.length).toBe(await db.prisma.organization.count());
    const first = orgs[0];
    expect(first).toBeDefined();
    expect(Object.keys(first ?? {}).sort()).toEqual(
      [
        "countyCode",
        "grade",
        "gradeIsOfficial",
        "id",
        "kind",
        "lat",
        "lng",
        "name",
        "competitor",
        "tier",
        "total",
        "townshipId",
        "townshipName",
        "unitId",
      ].sort(),
    );
    // In 2026 every 争创对象 stands at an official grade: last year's, carried over, until the city
    // determines this year's; the others are never scored.
    const competitors = orgs.filter((o) => o.competitor);
    expect(competitors.every((o) => o.gradeIsOfficial && o.grade !== null)).toBe(true);
    expect(orgs.filter((o) => !o.competitor).every((o) => o.grade === null && !o.gradeIsOfficial)).toBe(true);
    expect(orgs.filter((o) => !o.competitor).length).toBeGreaterThanOrEqual(9);
    expect(orgs.filter((o) => o.grade === "EXCELLENT" && o.gradeIsOfficial)).toHaveLength(100);
    // 2017 as it ended: the same organisations, 2017's grades.
    const in2017 = await caller().map.organizations({ cycleId: 1 });
    expect(in2017.map((o) => o.id)).toEqual(orgs.map((o) => o.id));
    expect(in2017.filter((o) => o.grade === "EXCELLENT")).toHaveLength(100);
    const moved = in2017.filter((o, i) => o.grade !== orgs[i]?.grade);
    expect(moved.length).toBeGreaterThan(5); // 龙游县's 2026 评定, and the year's re-reviews
  });

  it("filters by unit and by tiers", async () => {
    const kecheng = await caller().map.organizations({ unitId: "KECHENG" });
    expect(kecheng.length).toBeGreaterThan(0);
    expect(kecheng.every((o) => o.unitId === "KECHENG")).toBe(true);
    const edge = await caller().map.organizations({ tiers: ["DEMONSTRATION", "WARNING"] });
    expect(new Set(edge.map((o) => o.tier))).toEqual(new Set(["DEMONSTRATION", "WARNING"]));
  });

  it("refuses an unknown tier with a message naming the field", async () => {
    const error = await caller()
      .map.organizations({ tiers: ["GOLD" as never] })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });
});

describe("map.organization", () => {
  it("gives the side panel its four stage scores, belts and duties", async () => {
    // A 龙游县 示范点: the city has determined its 2026 grade.
    const excellent = (await caller().map.organizations({ tiers: ["DEMONSTRATION"], unitId: "LONGYOU" }))[0];
    const detail = await caller().map.organization({ id: excellent?.id ?? 0 });
    expect(detail.gradeSource).toBe("CITY_FINAL");
    expect(detail).toMatchObject({ setupKind: "SINGLE", entityOperated: true, notCompetitorReason: null });
    expect(detail.stages.map((s) => s.stage)).toEqual([
      "SELF",
      "TOWNSHIP_REVIEW",
      "COUNTY_INITIAL",
      "CITY_FINAL",
    ]);
    expect(detail.stages.find((s) => s.stage === "COUNTY_INITIAL")?.opinion).toBeTruthy();
    expect(detail.unitName).toBeTruthy();
    expect(detail.duties.map((d) => d.duty)).toEqual([
      "COUNTY_DUAL_MANAGEMENT",
      "COMMITTEE_CONTACT",
      "ON_A_BELT",
    ]);
    // Elsewhere the standing grade is 2017's, carried over; a non-competitor says why it is not scored.
    const carried = (await caller().map.organizations({ unitId: "KAIHUA" })).find((o) => o.competitor);
    expect((await caller().map.organization({ id: carried?.id ?? 0 })).gradeSource).toBe("CARRY_OVER");
    const outside = (await caller().map.organizations()).find((o) => !o.competitor);
    expect((await caller().map.organization({ id: outside?.id ?? 0 })).notCompetitorReason).toMatch(
      /不是“百企示范、千企争先”争创对象/,
    );
  });

  it("reports the demo data's demonstration sites that lack a duty", async () => {
    const excellent = await caller().map.organizations({ tiers: ["DEMONSTRATION"] });
    const details = await Promise.all(excellent.map((o) => caller().map.organization({ id: o.id })));
    const unmet = (duty: string) =>
      details.filter((d) => d.duties.some((x) => x.duty === duty && !x.met)).length;
    // 2026: 龙游县's site left off in 2017 and its new one, and 柯城区's site raised in March.
    expect(unmet("ON_A_BELT")).toBe(3);
    expect(unmet("COMMITTEE_CONTACT")).toBeGreaterThan(0);
    expect(unmet("COUNTY_DUAL_MANAGEMENT")).toBeGreaterThan(0);
    const good = (await caller().map.organizations({ tiers: ["CONSOLIDATION"] }))[0];
    expect((await caller().map.organization({ id: good?.id ?? 0 })).duties).toEqual([]);
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    await expect(caller().map.organization({ id: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("belt.list", () => {
  it("returns belts with stops in route order and a length", async () => {
    const belts = await caller().belt.list({ unitId: "JIANGSHAN" });
    expect(belts.length).toBeGreaterThanOrEqual(3);
    for (const belt of belts) {
      expect(belt.stops.map((s) => s.position)).toEqual(belt.stops.map((_, i) => i));
      expect(belt.lengthKm).toBeGreaterThan(0);
      expect(belt.stops.every((s) => Number.isFinite(s.lng) && Number.isFinite(s.lat))).toBe(true);
    }
  });
});

describe("belt.compliance", () => {
  it("finds the demo data's deliberate breaks and nothing else, in 2017 as it ended", async () => {
    const compliance = await caller().belt.compliance({ cycleId: 1 });
    const failing = compliance.flatMap((unit) =>
      unit.rules
        .filter((r) => r.applicable && !r.advisory && !r.passed)
        .map((r) => `${unit.unitId}:${r.rule}`),
    );
    expect(failing.sort()).toEqual(
      [
        "KECHENG:MIN_BELTS",
        "KAIHUA:SPECIAL_TOWN_IN_EVERY_BELT",
        "LONGYOU:EVERY_SITE_ON_A_BELT",
        "QUJIANG:PLAN_ON_TIME",
        "JIANGSHAN:COMMITTEE_CONTACTS",
      ].sort(),
    );
    expect(
      compliance.find((u) => u.unitId === "QUJIANG")?.rules.find((r) => r.rule === "PLAN_ON_TIME"),
    ).toMatchObject({
      passed: false,
      deadline: "2017-08-10T15:59:59.999Z",
      submittedAt: "2017-08-14T01:00:00.000Z",
    });
  });

  it("finds 2026's: the breaks carried over, and what the year changed", async () => {
    const compliance = await caller().belt.compliance();
    expect(compliance).toHaveLength(9);
    const failing = compliance.flatMap((unit) =>
      unit.rules
        .filter((r) => r.applicable && !r.advisory && !r.passed)
        .map((r) => `${unit.unitId}:${r.rule}`),
    );
    expect(failing.sort()).toEqual(
      [
        "KECHENG:MIN_BELTS",
        // the organisation raised to 优秀 in March is on no belt yet
        "KECHENG:EVERY_SITE_ON_A_BELT",
        "KAIHUA:SPECIAL_TOWN_IN_EVERY_BELT",
        // the site left off in 2017, and the new 示范点 of the 2026 评定
        "LONGYOU:EVERY_SITE_ON_A_BELT",
        "QUJIANG:PLAN_ON_TIME",
        // no plan submitted by 11月10日
        "CHANGSHAN:PLAN_ON_TIME",
        // the member of the site delisted in November links none now
        "CHANGSHAN:COMMITTEE_CONTACTS",
        "JIANGSHAN:COMMITTEE_CONTACTS",
      ].sort(),
    );
    const kecheng = compliance.find((u) => u.unitId === "KECHENG");
    expect(kecheng).toMatchObject({ passed: false, planStatus: "RETURNED", planVersion: 1 });
    expect(kecheng?.rules.find((r) => r.rule === "MIN_BELTS")).toMatchObject({ expected: 3, actual: 2 });
    const kaihua = compliance.find((u) => u.unitId === "KAIHUA");
    const kaihuaBelts = await caller().belt.list({ unitId: "KAIHUA" });
    const bare = kaihuaBelts.filter((b) => !b.stops.some((s) => s.kind === "SPECIAL_TOWN"));
    expect(kaihua?.rules.find((r) => r.rule === "SPECIAL_TOWN_IN_EVERY_BELT")?.offendingBeltIds).toEqual(
      bare.map((b) => b.id),
    );
    expect(
      compliance.find((u) => u.unitId === "QUJIANG")?.rules.find((r) => r.rule === "PLAN_ON_TIME"),
    ).toMatchObject({
      passed: false,
      deadline: "2026-11-10T15:59:59.999Z",
      submittedAt: "2026-11-14T01:00:00.000Z",
    });
    const longyou = compliance
      .find((u) => u.unitId === "LONGYOU")
      ?.rules.find((r) => r.rule === "EVERY_SITE_ON_A_BELT");
    expect(longyou?.offendingSiteIds).toHaveLength(2);
    const jiangshan = compliance
      .find((u) => u.unitId === "JIANGSHAN")
      ?.rules.find((r) => r.rule === "COMMITTEE_CONTACTS");
    expect(jiangshan).toMatchObject({ expected: 19, actual: 18 });
    expect(jiangshan?.offendingSiteIds).toHaveLength(1);
    expect(jiangshan?.offendingMemberIds).toHaveLength(1);
    expect(compliance.find((u) => u.unitId === "JINGXIN")?.passed).toBe(true);
  });

  it("turns a unit green once its missing belt, with its site off every belt, is added", async () => {
    const town = await db.prisma.organization.findFirstOrThrow({
      where: { unitId: "KECHENG", kind: "SPECIAL_TOWN" },
    });
    const offBelt = (await caller().belt.compliance())
      .find((u) => u.unitId === "KECHENG")
      ?.rules.find((r) => r.rule === "EVERY_SITE_ON_A_BELT")?.offendingSiteIds;
    const belt = await db.prisma.belt.create({
      data: {
        unitId: "KECHENG",
        cycleId: 2,
        name: "测试示范带",
        kind: "ORDINARY",
        stops: {
          create: [town.id, ...(offBelt ?? [])].map((organizationId, position) => ({
            position,
            organizationId,
          })),
        },
      },
    });
    try {
      const kecheng = (await caller().belt.compliance()).find((u) => u.unitId === "KECHENG");
      expect(kecheng?.passed).toBe(true);
    } finally {
      await db.prisma.belt.delete({ where: { id: belt.id } });
    }
  });
});

describe("dashboard.summary", () => {
  it("places every organisation at one step of the four stages, in total and per unit", async () => {
    const summary = await caller().dashboard.summary();
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(summary.pipeline)).toBe(summary.organizations);
    for (const unit of summary.perUnit) {
      expect(sum(unit.pipeline), unit.unitId).toBe(unit.organizations);
      expect(sum(unit.tiers), unit.unitId).toBe(unit.organizations);
    }
    // Determined: the organisations whose 评定 of this cycle is submitted.
    const determined = await db.prisma.scoreSheet.count({
      where: { cycleId: 2, stage: "CITY_FINAL", status: "SUBMITTED" },
    });
    expect(summary.pipeline.DETERMINED).toBe(determined);
    // The demo leaves some organisations at every step.
    for (const step of ["SELF", "TOWNSHIP_REVIEW", "COUNTY_INITIAL", "CITY_FINAL"] as const)
      expect(summary.pipeline[step], step).toBeGreaterThan(0);
    expect(summary.deadlines).toEqual({
      beltPlan: "2026-11-10T15:59:59.999Z",
      initialSummary: "2026-12-20T15:59:59.999Z",
    });
    // 2017 ended with everybody determined.
    const in2017 = await caller().dashboard.summary({ cycleId: 1 });
    expect(in2017.pipeline.DETERMINED).toBe(in2017.organizations);
  });

  it("counts re-reviews due soon and overdue per unit as 动态管理 does", async () => {
    const summary = await caller().dashboard.summary();
    const list = await caller().rereview.list({ show: "all" });
    for (const unit of list.byUnit) {
      const row = summary.perUnit.find((u) => u.unitId === unit.id);
      expect({ due: row?.reReviewsDueSoon, overdue: row?.reReviewsOverdue }, unit.id).toEqual({
        due: unit.due,
        overdue: unit.overdue,
      });
    }
    expect(summary.perUnit.some((u) => u.reReviewsOverdue > 0)).toBe(true);
  });

  it("counts 100 official 优秀 against the cycle's targets and per-unit quotas, shares over all 争创对象", async () => {
    const summary = await caller().dashboard.summary();
    expect(summary).toMatchObject({
      target: 100,
      targets: { excellent: 100, practices: 50, good: 400, pass: 600, fail: 100 },
      quotaTotal: 106,
      excellentOfficial: 100,
    });
    const organizations = await caller().map.organizations();
    expect(summary.organizations).toBe(organizations.filter((o) => o.competitor).length);
    expect(summary.nonCompetitors).toBe(organizations.filter((o) => !o.competitor).length);
    // 龙游县 is the unit the city has determined this year.
    const longyou = summary.perUnit.find((u) => u.unitId === "LONGYOU");
    expect(summary.excellentDetermined).toBe(longyou?.excellent);
    expect(summary.excellentProvisional).toBeGreaterThan(0); // 初评优秀, waiting for 评定
    expect(summary.perUnit).toHaveLength(9);
    expect(summary.perUnit.every((u) => u.excellent <= u.quota && !u.quotaExceeded)).toBe(true);
    expect(summary.perTier.reduce((s, t) => s + t.count, 0)).toBe(summary.organizations);
    for (const tier of summary.perTier)
      expect(tier.share).toBeCloseTo(tier.count / summary.organizations, 10);
    expect(summary.perTier.map((t) => t.targetShare)).toEqual([0.08, 0.3, 0.5, 0.12]);
    expect(summary.perTier.map((t) => t.targetCount)).toEqual([100, 400, 600, 100]);
    expect(summary.practicesTotal).toBe(summary.perUnit.reduce((n, u) => n + u.practices, 0));
  });

  it("says per unit where its belt plan and 附件2 stand, not one countdown for all", async () => {
    const summary = await caller().dashboard.summary();
    const state = (unitId: string) => summary.perUnit.find((u) => u.unitId === unitId);
    expect(state("QUJIANG")?.plan?.timeliness).toMatchObject({ state: "LATE", daysLate: 4 });
    expect(state("CHANGSHAN")?.plan).toMatchObject({ status: "DRAFT", timeliness: { state: "OVERDUE" } });
    expect(state("KECHENG")?.plan?.timeliness.state).toBe("ON_TIME");
    expect(state("JINGXIN")?.plan).toBeNull();
    expect(state("LONGYOU")?.appendix2).toMatchObject({
      status: "RECEIVED",
      timeliness: { state: "ON_TIME" },
    });
    expect(state("GREEN_ZONE")?.appendix2.status).toBe("RETURNED");
    expect(summary.reports.beltPlan.tally).toEqual({ OPEN: 0, OVERDUE: 1, ON_TIME: 6, LATE: 1 });
    expect(summary.roster).toMatchObject({ sites: 100, sitesWithContact: 99, membersWithoutSite: 2 });
  });
});

describe("quotas and provisional grades", () => {
  it("marks the units whose 优秀 fill their quota exactly", async () => {
    const in2017 = await caller().dashboard.summary({ cycleId: 1 });
    expect(
      in2017.perUnit
        .filter((u) => u.quotaReached)
        .map((u) => u.unitId)
        .sort(),
    ).toEqual(["CHANGSHAN", "JINGXIN", "KAIHUA", "WEST_ZONE"].sort());
    // 2026: 柯城区 filled its last place in March; 常山县 lost one to a 摘牌; 市西区's quota was raised.
    const summary = await caller().dashboard.summary();
    const reached = summary.perUnit.filter((u) => u.quotaReached).map((u) => u.unitId);
    expect(reached.sort()).toEqual(["JINGXIN", "KAIHUA", "KECHENG"].sort());
    const longyou = summary.perUnit.find((u) => u.unitId === "LONGYOU");
    expect(longyou).toMatchObject({ excellent: 19, quota: 20, quotaReached: false, quotaExceeded: false });
  });

  it("counts a township's and an organisation's own 示范点, and the quota use of their whole unit", async () => {
    const city = await caller().dashboard.summary();
    const kecheng = city.perUnit.find((u) => u.unitId === "KECHENG");
    expect(city.region).toEqual({ level: "CITY", name: "衢州市", partOfUnit: false });
    expect(kecheng).toMatchObject({ excellent: 12, quotaUsed: 12, quota: 12, quotaReached: true });
    for (const username of ["demo-township", "demo-org"]) {
      const reader = (await signIn(db, username)).call;
      const me = await reader().auth.me();
      const summary = await reader().dashboard.summary();
      expect(summary.region, username).toEqual({
        level: me.region.level,
        name: me.regionName,
        partOfUnit: true,
      });
      expect(summary.perUnit.map((u) => u.unitId)).toEqual(["KECHENG"]);
      const [own] = summary.perUnit;
      // The region's own count is its part of the unit's; the quota's use is the unit's whole.
      expect(own?.excellent, username).toBe(summary.excellentOfficial);
      expect(own?.excellent, username).toBeLessThan(12);
      expect(own, username).toMatchObject({
        quotaUsed: 12,
        quota: 12,
        quotaReached: true,
        practiceQuotaUsed: kecheng?.practices,
        practiceQuota: kecheng?.practiceQuota,
      });
    }
  });

  it("shows a grade as provisional, from the latest submitted stage, until the city determines it", async () => {
    // In 2017, with the city's determination taken back, the grade falls back to the 初评.
    const record = await db.prisma.gradeRecord.findFirstOrThrow({
      where: { grade: "EXCELLENT", cycleId: 1 },
    });
    const id = record.organizationId;
    const final = await db.prisma.scoreSheet.findFirstOrThrow({
      where: { organizationId: id, stage: "CITY_FINAL", cycleId: 1 },
    });
    const initial = await db.prisma.scoreSheet.findFirstOrThrow({
      where: { organizationId: id, stage: "COUNTY_INITIAL", cycleId: 1 },
    });
    await db.prisma.gradeRecord.delete({ where: { id: record.id } });
    await db.prisma.scoreSheet.update({ where: { id: final.id }, data: { status: "DRAFT" } });
    await storeGrades(db.prisma, 1, [id]); // as every writer of sheets and records does
    try {
      const [org] = await caller()
        .map.organizations({ cycleId: 1 })
        .then((all) => all.filter((o) => o.id === id));
      expect(org).toMatchObject({ gradeIsOfficial: false, total: initial.total });
      const summary = await caller().dashboard.summary({ cycleId: 1 });
      expect(summary.excellentOfficial).toBe(99);
      expect(summary.excellentProvisional).toBe(org?.grade === "EXCELLENT" ? 1 : 0);
    } finally {
      await db.prisma.scoreSheet.update({ where: { id: final.id }, data: { status: "SUBMITTED" } });
      const { id: _id, ...rest } = record;
      await db.prisma.gradeRecord.create({ data: rest });
      await storeGrades(db.prisma, 1, [id]);
    }
  });
});

describe("auth.me", () => {
  it("names the unit each user's region lies in, where pages open (null for the city)", async () => {
    const units: Record<string, string | null> = {};
    for (const username of ["demo-city", "demo-leader", "demo-county", "demo-township", "demo-org"])
      units[username] = (await (await signIn(db, username)).call().auth.me()).regionUnitId;
    expect(units).toEqual({
      "demo-city": null,
      "demo-leader": null,
      "demo-county": "KECHENG",
      "demo-township": "KECHENG",
      "demo-org": "KECHENG",
    });
  });
});

describe("meta.info", () => {
  it("says the data is demo data and gives the cycle's deadlines", async () => {
    const info = await caller().meta.info();
    expect(info.demoData).toBe(true);
    expect(info.cycle).toMatchObject({
      year: 2026,
      isCurrent: true,
      beltPlanDeadline: "2026-11-10T15:59:59.999Z",
      initialSummaryDeadline: "2026-12-20T15:59:59.999Z",
    });
  });
});

describe("a real installation before any organisation is entered", () => {
  it("answers every read with empty figures rather than errors, and is not labelled demo data", async () => {
    const empty = await openDatabase("memory:");
    try {
      await seedReferenceDataIfEmpty(empty.prisma);
      await empty.prisma.user.create({
        data: {
          username: "admin",
          displayName: "管理员",
          role: "CITY",
          passwordHash: await hashPassword("not-used-here"),
        },
      });
      const call = (await signIn(empty, "admin")).call();
      expect(await call.map.organizations()).toEqual([]);
      expect(await call.belt.list()).toEqual([]);
      expect(await call.unit.list()).toHaveLength(9);
      expect((await call.meta.info()).demoData).toBe(false);
      const summary = await call.dashboard.summary();
      expect(summary).toMatchObject({ organizations: 0, excellentOfficial: 0, target: 100 });
      const compliance = await call.belt.compliance();
      expect(compliance.find((u) => u.unitId === "KECHENG")?.passed).toBe(false); // no belts yet
    } finally {
      await empty.close();
    }
  }, 60_000);
});
