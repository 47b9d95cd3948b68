// The 示范带创建方案 through the API as each role: what the county and the city read, the county's
// saves and submissions, the city's checks, bad drafts refused whole, stale saves, the deadline
// rule and the audit trail.
import { hashPassword } from "@beltmap/db";
import { RULE_TITLES_ZH } from "@beltmap/domain";
import { getTRPCErrorShape, TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, type PlanDto } from "../src/index.ts";
import {
  type Caller,
  CURRENT_CYCLE_ID,
  type Database,
  openDemoDatabase,
  outcome,
  signIn,
} from "./support.ts";

type Draft = Parameters<Caller["plan"]["save"]>[0];
type DraftBelt = Draft["belts"][number];

let db: Database;
let county: () => Caller;
let city: () => Caller;
let leader: () => Caller;
let planId: number; // KECHENG's plan
// Later than the current cycle's deadline (2026-11-10 end of day, China time): resubmissions come late.
const NOW = new Date("2026-12-01T02:00:00Z");
const EDIT_REFUSED = "方案已报送，市里审核期间不能修改；如需修改，请市里退回";
const BUILDS_NO_BELTS = "本单位不建示范带：其示范点排进所在县（市、区）的示范带";

beforeAll(async () => {
  db = await openDemoDatabase();
  // A fresh context per call, as the server makes one per request (no per-request cache carried over).
  const countySession = await signIn(db, "demo-county", () => NOW);
  const citySession = await signIn(db, "demo-city", () => NOW);
  const leaderSession = await signIn(db, "demo-leader", () => NOW);
  county = countySession.call;
  city = citySession.call;
  leader = leaderSession.call;
  planId = (
    await db.prisma.beltPlan.findFirstOrThrow({
      where: { unitId: "KECHENG", cycleId: CURRENT_CYCLE_ID },
      select: { id: true },
    })
  ).id;
}, 120_000);

afterAll(async () => {
  await db?.close();
});

/** The plan as a save request: what the page sends back when nothing was changed. */
function draftOf(plan: PlanDto): Draft {
  const center = plan.serviceCenter;
  return {
    unitId: plan.unitId,
    revision: plan.revision,
    belts: plan.belts.map((b) => ({
      id: b.id,
      name: b.name,
      theme: b.theme,
      kind: b.kind,
      roundTrip: b.roundTrip,
      stopIds: b.stops.map((s) => s.organizationId),
    })),
    serviceCenter: center && {
      name: center.name,
      address: center.address,
      lng: center.lng,
      lat: center.lat,
      organizationId: center.organizationId,
    },
  };
}

function newBelt(name: string, stopIds: number[]): DraftBelt {
  return { id: null, name, theme: "测试", kind: "ORDINARY", roundTrip: false, stopIds };
}

/** How a refused call reaches the client: code, and the message and field issues the error formatter sends. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const shape = getTRPCErrorShape({
      config: appRouter._def._config,
      error,
      type: "mutation",
      path: undefined,
      input: undefined,
      ctx: undefined,
    });
    return { code: error.code, message: shape.message, issues: shape.data.issues };
  }
  throw new Error("expected the call to be refused");
}

/** What is stored of KECHENG's plan, to compare before and after a refused save. */
async function stored() {
  const [belts, plan, center, stops, saves] = await Promise.all([
    county().belt.list({ unitId: "KECHENG" }),
    db.prisma.beltPlan.findUniqueOrThrow({ where: { id: planId } }),
    db.prisma.serviceCenter.findUnique({
      where: { unitId_cycleId: { unitId: "KECHENG", cycleId: CURRENT_CYCLE_ID } },
    }),
    db.prisma.beltStop.count({ where: { belt: { unitId: "KECHENG", cycleId: CURRENT_CYCLE_ID } } }),
    db.prisma.auditLog.count({ where: { action: "belt.plan.save" } }),
  ]);
  return { belts, plan, center, stops, saves };
}

async function rule(unitId: string, ruleId: string) {
  const unit = (await city().belt.compliance()).find((u) => u.unitId === unitId);
  return { unit, rule: unit?.rules.find((r) => r.rule === ruleId) };
}

/** Sites for test belts, found in KECHENG's candidates. */
async function kechengSites() {
  const plan = await county().plan.get({ unitId: "KECHENG" });
  const onBelts = new Set(plan.belts.flatMap((b) => b.stops.map((s) => s.organizationId)));
  const own = plan.candidates.filter((c) => c.unitId === "KECHENG");
  const town = own.find((c) => c.kind === "SPECIAL_TOWN");
  const others = own.filter((c) => c.kind !== "SPECIAL_TOWN" && !onBelts.has(c.id));
  const jingxin = plan.candidates.find((c) => c.unitId === "JINGXIN");
  if (!town || others.length < 4 || !jingxin) throw new Error("the demo data lacks KECHENG sites for a belt");
  return { town, others, jingxin };
}

