import { CYCLE_LIMITS } from "@beltmap/domain";
import { z } from "zod";
import type { CycleDetailDto, CycleSummaryDto, OpenedCycleDto } from "../dto.ts";
import { cycleIdInput } from "../services/cycle.ts";
import { getCycle, listCycleSummaries, openCycle, updateCycle } from "../services/cycle-admin.ts";
import { protectedProcedure, router } from "../trpc.ts";

// Days are checked by the domain (validateCycleDraft) with messages naming the field; these bounds
// only keep absurd requests out.
const day = z.string().max(20);
const count = z.number().int().min(-1_000_000).max(1_000_000);
const draftFields = {
  name: z.string().max(200),
  startsOn: day,
  endsOn: day,
  beltPlanDeadline: day,
  initialSummaryDeadline: day,
  targets: z.object({ excellent: count, practices: count, good: count, pass: count, fail: count }),
  quotas: z
    .array(
      z.object({
        unitId: z.string().min(1).max(40),
        excellentQuota: count,
        practiceQuota: count,
        reason: z
          .string()
          .max(CYCLE_LIMITS.reason * 2)
          .default(""),
      }),
    )
    .max(100),
};

/** 年度: every page reads one cycle; the city opens the next and may adjust the current one. */
export const cycleRouter = router({
  /** Every cycle, newest first, for the cycle switcher. */
  list: protectedProcedure().query(({ ctx }): Promise<CycleSummaryDto[]> => listCycleSummaries(ctx)),

  /** One cycle (the current one by default) with each visible unit's quotas beside Appendix 3's. */
  get: protectedProcedure()
    .input(z.object({ cycleId: cycleIdInput }).optional())
    .query(({ ctx, input }): Promise<CycleDetailDto> => getCycle(ctx, input?.cycleId)),

  /** Opens the next cycle as the current one; the one before becomes read-only history. */
  open: protectedProcedure(["CITY"])
    .input(z.object({ year: z.number().int().min(-100_000).max(100_000), ...draftFields }))
    .mutation(({ ctx, input }): Promise<OpenedCycleDto> => openCycle(ctx, input)),

  /** Changes the current cycle's name, dates, targets or quotas. */
  update: protectedProcedure(["CITY"])
    .input(z.object({ cycleId: cycleIdInput, ...draftFields }))
    .mutation(({ ctx, input }): Promise<CycleDetailDto> => {
      const { cycleId, ...draft } = input;
      return updateCycle(ctx, cycleId, draft);
    }),
});
