import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export async function listBeltsWithStops(
  prisma: Db,
  filter: { cycleId: number; unitId?: string | undefined },
) {
  return prisma.belt.findMany({
    where: { cycleId: filter.cycleId, ...(filter.unitId ? { unitId: filter.unitId } : {}) },
    orderBy: [{ unitId: "asc" }, { id: "asc" }],
    select: {
      id: true,
      unitId: true,
      name: true,
      theme: true,
      kind: true,
      roundTrip: true,
      stops: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          organization: { select: { id: true, name: true, kind: true, unitId: true, lng: true, lat: true } },
        },
      },
    },
  });
}

export function listServiceCenters(prisma: Db, filter: { cycleId: number; unitId?: string | undefined }) {
  return prisma.serviceCenter.findMany({
    where: { cycleId: filter.cycleId, ...(filter.unitId ? { unitId: filter.unitId } : {}) },
    orderBy: { unitId: "asc" },
    select: { id: true, unitId: true, name: true, lng: true, lat: true, address: true, organizationId: true },
  });
}
