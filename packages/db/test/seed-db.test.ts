// The seed as loaded into PGlite: the same content hash on every fresh database, loaded once.
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/client.ts";
import { databaseContentHash, seedDemoIfEmpty } from "../src/seed/index.ts";

describe("seedDemoIfEmpty on PGlite", () => {
  it("gives two fresh databases identical content, and leaves a seeded one alone", async () => {
    const first = await openDatabase("memory:");
    const second = await openDatabase("memory:");
    try {
      const a = await seedDemoIfEmpty(first.prisma);
      const b = await seedDemoIfEmpty(second.prisma);
      expect(a.seeded && b.seeded).toBe(true);
      expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
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
});
