import type { PrismaClient } from "../generated/prisma/client.ts";

export type OrganizationFilter = {
  cycleId: number;
  unitId?: string | undefined;
  townshipId?: string | undefined;
  ids?: number[] | undefined;
};

const organizationSelect = {
  id: true,
  name: true,
  kind: true,
  unitId: true,
  townshipId: true,
  countyCode: true,
  lng: true,
  lat: true,
  setupKind: true,
  entityOperated: true,
  township: { select: { name: true } },
} as const;

/**
 * Organisations with what their grade is made of in one cycle: the stage sheets (stage, total,
 * status) and the latest official grade record. The grade itself is decided by the domain.
 */
export async function listOrganizationsWithGradeInputs(prisma: PrismaClient, filter: OrganizationFilter) {
  const where = {
    ...(filter.unitId ? { unitId: filter.unitId } : {}),
    ...(filter.townshipId ? { townshipId: filter.townshipId } : {}),
    ...(filter.ids ? { id: { in: filter.ids } } : {}),
  };
  const [organizations, sheets, records] = await Promise.all([
    prisma.organization.findMany({ where, select: organizationSelect, orderBy: { id: "asc" } }),
    prisma.scoreSheet.findMany({
      where: { cycleId: filter.cycleId, organization: where },
      select: { organizationId: true, stage: true, total: true, status: true },
    }),
    prisma.gradeRecord.findMany({
      where: { cycleId: filter.cycleId, official: true, organization: where },
      select: { organizationId: true, grade: true, total: true, effectiveAt: true, id: true },
      orderBy: [{ effectiveAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const sheetsByOrg = groupBy(sheets, (s) => s.organizationId);
  const latestRecord = new Map(records.map((r) => [r.organizationId, r])); // ascending: the last one wins
  return organizations.map((org) => ({
    ...org,
    sheets: sheetsByOrg.get(org.id) ?? [],
    officialRecord: latestRecord.get(org.id) ?? null,
  }));
}

export async function findOrganizationDetail(prisma: PrismaClient, id: number, cycleId: number) {
  return prisma.organization.findUnique({
    where: { id },
    select: {
      ...organizationSelect,
      address: true,
      memberCount: true,
      countyDualManaged: true,
      cityDualManaged: true,
      unit: { select: { name: true } },
      sheets: {
        where: { cycleId },
        select: { stage: true, total: true, status: true, opinion: true, submittedAt: true },
      },
      grades: {
        where: { cycleId, official: true },
        select: { grade: true, total: true, effectiveAt: true, id: true, source: true },
        orderBy: [{ effectiveAt: "desc" }, { id: "desc" }],
        take: 1,
      },
      beltStops: { select: { position: true, belt: { select: { id: true, name: true, cycleId: true } } } },
      practices: { where: { cycleId }, select: { title: true, releasedAt: true } },
      contacts: { where: { cycleId }, select: { member: { select: { name: true, level: true } } } },
    },
  });
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
