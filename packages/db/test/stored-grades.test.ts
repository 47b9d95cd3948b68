// Stored grades (OrganizationGrade) on PGlite: filled when their migration is applied to a database
// that already holds grades, checked and repaired by rebuildStoredGrades (npm run grades:rebuild).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../src/client.ts";
import {
  computeStoredGrades,
  readStoredGrades,
  rebuildStoredGrades,
} from "../src/repositories/stored-grades.ts";
import { seedDemoIfEmpty } from "../src/seed/index.ts";

const MIGRATION = "20261206030000_stored_grades";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "beltmap-stored-grades-"));
  const db = await openDatabase(dir);
  try {
    await seedDemoIfEmpty(db.prisma);
  } finally {
    await db.close();
  }
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectAllMatch(db: Database) {
  for (const cycleId of [1, 2]) {
    const stored = await readStoredGrades(db.prisma, cycleId);
    expect(stored.length).toBeGreaterThan(1000);
    expect(stored).toEqual(await computeStoredGrades(db.prisma, cycleId));
  }
}

describe("stored grades", () => {
  it("are filled from the grades already there when their migration is applied", async () => {
    // A database as it was before the migration: grades on record, no OrganizationGrade table.
    const before = await openDatabase(dir);
    await before.prisma.$executeRawUnsafe(`DROP TABLE "OrganizationGrade"`);
    await before.prisma.$executeRawUnsafe(
      `DELETE FROM "_prisma_migrations" WHERE migration_name = '${MIGRATION}'`,
    );
    await before.close();

    const after = await openDatabase(dir);
    try {
      expect(after.migrations.applied).toEqual([MIGRATION]);
      await expectAllMatch(after);
    } finally {
      await after.close();
    }
  }, 120_000);

  it("are checked without writing, then repaired, by a rebuild: rows changed, missing or extra", async () => {
    const db = await openDatabase(dir);
    try {
      const [first, second] = await readStoredGrades(db.prisma, 2);
      if (!first || !second) throw new Error("the demo has stored grades");
      await db.prisma.organizationGrade.update({
        where: { cycleId_organizationId: { cycleId: 2, organizationId: first.organizationId } },
        data: { grade: first.grade === "FAIL" ? "GOOD" : "FAIL" },
      });
      await db.prisma.organizationGrade.delete({
        where: { cycleId_organizationId: { cycleId: 2, organizationId: second.organizationId } },
      });
      const ungraded = await db.prisma.organization.findFirstOrThrow({
        where: { storedGrades: { none: { cycleId: 1 } } },
      });
      await db.prisma.organizationGrade.create({
        data: { ...first, cycleId: 1, organizationId: ungraded.id },
      });

      const check = await rebuildStoredGrades(db.prisma, { dryRun: true });
      expect(check.cycles.map((c) => [c.year, c.differed])).toEqual([
        [2017, 1],
        [2026, 2],
      ]);
      expect(await rebuildStoredGrades(db.prisma, { dryRun: true })).toEqual(check); // nothing written

      const repair = await rebuildStoredGrades(db.prisma);
      expect(repair).toEqual(check);
      expect((await rebuildStoredGrades(db.prisma, { dryRun: true })).cycles.map((c) => c.differed)).toEqual([
        0, 0,
      ]);
      await expectAllMatch(db);
    } finally {
      await db.close();
    }
  }, 120_000);
});
