import type { PrismaClient } from "../generated/prisma/client.ts";
import { generateDemoData } from "./generate.ts";
import { databaseContentHash } from "./hash.ts";
import { loadDemoData } from "./load.ts";

export {
  DELIBERATE_BREAKS,
  DEMO_REFERENCE_DATE,
  DEMO_SEED,
  type DemoData,
  generateDemoData,
} from "./generate.ts";
export { canonicalJson, databaseContentHash } from "./hash.ts";

export const SEED_HASH_KEY = "demoSeedHash";

export type SeedResult = { seeded: boolean; hash: string | null; organizations: number };

/**
 * Loads the demo data into an empty database (no units yet) and records its content hash,
 * which marks the database as holding 示例数据. A database with data is left alone.
 */
export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<SeedResult> {
  if ((await prisma.unit.count()) > 0) {
    const meta = await prisma.appMeta.findUnique({ where: { key: SEED_HASH_KEY } });
    return { seeded: false, hash: meta?.value ?? null, organizations: await prisma.organization.count() };
  }
  const data = generateDemoData();
  // The data and the 示例数据 marker land together or not at all.
  const hash = await prisma.$transaction(
    async (tx) => {
      await loadDemoData(tx, data);
      const contentHash = await databaseContentHash(tx);
      await tx.appMeta.create({ data: { key: SEED_HASH_KEY, value: contentHash } });
      return contentHash;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return { seeded: true, hash, organizations: data.organizations.length };
}
