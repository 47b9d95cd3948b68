import { z } from "zod";
import type { CycleSeriesDto, DashboardSummaryDto } from "../dto.ts";
import { cycleForRead, cycleIdInput } from "../services/cycle.ts";
import { dashboardSummary } from "../services/dashboard.ts";
import { cycleSeries } from "../services/series.ts";
import { sharedRead } from "../shared-reads.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const dashboardRouter = router({
  /** Where the user's region stands: progress, quotas, tiers, the four stages, re-reviews, deadlines. */
  summary: protectedProcedure()
    .input(z.object({ cycleId: cycleIdInput }).optional())
    .query(async ({ ctx, input }): Promise<DashboardSummaryDto> => {
      const cycle = await cycleForRead(ctx, input?.cycleId);
      // The same for everyone of a region (see shared-reads.ts).
      return sharedRead(ctx, ["dashboard.summary", ctx.user.region, cycle.id], () =>
        dashboardSummary(ctx, cycle),
      );
    }),

  /** Time playback: each unit's official figures in every cycle, oldest first. */
  series: protectedProcedure().query(
    ({ ctx }): Promise<CycleSeriesDto> =>
      sharedRead(ctx, ["dashboard.series", ctx.user.region], () => cycleSeries(ctx)),
  ),
});
