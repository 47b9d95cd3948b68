import { countOfficialExcellent, cycleQuotaOf, type Prisma } from "@beltmap/db";
import { type QuotaUse, quotaUse } from "@beltmap/domain";

type Db = Prisma.TransactionClient;

// The count of a unit's official 优秀 comes from the stored grades (countOfficialExcellent).
export { countOfficialExcellent };

/** The unit's 优秀 quota of the cycle and how much of it official grades use. */
export async function unitQuotaUse(db: Db, unitId: string, cycleId: number): Promise<QuotaUse> {
  const [quota, used] = await Promise.all([
    cycleQuotaOf(db, cycleId, unitId),
    countOfficialExcellent(db, unitId, cycleId),
  ]);
  return quotaUse(quota.excellentQuota, used);
}

/** Typical practices of the unit in the cycle that still count (not released by a 摘牌). */
export function countActivePractices(db: Db, unitId: string, cycleId: number): Promise<number> {
  return db.typicalPractice.count({ where: { cycleId, releasedAt: null, organization: { unitId } } });
}

/**
 * Serialises 优秀 determinations of one unit until the transaction ends: of two determinations
 * for the last place, the second waits, then counts the first and is refused.
 */
export async function lockUnitQuota(db: Db, unitId: string): Promise<void> {
  await db.$queryRaw`SELECT id FROM "Unit" WHERE id = ${unitId} FOR UPDATE`;
}

/** An organisation's latest official grade record in the cycle (a determination or an adjustment since). */
export function latestOfficialRecord(db: Db, organizationId: number, cycleId: number) {
  return db.gradeRecord.findFirst({
    where: { organizationId, cycleId, official: true },
    orderBy: [{ effectiveAt: "desc" }, { id: "desc" }],
  });
}
