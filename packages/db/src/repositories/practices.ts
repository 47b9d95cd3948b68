import type { PrismaClient } from "../generated/prisma/client.ts";

/** Typical practices per unit in one cycle. */
export async function countPracticesByUnit(
  prisma: PrismaClient,
  cycleId: number,
): Promise<Map<string, number>> {
  const rows = await prisma.typicalPractice.findMany({
    where: { cycleId },
    select: { organization: { select: { unitId: true } } },
  });
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.organization.unitId, (counts.get(row.organization.unitId) ?? 0) + 1);
  return counts;
}
