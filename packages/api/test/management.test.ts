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

  it("township records an upgrade, county approves it, the grade changes and the next date follows it, city files", async () => {
    const pending = (await township.rereview.list({ show: "awaiting" })).rows.find(
      (r) => r.gradeBefore === "GOOD",
    );
    if (!pending) throw new Error("no 良好 re-review pending in the demo township");
    expect(
      await outcome(township.rereview.record({ id: pending.id, suggestion: "UPGRADE", notes: "" })),
    ).toBe("OK");
    const awaiting = (await county.rereview.list({ show: "awaiting" })).rows.find((r) => r.id === pending.id);
    expect(awaiting).toMatchObject({
      status: "REVIEWED",
      suggestion: "UPGRADE",
      suggestedGrade: "EXCELLENT",
      awaitsMe: true,
    });
    // The next re-review was scheduled half a year on (良好), at midnight China time.
    const next = await db.prisma.reReview.findFirstOrThrow({
      where: { organizationId: pending.organizationId, status: "PENDING" },
    });
    expect(next.dueOn.toISOString()).toBe("2027-05-24T16:00:00.000Z");
    // KECHENG has one 优秀 place left in the demo data: the upgrade takes it.
    await county.rereview.decide({ id: pending.id, approve: true, reason: "" });
    const sheet = await county.sheet.get({ organizationId: pending.organizationId });
    expect(sheet.grade).toMatchObject({ grade: "EXCELLENT", official: true, total: null });
    const moved = await db.prisma.reReview.findFirstOrThrow({
      where: { organizationId: pending.organizationId, status: "PENDING" },
    });
    expect(moved).toMatchObject({ gradeBefore: "EXCELLENT" });
    expect(moved.dueOn.toISOString()).toBe("2027-11-24T16:00:00.000Z"); // 优秀: a year
    expect(await outcome(county.rereview.file({ id: pending.id }))).toBe("FORBIDDEN");
    await city.rereview.file({ id: pending.id });
    const filed = await db.prisma.reReview.findUniqueOrThrow({ where: { id: pending.id } });
    expect(filed).toMatchObject({ status: "FILED" });
    const actions = (await county.audit.organization({ organizationId: pending.organizationId })).map(
      (a) => a.action,
    );
    expect(actions.slice(0, 3)).toEqual(["rereview.file", "rereview.approve", "rereview.record"]);
  });

  it("refuses an upgrade past the quota at county level, and a rejection without a reason", async () => {
    const pending = (await township.rereview.list({ show: "awaiting" })).rows.find(
      (r) => r.gradeBefore === "GOOD",
    );
    if (!pending) throw new Error("no second 良好 re-review pending in the demo township");
    await township.rereview.record({ id: pending.id, suggestion: "UPGRADE", notes: "" });
    const full = await county.rereview
      .decide({ id: pending.id, approve: true, reason: "" })
      .catch((e: { message: string }) => e);
    expect((full as { message: string }).message).toContain("已满");
    expect(await outcome(county.rereview.decide({ id: pending.id, approve: false, reason: " " }))).toBe(
      "BAD_REQUEST",
    );
    await county.rereview.decide({ id: pending.id, approve: false, reason: "佐证不足" });
    expect(await db.prisma.reReview.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: "REJECTED",
      decisionReason: "佐证不足",
    });
    expect(await outcome(city.rereview.file({ id: pending.id }))).toBe("PRECONDITION_FAILED");
  });

  it("schedules the next re-review after a decision even when none was scheduled (seeded suggestions)", async () => {
    const seeded = await db.prisma.reReview.findFirstOrThrow({
      where: { status: "REVIEWED", suggestion: "DOWNGRADE", organization: { unitId: "KECHENG" } },
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
    expect(members.length).toBeGreaterThan(0);
    await county.site.assignContact({ organizationId: site.organizationId, memberId: members[0]?.id ?? 0 });
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
    const organizations = await county.map.organizations();
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
    expect(report.organizations).toBe(await db.prisma.organization.count());
    expect(await outcome(township.report.appendix2())).toBe("FORBIDDEN");
  }, 60_000);
});
