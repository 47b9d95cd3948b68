import { z } from "zod";
import type { CycleSeriesDto, DashboardSummaryDto } from "../dto.ts";
import { cycleForRead, cycleIdInput } from "../services/cycle.ts";
import { dashboardSummary } from "../services/dashboard.ts";
import { cycleSeries } from "../services/series.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const dashboardRouter = router({
  /** Where the user's region stands: progress, quotas, tiers, the four stages, re-reviews, deadlines. */
  summary: protectedProcedure()
    .input(z.object({ cycleId: cycleIdInput }).optional())
    .query(
      async ({ ctx, input }): Promise<DashboardSummaryDto> =>
        dashboardSummary(ctx, await cycleForRead(ctx, input?.cycleId)),
    ),

  /** Time playback: each unit's official figures in every cycle, oldest first. */
  series: protectedProcedure().query(({ ctx }): Promise<CycleSeriesDto> => cycleSeries(ctx)),
});