describe("plan.get", () => {
  it("shows demo-county its returned plan, what it may do, and what its belts may visit", async () => {
    const plan = await county().plan.get({ unitId: "KECHENG" });
    expect(plan).toMatchObject({
      unitId: "KECHENG",
      unitName: "柯城区",
      countyCode: "330802",
      minBelts: 3,
      status: "RETURNED",
      returnReason: "示范带不足3条，请补齐后重新报送",
      version: 1,
      revision: 0,
      firstSubmittedAt: "2026-11-08T02:00:00.000Z",
      deadline: "2026-11-10T15:59:59.999Z",
      departmentUnitIds: ["JINGXIN"],
    });
    expect(plan.belts).toHaveLength(2);
    expect(plan.versions).toEqual([
      expect.objectContaining({
        version: 1,
        submittedAt: "2026-11-08T02:00:00.000Z",
        decision: "RETURNED",
        returnReason: "示范带不足3条，请补齐后重新报送",
      }),
    ]);
    expect(plan.can.edit).toEqual({ ok: true, code: null, reason: null });
    expect(plan.can.submit).toEqual({ ok: true, code: null, reason: null });
    expect(plan.can.review).toEqual({
      ok: false,
      code: expect.any(String),
      reason: "只有市级用户可以审核示范带方案",
    });
  });

  it("offers KECHENG's organisations and 市经信委's in its county as stops, nobody else's", async () => {
    const plan = await county().plan.get({ unitId: "KECHENG" });
    const idsOf = (unitId: string) =>
      plan.candidates
        .filter((c) => c.unitId === unitId)
        .map((c) => c.id)
        .sort((a, b) => a - b);
    expect(new Set(plan.candidates.map((c) => c.unitId))).toEqual(new Set(["KECHENG", "JINGXIN"]));
    const own = await db.prisma.organization.findMany({
      where: { unitId: "KECHENG" },
      orderBy: { id: "asc" },
    });
    expect(idsOf("KECHENG")).toEqual(own.map((o) => o.id));
    const jingxinHere = await db.prisma.organization.findMany({
      where: { unitId: "JINGXIN", countyCode: "330802" },
      orderBy: { id: "asc" },
    });
    expect(jingxinHere.length).toBeGreaterThan(0);
    expect(idsOf("JINGXIN")).toEqual(jingxinHere.map((o) => o.id));
    // Of 市经信委's organisations the county learns only which are demonstration sites: no tier, no
    // other grade (they lie outside its region).
    const borrowed = plan.candidates.filter((c) => c.unitId === "JINGXIN");
    expect(borrowed.every((c) => c.tier === null)).toBe(true);
    expect(new Set(borrowed.map((c) => c.officialGrade))).toEqual(
      new Set(borrowed.some((c) => c.officialGrade === "EXCELLENT") ? ["EXCELLENT", null] : [null]),
    );
    expect(plan.candidates.some((c) => c.unitId === "KECHENG" && c.tier !== null)).toBe(true);
    // 市经信委 has sites in other counties too; none of them is offered.
    expect(await db.prisma.organization.count({ where: { unitId: "JINGXIN" } })).toBeGreaterThan(
      jingxinHere.length,
    );
    expect(plan.candidates.every((c) => c.countyCode === "330802")).toBe(true);
  });

  it("lets the city review only a submitted plan", async () => {
    const kecheng = await city().plan.get({ unitId: "KECHENG" });
    expect(kecheng.can.review).toEqual({
      ok: false,
      code: expect.any(String),
      reason: "只有已报送的方案可以审核",
    });
    expect(kecheng.can.edit).toEqual({
      ok: false,
      code: expect.any(String),
      reason: "只有本单位的县级用户可以编辑示范带方案",
    });
    const kaihua = await city().plan.get({ unitId: "KAIHUA" });
    expect(kaihua).toMatchObject({ status: "SUBMITTED", version: 1 });
    expect(kaihua.can.review).toEqual({ ok: true, code: null, reason: null });
  });

  it("keeps other units' plans from the county, and says 市经信委 builds no belts", async () => {
    expect(await outcome(county().plan.get({ unitId: "KAIHUA" }))).toBe("NOT_FOUND");
    const jingxin = await city().plan.get({ unitId: "JINGXIN" });
    expect(jingxin).toMatchObject({ status: "DRAFT", version: 0, minBelts: 0, belts: [] });
    expect(jingxin.can.edit).toEqual({ ok: false, code: expect.any(String), reason: BUILDS_NO_BELTS });
    expect(jingxin.can.review).toEqual({ ok: false, code: expect.any(String), reason: BUILDS_NO_BELTS });
  });
});

