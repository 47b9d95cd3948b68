// Where a region's organisations stand in a cycle, counted in the database: one grouped query over
// the organisations and their stored grades (OrganizationGrade), returning a few hundred groups
// whatever the number of organisations. The rules (who is a 争创对象, which stage is pending) stay in
// the domain and the stored rows; this only counts what they decided.
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { type OrganizationFilter, organizationSqlWhere } from "./organizations.ts";

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
export async function listOfficialExcellent(prisma: PrismaClient, filter: OrganizationFilter) {
  // One joined read: through Prisma's relation loading it was two, the second with one parameter
  // per site (0.3 s at 100,000 organisations).
  const rows = await prisma.$queryRaw<
    { organizationId: number; unitId: string; setupKind: string; entityOperated: boolean }[]
  >`
    SELECT g."organizationId", o."unitId", o."setupKind", o."entityOperated"
    FROM "OrganizationGrade" g JOIN "Organization" o ON o.id = g."organizationId"
    WHERE g."cycleId" = ${filter.cycleId} AND g.grade = 'EXCELLENT' AND g.official
      AND ${organizationSqlWhere(filter)}
    ORDER BY g."organizationId"`;
  return rows.map(({ organizationId, ...organization }) => ({ organizationId, organization }));
}

/**
 * What the belt rules need to know of organisations in a cycle, and only of those they look at: the
 * 示范点 (an official 优秀), every stop of a belt, and every 特色小镇 (whether a unit has two). A few
 * hundred rows for a city's campaign; they grow with its sites, not with its organisations.
 */
export function listComplianceSites(
  prisma: PrismaClient,
  cycleId: number,
): Promise<{ id: number; unitId: string; kind: string; countyCode: string; officialGrade: string | null }[]> {
  // One query: Prisma's OR of two EXISTS and a second read for the grades took 0.6 s at 100,000.
  return prisma.$queryRaw`
    SELECT o.id, o."unitId", o.kind, o."countyCode", g.grade AS "officialGrade"
    FROM "Organization" o
    LEFT JOIN "OrganizationGrade" g ON g."organizationId" = o.id AND g."cycleId" = ${cycleId} AND g.official
    WHERE o.kind = 'SPECIAL_TOWN'
       OR g.grade = 'EXCELLENT'
       OR o.id IN (SELECT s."organizationId" FROM "BeltStop" s JOIN "Belt" b ON b.id = s."beltId"
                   WHERE b."cycleId" = ${cycleId})
    ORDER BY o.id`;
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
