// A whole campaign year walked through the API, the same on PGlite and on PostgreSQL: the city opens
// a cycle; organisations go through the four stages; the county reports 附件2; the city determines
// the grades and the re-review cadence starts on the right China day; the clock moves on and a
// re-review falls overdue; an upgrade over a full quota goes from the township through the county to
// the city, which decides it over quota with a reason and files it; a 示范点 is downgraded (摘牌) and
// everything that hangs on it is recounted; then the next cycle opens and exactly what should carry
// over does. Bad input along the way is refused with its Chinese message, and writes nothing.
import { type Database, hashPassword } from "@beltmap/db";
import { countyLabelPoint } from "@beltmap/geo";
import { expect } from "vitest";
import { type Caller, expectStoredGradesMatch, outcome, sheetOf, signIn } from "./support.ts";

const UNIT = "KECHENG";
const QUOTA = { excellent: 2, practice: 1 };

/** The campaign's clock, moved by the walk: every call signs in afresh at the current instant. */
class Clock {
  constructor(private at: Date) {}
  now = () => this.at;
  set(iso: string) {
    this.at = new Date(iso);
  }
}

type Org = { id: number; name: string; username: string };

const DRAFT = (year: number, overrides: Record<string, unknown> = {}) => ({
  year,
  name: `${year}年度“百企示范、千企争先”行动`,
  startsOn: `${year}-01-01`,
  endsOn: `${year}-12-31`,
  beltPlanDeadline: `${year}-08-10`,
  initialSummaryDeadline: `${year}-09-20`,
  targets: { excellent: 100, practices: 50, good: 400, pass: 600, fail: 100 },
  quotas: [] as { unitId: string; excellentQuota: number; practiceQuota: number; reason: string }[],
  ...overrides,
});

async function appendix3Quotas(db: Database, tighter: boolean) {
  const units = await db.prisma.unit.findMany({ orderBy: { sortOrder: "asc" } });
  return units.map((u) => ({
    unitId: u.id,
    excellentQuota: tighter && u.id === UNIT ? QUOTA.excellent : u.excellentQuota,
    practiceQuota: tighter && u.id === UNIT ? QUOTA.practice : u.practiceQuota,
    reason: tighter && u.id === UNIT ? "试点年度，柯城区名额收紧" : "",
  }));
}

/**
 * The cast on a database holding the reference data and a city account "city": 柯城区's county and
 * township accounts, five organisations of one township (one a 特色小镇) with an account each.
 */
async function castOf(db: Database) {
  const township = await db.prisma.township.findFirstOrThrow({
    where: { unitId: UNIT, countyCode: "330802" },
    orderBy: { id: "asc" },
  });
  const [lng, lat] = countyLabelPoint("330802");
  const passwordHash = await hashPassword("unused-password");
  await db.prisma.user.createMany({
    data: [
      { username: "kc-county", displayName: "柯城区两新工委", role: "COUNTY", unitId: UNIT, passwordHash },
      {
        username: "kc-township",
        displayName: township.name,
        role: "TOWNSHIP",
        townshipId: township.id,
        passwordHash,
      },
    ],
  });
  const orgs: Org[] = [];
  for (const [i, name] of ["甲", "乙", "丙", "丁", "戊"].entries()) {
    const org = await db.prisma.organization.create({
      data: {
        name: `${name}公司党支部`,
        kind: i === 4 ? "SPECIAL_TOWN" : "ENTERPRISE",
        unitId: UNIT,
        townshipId: township.id,
        countyCode: "330802",
        lng: lng + i * 0.002,
        lat,
        address: "柯城区测试路",
        memberCount: 10,
      },
    });
    const username = `org-${i}`;
    await db.prisma.user.create({
      data: { username, displayName: org.name, role: "ORG", organizationId: org.id, passwordHash },
    });
    orgs.push({ id: org.id, name: org.name, username });
  }
  return { orgs, townshipId: township.id };
}

