import type { PrismaClient } from "../generated/prisma/client.ts";
import { generateDemoData, referenceData } from "./generate.ts";
import { databaseContentHash } from "./hash.ts";
import { loadDemoData, loadReferenceData } from "./load.ts";

export {
  coordinateBreakIds,
  DELIBERATE_BREAKS,
  DEMO_REFERENCE_DATE,
  DEMO_SEED,
  type DemoData,
  generateDemoData,
  type ReferenceData,
  referenceData,
} from "./generate.ts";
export { canonicalJson, databaseContentHash } from "./hash.ts";
export { DEMO_ACCOUNT_UNIT, DEMO_PASSWORD, type DemoUser } from "./workflow.ts";

export const SEED_HASH_KEY = "demoSeedHash";

export type SeedResult = { seeded: boolean; hash: string | null; organizations: number };

const TRANSACTION = { timeout: 120_000, maxWait: 10_000 };

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Held until the seeding transaction ends: of several servers starting at once on one empty
 * PostgreSQL database, one seeds and the others, once it is done, find the data there (without it
 * each saw no units and all but one failed on a duplicate key).
 */
async function lockSeeding(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('beltmap.seed'))");
}

/** Loads the reference data (units, townships, the cycle) into a database that has no units yet. */
export async function seedReferenceDataIfEmpty(prisma: PrismaClient): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await lockSeeding(tx);
    if ((await tx.unit.count()) > 0) return false;
    await loadReferenceData(tx, referenceData());
    return true;
  }, TRANSACTION);
}

/**
 * Loads the demo data (示例数据) into a database without organisations, with the reference data
 * if that is missing too, and records the content hash, which marks the database as demo data.
 * A database that has organisations is left alone.
 */
export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<SeedResult> {
  const notSeeded = async (organizations: number): Promise<SeedResult> => {
    const meta = await prisma.appMeta.findUnique({ where: { key: SEED_HASH_KEY } });
    return { seeded: false, hash: meta?.value ?? null, organizations };
  };
  const organizations = await prisma.organization.count();
  if (organizations > 0) return notSeeded(organizations);
  const data = generateDemoData();
  // The data and the 示例数据 marker land together or not at all.
  const hash = await prisma.$transaction(async (tx) => {
    await lockSeeding(tx);
    // Another server may have seeded while this one waited for the lock.
    if ((await tx.organization.count()) > 0) return null;
    if ((await tx.unit.count()) === 0) await loadReferenceData(tx, data);
    await loadDemoData(tx, data);
    const contentHash = await databaseContentHash(tx);
    await tx.appMeta.create({ data: { key: SEED_HASH_KEY, value: contentHash } });
    return contentHash;
  }, TRANSACTION);
  if (hash === null) return notSeeded(await prisma.organization.count());
  return { seeded: true, hash, organizations: data.organizations.length };
}
