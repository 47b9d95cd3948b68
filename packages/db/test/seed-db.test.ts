// The seed as loaded into PGlite: the same content hash on every fresh database, loaded once.
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/client.ts";
import { databaseContentHash, seedDemoIfEmpty, seedReferenceDataIfEmpty } from "../src/seed/index.ts";

/**
 * The demo data's content hash, pinned: a change of machine, Node version or dependency that
 * alters the data fails here. A deliberate change to the seed updates this value in the same commit.
 */
const DEMO_DATA_HASH = "27685d1a56d58708095b871167ba41609f11cb213dc84e5290595a8df3d0e0a9";

describe("seedDemoIfEmpty on PGlite", () => {
  it("gives two fresh databases identical content, and leaves a seeded one alone", async () => {
    const first = await openDatabase("memory:");
    const second = await openDatabase("memory:");
    try {
      const a = await seedDemoIfEmpty(first.prisma);
      const b = await seedDemoIfEmpty(second.prisma);
      expect(a.seeded && b.seeded).toBe(true);
      expect(a.hash).toBe(DEMO_DATA_HASH);
      expect(b.hash).toBe(a.hash);
      expect(await databaseContentHash(second.prisma)).toBe(a.hash);

      const again = await seedDemoIfEmpty(first.prisma);
      expect(again).toEqual({ seeded: false, hash: a.hash, organizations: a.organizations });
      expect(await first.prisma.organization.count()).toBe(a.organizations);

      // Sequences continue after the seeded ids, so later inserts do not collide.
      const belt = await first.prisma.belt.create({
        data: { unitId: "KECHENG", cycleId: 1, name: "新示范带", kind: "ORDINARY" },
      });
      expect(belt.id).toBeGreaterThan(20);
    } finally {
      await first.close();
      await second.close();
    }
  }, 120_000);

  it("starts a real installation with the reference data only, and can add the demo data later", async () => {
    const db = await openDatabase("memory:");
    try {
      expect(await seedReferenceDataIfEmpty(db.prisma)).toBe(true);
      expect(await seedReferenceDataIfEmpty(db.prisma)).toBe(false);
      expect(await db.prisma.unit.count()).toBe(9);
      expect(await db.prisma.township.count()).toBeGreaterThanOrEqual(100);
      expect(await db.prisma.evaluationCycle.count()).toBe(1);
      expect(await db.prisma.organization.count()).toBe(0);
      expect(await db.prisma.appMeta.count()).toBe(0); // not marked as demo data
      // The same content as a demo seeded in one go.
      expect((await seedDemoIfEmpty(db.prisma)).hash).toBe(DEMO_DATA_HASH);
    } finally {
      await db.close();
    }
  }, 120_000);
});
