import { z } from "zod";
import type { BeltDto, UnitComplianceDto } from "../dto.ts";
import { beltsOf } from "../services/belts.ts";
import { cityCompliance } from "../services/compliance.ts";
import { cycleForRead, cycleIdInput } from "../services/cycle.ts";
import { coveredUnitIds, requireUnit } from "../services/scope.ts";
import { sharedRead } from "../shared-reads.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const beltRouter = router({
  /** Belts with their stops in route order. */
  list: protectedProcedure()
    .input(z.object({ unitId: z.string().min(1).optional(), cycleId: cycleIdInput }).optional())
    .query(async ({ ctx, input }): Promise<BeltDto[]> => {
      if (input?.unitId !== undefined) await requireUnit(ctx, input.unitId);
      const cycle = await cycleForRead(ctx, input?.cycleId);
      // The same for everyone (see shared-reads.ts), then narrowed to what the caller covers.
      const belts = await sharedRead(ctx, ["belt.list", cycle.id, input?.unitId ?? null], () =>
        beltsOf(ctx.prisma, cycle.id, input?.unitId),
      );
      const covered = new Set(
        coveredUnitIds(
          ctx,
          belts.map((b) => b.unitId),
        ),
      );
      return belts.filter((b) => covered.has(b.unitId));
    }),

  /**
   * Every belt rule per unit, with pass/fail and the offending belts and sites. Computed over the
   * whole city (市经信委 sites ride on county belts), returned for the user's units.
   */
  compliance: protectedProcedure()
    .input(z.object({ cycleId: cycleIdInput }).optional())
    .query(async ({ ctx, input }): Promise<UnitComplianceDto[]> => {
      const cycle = await cycleForRead(ctx, input?.cycleId);
      // The whole city's, whoever asks: shared by every caller (see shared-reads.ts).
      const all = await sharedRead(ctx, ["belt.compliance", cycle.id], () => cityCompliance(ctx, cycle));
      const covered = new Set(
        coveredUnitIds(
          ctx,
          all.map((u) => u.unitId),
        ),
      );
      return all.filter((u) => covered.has(u.unitId));
    }),
});
