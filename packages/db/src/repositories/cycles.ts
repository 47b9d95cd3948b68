import type { PrismaClient } from "../generated/prisma/client.ts";

/** The cycle marked current, or else the latest by year. */
export async function findCurrentCycle(prisma: PrismaClient) {
  return (
    (await prisma.evaluationCycle.findFirst({ where: { isCurrent: true }, orderBy: { year: "desc" } })) ??
    (await prisma.evaluationCycle.findFirst({ orderBy: { year: "desc" } }))
  );
}
