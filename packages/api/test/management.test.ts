// Dynamic management (re-reviews), demonstration-site duties, typical practices, users, and 附件2.
import { type Database, verifyPassword } from "@beltmap/db";
import { gradeFromTotal, LABELS_ZH } from "@beltmap/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertXlsxToCsv } from "../src/export/libreoffice.ts";
import { type Caller, openDemoDatabase, outcome, signIn } from "./support.ts";

let db: Database;
let township: Caller;
let county: Caller;
let city: Caller;
let townshipId: string;
const NOW = new Date("2026-11-25T02:00:00Z");

beforeAll(async () => {
  db = await openDemoDatabase();
  township = (await signIn(db, "demo-township", () => NOW)).call();
  county = (await signIn(db, "demo-county", () => NOW)).call();
  city = (await signIn(db, "demo-city", () => NOW)).call();
  townshipId =
    (await db.prisma.user.findUniqueOrThrow({ where: { username: "demo-township" } })).townshipId ?? "";
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe("re-reviews (动态管理)", () => {
  it("lists the township's due and overdue re-reviews on China's calendar, with counts", async () => {
    const list = await township.rereview.list({ show: "open" });
    expect(list.rows.length).toBeGreaterThan(0);
    expect(list.rows.every((r) => r.townshipId === townshipId)).toBe(true);
    const overdue = await township.rereview.list({ show: "overdue" });
    for (const row of overdue.rows) expect(new Date(row.dueOn).getTime()).toBeLessThan(NOW.getTime());
    expect(list.byTownship).toHaveLength(1);
    expect(list.byTownship[0]?.overdue).toBe(overdue.rows.length);
    const countyList = await county.rereview.list({ show: "open" });
    expect(countyList.byTownship.length).toBeGreaterThan(1);
    expect(countyList.byUnit.map((u) => u.id)).toEqual(["KECHENG"]);
  });

  it("township records an upgrade; the next re-review waits for the decision, which restarts the cadence; city files", async () => {
    const pending = (await township.rereview.list({ show: "awaiting" })).rows.find(
      (r) => r.gradeBefore === "PASS",
    );
    if (!pending) throw new Error("no 达标 re-review pending in the demo township");
    expect(
      await outcome(township.rereview.record({ id: pending.id, suggestion: "UPGRADE", notes: "" })),
    ).toBe("OK");
    const awaiting = (await county.rereview.list({ show: "awaiting" })).rows.find((r) => r.id === pending.id);
    expect(awaiting).toMatchObject({
      status: "REVIEWED",
      suggestion: "UPGRADE",
      suggestedGrade: "GOOD",
      nextActor: "COUNTY",
      awaitsMe: true,
    });
    // One open re-review: the one waiting for the county. The next is scheduled when it is decided.
    expect(
      await db.prisma.reReview.count({
        where: { organizationId: pending.organizationId, status: "PENDING" },
      }),
    ).toBe(0);
    const decided = await county.rereview.decide({ id: pending.id, approve: true, reason: "" });
    expect(decided).toMatchObject({ status: "APPROVED", delisting: [] });
    const sheet = await county.sheet.get({ organizationId: pending.organizationId });
    expect(sheet.grade).toMatchObject({
      grade: "GOOD",
      official: true,
      total: null,
      source: "REREVIEW_ADJUSTMENT",
    });
    const next = await db.prisma.reReview.findFirstOrThrow({
      where: { organizationId: pending.organizationId, status: "PENDING" },
    });
    expect(next).toMatchObject({ gradeBefore: "GOOD" });
    // 良好: half a year from the grade change, at midnight China time.
    expect(next.dueOn.toISOString()).toBe("2027-05-24T16:00:00.000Z");
    expect(await outcome(county.rereview.file({ id: pending.id }))).toBe("FORBIDDEN");
    const toFile = (await city.rereview.list({ show: "awaiting" })).rows.find((r) => r.id === pending.id);
    expect(toFile).toMatchObject({ status: "APPROVED", nextActor: "CITY" });
    await city.rereview.file({ id: pending.id });
    const filed = await db.prisma.reReview.findUniqueOrThrow({ where: { id: pending.id } });
    expect(filed).toMatchObject({ status: "FILED" });
    const actions = (await county.audit.organization({ organizationId: pending.organizationId })).map(
      (a) => a.action,
    );
    expect(actions.slice(0, 3)).toEqual(["rereview.file", "rereview.approve", "rereview.record"]);
  });

  it("sends an upgrade to 优秀 over 柯城区's full quota to the city, which decides it over quota with a reason", async () => {
    // The demo township's 良好 organisation the township has suggested upgrading (seeded).
    const row = (await county.rereview.list({ show: "awaiting" })).rows.find(
      (r) => r.suggestedGrade === "EXCELLENT" && r.townshipId === townshipId,
    );
    if (!row) throw new Error("no upgrade to 优秀 waiting for the county in the demo township");
    const quotaBefore = (await county.sheet.get({ organizationId: row.organizationId })).quota;
    expect(quotaBefore).toMatchObject({ quota: 12, used: 12, reached: true });
    const sent = await county.rereview.decide({ id: row.id, approve: true, reason: "示范作用明显" });
    expect(sent.status).toBe("ESCALATED");
    // Nothing changed yet; the county cannot decide it again; the city sees it waiting.
    expect((await county.sheet.get({ organizationId: row.organizationId })).grade?.grade).toBe("GOOD");
    const again = await county.rereview
      .decide({ id: row.id, approve: true, reason: "" })
      .catch((e: { code: string; message: string }) => e);
    expect(again).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((again as { message: string }).message).toContain("不在待县级审核状态");
    const waiting = (await city.rereview.list({ show: "awaiting" })).rows.find((r) => r.id === row.id);
    expect(waiting).toMatchObject({ status: "ESCALATED", nextActor: "CITY", decisionReason: "示范作用明显" });
    expect(await outcome(county.rereview.cityDecide({ id: row.id, approve: true }))).toBe("FORBIDDEN");
    expect(await outcome(city.rereview.file({ id: row.id }))).toBe("PRECONDITION_FAILED");
    const noReason = await city.rereview
      .cityDecide({ id: row.id, approve: true })
      .catch((e: { code: string; issues?: { field: string }[] }) => e);
    expect(noReason).toMatchObject({ code: "BAD_REQUEST", issues: [{ field: "overQuotaReason" }] });
    const decided = await city.rereview.cityDecide({
      id: row.id,
      approve: true,
      overQuotaReason: "该企业获评省级示范，经工委会议研究同意超额",
    });
    expect(decided).toMatchObject({ status: "APPROVED", overQuota: true });
    const sheet = await city.sheet.get({ organizationId: row.organizationId });
    expect(sheet.grade).toMatchObject({ grade: "EXCELLENT", source: "REREVIEW_ADJUSTMENT" });
    expect(sheet.quota).toMatchObject({ used: 13, exceeded: true });
    const record = await db.prisma.gradeRecord.findFirstOrThrow({
      where: { organizationId: row.organizationId, source: "REREVIEW_ADJUSTMENT" },
    });
    expect(record.quotaOverrideReason).toBe("该企业获评省级示范，经工委会议研究同意超额");
    await city.rereview.file({ id: row.id });
    const actions = (await city.audit.organization({ organizationId: row.organizationId })).map(
      (a) => a.action,
    );
    expect(actions.slice(0, 3)).toEqual([
      "rereview.file",
      "rereview.cityApprove.override",
      "rereview.escalate",
    ]);
    // One open re-review again: the next, a year after the grade became 优秀.
    const open = await db.prisma.reReview.findMany({
      where: { organizationId: row.organizationId, status: { in: ["PENDING", "ESCALATED"] } },
    });
    expect(open.map((r) => [r.status, r.gradeBefore, r.dueOn.toISOString()])).toEqual([
      ["PENDING", "EXCELLENT", "2027-11-24T16:00:00.000Z"],
    ]);
  });

  it("lets the city refuse an escalated upgrade, only with a reason", async () => {
    const row = (await city.rereview.list({ show: "awaiting" })).rows.find((r) => r.status === "ESCALATED");
    if (!row) throw new Error("no escalated upgrade in the demo data");
    expect(await outcome(city.rereview.cityDecide({ id: row.id, approve: false, reason: " " }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await city.rereview.cityDecide({ id: row.id, approve: false, reason: "名额已满，明年再评" }),
    ).toMatchObject({ status: "REJECTED", overQuota: false });
    expect(await outcome(city.rereview.cityDecide({ id: row.id, approve: false, reason: "再次" }))).toBe(
      "PRECONDITION_FAILED",
    );
    const next = await db.prisma.reReview.findFirstOrThrow({
      where: { organizationId: row.organizationId, status: "PENDING" },
    });
    expect(next.gradeBefore).toBe(row.gradeBefore);
  });

  it("delists (摘牌) a 示范点 the county downgrades, saying first what it takes away", async () => {
    const row = (await county.rereview.list({ show: "awaiting" })).rows.find(
      (r) => r.suggestion === "DOWNGRADE" && r.gradeBefore === "EXCELLENT",
    );
    if (!row) throw new Error("no downgrade of a 示范点 waiting for the county");
    expect(row.delisting?.texts[0]).toContain("摘去“两新党建示范点”牌子");
    const before = await county.site.list();
    expect(before.rows.some((r) => r.organizationId === row.organizationId)).toBe(true);
    const decided = await county.rereview.decide({ id: row.id, approve: true, reason: "" });
    expect(decided.status).toBe("APPROVED");
    expect(decided.delisting).toEqual(row.delisting?.texts);
    const org = await db.prisma.organization.findUniqueOrThrow({ where: { id: row.organizationId } });
    expect(org).toMatchObject({ countyDualManaged: false, cityDualManaged: false });
    expect(
      await db.prisma.committeeContact.count({ where: { organizationId: row.organizationId, cycleId: 2 } }),
    ).toBe(0);
    const practice = await db.prisma.typicalPractice.findFirst({
      where: { organizationId: row.organizationId, cycleId: 2 },
    });
    if (practice) expect(practice.releasedAt).not.toBeNull();
    // No longer a 示范点: off the sites list, its member free.
    const after = await county.site.list();
    expect(after.rows.some((r) => r.organizationId === row.organizationId)).toBe(false);
    const kecheng = (await county.dashboard.summary()).perUnit.find((u) => u.unitId === "KECHENG");
    expect(kecheng?.roster.membersWithoutSite).toBeGreaterThan(0);
    // The city files it, seeing the same list.
    const toFile = (await city.rereview.list({ show: "awaiting" })).rows.find((r) => r.id === row.id);
    expect(toFile?.delisting?.texts).toEqual(row.delisting?.texts);
    await city.rereview.file({ id: row.id });
    const audit = await db.prisma.auditLog.findFirst({
      where: { action: "site.delist", entityId: String(row.organizationId) },
    });
    expect(audit?.after).toMatchObject({ grade: "GOOD" });
  });

  it("schedules the next re-review after a decision even when none was scheduled (seeded suggestions)", async () => {
    const seeded = await db.prisma.reReview.findFirstOrThrow({
      where: {
        status: "REVIEWED",
        suggestion: { not: "NONE" },
        gradeBefore: { not: "EXCELLENT" },
        suggestedGrade: { not: "EXCELLENT" },
        organization: { unitId: "KECHENG" },
      },
    });
    await db.prisma.reReview.deleteMany({
      where: { organizationId: seeded.organizationId, status: "PENDING" },
    });
    await county.rereview.decide({ id: seeded.id, approve: false, reason: "维持原等次" });
    const next = await db.prisma.reReview.findFirstOrThrow({
      where: { organizationId: seeded.organizationId, status: "PENDING" },
    });
    expect(next.gradeBefore).toBe(seeded.gradeBefore);
    const row = (await county.rereview.list({ show: "all" })).rows.find((r) => r.id === seeded.id);
    expect(row).toMatchObject({
      status: "REJECTED",
      decisionReason: "维持原等次",
      decidedAt: NOW.toISOString(),
    });
  });

  it("refuses an upgrade of 优秀 and out-of-order steps", async () => {
    const list = (await township.rereview.list({ show: "awaiting" })).rows;
    const excellent = list.find((r) => r.gradeBefore === "EXCELLENT");
    if (excellent) {
      expect(
        await outcome(township.rereview.record({ id: excellent.id, suggestion: "UPGRADE", notes: "" })),
      ).toBe("BAD_REQUEST");
    }
    const any = list[0];
    if (!any) throw new Error("nothing pending");
    expect(await outcome(county.rereview.decide({ id: any.id, approve: true, reason: "" }))).toBe(
      "PRECONDITION_FAILED",
    );
  });
});

describe("demonstration sites and typical practices", () => {
  it("shows each site's three duties, and the county fixes one", async () => {
    const sites = await county.site.list();
    const gap = sites.rows.find((r) => !r.countyDualManaged);
    const site = gap ?? sites.rows[0];
    if (!site) throw new Error("KECHENG has no site");
    expect(site.duties.map((d) => d.duty)).toEqual([
      "COUNTY_DUAL_MANAGEMENT",
      "COMMITTEE_CONTACT",
      "ON_A_BELT",
    ]);
    await county.site.setCountyDualManaged({ organizationId: site.organizationId, value: true });
    const members = await county.site.members({ unitId: "KECHENG" });
    // Every member links a site already: picking one that links another is refused, by name.
    const busy = members.find((m) => m.linkedSites.some((l) => l.organizationId !== site.organizationId));
    const refused = await county.site
      .assignContact({ organizationId: site.organizationId, memberId: busy?.id ?? 0 })
      .catch((e: { message: string }) => e);
    expect((refused as { message: string }).message).toMatch(/已联系“.+”，每位委员只联系一家示范点/);
    const { id: newcomer } = await county.roster.create({
      unitId: "KECHENG",
      name: "钱立新",
      title: "区两新工委委员",
    });
    await county.site.assignContact({ organizationId: site.organizationId, memberId: newcomer });
    const after = (await county.site.list()).rows.find((r) => r.organizationId === site.organizationId);
    expect(after?.duties.slice(0, 2).map((d) => d.met)).toEqual([true, true]);
    expect(
      await outcome(county.site.assignContact({ organizationId: site.organizationId, memberId: 999_999 })),
    ).toBe("BAD_REQUEST");
  });

  it("lets the city select practices among 优秀 up to the unit's practice quota, making them city dual-managed", async () => {
    const sites = await city.site.list({ unitId: "JIANGSHAN" });
    const quota = sites.practiceQuotas[0];
    if (!quota) throw new Error("no practice quota for JIANGSHAN");
    const free = sites.rows.filter((r) => r.practiceTitle === null);
    for (const site of free.slice(0, quota.remaining)) {
      await city.site.selectPractice({ organizationId: site.organizationId, title: "红色引擎工程" });
    }
    const full = await city.site.list({ unitId: "JIANGSHAN" });
    expect(full.practiceQuotas[0]).toMatchObject({ used: quota.quota, reached: true });
    const another = full.rows.find((r) => r.practiceTitle === null);
    if (another) {
      const refused = await city.site
        .selectPractice({ organizationId: another.organizationId, title: "x" })
        .catch((e: { message: string }) => e);
      expect((refused as { message: string }).message).toContain("名额已满");
    }
    const chosen = full.rows.find((r) => r.practiceTitle === "红色引擎工程");
    expect(chosen?.cityDualManaged).toBe(true);
    const good = await db.prisma.gradeRecord.findFirstOrThrow({
      where: { grade: "GOOD", organization: { unitId: "JIANGSHAN" } },
    });
    await city.site.unselectPractice({ organizationId: chosen?.organizationId ?? 0 });
    const notExcellent = await city.site
      .selectPractice({ organizationId: good.organizationId, title: "x" })
      .catch((e: { message: string }) => e);
    expect((notExcellent as { message: string }).message).toContain("评定为优秀");
  });
});

describe("users", () => {
  it("the city creates, disables and re-enables an account; disabled users lose their sessions", async () => {
    const created = await city.user.create({
      username: "kh-county",
      displayName: "开化县两新工委",
      password: "a-long-enough-password",
      role: "COUNTY",
      unitId: "KAIHUA",
      townshipId: null,
      organizationId: null,
    });
    expect(created).toMatchObject({ role: "COUNTY", regionName: "开化县", disabled: false });
    const stored = await db.prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored.passwordHash, "a-long-enough-password")).toBe(true);
    const theirs = await signIn(db, "kh-county");
    expect((await theirs.call().auth.me()).regionName).toBe("开化县");
    await city.user.update({ ...created, disabled: true });
    expect(await outcome(theirs.call().auth.me())).toBe("UNAUTHORIZED");
    expect(await db.prisma.session.count({ where: { userId: created.id } })).toBe(0);
  });

  it("names the field at fault", async () => {
    const noUnit = await city.user
      .create({
        username: "x-county",
        displayName: "x",
        password: "a-long-enough-password",
        role: "COUNTY",
        unitId: null,
        townshipId: null,
        organizationId: null,
      })
      .catch((e: { message: string }) => e);
    expect((noUnit as { message: string }).message).toBe("县级用户须指定所属单位");
    const short = await city.user
      .create({
        username: "x-city",
        displayName: "x",
        password: "short",
        role: "CITY",
        unitId: null,
        townshipId: null,
        organizationId: null,
      })
      .catch((e: { message: string }) => e);
    expect((short as { message: string }).message).toContain("密码至少");
    const dup = await outcome(
      city.user.create({
        username: "demo-city",
        displayName: "x",
        password: "a-long-enough-password",
        role: "CITY",
        unitId: null,
        townshipId: null,
        organizationId: null,
      }),
    );
    expect(dup).toBe("BAD_REQUEST");
  });

  it("keeps at least one enabled city account", async () => {
    const me = await city.auth.me();
    const others = await db.prisma.user.findMany({ where: { role: "CITY", id: { not: me.id } } });
    expect(others).toEqual([]);
    const refused = await city.user
      .update({
        id: me.id,
        displayName: me.displayName,
        disabled: true,
        role: "CITY",
        unitId: null,
        townshipId: null,
        organizationId: null,
      })
      .catch((e: { message: string }) => e);
    expect((refused as { message: string }).message).toContain("至少须保留一个");
  });
});

describe("附件2 初评结果汇总表", () => {
  it("exports the county's unit: LibreOffice reads every organisation with the totals the API reports", async () => {
    const report = await county.report.appendix2();
    expect(report.fileName).toMatch(/^附件2_初评结果汇总表_柯城区_2026-11-25\.xlsx$/);
    const csv = await convertXlsxToCsv(Buffer.from(report.base64, "base64"));
    // 争创对象 only: the others are not scored.
    const organizations = (await county.map.organizations()).filter((o) => o.competitor);
    expect(report.organizations).toBe(organizations.length);
    for (const org of organizations) {
      const sheet = await county.sheet.get({ organizationId: org.id });
      const line = csv.split("\n").find((l) => l.includes(org.name));
      expect(line, org.name).toBeDefined();
      const submitted = sheet.stages.filter((s) => s.status === "SUBMITTED" && s.stage !== "CITY_FINAL");
      const cells = line?.split(",") ?? [];
      // 序号, 名称, 乡镇, 自评, 复核, 初评, 等次, 意见: the totals in their columns, blank when not submitted.
      const expected = ["SELF", "TOWNSHIP_REVIEW", "COUNTY_INITIAL"].map((stage) => {
        const total = submitted.find((s) => s.stage === stage)?.total;
        return total === undefined || total === null ? "" : total.toFixed(1);
      });
      expect(cells.slice(3, 6), org.name).toEqual(expected);
      const initial = submitted.find((s) => s.stage === "COUNTY_INITIAL")?.total;
      expect(cells[6], org.name).toBe(
        initial === undefined || initial === null ? "" : LABELS_ZH.grade[gradeFromTotal(initial)],
      );
    }
    expect(csv).toContain("填报单位（盖章）：柯城区");
  }, 60_000);

  it("exports every unit for the city, and nothing for a township", async () => {
    const report = await city.report.appendix2();
    expect(report.organizations).toBe(
      await db.prisma.organization.count({ where: { setupKind: "SINGLE", entityOperated: true } }),
    );
    expect(await outcome(township.report.appendix2())).toBe("FORBIDDEN");
  }, 60_000);
});
