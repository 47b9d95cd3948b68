// The quota race on the production database: PostgreSQL runs transactions concurrently (PGlite
// runs one at a time, so there the lock is never contended). Two determinations for a unit's last
// 优秀 place, started together: exactly one wins, every round.
import { hashPassword, openDatabase, seedReferenceDataIfEmpty } from "@beltmap/db";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, sheetOf, signIn } from "./support.ts";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/postgres";
const DB_NAME = `beltmap_race_${process.pid}_${Date.now()}`;
let admin: pg.Client;
let db: Database;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect().catch((error: unknown) => {
    throw new Error(`PostgreSQL is needed at ${ADMIN_URL} (set TEST_POSTGRES_URL): ${String(error)}`);
  });
  await admin.query(`CREATE DATABASE "${DB_NAME}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  db = await openDatabase(url.toString());
  await seedReferenceDataIfEmpty(db.prisma);
  await db.prisma.user.create({
    data: {
      username: "city",
      displayName: "市委两新工委",
      role: "CITY",
      passwordHash: await hashPassword("unused-password"),
    },
  });
}, 60_000);

afterAll(async () => {
  await db?.close();
  await admin?.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin?.end();
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
