import type { PrismaClient } from "../generated/prisma/client.ts";

export function listUnits(prisma: PrismaClient) {
  return prisma.unit.findMany({ orderBy: { sortOrder: "asc" } });
}