describe("who may change a plan", () => {
  it("refuses the read-only leader and the city a save, and the county a decision", async () => {
    const draft = draftOf(await county().plan.get({ unitId: "KECHENG" }));
    const before = await stored();
    expect(await refusal(leader().plan.save(draft))).toMatchObject({
      code: "FORBIDDEN",
      message: "只读账号不能修改数据",
    });
    expect(await refusal(city().plan.save(draft))).toMatchObject({
      code: "FORBIDDEN",
      message: "当前账号无权进行此操作",
    });
    expect(await outcome(county().plan.submit({ unitId: "KAIHUA", revision: 0 }))).toBe("NOT_FOUND");
    expect(await outcome(county().plan.accept({ unitId: "KECHENG", version: 1 }))).toBe("FORBIDDEN");
    expect(await outcome(county().plan.return({ unitId: "KECHENG", version: 1, reason: "x" }))).toBe(
      "FORBIDDEN",
    );
    expect(await outcome(leader().plan.accept({ unitId: "KAIHUA", version: 1 }))).toBe("FORBIDDEN");
    expect(await stored()).toEqual(before);
    expect((await city().plan.get({ unitId: "KAIHUA" })).status).toBe("SUBMITTED");
  });

  it("gives 市经信委 no plan to edit, even to a county user of its own", async () => {
    await db.prisma.user.create({
      data: {
        username: "jingxin-county",
        displayName: "市经信委两新工委",
        role: "COUNTY",
        unitId: "JINGXIN",
        passwordHash: await hashPassword("unused-password"),
      },
    });
    const jingxin = (await signIn(db, "jingxin-county", () => NOW)).call;
    const plan = await jingxin().plan.get({ unitId: "JINGXIN" });
    expect(plan.can.edit).toEqual({ ok: false, code: expect.any(String), reason: BUILDS_NO_BELTS });
    expect(plan.can.submit).toEqual({ ok: false, code: expect.any(String), reason: BUILDS_NO_BELTS });
    const site = plan.candidates[0];
    if (!site) throw new Error("市经信委 has no organisations in the demo data");
    const refused = await refusal(
      jingxin().plan.save({
        unitId: "JINGXIN",
        revision: 0,
        belts: [newBelt("经信示范带", [site.id])],
        serviceCenter: null,
      }),
    );
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: BUILDS_NO_BELTS });
    expect(await outcome(jingxin().plan.submit({ unitId: "JINGXIN", revision: 0 }))).toBe("FORBIDDEN");
    // Nothing was left behind: no plan row, no belt.
    expect(await db.prisma.beltPlan.count({ where: { unitId: "JINGXIN" } })).toBe(0);
    expect(await db.prisma.belt.count({ where: { unitId: "JINGXIN" } })).toBe(0);
  });
});

