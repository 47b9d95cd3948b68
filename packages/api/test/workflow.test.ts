// The four stages through the API as each role: order, locking, returns, versions, quota, audit.
import type { Database } from "@beltmap/db";
import type { Stage } from "@beltmap/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awaitingDetermination, type Caller, openDemoDatabase, outcome, sheetOf, signIn } from "./support.ts";

let db: Database;
let org: Caller;
let township: Caller;
let county: Caller;
let city: Caller;
let orgId: number; // demo-org's organisation: a 自评 draft in 信安街道

async function versionOf(id: number, stage: Stage): Promise<number> {
  const sheet = await city.sheet.get({ organizationId: id });
  return sheet.stages.find((s) => s.stage === stage)?.version ?? 0;
}

beforeAll(async () => {
  db = await openDemoDatabase();
  org = (await signIn(db, "demo-org")).call();
  township = (await signIn(db, "demo-township")).call();
  county = (await signIn(db, "demo-county")).call();
  city = (await signIn(db, "demo-city")).call();
  const orgUser = await db.prisma.user.findUniqueOrThrow({ where: { username: "demo-org" } });
  orgId = orgUser.organizationId ?? 0;
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe("one organisation through the four stages", () => {
  it("opens with a self-assessment draft the organisation may edit and nobody else", async () => {
    const sheet = await org.sheet.get({ organizationId: orgId });
    expect(sheet.pendingStage).toBe("SELF");
    expect(sheet.stages.map((s) => [s.stage, s.status, s.canEdit])).toEqual([
      ["SELF", "DRAFT", true],
      ["TOWNSHIP_REVIEW", "EMPTY", false],
      ["COUNTY_INITIAL", "EMPTY", false],
      ["CITY_FINAL", "EMPTY", false],
    ]);
    // 柯城区's quota is full since a re-review raised one of its organisations to 优秀 in March.
    expect(sheet.quota).toMatchObject({ unitId: "KECHENG", quota: 12, used: 12 });
    // Its standing grade is last year's, official; this year's scoring has only begun.
    expect(sheet.grade).toMatchObject({ official: true, source: "CARRY_OVER" });
    expect(sheet.provisional).toBeNull();
  });

  it("cannot be skipped: the township cannot review before the self-assessment is submitted", async () => {
    const error = await township.sheet
      .save({ organizationId: orgId, stage: "TOWNSHIP_REVIEW", version: 0, items: sheetOf(90) })
      .catch((e: { code: string; message: string }) => e);
    expect(error).toMatchObject({ code: "PRECONDITION_FAILED", message: "自评尚未提交，不能开始复核" });
  });

  it("saves a partial draft, refuses to submit it incomplete naming the items, then submits and locks", async () => {
    const version = await versionOf(orgId, "SELF");
    const draft = await org.sheet.save({
      organizationId: orgId,
      stage: "SELF",
      version,
      items: { "1.1": 4, "1.2": 3.5 },
    });
    const self = draft.stages[0];
    expect(self).toMatchObject({ status: "DRAFT", total: 7.5, version: version + 1 });
    const incomplete = await org.sheet
      .submit({ organizationId: orgId, stage: "SELF", version: version + 1, items: { "1.1": 4 } })
      .catch((e: { code: string; message: string; shape?: unknown }) => e);
    expect(incomplete).toMatchObject({ code: "BAD_REQUEST" });
    expect((incomplete as { message: string }).message).toContain("1.2 缺少该项得分");
    const bad = await outcome(
      org.sheet.save({
        organizationId: orgId,
        stage: "SELF",
        version: version + 1,
        items: { ...sheetOf(80), "2.3": 3.3 },
      }),
    );
    expect(bad).toBe("BAD_REQUEST");
    const submitted = await org.sheet.submit({
      organizationId: orgId,
      stage: "SELF",
      version: version + 1,
      items: sheetOf(93),
    });
    expect(submitted.stages[0]).toMatchObject({ status: "SUBMITTED", total: 93, canEdit: false });
    // The standing grade stays last year's until the city determines this year's; the stage gives a provisional one.
    expect(submitted.grade).toMatchObject({ official: true, source: "CARRY_OVER" });
    expect(submitted.provisional).toMatchObject({ grade: "EXCELLENT", stage: "SELF" });
    expect(
      await outcome(
        org.sheet.save({ organizationId: orgId, stage: "SELF", version: version + 2, items: sheetOf(50) }),
      ),
    ).toBe("PRECONDITION_FAILED");
  });

  it("refuses a stale version with a message and keeps the newer write", async () => {
    const first = await township.sheet.save({
      organizationId: orgId,
      stage: "TOWNSHIP_REVIEW",
      version: 0,
      items: sheetOf(85),
    });
    const stale = await township.sheet
      .save({ organizationId: orgId, stage: "TOWNSHIP_REVIEW", version: 0, items: sheetOf(60) })
      .catch((e: { code: string; message: string }) => e);
    expect(stale).toMatchObject({ code: "CONFLICT" });
    expect((stale as { message: string }).message).toContain("已被他人更新");
    const now = await township.sheet.get({ organizationId: orgId });
    expect(now.stages[1]).toMatchObject({ total: 85, version: first.stages[1]?.version });
  });

  it("lets the township return the self-assessment with a reason, which the organisation sees", async () => {
    expect(
      await outcome(
        township.sheet.return({
          organizationId: orgId,
          stage: "SELF",
          version: await versionOf(orgId, "SELF"),
          reason: "  ",
        }),
      ),
    ).toBe("BAD_REQUEST");
    const returned = await township.sheet.return({
      organizationId: orgId,
      stage: "SELF",
      version: await versionOf(orgId, "SELF"),
      reason: "第2.3项缺少佐证材料",
    });
    expect(returned.stages[0]).toMatchObject({ status: "RETURNED", returnReason: "第2.3项缺少佐证材料" });
    const seen = await org.sheet.get({ organizationId: orgId });
    expect(seen.stages[0]).toMatchObject({
      status: "RETURNED",
      returnReason: "第2.3项缺少佐证材料",
      canEdit: true,
    });
    // While it is back with the organisation, the township cannot submit its review.
    expect(
      await outcome(
        township.sheet.submit({
          organizationId: orgId,
          stage: "TOWNSHIP_REVIEW",
          version: await versionOf(orgId, "TOWNSHIP_REVIEW"),
          items: sheetOf(85),
        }),
      ),
    ).toBe("PRECONDITION_FAILED");
    const again = await org.sheet.submit({
      organizationId: orgId,
      stage: "SELF",
      version: await versionOf(orgId, "SELF"),
      items: sheetOf(92),
    });
    expect(again.stages[0]).toMatchObject({ status: "SUBMITTED", returnReason: null });
  });

  it("needs the county's opinion at the initial evaluation, and only the county may give it", async () => {
    await township.sheet.submit({
      organizationId: orgId,
      stage: "TOWNSHIP_REVIEW",
      version: await versionOf(orgId, "TOWNSHIP_REVIEW"),
      items: sheetOf(91),
    });
    expect(
      await outcome(
        township.sheet.save({
          organizationId: orgId,
          stage: "COUNTY_INITIAL",
          version: 0,
          items: sheetOf(90),
        }),
      ),
    ).toBe("FORBIDDEN");
    const noOpinion = await county.sheet
      .submit({
        organizationId: orgId,
        stage: "COUNTY_INITIAL",
        version: 0,
        items: sheetOf(90),
        opinion: " ",
      })
      .catch((e: { message: string }) => e);
    expect((noOpinion as { message: string }).message).toBe("提交初评须填写初评意见");
    const done = await county.sheet.submit({
      organizationId: orgId,
      stage: "COUNTY_INITIAL",
      version: 0,
      items: sheetOf(90),
      opinion: "同意复核结果",
    });
    expect(done.stages[2]).toMatchObject({ status: "SUBMITTED", total: 90, opinion: "同意复核结果" });
    expect(done.pendingStage).toBe("CITY_FINAL");
  });

  it("determines 优秀 over 柯城区's full quota only with a reason, officially, and then it is final", async () => {
    const before = await city.sheet.get({ organizationId: orgId });
    expect(before.quota).toMatchObject({ quota: 12, used: 12, remaining: 0, reached: true });
    expect(
      await outcome(
        city.sheet.submit({ organizationId: orgId, stage: "CITY_FINAL", version: 0, items: sheetOf(90) }),
      ),
    ).toBe("BAD_REQUEST");
    const determined = await city.sheet.submit({
      organizationId: orgId,
      stage: "CITY_FINAL",
      version: 0,
      items: sheetOf(90),
      overrideReason: "年度评定成绩突出，经市委两新工委研究同意超额",
    });
    expect(determined.grade).toEqual({
      grade: "EXCELLENT",
      tier: "DEMONSTRATION",
      total: 90,
      official: true,
      source: "CITY_FINAL",
    });
    expect(determined.provisional).toBeNull();
    expect(determined.quota).toMatchObject({ used: 13, reached: true, exceeded: true });
    expect(determined.pendingStage).toBeNull();
    expect(
      await outcome(
        city.sheet.return({ organizationId: orgId, stage: "CITY_FINAL", version: 1, reason: "x" }),
      ),
    ).toBe("PRECONDITION_FAILED");
    expect(
      await outcome(
        county.sheet.return({ organizationId: orgId, stage: "TOWNSHIP_REVIEW", version: 1, reason: "x" }),
      ),
    ).toBe("PRECONDITION_FAILED");
  });

  it("wrote an audit row for every transition, with who, role, region and before/after", async () => {
    const history = await county.audit.organization({ organizationId: orgId });
    const actions = history.map((h) => h.action).reverse();
    expect(actions).toEqual([
      "sheet.save",
      "sheet.submit",
      "sheet.save",
      "sheet.return",
      "sheet.submit",
      "sheet.submit",
      "sheet.submit",
      "sheet.submit",
      "grade.determine.override",
    ]);
    const ret = history.find((h) => h.action === "sheet.return");
    expect(ret).toMatchObject({
      role: "TOWNSHIP",
      region: expect.stringMatching(/^township:/),
      userName: "信安街道（示例）",
    });
    expect(ret?.before).toMatchObject({ stage: "SELF", status: "SUBMITTED" });
    expect(ret?.after).toMatchObject({ status: "RETURNED", reason: "第2.3项缺少佐证材料" });
    // The organisation may read its own history.
    expect((await org.audit.organization({ organizationId: orgId })).length).toBe(history.length);
  });
});

describe("grades at their boundaries, determined by the city", () => {
  it("89.5 is 良好 (90 is 优秀, above); 79.5 达标 and 60 达标; 59.5 未达标", async () => {
    const ids = await awaitingDetermination(db, "LONGYOU", 4);
    const cases = [
      [89.5, "GOOD"],
      [79.5, "PASS"],
      [59.5, "FAIL"],
      [60, "PASS"],
    ] as const;
    expect(ids).toHaveLength(cases.length);
    for (const [i, id] of ids.entries()) {
      const [total, grade] = cases[i] ?? [0, "FAIL"];
      const sheet = await city.sheet.submit({
        organizationId: id,
        stage: "CITY_FINAL",
        version: 0,
        items: sheetOf(total),
      });
      expect(sheet.grade).toMatchObject({ grade, total, official: true });
    }
  });
});

describe("quota", () => {
  it("refuses a 优秀 beyond the quota without a reason, and records the override reason with one", async () => {
    // KAIHUA's 12 places are all taken in the demo data (carried over from 2017).
    const [id] = await awaitingDetermination(db, "KAIHUA", 1);
    if (id === undefined) throw new Error("no KAIHUA organisation to determine");
    const refused = await city.sheet
      .submit({ organizationId: id, stage: "CITY_FINAL", version: 0, items: sheetOf(95) })
      .catch((e: { code: string; message: string }) => e);
    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    expect((refused as { message: string }).message).toContain("名额已满");
    const overridden = await city.sheet.submit({
      organizationId: id,
      stage: "CITY_FINAL",
      version: 0,
      items: sheetOf(95),
      overrideReason: "省级表彰单位，经工委会议研究同意超额",
    });
    expect(overridden.quota).toMatchObject({ used: 13, exceeded: true });
    const record = await db.prisma.gradeRecord.findFirstOrThrow({
      where: { organizationId: id, source: "CITY_FINAL", cycleId: 2 },
    });
    expect(record.quotaOverrideReason).toBe("省级表彰单位，经工委会议研究同意超额");
    const audit = await db.prisma.auditLog.findFirst({
      where: { action: "grade.determine.override", entityId: String(id) },
    });
    expect(audit).not.toBeNull();
  });

  it("gives the last place to exactly one of two determinations made at the same moment", async () => {
    // QUJIANG has 11 of 12 taken.
    const ids = await awaitingDetermination(db, "QUJIANG", 2);
    expect(ids).toHaveLength(2);
    const results = await Promise.allSettled(
      ids.map(async (id) => {
        const caller = (await signIn(db, "demo-city")).call();
        return caller.sheet.submit({
          organizationId: id,
          stage: "CITY_FINAL",
          version: 0,
          items: sheetOf(96),
        });
      }),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected");
    expect(String((loser as PromiseRejectedResult).reason.message)).toContain("名额已满");
    const after = await city.sheet.get({ organizationId: ids[0] ?? 0 });
    expect(after.quota).toMatchObject({ unitId: "QUJIANG", used: 12, reached: true, exceeded: false });
  });
});

describe("bulk actions", () => {
  it("adopts the review as initial evaluation for every filtered row, reporting each row", async () => {
    const queue = await county.queue.list({ stage: "COUNTY_INITIAL" });
    expect(queue.rows.length).toBeGreaterThan(0);
    const rows = queue.rows.map((r) => ({
      organizationId: r.organizationId,
      version: r.version,
      previousVersion: r.previousVersion ?? 0,
    }));
    // One row is stale: its version moved on since the list was read.
    const stale = { ...rows[0], version: 7 } as (typeof rows)[number];
    const results = await county.queue.bulk({
      action: "adopt",
      stage: "COUNTY_INITIAL",
      rows: [stale, ...rows.slice(1)],
      opinion: "同意复核结果",
    });
    expect(results[0]).toMatchObject({ ok: false, message: expect.stringContaining("已被他人更新") });
    expect(results.slice(1).every((r) => r.ok)).toBe(true);
    const after = await county.queue.list({ stage: "COUNTY_INITIAL" });
    expect(after.rows.map((r) => r.organizationId)).toEqual([stale.organizationId]);
  });

  it("is refused to the township and the organisation", async () => {
    expect(
      await outcome(
        township.queue.bulk({
          action: "return",
          stage: "TOWNSHIP_REVIEW",
          rows: [{ organizationId: 1, version: 0, previousVersion: 1 }],
          reason: "x",
        }),
      ),
    ).toBe("FORBIDDEN");
  });
});
