// What a user learns by probing another region: nothing. Ids outside the region are refused as
// not found whether they exist or not, before any of their records is read, each probe is audited
// (one row however many ids), and the probed organisation's history does not name the prober.
import type { Database } from "@beltmap/db";
import { hashPassword } from "@beltmap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, openDemoDatabase, outcome, signIn } from "./support.ts";

let db: Database;
let county: Caller; // demo-county: 柯城区
let city: Caller;

beforeAll(async () => {
  db = await openDemoDatabase();
  county = (await signIn(db, "demo-county")).call();
  city = (await signIn(db, "demo-city")).call();
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const denials = () => db.prisma.auditLog.count({ where: { action: "access.denied" } });

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("probing another region", () => {
  it("queue.bulk refuses 2,000 ids of other counties at once, with one audit row", async () => {
    const foreign = await db.prisma.organization.findMany({
      where: { unitId: { not: "KECHENG" } },
      select: { id: true },
      take: 2_000,
    });
    const ids = foreign.map((org) => org.id);
    for (let id = 9_000_000; ids.length < 2_000; id++) ids.push(id); // and ids that do not exist
    const before = await denials();
    const results = await county.queue.bulk({
      action: "return",
      stage: "COUNTY_INITIAL",
      rows: ids.map((organizationId) => ({
        organizationId,
        version: 0,
        previousVersion: 1,
      })),
      reason: "退回",
    });
    expect(results).toHaveLength(2_000);
    expect(new Set(results.map((r) => `${r.ok} ${r.message}`))).toEqual(new Set(["false 未找到该党组织"]));
    expect((await denials()) - before).toBe(1);
    const row = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "access.denied", entityId: "queue.bulk" },
      orderBy: { id: "desc" },
    });
    expect(row.after).toMatchObject({ count: 2_000 });
  });

  it("queue.bulk adopt says the same of another county's sheet whatever version is sent", async () => {
    const sheet = await db.prisma.scoreSheet.findFirstOrThrow({
      where: {
        stage: "TOWNSHIP_REVIEW",
        organization: { unitId: { not: "KECHENG" } },
      },
      select: { organizationId: true, version: true },
    });
    const adopt = (previousVersion: number) =>
      county.queue.bulk({
        action: "adopt",
        stage: "COUNTY_INITIAL",
        rows: [{ organizationId: sheet.organizationId, version: 0, previousVersion }],
        opinion: "同意",
      });
    const before = await denials();
    expect(await adopt(sheet.version)).toEqual([
      {
        organizationId: sheet.organizationId,
        ok: false,
        message: "未找到该党组织",
      },
    ]);
    expect(await adopt(sheet.version + 7)).toEqual([
      {
        organizationId: sheet.organizationId,
        ok: false,
        message: "未找到该党组织",
      },
    ]);
    expect((await denials()) - before).toBe(2);
  });

  it("a re-review of another county and one that does not exist get the same answer, both audited", async () => {
    const foreign = await db.prisma.reReview.findFirstOrThrow({
      where: { organization: { unitId: { not: "KECHENG" } } },
    });
    const before = await denials();
    const decide = (id: number) => county.rereview.decide({ id, approve: true, reason: "" });
    expect(await failureOf(decide(foreign.id))).toBe("未找到该复查记录");
    expect(await failureOf(decide(99_999_999))).toBe("未找到该复查记录");
    expect((await denials()) - before).toBe(2);
  });

  it("an organisation's history does not show its own user who probed it from elsewhere", async () => {
    const orgUser = await db.prisma.user.findUniqueOrThrow({
      where: { username: "demo-org" },
    });
    const orgId = orgUser.organizationId ?? 0;
    const org = await db.prisma.organization.findUniqueOrThrow({
      where: { id: orgId },
    });
    await db.prisma.user.create({
      data: {
        username: "probe-elsewhere",
        displayName: "外县探查员",
        role: "COUNTY",
        unitId: org.unitId === "KAIHUA" ? "LONGYOU" : "KAIHUA",
        passwordHash: await hashPassword("unused-password"),
      },
    });
    const prober = (await signIn(db, "probe-elsewhere")).call();
    expect(await outcome(prober.map.organization({ id: orgId }))).toBe("NOT_FOUND");
    const seenByOrg = await (await signIn(db, "demo-org"))
      .call()
      .audit.organization({ organizationId: orgId });
    expect(seenByOrg.some((entry) => entry.userName === "外县探查员")).toBe(false);
    expect(seenByOrg.some((entry) => entry.action === "access.denied")).toBe(false);
    const seenByCounty = await county.audit.organization({
      organizationId: orgId,
    });
    expect(seenByCounty.some((entry) => entry.userName === "外县探查员")).toBe(false);
    // The city, which answers for security, sees the probe.
    const seenByCity = await city.audit.organization({ organizationId: orgId });
    expect(seenByCity.some((entry) => entry.userName === "外县探查员")).toBe(true);
  });
});