describe("a bad draft is refused whole, naming the belt and the field", () => {
  it("refuses each fault with BAD_REQUEST and leaves belts, stops and center as they were", async () => {
    const plan = await county().plan.get({ unitId: "KECHENG" });
    const { town, others } = await kechengSites();
    const [first, second] = others;
    if (!first || !second) throw new Error("no sites");
    const kaihuaSite = await db.prisma.organization.findFirstOrThrow({ where: { unitId: "KAIHUA" } });
    const jingxinElsewhere = await db.prisma.organization.findFirstOrThrow({
      where: { unitId: "JINGXIN", countyCode: { not: "330802" } },
    });
    const kaihuaBelt = await db.prisma.belt.findFirstOrThrow({
      where: { unitId: "KAIHUA", cycleId: CURRENT_CYCLE_ID },
    });
    const kaihuaCenter = await db.prisma.serviceCenter.findUniqueOrThrow({
      where: { unitId_cycleId: { unitId: "KAIHUA", cycleId: CURRENT_CYCLE_ID } },
    });
    const base = draftOf(plan);
    const [belt1, belt2] = base.belts;
    if (!belt1 || !belt2) throw new Error("KECHENG has two belts in the demo data");
    const third = (stopIds: number[], patch: Partial<DraftBelt> = {}) => ({
      ...base,
      belts: [belt1, belt2, { ...newBelt("柯城新示范带", stopIds), ...patch }],
    });
    const cases: { what: string; draft: Draft; field: string; message: string }[] = [
      {
        what: "an empty belt name",
        draft: { ...base, belts: [belt1, { ...belt2, name: "  " }, newBelt("柯城新示范带", [town.id])] },
        field: "belts[1].name",
        message: "第 2 条示范带：名称不能为空",
      },
      {
        what: "a stop twice on one belt",
        draft: third([town.id, first.id, town.id]),
        field: "belts[2].stops[2]",
        message: "第 3 条示范带“柯城新示范带”：第 3 站与前面的站点重复",
      },
      {
        what: "another unit's organisation",
        draft: third([town.id, kaihuaSite.id]),
        field: "belts[2].stops[1]",
        message: `第 3 条示范带“柯城新示范带”：第 2 站（组织 ${kaihuaSite.id}）不可用，站点须为本单位（或所在县市经信委）的组织`,
      },
      {
        what: "a 市经信委 site in another county",
        draft: third([jingxinElsewhere.id, town.id]),
        field: "belts[2].stops[0]",
        message: `第 3 条示范带“柯城新示范带”：第 1 站（组织 ${jingxinElsewhere.id}）不可用`,
      },
      {
        what: "an organisation that does not exist",
        draft: third([town.id, 999_999]),
        field: "belts[2].stops[1]",
        // In the same words as another unit's: what exists outside the region is not told.
        message: "第 3 条示范带“柯城新示范带”：第 2 站（组织 999999）不可用",
      },
      {
        what: "a service center outside the county (a point in 开化县)",
        draft: {
          ...third([town.id, first.id]),
          serviceCenter: {
            name: "柯城区区域性党群服务中心",
            address: "",
            lng: kaihuaCenter.lng,
            lat: kaihuaCenter.lat,
            organizationId: null,
          },
        },
        field: "serviceCenter.lng",
        message: "区域性党群服务中心须位于柯城区境内",
      },
      {
        what: "a service center at another unit's site",
        draft: {
          ...third([town.id, first.id]),
          serviceCenter: { name: "柯城区中心", address: "", lng: 0, lat: 0, organizationId: kaihuaSite.id },
        },
        field: "serviceCenter.organizationId",
        message: "区域性党群服务中心所在的站点须为本单位（或所在县市经信委）的组织",
      },
      {
        // Written twice, the later entry would silently replace the earlier one.
        what: "one saved belt twice",
        draft: { ...base, belts: [belt1, belt2, { ...belt1, name: "柯城复制示范带" }] },
        field: "belts[2].id",
        message: "第 3 条示范带与第 1 条示范带是同一条，请刷新后再改",
      },
      {
        // Checked inside the transaction, after the lock: belt 2 left out of the draft stays too.
        what: "another unit's belt id, with a belt dropped",
        draft: { ...base, belts: [belt1, { ...newBelt("柯城新示范带", [town.id]), id: kaihuaBelt.id }] },
        field: "belts[1].id",
        message: "第 2 条示范带不属于本单位的方案（可能已被删除），请刷新后再改",
      },
    ];
    const before = await stored();
    expect(before.belts).toHaveLength(2);
    for (const { what, draft, field, message } of cases) {
      const refused = await refusal(county().plan.save(draft));
      expect(refused.code, what).toBe("BAD_REQUEST");
      expect(refused.message, what).toContain(message);
      expect(refused.issues[0], what).toMatchObject({ field, message: expect.stringContaining(message) });
      // Nothing about organisations outside the unit comes back: not their names.
      for (const outside of [kaihuaSite.name, jingxinElsewhere.name])
        expect(JSON.stringify(refused), what).not.toContain(outside);
      expect(await stored(), what).toEqual(before);
    }
    // Asking for another unit's organisation is recorded like any other reach outside the region.
    const denied = await db.prisma.auditLog.findMany({
      where: { action: "access.denied", entity: "Organization" },
    });
    expect(denied.map((d) => d.entityId)).toEqual(
      expect.arrayContaining([String(kaihuaSite.id), String(jingxinElsewhere.id), "999999"]),
    );
    // A schema error names its field too.
    const schema = await refusal(county().plan.save(third([0])));
    expect(schema.code).toBe("BAD_REQUEST");
    expect(schema.issues.map((i) => i.field)).toEqual(["belts.2.stopIds.0"]);
    expect(await stored()).toEqual(before);
  });

  it("reports every problem of a draft, not only the first", async () => {
    const plan = await county().plan.get({ unitId: "KECHENG" });
    const { town } = await kechengSites();
    const base = draftOf(plan);
    const refused = await refusal(
      county().plan.save({
        ...base,
        belts: [...base.belts, newBelt("", [town.id, town.id]), newBelt("", [town.id])],
      }),
    );
    expect(refused.issues.map((i) => i.field)).toEqual([
      "belts[2].name",
      "belts[2].stops[1]",
      "belts[3].name",
    ]);
  });
});