export async function walkACampaignYear(db: Database): Promise<void> {
  const clock = new Clock(new Date("2027-01-04T09:00:00+08:00"));
  const as = async (username: string): Promise<Caller> => (await signIn(db, username, clock.now)).call();
  const { orgs } = await castOf(db);
  const [a, b, c, d, town] = orgs as [Org, Org, Org, Org, Org];

  // ——— The city opens 2027: bad drafts are refused by field, nothing is written ———
  const city = await as("city");
  const cyclesBefore = await db.prisma.evaluationCycle.count();
  const quotas = await appendix3Quotas(db, true);
  const refusals = [
    [
      DRAFT(2027, { quotas, startsOn: "2017-06-01" }),
      "startsOn",
      "与 2017 年度（2017-01-01 至 2017-12-31）时间重叠",
    ],
    [
      DRAFT(2027, { quotas, initialSummaryDeadline: "2027-08-01" }),
      "initialSummaryDeadline",
      "不能早于示范带创建方案报送截止日",
    ],
    [
      DRAFT(2027, { quotas: quotas.map((q) => ({ ...q, reason: "" })) }),
      "quotas[3].reason",
      "须填写调整理由",
    ],
    [DRAFT(2017, { quotas }), "year", "2017 年度已存在"],
  ] as const;
  for (const [draft, field, message] of refusals) {
    const refused = await city.cycle
      .open(draft)
      .catch((e: { code: string; message: string; issues?: { field: string; message: string }[] }) => e);
    expect(refused, field).toMatchObject({ code: "BAD_REQUEST" });
    const issue = (refused as { issues: { field: string; message: string }[] }).issues.find(
      (i) => i.field === field,
    );
    expect(issue?.message, field).toContain(message);
  }
  expect(await db.prisma.evaluationCycle.count()).toBe(cyclesBefore);

  const opened = await city.cycle.open(DRAFT(2027, { quotas }));
  expect(opened.cycle).toMatchObject({
    year: 2027,
    isCurrent: true,
    startsOn: "2027-01-01",
    endsOn: "2027-12-31",
  });
  const cycle2027 = opened.cycle.id;
  const cycles = await city.cycle.list();
  expect(cycles.map((c) => [c.year, c.isCurrent])).toEqual([
    [2027, true],
    [2017, false],
  ]);
  expect((await city.cycle.get()).quotas.find((q) => q.unitId === UNIT)).toMatchObject({
    excellentQuota: 2,
    practiceQuota: 1,
    reason: "试点年度，柯城区名额收紧",
  });

  // ——— The four stages ———
  const totals = new Map([
    [a.id, 95],
    [b.id, 92],
    [c.id, 85],
    [d.id, 70],
  ]);
  clock.set("2027-06-15T10:00:00+08:00");
  for (const org of [a, b, c, d]) {
    const total = totals.get(org.id) ?? 0;
    await (await as(org.username)).sheet.submit({
      organizationId: org.id,
      stage: "SELF",
      version: 0,
      items: sheetOf(total),
    });
  }
  // The 特色小镇 is not a 争创对象 this year: 联建. Nobody may score it.
  await db.prisma.organization.update({ where: { id: town.id }, data: { setupKind: "JOINT" } });
  const notScored = await (await as(town.username)).sheet
    .save({ organizationId: town.id, stage: "SELF", version: 0, items: sheetOf(60) })
    .catch((e: { code: string; message: string }) => e);
  expect(notScored).toMatchObject({ code: "PRECONDITION_FAILED" });
  expect((notScored as { message: string }).message).toContain("联建");
  clock.set("2027-08-20T10:00:00+08:00");
  const township = await as("kc-township");
  for (const org of [a, b, c, d])
    await township.sheet.submit({
      organizationId: org.id,
      stage: "TOWNSHIP_REVIEW",
      version: 0,
      items: sheetOf(totals.get(org.id) ?? 0),
    });
  clock.set("2027-09-10T10:00:00+08:00");
  const county = await as("kc-county");
  for (const org of [a, b, c, d])
    await county.sheet.submit({
      organizationId: org.id,
      stage: "COUNTY_INITIAL",
      version: 0,
      items: sheetOf(totals.get(org.id) ?? 0),
      opinion: "同意复核结果",
    });

  await expectStoredGradesMatch(db, "after the four stages");

  // ——— 附件2: reported on time, received; once received it cannot be resubmitted ———
  clock.set("2027-09-18T10:00:00+08:00");
  expect(await county.appendix2.warnings({ unitId: UNIT })).toEqual([]);
  expect(await county.appendix2.submit({ unitId: UNIT })).toEqual({ version: 1 });
  clock.set("2027-09-19T10:00:00+08:00");
  const cityNow = await as("city");
  await cityNow.appendix2.receive({ unitId: UNIT, version: 1 });
  const reported = (await cityNow.appendix2.status()).units.find((u) => u.unitId === UNIT);
  expect(reported).toMatchObject({ status: "RECEIVED", nextActor: null, timeliness: { state: "ON_TIME" } });
  const resubmitted = await (await as("kc-county")).appendix2
    .submit({ unitId: UNIT })
    .catch((e: { code: string; message: string }) => e);
  expect(resubmitted).toMatchObject({
    code: "PRECONDITION_FAILED",
    message: "附件2已被市委两新工委接收，不能再次报送",
  });
  expect(await db.prisma.appendix2Submission.count({ where: { cycleId: cycle2027 } })).toBe(1);

  // ——— 评定: the cadence starts at the determination, on China days ———
  const determine = async (org: Org, at: string, overrideReason?: string) => {
    clock.set(at);
    return (await as("city")).sheet.submit({
      organizationId: org.id,
      stage: "CITY_FINAL",
      version: 0,
      items: sheetOf(totals.get(org.id) ?? 0),
      overrideReason,
    });
  };
  await determine(a, "2027-10-20T10:00:00+08:00");
  const bSheet = await determine(b, "2027-10-20T23:30:00+08:00"); // 15:30 UTC: still the 20th in China
  expect(bSheet.quota).toMatchObject({ quota: 2, used: 2, reached: true, exceeded: false });
  await determine(c, "2027-10-31T09:00:00+08:00"); // 良好: six months on, 4月30日
  await determine(d, "2027-11-15T09:00:00+08:00"); // 达标: due 2028-05-15
  const pendingOf = async (org: Org) =>
    db.prisma.reReview.findMany({ where: { organizationId: org.id, status: "PENDING" } });
  expect((await pendingOf(a)).map((r) => [r.gradeBefore, r.dueOn.toISOString()])).toEqual([
    ["EXCELLENT", "2028-10-19T16:00:00.000Z"], // 2028-10-20, China
  ]);
  expect((await pendingOf(b)).map((r) => r.dueOn.toISOString())).toEqual(["2028-10-19T16:00:00.000Z"]);
  expect((await pendingOf(c)).map((r) => [r.gradeBefore, r.dueOn.toISOString()])).toEqual([
    ["GOOD", "2028-04-29T16:00:00.000Z"], // 2028-04-30, China
  ]);
  expect((await pendingOf(d)).map((r) => r.gradeBefore)).toEqual(["PASS"]);
  expect(await db.prisma.reReview.count({ where: { organizationId: town.id } })).toBe(0);

  await expectStoredGradesMatch(db, "after 评定");

  // ——— The clock moves: due on 4月30日, overdue by one day on 5月1日 ———
  clock.set("2028-04-30T23:00:00+08:00");
  const onTheDay = (await (await as("kc-township")).rereview.list({ show: "open" })).rows.find(
    (r) => r.organizationId === c.id,
  );
  expect(onTheDay).toMatchObject({ dueState: "DUE_SOON", daysOverdue: 0 });
  clock.set("2028-05-01T09:00:00+08:00");
  const overdue = (await (await as("kc-township")).rereview.list({ show: "overdue" })).rows;
  expect(overdue.map((r) => [r.organizationId, r.daysOverdue])).toEqual([[c.id, 1]]);

  // ——— An upgrade over the full quota: township → county → city (over quota, with a reason) → 备案 ———
  const review = overdue[0];
  if (!review) throw new Error("no overdue re-review");
  await (await as("kc-township")).rereview.record({
    id: review.id,
    suggestion: "UPGRADE",
    notes: "成效突出",
  });
  clock.set("2028-05-06T10:00:00+08:00");
  const escalated = await (await as("kc-county")).rereview.decide({
    id: review.id,
    approve: true,
    reason: "同意升级",
  });
  expect(escalated.status).toBe("ESCALATED");
  const decidedTwice = await (await as("kc-county")).rereview
    .decide({ id: review.id, approve: true, reason: "" })
    .catch((e: { code: string; message: string }) => e);
  expect(decidedTwice).toMatchObject({ code: "PRECONDITION_FAILED" });
  expect((decidedTwice as { message: string }).message).toContain("不在待县级审核状态");
  clock.set("2028-05-10T10:00:00+08:00");
  const cityDecides = await as("city");
  expect(await outcome(cityDecides.rereview.cityDecide({ id: review.id, approve: true }))).toBe(
    "BAD_REQUEST",
  );
  expect(
    await cityDecides.rereview.cityDecide({
      id: review.id,
      approve: true,
      overQuotaReason: "经工委会议研究同意超额",
    }),
  ).toMatchObject({ status: "APPROVED", overQuota: true });
  await cityDecides.rereview.file({ id: review.id });
  const cNow = await cityDecides.sheet.get({ organizationId: c.id });
  expect(cNow.grade).toMatchObject({ grade: "EXCELLENT", official: true, source: "REREVIEW_ADJUSTMENT" });
  expect(cNow.quota).toMatchObject({ used: 3, exceeded: true });
  expect((await pendingOf(c)).map((r) => [r.gradeBefore, r.dueOn.toISOString()])).toEqual([
    ["EXCELLENT", "2029-05-09T16:00:00.000Z"], // a year from the grade change, 2029-05-10 China
  ]);

  await expectStoredGradesMatch(db, "after the escalated upgrade");

  // ——— A's duties as a 示范点: practice, dual management, contact, a belt; the plan accepted ———
  clock.set("2028-06-01T10:00:00+08:00");
  const cityDuty = await as("city");
  await cityDuty.site.selectPractice({ organizationId: a.id, title: "红色引擎工作法" });
  const practiceFull = await cityDuty.site
    .selectPractice({ organizationId: b.id, title: "另一个" })
    .catch((e: { message: string }) => e);
  expect((practiceFull as { message: string }).message).toContain("名额已满");
  const countyDuty = await as("kc-county");
  await countyDuty.site.setCountyDualManaged({ organizationId: a.id, value: true });
  const { id: member1 } = await countyDuty.roster.create({
    unitId: UNIT,
    name: "赵一",
    title: "区两新工委委员",
  });
  const { id: member2 } = await countyDuty.roster.create({
    unitId: UNIT,
    name: "钱二",
    title: "区两新工委委员",
  });
  const { id: member3 } = await countyDuty.roster.create({
    unitId: UNIT,
    name: "孙三",
    title: "区两新工委委员",
  });
  await countyDuty.site.assignContact({ organizationId: a.id, memberId: member1 });
  await countyDuty.site.assignContact({ organizationId: b.id, memberId: member2 });
  await countyDuty.roster.link({ memberId: member3, organizationId: c.id });
  const contactsBefore = await db.prisma.committeeContact.count();
  const twoSites = await countyDuty.site
    .assignContact({ organizationId: b.id, memberId: member1 })
    .catch((e: { code: string; message: string }) => e);
  expect(twoSites).toMatchObject({ code: "BAD_REQUEST" });
  expect((twoSites as { message: string }).message).toBe(
    `赵一已联系“${a.name}”，每位委员只联系一家示范点；请先解除原联系点`,
  );
  expect(await db.prisma.committeeContact.count()).toBe(contactsBefore);
  const plan = await countyDuty.plan.get({ unitId: UNIT });
  const [lng, lat] = countyLabelPoint("330802");
  const belt = (name: string, stopIds: number[]) => ({
    id: null,
    name,
    theme: "",
    kind: "ORDINARY" as const,
    roundTrip: false,
    stopIds,
  });
  const saved = await countyDuty.plan.save({
    unitId: UNIT,
    revision: plan.revision,
    belts: [
      belt("甲乙示范带", [a.id, town.id]),
      belt("乙丙示范带", [b.id, town.id]),
      belt("丙示范带", [c.id, town.id]),
    ],
    serviceCenter: { name: "柯城区党群服务中心", address: "", lng, lat, organizationId: null },
  });
  await countyDuty.plan.submit({ unitId: UNIT, revision: saved.revision });
  // Submitted after the year's deadline: the city accepts a late plan only with a written reason.
  const lateWithoutReason = await (await as("city")).plan
    .accept({ unitId: UNIT, version: 1 })
    .catch((e: { code: string; message: string }) => e);
  expect(lateWithoutReason).toMatchObject({
    code: "BAD_REQUEST",
    message: "该方案有 1 项要求未达标（“按期报送示范带创建方案”），通过须填写理由",
  });
  await (await as("city")).plan.accept({ unitId: UNIT, version: 1, reason: "年中补报，经研究同意" });
  const rulesOf = async () =>
    Object.fromEntries(
      ((await (await as("city")).belt.compliance()).find((u) => u.unitId === UNIT)?.rules ?? []).map((r) => [
        r.rule,
        r,
      ]),
    );
  const before = await rulesOf();
  expect(before.EVERY_SITE_ON_A_BELT).toMatchObject({ passed: true, expected: 3, actual: 3 });
  expect(before.COMMITTEE_CONTACTS).toMatchObject({ passed: true, expected: 3, actual: 3 });
  // After acceptance the county keeps drafting: that draft is not what the next year copies.
  const accepted = await countyDuty.plan.get({ unitId: UNIT });
  await countyDuty.plan.save({
    unitId: UNIT,
    revision: accepted.revision,
    belts: [
      ...accepted.belts.map((x) => ({
        id: x.id,
        name: x.name,
        theme: x.theme,
        kind: x.kind,
        roundTrip: x.roundTrip,
        stopIds: x.stops.map((s) => s.organizationId),
      })),
      belt("草稿中的第四条", [d.id, town.id]),
    ],
    serviceCenter: accepted.serviceCenter && { ...accepted.serviceCenter },
  });

  // ——— A downgraded: 摘牌, shown to the county before it confirms and to the city when it files ———
  clock.set("2028-10-21T10:00:00+08:00");
  const aReview = (await (await as("kc-township")).rereview.list({ show: "overdue" })).rows.find(
    (r) => r.organizationId === a.id,
  );
  if (!aReview) throw new Error("A's re-review is not overdue");
  await (await as("kc-township")).rereview.record({
    id: aReview.id,
    suggestion: "DOWNGRADE",
    notes: "示范作用下降",
  });
  const countyDelists = await as("kc-county");
  const preview = (await countyDelists.rereview.list({ show: "awaiting" })).rows.find(
    (r) => r.id === aReview.id,
  );
  expect(preview?.delisting?.texts).toEqual([
    "降为良好，摘去“两新党建示范点”牌子，不再计入本单位优秀创建名额",
    "退出县级双重管理",
    "典型做法《红色引擎工作法》撤销，释放本单位的典型做法名额",
    "退出市级双重管理",
    "赵一不再以其为联系点，可改联系其他示范点",
    "仍留在示范带“甲乙示范带”上，但不再计为示范点，示范带规则重新核算",
  ]);
  const delisted = await countyDelists.rereview.decide({ id: aReview.id, approve: true, reason: "" });
  expect(delisted).toMatchObject({ status: "APPROVED", delisting: preview?.delisting?.texts });
  expect(await db.prisma.organization.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
    countyDualManaged: false,
    cityDualManaged: false,
  });
  const cityFiles = await as("city");
  const sites = await cityFiles.site.list({ unitId: UNIT });
  expect(sites.rows.map((r) => r.organizationId).sort()).toEqual([b.id, c.id].sort());
  expect(sites.practiceQuotas[0]).toMatchObject({ quota: 1, used: 0, remaining: 1 });
  expect((await cityFiles.sheet.get({ organizationId: b.id })).quota).toMatchObject({
    used: 2,
    reached: true,
    exceeded: false,
  });
  const after = await rulesOf();
  expect(after.EVERY_SITE_ON_A_BELT).toMatchObject({ passed: true, expected: 2, actual: 2 });
  expect(after.COMMITTEE_CONTACTS).toMatchObject({
    passed: false,
    expected: 2,
    actual: 2,
    offendingMemberIds: [member1],
  });
  const toFile = (await cityFiles.rereview.list({ show: "awaiting" })).rows.find((r) => r.id === aReview.id);
  expect(toFile?.delisting?.texts).toEqual(preview?.delisting?.texts);
  await cityFiles.rereview.file({ id: aReview.id });
  expect((await pendingOf(a)).map((r) => [r.gradeBefore, r.dueOn.toISOString()])).toEqual([
    ["GOOD", "2029-04-20T16:00:00.000Z"], // half a year from the grade change, 2029-04-21 China
  ]);
  // Every organisation has exactly one open re-review, the 联建 one none.
  for (const org of [a, b, c, d]) {
    const open = await db.prisma.reReview.count({
      where: {
        organizationId: org.id,
        OR: [
          { status: { in: ["PENDING", "ESCALATED"] } },
          { status: "REVIEWED", suggestion: { not: "NONE" } },
        ],
      },
    });
    expect(open, org.name).toBe(1);
  }

  await expectStoredGradesMatch(db, "after 摘牌");

  // ——— The next cycle: what carries over, and 2027 becomes read-only ———
  clock.set("2028-11-01T10:00:00+08:00");
  // Before the year is frozen, the city sees nothing is left open in it.
  expect((await (await as("city")).cycle.get()).unfinished).toEqual({
    undetermined: 0,
    plansAwaitingCity: 0,
    reportsAwaitingCity: 0,
  });
  expect((await (await as("kc-county")).cycle.get()).unfinished).toBeNull();
  const next = await (await as("city")).cycle.open(DRAFT(2028, { quotas: await appendix3Quotas(db, true) }));
  // A's practice was released and its member freed: neither carries over.
  expect(next.carried).toMatchObject({ grades: 4, practices: 0, contacts: 2, plans: 8 });
  const y2028 = await as("city");
  const graded = await y2028.map.organizations({ unitId: UNIT });
  expect(Object.fromEntries(graded.map((o) => [o.name, [o.grade, o.gradeIsOfficial]]))).toEqual({
    [a.name]: ["GOOD", true],
    [b.name]: ["EXCELLENT", true],
    [c.name]: ["EXCELLENT", true],
    [d.name]: ["PASS", true],
    [town.name]: [null, false],
  });
  expect((await y2028.sheet.get({ organizationId: b.id })).grade).toMatchObject({ source: "CARRY_OVER" });
  expect(
    (await y2028.site.list({ unitId: UNIT })).rows.map((r) => [
      r.organizationId,
      r.contacts.map((m) => m.name),
    ]),
  ).toEqual(
    expect.arrayContaining([
      [b.id, ["钱二"]],
      [c.id, ["孙三"]],
    ]),
  );
  // Scores start afresh: every 争创对象 waits for its 自评.
  const queue = await y2028.queue.list({ stage: "SELF", unitId: UNIT });
  expect(queue.counts).toEqual({ SELF: 4, TOWNSHIP_REVIEW: 0, COUNTY_INITIAL: 0, CITY_FINAL: 0 });
  expect(queue.notCompetitors).toBe(1);
  // The plan starts as a draft copied from the last accepted version, not the later working draft.
  const plan2028 = await (await as("kc-county")).plan.get({ unitId: UNIT });
  expect(plan2028).toMatchObject({ status: "DRAFT", version: 0, revision: 0 });
  expect(plan2028.belts.map((x) => [x.name, x.stops.map((s) => s.organizationId)])).toEqual([
    ["甲乙示范带", [a.id, town.id]],
    ["乙丙示范带", [b.id, town.id]],
    ["丙示范带", [c.id, town.id]],
  ]);
  expect(plan2028.serviceCenter).toMatchObject({ name: "柯城区党群服务中心" });
  // The re-reviews run on across the cycles.
  expect((await pendingOf(c)).map((r) => r.dueOn.toISOString())).toEqual(["2029-05-09T16:00:00.000Z"]);
  // 2027 is history: readable, never writable.
  const past = await (await as("city")).sheet.get({ organizationId: b.id, cycleId: cycle2027 });
  expect(past.stages.map((s) => [s.status, s.canEdit])).toEqual([
    ["SUBMITTED", false],
    ["SUBMITTED", false],
    ["SUBMITTED", false],
    ["SUBMITTED", false],
  ]);
  const refusedPast = await (await as("kc-county")).plan
    .save({ unitId: UNIT, cycleId: cycle2027, revision: 99, belts: [], serviceCenter: null })
    .catch((e: { code: string; message: string }) => e);
  expect(refusedPast).toMatchObject({
    code: "PRECONDITION_FAILED",
    message: "2027 年度已结束，只能查看，不能修改",
  });
  expect(await db.prisma.belt.count({ where: { cycleId: cycle2027 } })).toBe(4);
  await expectStoredGradesMatch(db, "after 2028 opened");
}
