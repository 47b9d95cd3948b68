// Every procedure, called by a user of another region, is refused (or answers only the user's own
// region). The table must name every procedure: a new one without a scope rule fails this test.
import type { Database } from "@beltmap/db";
import { countyLabelPoint } from "@beltmap/geo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/index.ts";
import { anonymous, type Caller, openDemoDatabase, outcome, signIn } from "./support.ts";
import { decodeTile, organizationsIn } from "./tiles.ts";

let db: Database;
let county: Caller; // demo-county: 柯城区 (KECHENG)
let township: Caller; // demo-township: 信安街道 in 柯城区
let orgUser: Caller;
let foreignOrg: number; // an organisation of 开化县 (KAIHUA)
let foreignReviewPending: number;
let foreignReviewReviewed: number;
let neighbourOrg: number; // 柯城区, but another township and not demo-org's organisation

beforeAll(async () => {
  db = await openDemoDatabase();
  county = (await signIn(db, "demo-county")).call();
  township = (await signIn(db, "demo-township")).call();
  orgUser = (await signIn(db, "demo-org")).call();
  const townshipUser = await db.prisma.user.findUniqueOrThrow({ where: { username: "demo-township" } });
  foreignOrg = (await db.prisma.organization.findFirstOrThrow({ where: { unitId: "KAIHUA" } })).id;
  neighbourOrg = (
    await db.prisma.organization.findFirstOrThrow({
      where: { unitId: "KECHENG", townshipId: { not: townshipUser.townshipId ?? "" } },
    })
  ).id;
  foreignReviewPending = (
    await db.prisma.reReview.findFirstOrThrow({
      where: { status: "PENDING", organization: { unitId: "KAIHUA" } },
    })
  ).id;
  // A KAIHUA re-review waiting for the county's decision (made here if the demo data has none).
  const reviewed = await db.prisma.reReview.findFirst({
    where: { status: "REVIEWED", suggestion: { not: "NONE" }, organization: { unitId: "KAIHUA" } },
  });
  foreignReviewReviewed =
    reviewed?.id ??
    (
      await db.prisma.reReview.update({
        where: { id: foreignReviewPending },
        data: { status: "REVIEWED", suggestion: "DOWNGRADE", suggestedGrade: "FAIL" },
      })
    ).id;
}, 120_000);

afterAll(async () => {
  await db?.close();
});

type Check = () => Promise<void>;
const notFound =
  (call: () => Promise<unknown>): Check =>
  async () =>
    expect(await outcome(call())).toBe("NOT_FOUND");
const forbidden =
  (call: () => Promise<unknown>): Check =>
  async () =>
    expect(await outcome(call())).toBe("FORBIDDEN");
const items = Object.fromEntries(
  ["1", "2", "3", "4", "5"].flatMap((d) => ["1", "2", "3", "4", "5"].map((i) => [`${d}.${i}`, 3])),
);

