// Where a region's organisations stand in a cycle, counted in the database: one grouped query over
// the organisations and their stored grades (OrganizationGrade), returning a few hundred groups
// whatever the number of organisations. The rules (who is a 争创对象, which stage is pending) stay in
// the domain and the stored rows; this only counts what they decided.
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { type OrganizationFilter, organizationSqlWhere, organizationWhereOf } from "./organizations.ts";

/** Organisations alike in every field below, and how many they are. */
export type StandingGroup = {
  unitId: string;
  setupKind: string;
  entityOperated: boolean;
  /** False: no stored grade, so nothing submitted and no official grade (pending stage SELF). */
  graded: boolean;
  grade: string | null;
  tier: string | null;
  official: boolean | null;
  pendingStage: string | null;
  sheetGrade: string | null;
  organizations: number;
};

export async function countStandings(
  prisma: PrismaClient,
  filter: OrganizationFilter,
): Promise<StandingGroup[]> {
  const rows = await prisma.$queryRaw<
    (Omit<StandingGroup, "organizations"> & { organizations: number | bigint })[]
  >`
    SELECT o."unitId", o."setupKind", o."entityOperated", g."organizationId" IS NOT NULL AS graded,
           g.grade, g.tier, g.official, g."pendingStage", g."sheetGrade", count(*)::int AS organizations
    FROM "Organization" o
    LEFT JOIN "OrganizationGrade" g ON g."organizationId" = o.id AND g."cycleId" = ${filter.cycleId}
    WHERE ${organizationSqlWhere(filter)}
    GROUP BY o."unitId", o."setupKind", o."entityOperated", graded, g.grade, g.tier, g.official,
             g."pendingStage", g."sheetGrade"`;
  return rows.map((row) => ({ ...row, organizations: Number(row.organizations) }));
}

/** The organisations whose grade in the cycle is an official 优秀 (the 示范点), with what decides 争创对象. */
export function listOfficialExcellent(prisma: PrismaClient, filter: OrganizationFilter) {
  return prisma.organizationGrade.findMany({
    where: {
      cycleId: filter.cycleId,
      grade: "EXCELLENT",
      official: true,
      organization: organizationWhereOf(filter),
    },
    select: {
      organizationId: true,
      organization: { select: { unitId: true, setupKind: true, entityOperated: true } },
    },
    orderBy: { organizationId: "asc" },
  });
}

/**
 * What the belt rules need to know of organisations in a cycle, and only of those they look at: the
 * 示范点 (an official 优秀), every stop of a belt, and every 特色小镇 (whether a unit has two). A few
 * hundred rows at any size, where the rules used to receive every organisation.
 */
export async function listComplianceSites(prisma: PrismaClient, cycleId: number) {
  const rows = await prisma.organization.findMany({
    where: {
      OR: [
        { kind: "SPECIAL_TOWN" },
        { beltStops: { some: { belt: { cycleId } } } },
        { storedGrades: { some: { cycleId, grade: "EXCELLENT", official: true } } },
      ],
    },
    select: {
      id: true,
      unitId: true,
      kind: true,
      countyCode: true,
      storedGrades: { where: { cycleId, official: true }, select: { grade: true } },
    },
    orderBy: { id: "asc" },
  });
  return rows.map(({ storedGrades, ...row }) => ({ ...row, officialGrade: storedGrades[0]?.grade ?? null }));
}

/** Organisations of a unit whose official grade in the cycle is 优秀 (what its quota counts). */
export function countOfficialExcellent(
  prisma: PrismaClient | Prisma.TransactionClient,
  unitId: string,
  cycleId: number,
): Promise<number> {
  return prisma.organizationGrade.count({
    where: { cycleId, grade: "EXCELLENT", official: true, organization: { unitId } },
  });
}
