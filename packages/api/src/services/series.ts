import { listCycles, listUnits, Prisma } from "@beltmap/db";
import { type Grade, isGrade, TIER_OF_GRADE, type Tier } from "@beltmap/domain";
import type { CycleSeriesDto } from "../dto.ts";
import { cycleSummary } from "./cycle.ts";
import { type ScopedContext, visibleUnitIds } from "./scope.ts";

/** The user's region as a SQL condition on "Organization" o. */
function regionSql(ctx: ScopedContext): Prisma.Sql {
  const region = ctx.user.region;
  switch (region.level) {
    case "CITY":
      return Prisma.sql`TRUE`;
    case "UNIT":
      return Prisma.sql`o."unitId" = ${region.unitId}`;
    case "TOWNSHIP":
      return Prisma.sql`o."townshipId" = ${region.townshipId}`;
    case "ORG":
      return Prisma.sql`o.id = ${region.organizationId}`;
  }
}

/**
 * Time playback: for every cycle, oldest first, each unit's official grades by tier (the latest
 * official record of each organisation in that cycle), its typical practices and its quota.
 * Counted in the database, so ten cycles of a province cost ten small groups, not ten lists.
 */
export async function cycleSeries(ctx: ScopedContext): Promise<CycleSeriesDto> {
  const where = regionSql(ctx);
  const [cycles, units, visible, grades, practices, quotas] = await Promise.all([
    listCycles(ctx.prisma),
    listUnits(ctx.prisma),
    visibleUnitIds(ctx),
    // The stored grade is official exactly when its cycle has an official record, and is then the
    // latest one's grade (domain effectiveGrade): counted from it, not from every record since.
    ctx.prisma.$queryRaw<{ cycleId: number; unitId: string; grade: string; n: bigint }[]>`
      SELECT g."cycleId", o."unitId", g.grade, count(*) AS n
      FROM "OrganizationGrade" g JOIN "Organization" o ON o.id = g."organizationId"
      WHERE g.official AND ${where}
      GROUP BY g."cycleId", o."unitId", g.grade`,
    ctx.prisma.$queryRaw<{ cycleId: number; unitId: string; n: bigint }[]>`
      SELECT p."cycleId", o."unitId", count(*) AS n
      FROM "TypicalPractice" p JOIN "Organization" o ON o.id = p."organizationId"
      WHERE p."releasedAt" IS NULL AND ${where}
      GROUP BY p."cycleId", o."unitId"`,
    ctx.prisma.cycleUnitQuota.findMany(),
  ]);
  const shown = units.filter((u) => visible === "ALL" || visible.includes(u.id));
  const zero = (): Record<Tier, number> => ({
    DEMONSTRATION: 0,
    CONSOLIDATION: 0,
    IMPROVEMENT: 0,
    WARNING: 0,
  });
  return {
    units: shown.map((u) => ({ unitId: u.id, unitName: u.name })),
    cycles: [...cycles]
      .sort((a, b) => a.year - b.year)
      .map((cycle) => ({
        cycle: cycleSummary(cycle),
        perUnit: shown.map((unit) => {
          const tiers = zero();
          for (const row of grades) {
            if (row.cycleId !== cycle.id || row.unitId !== unit.id || !isGrade(row.grade)) continue;
            tiers[TIER_OF_GRADE[row.grade as Grade]] += Number(row.n);
          }
          const quota = quotas.find((q) => q.cycleId === cycle.id && q.unitId === unit.id);
          return {
            unitId: unit.id,
            excellent: tiers.DEMONSTRATION,
            quota: quota?.excellentQuota ?? unit.excellentQuota,
            practices: Number(practices.find((p) => p.cycleId === cycle.id && p.unitId === unit.id)?.n ?? 0),
            tiers,
          };
        }),
      })),
  };
}