describe("the acceptance story", () => {
  it("a third belt with a 特色小镇 and the site off every belt makes KECHENG pass; the plan stays returned until submitted", async () => {
    const before = await rule("KECHENG", "MIN_BELTS");
    expect(before.unit?.passed).toBe(false);
    expect(before.rule).toMatchObject({ passed: false, expected: 3, actual: 2 });
    // The organisation raised to 优秀 in March is a 示范点 on no belt yet.
    const offBelt = (await rule("KECHENG", "EVERY_SITE_ON_A_BELT")).rule?.offendingSiteIds ?? [];
    expect(offBelt).toHaveLength(1);
    const plan = await county().plan.get({ unitId: "KECHENG" });
    const { town, others, jingxin } = await kechengSites();
    const other = others.find((o) => !offBelt.includes(o.id));
    const stops = [town.id, other?.id ?? 0, ...offBelt, jingxin.id];
    const saved = await county().plan.save({
      ...draftOf(plan),
      belts: [...draftOf(plan).belts, newBelt("柯城“橘乡党建”示范带", stops)],
    });
    expect(saved).toMatchObject({ status: "RETURNED", version: 1, revision: plan.revision + 1 });
    expect(saved.returnReason).toBe("示范带不足3条，请补齐后重新报送");
    expect(saved.belts).toHaveLength(3);
    expect(saved.belts[2]?.stops.map((s) => s.organizationId)).toEqual(stops);
    const after = await rule("KECHENG", "MIN_BELTS");
    expect(after.unit).toMatchObject({ passed: true, planStatus: "RETURNED", planVersion: 1 });
    expect(after.rule).toMatchObject({ passed: true, expected: 3, actual: 3 });
  });

  it("submits version 2, kept beside version 1, and freezes the plan while the city checks it", async () => {
    const plan = await county().plan.get({ unitId: "KECHENG" });
    const submitted = await county().plan.submit({ unitId: "KECHENG", revision: plan.revision });
    expect(submitted).toMatchObject({
      status: "SUBMITTED",
      version: 2,
      returnReason: null,
      submittedAt: NOW.toISOString(),
      firstSubmittedAt: "2026-11-08T02:00:00.000Z",
    });
    expect(submitted.versions.map((v) => [v.version, v.decision, v.submittedBy])).toEqual([
      [1, "RETURNED", "柯城区两新工委（示例）"],
      [2, null, "柯城区两新工委（示例）"],
    ]);
    const v1 = await city().plan.version({ unitId: "KECHENG", version: 1 });
    const v2 = await city().plan.version({ unitId: "KECHENG", version: 2 });
    expect(v1.belts).toHaveLength(2);
    expect(v2.belts).toHaveLength(3);
    expect(v2.belts.map((b) => b.stops.map((s) => s.organizationId))).toEqual(
      plan.belts.map((b) => b.stops.map((s) => s.organizationId)),
    );
    expect(v2.serviceCenter).toMatchObject({ organizationId: plan.serviceCenter?.organizationId });
    expect(await outcome(county().plan.version({ unitId: "KECHENG", version: 3 }))).toBe("NOT_FOUND");

    expect(submitted.can.edit).toEqual({ ok: false, code: expect.any(String), reason: EDIT_REFUSED });
    expect(submitted.can.submit.ok).toBe(false);
    const before = await stored();
    expect(await refusal(county().plan.save(draftOf(submitted)))).toMatchObject({
      code: "FORBIDDEN",
      message: EDIT_REFUSED,
    });
    expect(await outcome(county().plan.submit({ unitId: "KECHENG", revision: submitted.revision }))).toBe(
      "FORBIDDEN",
    );
    expect(await stored()).toEqual(before);
    expect((await city().plan.get({ unitId: "KECHENG" })).can.review).toEqual({
      ok: true,
      code: null,
      reason: null,
    });
  });

  it("the city returns it only with a reason; the county fixes and resubmits; the city accepts", async () => {
    for (const reason of ["", "   "]) {
      const refused = await refusal(city().plan.return({ unitId: "KECHENG", version: 2, reason }));
      expect(refused).toMatchObject({ code: "BAD_REQUEST", message: "退回须填写理由" });
      expect(refused.issues).toEqual([{ field: "reason", message: "退回须填写理由" }]);
    }
    expect((await city().plan.get({ unitId: "KECHENG" })).status).toBe("SUBMITTED");
    expect(await outcome(city().plan.return({ unitId: "KECHENG", version: 1, reason: "旧版本" }))).toBe(
      "CONFLICT",
    );
    const returned = await city().plan.return({
      unitId: "KECHENG",
      version: 2,
      reason: "  第3条示范带站点偏少  ",
    });
    expect(returned).toMatchObject({ status: "RETURNED", version: 2, returnReason: "第3条示范带站点偏少" });
    expect(returned.versions[1]).toMatchObject({
      decision: "RETURNED",
      decidedBy: "市委两新工委（示例）",
      decidedAt: NOW.toISOString(),
      returnReason: "第3条示范带站点偏少",
    });
    expect(await outcome(city().plan.accept({ unitId: "KECHENG", version: 2 }))).toBe("FORBIDDEN");

    const seen = await county().plan.get({ unitId: "KECHENG" });
    expect(seen.can.edit.ok).toBe(true);
    const { others } = await kechengSites();
    const draft = draftOf(seen);
    const third = draft.belts[2];
    if (!third) throw new Error("no third belt");
    const fixed = await county().plan.save({
      ...draft,
      belts: [...draft.belts.slice(0, 2), { ...third, stopIds: [...third.stopIds, others[0]?.id ?? 0] }],
    });
    expect(fixed).toMatchObject({ status: "RETURNED", returnReason: "第3条示范带站点偏少" });
    const resubmitted = await county().plan.submit({ unitId: "KECHENG", revision: fixed.revision });
    expect(resubmitted).toMatchObject({ status: "SUBMITTED", version: 3, returnReason: null });
    expect((await city().plan.version({ unitId: "KECHENG", version: 3 })).belts[2]?.stops).toHaveLength(
      third.stopIds.length + 1,
    );

    expect(await outcome(city().plan.accept({ unitId: "KECHENG", version: 2 }))).toBe("CONFLICT");
    const accepted = await city().plan.accept({ unitId: "KECHENG", version: 3 });
    expect(accepted).toMatchObject({ status: "ACCEPTED", version: 3, returnReason: null });
    expect(accepted.versions.map((v) => v.decision)).toEqual(["RETURNED", "RETURNED", "ACCEPTED"]);
    expect(accepted.can.review).toEqual({
      ok: false,
      code: expect.any(String),
      reason: "只有已报送的方案可以审核",
    });
    const compliance = await rule("KECHENG", "MIN_BELTS");
    expect(compliance.unit).toMatchObject({ passed: true, planStatus: "ACCEPTED", planVersion: 3 });
  });

  it("editing the accepted plan makes it a draft again, to be submitted anew", async () => {
    const plan = await county().plan.get({ unitId: "KECHENG" });
    expect(plan.can.edit.ok).toBe(true);
    expect(plan.can.submit).toEqual({
      ok: false,
      code: expect.any(String),
      reason: "方案已通过，没有新的修改需要报送",
    });
    const draft = draftOf(plan);
    const edited = await county().plan.save({
      ...draft,
      belts: draft.belts.map((b, i) => (i === 0 ? { ...b, roundTrip: true } : b)),
    });
    expect(edited).toMatchObject({ status: "DRAFT", version: 3 });
    expect(edited.belts[0]?.roundTrip).toBe(true);
    expect(edited.can.submit.ok).toBe(true);
    expect((await rule("KECHENG", "MIN_BELTS")).unit?.planStatus).toBe("DRAFT");
  });

  it("wrote an audit row for every save, submission and decision, with before and after", async () => {
    const rows = await db.prisma.auditLog.findMany({
      where: { entity: "BeltPlan", entityId: String(planId) },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => r.action)).toEqual([
      "belt.plan.save",
      "belt.plan.submit",
      "belt.plan.return",
      "belt.plan.save",
      "belt.plan.submit",
      "belt.plan.accept",
      "belt.plan.save",
    ]);
    const [save, submit, ret] = rows;
    expect(save).toMatchObject({ role: "COUNTY", region: "unit:KECHENG" });
    expect(save?.before).toMatchObject({ status: "RETURNED", belts: [{}, {}] });
    expect(save?.after).toMatchObject({ status: "RETURNED", belts: [{}, {}, {}] });
    expect(submit?.before).toMatchObject({ status: "RETURNED", version: 1 });
    expect(submit?.after).toMatchObject({ status: "SUBMITTED", version: 2, belts: 3 });
    expect(ret).toMatchObject({ role: "CITY", region: "city" });
    expect(ret?.after).toMatchObject({ status: "RETURNED", version: 2, reason: "第3条示范带站点偏少" });
    expect(rows[5]?.after).toMatchObject({ status: "ACCEPTED", version: 3 });
    expect(rows[6]?.before).toMatchObject({ status: "ACCEPTED" });
    expect(rows[6]?.after).toMatchObject({ status: "DRAFT" });
  });
});

