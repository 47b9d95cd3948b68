import type { DashboardSummaryDto } from "../dto.ts";
import { requireCurrentCycle } from "../services/cycle.ts";
import { dashboardSummary } from "../services/dashboard.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const dashboardRouter = router({
  /** Where the user's region stands: progress, quotas, tiers, the four stages, re-reviews, deadlines. */
  summary: protectedProcedure().query(
    async ({ ctx }): Promise<DashboardSummaryDto> => dashboardSummary(ctx, await requireCurrentCycle(ctx)),
  ),
});
