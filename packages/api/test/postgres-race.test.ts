// Races on the production database: PostgreSQL runs transactions concurrently (PGlite runs one at
// a time, so there the locks are never contended). Two determinations for a unit's last 优秀 place,
// and two saves of one belt plan from the same revision, started together: exactly one wins, every
// round.
import { hashPassword, storeGrades } from "@beltmap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresTestDatabase, type PostgresTestDatabase } from "./postgres.ts";
import { type Database, sheetOf, signIn } from "./support.ts";

let postgres: PostgresTestDatabase;
let db: Database;

beforeAll(async () => {
  postgres = await openPostgresTestDatabase("race");
  db = postgres.db;
}, 60_000);

afterAll(async () => {
  await postgres?.drop();
});

/** A unit with all but one 优秀 place taken, and two organisations waiting for 评定 with 优秀 scores. */
async function unitOneBelowQuota(unitId: string): Promise<number[]> {
  const unit = await db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
  const township = await db.prisma.township.findFirstOrThrow({ where: { unitId } });
  const ids: number[] = [];
  for (let i = 0; i < unit.excellentQuota + 1; i++) {
    const org = await db.prisma.organization.create({
      data: {
        name: `${unit.name}测试组织${i}`,
        kind: "ENTERPRISE",
        unitId,
        townshipId: township.id,
        countyCode: township.countyCode,
        lng: 118.87,
        lat: 28.94,
        address: "",
        memberCount: 5,
      },
    });
    for (const stage of ["SELF", "TOWNSHIP_REVIEW", "COUNTY_INITIAL"]) {
      await db.prisma.scoreSheet.create({
        data: {
          organizationId: org.id,
          cycleId: 1,
          stage,
          items: sheetOf(95),
          total: 95,
          status: "SUBMITTED",
          opinion: "同意",
        },
      });
    }
    if (i < unit.excellentQuota - 1) {
      await db.prisma.gradeRecord.create({
        data: {
          organizationId: org.id,
          cycleId: 1,
          grade: "EXCELLENT",
          total: 95,
          source: "CITY_FINAL",
          official: true,
          effectiveAt: new Date(),
        },
      });
    } else {
      ids.push(org.id);
    }
  }
  await storeGrades(db.prisma, 1); // as every writer of sheets and records does
  return ids;
}

describe("two determinations for the last place, on PostgreSQL", () => {
  for (const unitId of ["WEST_ZONE", "CHANGSHAN", "KAIHUA"]) {
    it(`${unitId}: exactly one wins`, async () => {
      const ids = await unitOneBelowQuota(unitId);
      expect(ids).toHaveLength(2);
      const callers = await Promise.all(ids.map(async () => (await signIn(db, "city")).call()));
      const results = await Promise.allSettled(
        ids.map((id, i) =>
          callers[i]?.sheet.submit({
            organizationId: id,
            stage: "CITY_FINAL",
            version: 0,
            items: sheetOf(96),
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const loser = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(String(loser?.reason?.message)).toContain("名额已满");
      const unit = await db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
      const excellent = await db.prisma.gradeRecord.count({
        where: { grade: "EXCELLENT", organization: { unitId } },
      });
      expect(excellent).toBe(unit.excellentQuota);
    });
  }
});

/** `count` organisations of a unit with nothing else attached: sites for its belts. */
async function unitSites(unitId: string, count: number): Promise<number[]> {
  const township = await db.prisma.township.findFirstOrThrow({ where: { unitId } });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const org = await db.prisma.organization.create({
      data: {
        name: `${unitId}示范带站点${i}`,
        kind: i === 0 ? "SPECIAL_TOWN" : "ENTERPRISE",
        unitId,
        townshipId: township.id,
        countyCode: township.countyCode,
        lng: 118.8 + i * 0.01,
        lat: 28.98,
        address: "",
        memberCount: 5,
      },
    });
    ids.push(org.id);
  }
  return ids;
}

describe("two saves of one belt plan from the same revision, on PostgreSQL", () => {
  it("KECHENG: exactly one save wins, the other is told the plan changed", async () => {
    const sites = await unitSites("KECHENG", 6);
    await db.prisma.user.create({
      data: {
        username: "kecheng",
        displayName: "柯城区两新工委",
        role: "COUNTY",
        unitId: "KECHENG",
        passwordHash: await hashPassword("unused-password"),
      },
    });
    for (let round = 1; round <= 3; round++) {
      const callers = await Promise.all(["甲", "乙"].map(async () => (await signIn(db, "kecheng")).call()));
      const { revision } = (await callers[0]?.plan.get({ unitId: "KECHENG" })) ?? { revision: -1 };
      const drafts = ["甲", "乙"].map((who) => ({
        unitId: "KECHENG",
        revision,
        belts: [0, 1, 2].map((i) => ({
          id: null,
          name: `第${round}轮${who}${i}号示范带`,
          theme: "",
          kind: "ORDINARY" as const,
          roundTrip: false,
          stopIds: who === "甲" ? sites.slice(i, i + 3) : sites.slice(i, i + 3).reverse(),
        })),
        serviceCenter: {
          name: `${who}中心`,
          address: "",
          lng: 118.805424,
          lat: 28.982326,
          organizationId: null,
        },
      }));
      const results = await Promise.allSettled(drafts.map((draft, i) => callers[i]?.plan.save(draft)));
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const loser = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(loser?.reason).toMatchObject({ code: "CONFLICT" });
      expect(String(loser?.reason?.message)).toContain("已被他人修改");
      // The winner's draft is stored whole, the loser's not at all.
      const winner = drafts[results.findIndex((r) => r.status === "fulfilled")];
      const plan = await db.prisma.beltPlan.findFirstOrThrow({ where: { unitId: "KECHENG", cycleId: 1 } });
      expect(plan.revision).toBe(revision + 1);
      const belts = await db.prisma.belt.findMany({
        where: { unitId: "KECHENG", cycleId: 1 },
        orderBy: { id: "asc" },
        include: { stops: { orderBy: { position: "asc" } } },
      });
      expect(belts.map((b) => [b.name, b.stops.map((s) => s.organizationId)])).toEqual(
        winner?.belts.map((b) => [b.name, b.stopIds]),
      );
      const center = await db.prisma.serviceCenter.findUniqueOrThrow({
        where: { unitId_cycleId: { unitId: "KECHENG", cycleId: 1 } },
      });
      expect(center.name).toBe(winner?.serviceCenter.name);
      expect(await db.prisma.auditLog.count({ where: { action: "belt.plan.save" } })).toBe(round);
    }
  });
});