describe("stale saves", () => {
  it("refuses the second of two saves from the same revision and keeps the first", async () => {
    const plan = await county().plan.get({ unitId: "KECHENG" });
    const draft = draftOf(plan);
    const rename = (suffix: string) => ({
      ...draft,
      belts: draft.belts.map((b) => ({ ...b, name: `${b.name}${suffix}` })),
    });
    const first = await county().plan.save(rename("（甲）"));
    expect(first.revision).toBe(plan.revision + 1);
    const before = await stored();
    const stale = await refusal(county().plan.save(rename("（乙）")));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toBe(
      `示范带方案已被他人修改（您编辑的是第 ${plan.revision} 次保存的内容，现为第 ${plan.revision + 1} 次）。您的修改仍保留在页面上，请刷新核对后再保存`,
    );
    expect(await stored()).toEqual(before);
    expect(before.belts.map((b) => b.name)).toEqual(first.belts.map((b) => b.name));
    expect(before.belts.every((b) => b.name.endsWith("（甲）"))).toBe(true);
    // A stale submission is refused the same way.
    expect(await outcome(county().plan.submit({ unitId: "KECHENG", revision: plan.revision }))).toBe(
      "CONFLICT",
    );
  });
});

describe("what a save writes", () => {
  it("keeps the stops in the order given, and deletes a dropped belt with its stops", async () => {
    const plan = await county().plan.get({ unitId: "KECHENG" });
    const { town, others } = await kechengSites();
    const draft = draftOf(plan);
    const [kept, dropped] = draft.belts;
    if (!kept || !dropped?.id) throw new Error("KECHENG has its belts");
    expect(await db.prisma.beltStop.count({ where: { beltId: dropped.id } })).toBeGreaterThan(0);
    const reversed = [...kept.stopIds].reverse();
    const order = [others[2]?.id ?? 0, town.id, others[1]?.id ?? 0, others[3]?.id ?? 0];
    const saved = await county().plan.save({
      ...draft,
      belts: [{ ...kept, stopIds: reversed }, ...draft.belts.slice(2), newBelt("柯城新示范带", order)],
    });
    expect(saved.belts.map((b) => b.id)).not.toContain(dropped.id);
    expect(await db.prisma.belt.findUnique({ where: { id: dropped.id } })).toBeNull();
    expect(await db.prisma.beltStop.count({ where: { beltId: dropped.id } })).toBe(0);
    const belts = await county().belt.list({ unitId: "KECHENG" });
    expect(belts.find((b) => b.id === kept.id)?.stops.map((s) => s.organizationId)).toEqual(reversed);
    const added = belts.find((b) => b.name === "柯城新示范带");
    expect(added?.stops.map((s) => [s.position, s.organizationId])).toEqual(order.map((id, i) => [i, id]));
    // The belts as saved are the belts read back, in the draft's order.
    expect(saved.belts.map((b) => b.stops.map((s) => s.organizationId))).toEqual([
      reversed,
      ...draft.belts.slice(2).map((b) => b.stopIds),
      order,
    ]);
  });

  it("places a center at a site where the site is, whatever coordinates the page sent", async () => {
    const plan = await county().plan.get({ unitId: "KECHENG" });
    const { jingxin } = await kechengSites();
    const saved = await county().plan.save({
      ...draftOf(plan),
      serviceCenter: { name: " 柯城区中心 ", address: "", lng: 1, lat: 1, organizationId: jingxin.id },
    });
    expect(saved.serviceCenter).toMatchObject({
      name: "柯城区中心",
      lng: jingxin.lng,
      lat: jingxin.lat,
      organizationId: jingxin.id,
    });
  });
});

