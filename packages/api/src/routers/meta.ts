import { SEED_HASH_KEY } from "@beltmap/db";
import type { AppInfoDto } from "../dto.ts";
import { cycleSummary, requireCurrentCycle } from "../services/cycle.ts";
import { organizationWhere } from "../services/scope.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const metaRouter = router({
  /**
   * What the UI needs to label itself: demo data or not, the cycle and its deadlines, the basemap,
   * and whether its maps draw the user's organisations whole or from tiles.
   * Signed-in users only: the basemap's tile URLs may carry the provider's key.
   */
  info: protectedProcedure().query(async ({ ctx }): Promise<AppInfoDto> => {
    const [meta, cycle, organizations] = await Promise.all([
      ctx.prisma.appMeta.findUnique({ where: { key: SEED_HASH_KEY } }),
      requireCurrentCycle(ctx).catch(() => null),
      ctx.prisma.organization.count({ where: organizationWhere(ctx.user.region) }),
    ]);
    return {
      demoData: meta !== null,
      seedHash: meta?.value ?? null,
      cycle: cycle && cycleSummary(cycle),
      generatedAt: ctx.now().toISOString(),
      mapTiled: organizations > ctx.mapTilesAbove,
      basemap: ctx.basemap,
    };
  }),
});
