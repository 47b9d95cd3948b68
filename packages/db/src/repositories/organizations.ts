import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";

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

/** The organisations a filter names (its cycle aside), as a Prisma condition. */
export function organizationWhereOf(filter: OrganizationFilter) {
  return {
    ...(filter.unitId ? { unitId: filter.unitId } : {}),
    ...(filter.townshipId ? { townshipId: filter.townshipId } : {}),
    ...(filter.ids ? { id: { in: filter.ids } } : {}),
  };
}

/** The same filter as SQL, for raw queries whose organisations table is aliased `o`. */
export function organizationSqlWhere(filter: OrganizationFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.unitId) conditions.push(Prisma.sql`o."unitId" = ${filter.unitId}`);
  if (filter.townshipId) conditions.push(Prisma.sql`o."townshipId" = ${filter.townshipId}`);
  if (filter.ids)
    conditions.push(
      filter.ids.length > 0 ? Prisma.sql`o.id IN (${Prisma.join(filter.ids)})` : Prisma.sql`FALSE`,
    );
  return Prisma.join(conditions, " AND ");
}

/**
 * Organisations with their stored grade in one cycle (OrganizationGrade; null: none yet), in two
 * set-based reads joined here: no per-organisation recomputation, no per-organisation query.
 */
export async function listOrganizationsWithGrades(prisma: PrismaClient, filter: OrganizationFilter) {
  const where = organizationWhereOf(filter);
  const [organizations, grades] = await Promise.all([
    prisma.organization.findMany({ where, select: organizationSelect, orderBy: { id: "asc" } }),
    prisma.organizationGrade.findMany({
      where: { cycleId: filter.cycleId, organization: where },
      select: { organizationId: true, grade: true, tier: true, total: true, official: true },
    }),
  ]);
  const gradeOf = new Map(grades.map((g) => [g.organizationId, g]));
  return organizations.map((org) => ({ ...org, grade: gradeOf.get(org.id) ?? null }));
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