describe("the deadline rule", () => {
  it("keeps KECHENG on time after its late resubmissions: the first submission counts", async () => {
    const { rule: onTime } = await rule("KECHENG", "PLAN_ON_TIME");
    expect(onTime).toMatchObject({
      passed: true,
      deadline: "2026-11-10T15:59:59.999Z",
      submittedAt: "2026-11-08T02:00:00.000Z",
    });
    const versions = await db.prisma.beltPlanVersion.findMany({
      where: { planId },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => v.submittedAt.toISOString())).toEqual([
      "2026-11-08T02:00:00.000Z",
      NOW.toISOString(),
      NOW.toISOString(),
    ]);
  });

  it("fails a unit that has no plan at all, then judges its first submission against the deadline", async () => {
    const removePlan = async (unitId: string) => {
      await db.prisma.beltPlanVersion.deleteMany({ where: { plan: { unitId, cycleId: CURRENT_CYCLE_ID } } });
      await db.prisma.beltPlan.deleteMany({ where: { unitId, cycleId: CURRENT_CYCLE_ID } });
    };
    await removePlan("CHANGSHAN");
    await removePlan("JIANGSHAN");
    for (const unitId of ["CHANGSHAN", "JIANGSHAN"]) {
      const { unit, rule: late } = await rule(unitId, "PLAN_ON_TIME");
      expect(unit).toMatchObject({ passed: false, planStatus: null, planVersion: 0 });
      expect(late).toMatchObject({ passed: false, applicable: true, submittedAt: null });
    }
    const plannerAt = async (unitId: string, at: string) => {
      const username = `${unitId.toLowerCase()}-county`;
      await db.prisma.user.create({
        data: {
          username,
          displayName: `${unitId}两新工委`,
          role: "COUNTY",
          unitId,
          passwordHash: await hashPassword("unused-password"),
        },
      });
      return (await signIn(db, username, () => new Date(at))).call();
    };
    // One second before the end of the deadline day, and one second after it (China time).
    const onTime = await plannerAt("CHANGSHAN", "2026-11-10T23:59:58+08:00");
    const late = await plannerAt("JIANGSHAN", "2026-11-11T00:00:00+08:00");
    const fresh = await onTime.plan.get({ unitId: "CHANGSHAN" });
    expect(fresh).toMatchObject({ status: "DRAFT", version: 0, revision: 0, firstSubmittedAt: null });
    await onTime.plan.submit({ unitId: "CHANGSHAN", revision: 0 });
    await late.plan.submit({ unitId: "JIANGSHAN", revision: 0 });
    expect((await rule("CHANGSHAN", "PLAN_ON_TIME")).rule).toMatchObject({
      passed: true,
      submittedAt: "2026-11-10T15:59:58.000Z",
    });
    expect((await rule("JIANGSHAN", "PLAN_ON_TIME")).rule).toMatchObject({
      passed: false,
      submittedAt: "2026-11-10T16:00:00.000Z",
    });
  });
});