/** How a user of 柯城区 (or of one of its townships or organisations) fails to reach another region. */
const RULES: Record<string, Check | "public" | "own account" | "reference data"> = {
  "auth.login": "public",
  "briefing.open": "public",
  "briefing.createLink": forbidden(() => county.briefing.createLink({ label: "会议室", unitId: "KECHENG" })),
  "briefing.links": forbidden(() => county.briefing.links()),
  "briefing.revokeLink": forbidden(() => county.briefing.revokeLink({ id: 1 })),
  "auth.logout": "own account",
  "auth.me": "own account",
  "auth.changePassword": "own account",
  "meta.info": "reference data",
  "sheet.definition": "reference data",
  "map.counties": "reference data",
  "sheet.get": notFound(() => county.sheet.get({ organizationId: foreignOrg })),
  "sheet.save": notFound(() =>
    township.sheet.save({ organizationId: neighbourOrg, stage: "TOWNSHIP_REVIEW", version: 0, items }),
  ),
  "sheet.submit": notFound(() =>
    orgUser.sheet.submit({ organizationId: neighbourOrg, stage: "SELF", version: 1, items }),
  ),
  "sheet.return": notFound(() =>
    county.sheet.return({ organizationId: foreignOrg, stage: "TOWNSHIP_REVIEW", version: 1, reason: "x" }),
  ),
  "queue.list": async () => {
    expect(await outcome(county.queue.list({ unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    for (const stage of ["SELF", "TOWNSHIP_REVIEW", "COUNTY_INITIAL", "CITY_FINAL"] as const) {
      const queue = await county.queue.list({ stage });
      expect(queue.rows.every((r) => r.unitId === "KECHENG")).toBe(true);
    }
  },
  "queue.bulk": async () => {
    const results = await county.queue.bulk({
      action: "adopt",
      stage: "COUNTY_INITIAL",
      rows: [{ organizationId: foreignOrg, version: 0, previousVersion: 1 }],
      opinion: "同意",
    });
    expect(results).toEqual([{ organizationId: foreignOrg, ok: false, message: "未找到该党组织" }]);
  },
  "unit.list": async () => expect((await township.unit.list()).map((u) => u.id)).toEqual(["KECHENG"]),
  "unit.townships": async () => {
    expect(await outcome(county.unit.townships({ unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    expect((await county.unit.townships()).every((t) => t.unitId === "KECHENG")).toBe(true);
    expect((await township.unit.townships()).map((t) => t.name)).toEqual(["信安街道"]);
  },
  "map.organizations": async () => {
    expect(await outcome(county.map.organizations({ unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    expect((await county.map.organizations()).every((o) => o.unitId === "KECHENG")).toBe(true);
    expect((await orgUser.map.organizations()).length).toBe(1);
  },
  "map.organization": notFound(() => township.map.organization({ id: neighbourOrg })),
  "map.tileSet": async () => {
    expect((await county.map.tileSet()).units.map((u) => u.unitId)).toEqual(["KECHENG"]);
    expect((await orgUser.map.tileSet()).total).toBe(1);
  },
  "map.tile": async () => {
    expect(await outcome(county.map.tile({ z: 0, x: 0, y: 0, unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    // The whole world's tile holds the county's own organisations, and no more.
    const own = (await county.map.tileSet()).total;
    expect(own).toBeLessThan(await db.prisma.organization.count());
    expect(organizationsIn(decodeTile((await county.map.tile({ z: 0, x: 0, y: 0 })).data))).toBe(own);
  },
  "map.search": async () => {
    const foreign = await db.prisma.organization.findUniqueOrThrow({ where: { id: foreignOrg } });
    expect((await county.map.search({ text: foreign.name })).map((h) => h.id)).not.toContain(foreignOrg);
  },
  "map.serviceCenters": async () => {
    expect(await outcome(county.map.serviceCenters({ unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    expect((await county.map.serviceCenters()).map((c) => c.unitId)).toEqual(["KECHENG"]);
  },
  "map.townshipAreas": async () => {
    expect(new Set((await county.map.townshipAreas()).map((a) => a.unitId))).toEqual(new Set(["KECHENG"]));
    expect((await orgUser.map.townshipAreas()).every((a) => a.unitId === "KECHENG")).toBe(true);
  },
  "belt.list": async () => {
    expect(await outcome(county.belt.list({ unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    expect((await county.belt.list()).every((b) => b.unitId === "KECHENG")).toBe(true);
    expect(await township.belt.list()).toEqual([]);
  },
  "belt.compliance": async () =>
    expect((await county.belt.compliance()).map((u) => u.unitId)).toEqual(["KECHENG"]),
  "dashboard.summary": async () => {
    const summary = await county.dashboard.summary();
    expect(summary.perUnit.map((u) => u.unitId)).toEqual(["KECHENG"]);
    expect(summary.organizations + summary.nonCompetitors).toBe(
      await db.prisma.organization.count({ where: { unitId: "KECHENG" } }),
    );
  },
  "dashboard.series": async () => {
    const series = await county.dashboard.series();
    expect(series.units.map((u) => u.unitId)).toEqual(["KECHENG"]);
    for (const cycle of series.cycles) expect(cycle.perUnit.map((u) => u.unitId)).toEqual(["KECHENG"]);
  },
  "cycle.list": "reference data",
  "cycle.get": async () =>
    expect((await county.cycle.get()).quotas.map((q) => q.unitId)).toEqual(["KECHENG"]),
  "cycle.open": forbidden(() =>
    county.cycle.open({
      year: 2027,
      name: "2027",
      startsOn: "2027-01-01",
      endsOn: "2027-12-31",
      beltPlanDeadline: "2027-08-10",
      initialSummaryDeadline: "2027-09-20",
      targets: { excellent: 100, practices: 50, good: 400, pass: 600, fail: 100 },
      quotas: [],
    }),
  ),
  "cycle.update": forbidden(() =>
    county.cycle.update({
      name: "x",
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      beltPlanDeadline: "2026-11-10",
      initialSummaryDeadline: "2026-12-20",
      targets: { excellent: 100, practices: 50, good: 400, pass: 600, fail: 100 },
      quotas: [],
    }),
  ),
  "roster.list": async () => {
    expect(await outcome(county.roster.list({ unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    const roster = await county.roster.list();
    expect(roster.units.map((u) => u.unitId)).toEqual(["KECHENG"]);
    expect(roster.members.every((m) => m.unitId === "KECHENG")).toBe(true);
  },
  "roster.create": notFound(() => county.roster.create({ unitId: "KAIHUA", name: "越界", title: "" })),
  "roster.update": async () => {
    const foreign = await db.prisma.committeeMember.findFirstOrThrow({ where: { unitId: "KAIHUA" } });
    expect(
      await outcome(county.roster.update({ id: foreign.id, name: "改名", title: "", active: false })),
    ).toBe("NOT_FOUND");
    expect(await db.prisma.committeeMember.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      name: foreign.name,
      active: true,
    });
  },
  "roster.link": async () => {
    const foreign = await db.prisma.committeeMember.findFirstOrThrow({ where: { unitId: "KAIHUA" } });
    expect(await outcome(county.roster.link({ memberId: foreign.id, organizationId: null }))).toBe(
      "NOT_FOUND",
    );
    const own = await db.prisma.committeeMember.findFirstOrThrow({ where: { unitId: "KECHENG" } });
    expect(await outcome(county.roster.link({ memberId: own.id, organizationId: foreignOrg }))).toBe(
      "NOT_FOUND",
    );
  },
  "appendix2.status": async () =>
    expect((await county.appendix2.status()).units.map((u) => u.unitId)).toEqual(["KECHENG"]),
  "appendix2.warnings": notFound(() => county.appendix2.warnings({ unitId: "KAIHUA" })),
  "appendix2.submit": notFound(() => county.appendix2.submit({ unitId: "KAIHUA" })),
  "appendix2.receive": forbidden(() => county.appendix2.receive({ unitId: "LONGYOU", version: 1 })),
  "appendix2.return": forbidden(() =>
    county.appendix2.return({ unitId: "LONGYOU", version: 1, reason: "x" }),
  ),
  "appendix2.download": notFound(() => county.appendix2.download({ unitId: "LONGYOU", version: 1 })),
  "rereview.list": async () => {
    expect(await outcome(county.rereview.list({ show: "all", unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    expect((await county.rereview.list({ show: "all" })).rows.every((r) => r.unitId === "KECHENG")).toBe(
      true,
    );
  },
  "rereview.record": notFound(() =>
    township.rereview.record({ id: foreignReviewPending, suggestion: "NONE", notes: "" }),
  ),
  "rereview.decide": notFound(() =>
    county.rereview.decide({ id: foreignReviewReviewed, approve: true, reason: "" }),
  ),
  "rereview.file": forbidden(() => county.rereview.file({ id: foreignReviewReviewed })),
  "rereview.cityDecide": forbidden(() =>
    county.rereview.cityDecide({ id: foreignReviewReviewed, approve: true }),
  ),
  "user.list": forbidden(() => county.user.list()),
  "user.create": forbidden(() =>
    county.user.create({
      username: "intruder",
      displayName: "x",
      password: "long-enough-password",
      role: "CITY",
      unitId: null,
      townshipId: null,
      organizationId: null,
    }),
  ),
  "user.update": forbidden(() =>
    county.user.update({
      id: 1,
      displayName: "x",
      disabled: true,
      role: "CITY",
      unitId: null,
      townshipId: null,
      organizationId: null,
    }),
  ),
  "user.resetPassword": forbidden(() =>
    county.user.resetPassword({ id: 1, password: "long-enough-password" }),
  ),
  "site.list": async () => {
    expect(await outcome(county.site.list({ unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    const sites = await county.site.list();
    expect(sites.rows.every((r) => r.unitId === "KECHENG")).toBe(true);
    expect(sites.practiceQuotas.map((q) => q.unitId)).toEqual(["KECHENG"]);
  },
  "site.members": notFound(() => county.site.members({ unitId: "KAIHUA" })),
  "site.selectPractice": forbidden(() =>
    county.site.selectPractice({ organizationId: foreignOrg, title: "x" }),
  ),
  "site.unselectPractice": forbidden(() => county.site.unselectPractice({ organizationId: foreignOrg })),
  "site.setCountyDualManaged": notFound(() =>
    county.site.setCountyDualManaged({ organizationId: foreignOrg, value: true }),
  ),
  "site.assignContact": notFound(() =>
    county.site.assignContact({ organizationId: foreignOrg, memberId: null }),
  ),
  "plan.get": async () => {
    expect(await outcome(county.plan.get({ unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    expect(await outcome(township.plan.get({ unitId: "KECHENG" }))).toBe("NOT_FOUND");
  },
  "plan.version": notFound(() => county.plan.version({ unitId: "KAIHUA", version: 1 })),
  "plan.save": notFound(() =>
    county.plan.save({ unitId: "KAIHUA", revision: 0, belts: [], serviceCenter: null }),
  ),
  "plan.submit": notFound(() => county.plan.submit({ unitId: "KAIHUA", revision: 0 })),
  "plan.accept": forbidden(() => county.plan.accept({ unitId: "KAIHUA", version: 1 })),
  "plan.return": forbidden(() => county.plan.return({ unitId: "KAIHUA", version: 1, reason: "x" })),
  "audit.organization": notFound(() => orgUser.audit.organization({ organizationId: neighbourOrg })),
  "report.appendix2": notFound(() => county.report.appendix2({ unitId: "KAIHUA" })),
  "organizationImport.template": "reference data",
  "dataQuality.coordinates": notFound(() => county.dataQuality.coordinates({ unitId: "KAIHUA" })),
  "organizationExport.organizations": async () => {
    expect(await outcome(county.organizationExport.organizations({ format: "csv", unitId: "KAIHUA" }))).toBe(
      "NOT_FOUND",
    );
    // Without a unit: the county's own organisations only.
    const file = await county.organizationExport.organizations({ format: "csv" });
    const text = Buffer.from(file.base64, "base64").toString("utf8");
    expect(text).toContain("柯城区");
    expect(text).not.toContain(",开化县,");
  },
  "organizationImport.preview": async () => {
    const preview = await county.organizationImport.preview({ ...(await kaihuaFile()), system: "AUTO" });
    expect(preview.problems.map((p) => p.message)).toEqual([expect.stringMatching(/不在您的管辖范围/)]);
  },
  "organizationImport.report": async () => {
    const report = await county.organizationImport.report({ ...(await kaihuaFile()), system: "AUTO" });
    expect(report.fileName).toBe("导入检查结果-kaihua.xlsx");
  },
  "organizationImport.commit": async () => {
    expect(await outcome(county.organizationImport.commit({ ...(await kaihuaFile()), system: "AUTO" }))).toBe(
      "BAD_REQUEST",
    );
    expect(await db.prisma.organization.count({ where: { name: "越界导入党支部" } })).toBe(0);
  },
};

/** A one-row import file for 开化县, which a 柯城区 user may not import into. */
async function kaihuaFile(): Promise<{ fileName: string; base64: string }> {
  const township = await db.prisma.township.findFirstOrThrow({ where: { unitId: "KAIHUA" } });
  const [lng, lat] = countyLabelPoint(township.countyCode);
  const text = [
    "党组织名称,类型,所属单位,乡镇（街道、园区）,地址,经度,纬度,党员数",
    `越界导入党支部,非公企业,开化县,${township.name},开化县某路 1 号,${lng},${lat},5`,
  ].join("\r\n");
  return { fileName: "kaihua.csv", base64: Buffer.from(text, "utf8").toString("base64") };
}

const procedures = Object.keys(appRouter._def.procedures).sort();
/** What answers without a session: signing in, and a wall display opening its briefing link. */
const PUBLIC = ["auth.login", "briefing.open"];
/** Rules that only check a list is filtered: nothing is refused, so nothing is audited. */
const FILTER_ONLY = new Set([
  "unit.list",
  "belt.compliance",
  "dashboard.summary",
  "dashboard.series",
  "cycle.get",
  "appendix2.status",
  "map.townshipAreas",
  "map.tileSet",
  "map.search",
]);

describe("region scope of every procedure", () => {
  it("has a rule for every procedure of the router, and none for procedures that do not exist", () => {
    expect(Object.keys(RULES).sort()).toEqual(procedures);
  });

  for (const path of procedures) {
    const rule = RULES[path];
    if (typeof rule !== "function") continue;
    it(`${path}: refused outside the user's region`, async () => {
      const deniedBefore = await db.prisma.auditLog.count({ where: { action: "access.denied" } });
      await rule();
      const deniedAfter = await db.prisma.auditLog.count({ where: { action: "access.denied" } });
      // Every refusal leaves an audit row.
      if (!FILTER_ONLY.has(path)) expect(deniedAfter).toBeGreaterThan(deniedBefore);
    });
  }

  it("refuses every procedure but login and opening a briefing link without a session", async () => {
    const call = anonymous(db) as unknown as Record<
      string,
      Record<string, (input?: unknown) => Promise<unknown>>
    >;
    for (const path of procedures) {
      const [group, name] = path.split(".") as [string, string];
      const expected = PUBLIC.includes(path) ? "BAD_REQUEST" : "UNAUTHORIZED";
      expect(
        `${path}: ${await outcome(call[group]?.[name]?.(undefined) ?? Promise.reject(new Error("missing")))}`,
      ).toBe(`${path}: ${expected}`);
    }
  });

  it("the only public procedures are login and opening a briefing link; every procedure states its access rule", () => {
    const rules = Object.entries(appRouter._def.procedures).map(([path, p]) => [
      path,
      (p as unknown as { _def: { meta?: { access?: unknown } } })._def.meta?.access,
    ]);
    expect(rules.filter(([, access]) => access === undefined)).toEqual([]);
    expect(rules.filter(([, access]) => access === "public").map(([path]) => path)).toEqual(PUBLIC);
  });

  it("a leader reads but cannot write", async () => {
    const session = await signIn(db, "demo-leader");
    const leader = session.call();
    expect((await leader.dashboard.summary()).perUnit).toHaveLength(9);
    expect(await outcome(leader.site.setCountyDualManaged({ organizationId: foreignOrg, value: true }))).toBe(
      "FORBIDDEN",
    );
    expect(await outcome(leader.auth.logout())).toBe("OK"); // their own account, not data
    expect(await outcome(session.call().dashboard.summary())).toBe("UNAUTHORIZED");
  });
});
