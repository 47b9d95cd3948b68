// The production path on a real PostgreSQL server: migrate a brand-new database, seed, query.
// It never skips: without a server the test fails and says how to provide one.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/client.ts";
import { rebuildStoredGrades } from "../src/repositories/stored-grades.ts";
import { generateDemoData, seedDemoIfEmpty, seedReferenceDataIfEmpty } from "../src/seed/index.ts";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/postgres";
const DB_NAME = `beltmap_test_${process.pid}_${Date.now()}`;
let admin: pg.Client;

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect().catch((error: unknown) => {
    throw new Error(
      `PostgreSQL is needed for this test at ${ADMIN_URL} (set TEST_POSTGRES_URL to another server): ${String(error)}`,
    );
  });
  await admin.query(`CREATE DATABASE "${DB_NAME}"`);
});

afterAll(async () => {
  await admin?.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin?.end();
});

describe("PostgreSQL", () => {
  it("migrates a fresh database, seeds it with the same content as PGlite, and answers queries", async () => {
    const db = await openDatabase(urlFor(DB_NAME));
    try {
      expect(db.location.kind).toBe("postgres");
      expect(db.migrations.applied.length).toBeGreaterThan(0);
      const seeded = await seedDemoIfEmpty(db.prisma);
      expect(seeded.seeded).toBe(true);

      const embedded = await openDatabase("memory:");
      try {
        expect((await seedDemoIfEmpty(embedded.prisma)).hash).toBe(seeded.hash);
      } finally {
        await embedded.close();
      }

      expect(await db.prisma.organization.count()).toBe(generateDemoData().organizations.length);
      const excellent = await db.prisma.gradeRecord.count({
        where: { grade: "EXCELLENT", official: true, cycleId: 1 },
      });
      expect(excellent).toBe(100);
      const kecheng = await db.prisma.belt.count({ where: { unitId: "KECHENG", cycleId: 2 } });
      expect(kecheng).toBe(2);
    } finally {
      await db.close();
    }
    // Opening again finds everything applied.
    const reopened = await openDatabase(urlFor(DB_NAME));
    expect(reopened.migrations.applied).toEqual([]);
    await reopened.close();
  }, 180_000);

  it("stores thousands of grades in one transaction one statement at a time (pg 9 refuses overlapping queries)", async () => {
    const db = await openDatabase(urlFor(DB_NAME));
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on("warning", onWarning);
    try {
      // Six copies of the demo's organisations with their sheets: over 7,000 grades in the cycle,
      // more rows than one INSERT may carry bind parameters for.
      await db.prisma.$executeRawUnsafe(`
        INSERT INTO "Organization" (name, kind, "unitId", "townshipId", "countyCode", lng, lat, address,
                                    "memberCount", "setupKind", "entityOperated")
        SELECT o.name || '（副本' || n || '）', o.kind, o."unitId", o."townshipId", o."countyCode", o.lng, o.lat,
               'copy:' || o.id, o."memberCount", o."setupKind", o."entityOperated"
        FROM "Organization" o, generate_series(1, 5) n`);
      await db.prisma.$executeRawUnsafe(`
        INSERT INTO "ScoreSheet" ("organizationId", "cycleId", stage, items, total, opinion, status, version,
                                  "submittedAt", "updatedAt")
        SELECT c.id, s."cycleId", s.stage, s.items, s.total, s.opinion, s.status, s.version, s."submittedAt", now()
        FROM "Organization" c JOIN "ScoreSheet" s ON c.address = 'copy:' || s."organizationId"`);
      await db.prisma.$executeRawUnsafe(`DELETE FROM "OrganizationGrade" WHERE "cycleId" = 2`);
      const report = await rebuildStoredGrades(db.prisma);
      const rebuilt = report.cycles.find((c) => c.year === 2026);
      expect(rebuilt?.rows).toBeGreaterThan(7_000);
      expect(rebuilt?.differed).toBe(rebuilt?.rows);
      expect(await db.prisma.organizationGrade.count({ where: { cycleId: 2 } })).toBe(rebuilt?.rows);
      expect(
        (await rebuildStoredGrades(db.prisma, { dryRun: true })).cycles.every((c) => c.differed === 0),
      ).toBe(true);
      expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
    } finally {
      process.off("warning", onWarning);
      await db.close();
    }
  }, 180_000);

  it("seeds once when several servers start at once on one empty database", async () => {
    const name = `${DB_NAME}_race`;
    await admin.query(`CREATE DATABASE "${name}"`);
    const [first, second] = await Promise.all([openDatabase(urlFor(name)), openDatabase(urlFor(name))]);
    try {
      // Reference data (a PostgreSQL server without demo data), then the demo data, each raced.
      const reference = await Promise.all([
        seedReferenceDataIfEmpty(first.prisma),
        seedReferenceDataIfEmpty(second.prisma),
      ]);
      expect(reference.sort()).toEqual([false, true]);
      expect(await first.prisma.unit.count()).toBeGreaterThan(0);
      const demo = await Promise.all([seedDemoIfEmpty(first.prisma), seedDemoIfEmpty(second.prisma)]);
      expect(demo.map((r) => r.seeded).sort()).toEqual([false, true]);
      expect(demo[0]?.hash).toBe(demo[1]?.hash);
      expect(await first.prisma.organization.count()).toBe(generateDemoData().organizations.length);
    } finally {
      await first.close();
      await second.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }, 240_000);
});