describe("accepting a plan that breaks rules", () => {
  it("a belt copying another's stops is flagged; accepting it needs a reason naming the rules, which is audited", async () => {
    const plan = await county().plan.get({ unitId: "KECHENG" });
    const draft = draftOf(plan);
    const last = draft.belts.at(-1);
    if (!last) throw new Error("no belt");
    const copied = newBelt("柯城“橘乡党建”示范带（二）", [...last.stopIds].reverse());
    const saved = await county().plan.save({ ...draft, belts: [...draft.belts, copied] });
    const duplicate = saved.belts.at(-1);
    expect((await rule("KECHENG", "DISTINCT_BELTS")).rule).toMatchObject({
      passed: false,
      offendingBeltIds: [duplicate?.id],
    });
    const submitted = await county().plan.submit({ unitId: "KECHENG", revision: saved.revision });
    // Whatever else the earlier tests left failing is named too, as the city's compliance shows it.
    const failing = (await city().belt.compliance())
      .find((u) => u.unitId === "KECHENG")
      ?.rules.filter((r) => r.applicable && !r.advisory && !r.passed && r.rule !== "COMMITTEE_CONTACTS")
      .map((r) => r.rule);
    expect(failing).toContain("DISTINCT_BELTS");
    const titles = failing?.map((r) => `“${RULE_TITLES_ZH[r]}”`).join("、");
    const message = `该方案有 ${failing?.length} 项要求未达标（${titles}），通过须填写理由`;
    for (const reason of [undefined, "", "  "]) {
      const refused = await refusal(
        city().plan.accept({ unitId: "KECHENG", version: submitted.version, reason }),
      );
      expect(refused).toMatchObject({ code: "BAD_REQUEST", message });
      expect(refused.issues).toEqual([{ field: "reason", message }]);
    }
    expect((await city().plan.get({ unitId: "KECHENG" })).status).toBe("SUBMITTED");
    const accepted = await city().plan.accept({
      unitId: "KECHENG",
      version: submitted.version,
      reason: " 第二条为夜间参观线路，经研究同意 ",
    });
    expect(accepted.status).toBe("ACCEPTED");
    const row = await db.prisma.auditLog.findFirst({
      where: { entity: "BeltPlan", entityId: String(planId), action: "belt.plan.accept" },
      orderBy: { id: "desc" },
    });
    expect(row?.after).toEqual({
      status: "ACCEPTED",
      version: submitted.version,
      reason: "第二条为夜间参观线路，经研究同意",
      failedRules: failing,
    });
  });

  it("a late first submission needs a reason too: the deadline is one of the rules", async () => {
    const message = "该方案有 1 项要求未达标（“按期报送示范带创建方案”），通过须填写理由";
    expect(await refusal(city().plan.accept({ unitId: "JIANGSHAN", version: 1 }))).toMatchObject({
      code: "BAD_REQUEST",
      message,
    });
    const accepted = await city().plan.accept({
      unitId: "JIANGSHAN",
      version: 1,
      reason: "逾期一天，情况已说明",
    });
    expect(accepted.status).toBe("ACCEPTED");
  });
});
