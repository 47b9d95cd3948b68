import { countPracticesByUnit, listUnits } from "@beltmap/db";
import { CITY_EXCELLENT_TARGET, quotaUse, TIER_TARGET_SHARES, TIERS } from "@beltmap/domain";
import type { DashboardSummaryDto } from "../dto.ts";
import { requireCurrentCycle } from "../services/cycle.ts";
import { organizationsWithGrades } from "../services/grades.ts";
import { scopedOrganizationFilter, visibleUnitIds } from "../services/scope.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const dashboardRouter = router({
  /** Progress toward the 100 demonstration sites, per unit against quota, and counts per tier. */
  summary: protectedProcedure().query(async ({ ctx }): Promise<DashboardSummaryDto> => {
    const cycle = await requireCurrentCycle(ctx);
    const visible = await visibleUnitIds(ctx);
    const [allUnits, organizations, practices] = await Promise.all([
      listUnits(ctx.prisma),
      organizationsWithGrades(ctx, await scopedOrganizationFilter(ctx, cycle.id)),
      countPracticesByUnit(ctx.prisma, cycle.id),
    ]);
    const units = allUnits.filter((u) => visible === "ALL" || visible.includes(u.id));
    const excellent = organizations.filter((o) => o.grade === "EXCELLENT");
    const officialByUnit = new Map<string, number>();
    for (const o of excellent) {
      if (o.gradeIsOfficial) officialByUnit.set(o.unitId, (officialByUnit.get(o.unitId) ?? 0) + 1);
    }
    const graded = organizations.filter((o) => o.tier !== null).length;
    return {
      cycle: { id: cycle.id, year: cycle.year, name: cycle.name },
      target: CITY_EXCELLENT_TARGET,
      quotaTotal: units.reduce((sum, u) => sum + u.excellentQuota, 0),
      excellentOfficial: excellent.filter((o) => o.gradeIsOfficial).length,
      excellentProvisional: excellent.filter((o) => !o.gradeIsOfficial).length,
      organizations: organizations.length,
      perUnit: units.map((unit) => {
        const use = quotaUse(unit.excellentQuota, officialByUnit.get(unit.id) ?? 0);
        return {
          unitId: unit.id,
          unitName: unit.name,
          excellent: use.used,
          quota: use.quota,
          quotaReached: use.reached,
          quotaExceeded: use.exceeded,
          practices: practices.get(unit.id) ?? 0,
          practiceQuota: unit.practiceQuota,
        };
      }),
      perTier: TIERS.map((tier) => {
        const count = organizations.filter((o) => o.tier === tier).length;
        return { tier, count, share: graded ? count / graded : 0, targetShare: TIER_TARGET_SHARES[tier] };
      }),
    };
  }),
});
