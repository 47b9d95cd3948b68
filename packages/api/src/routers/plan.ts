import { BELT_KINDS, PLAN_LIMITS, type PlanSnapshot } from "@beltmap/domain";
import { z } from "zod";
import type { PlanDto } from "../dto.ts";
import { cycleForRead, cycleForWrite, cycleIdInput } from "../services/cycle.ts";
import { decidePlan, getPlan, getPlanVersion, savePlan, submitPlan } from "../services/plans.ts";
import { protectedProcedure, router } from "../trpc.ts";

const unitInput = z.object({ unitId: z.string().min(1), cycleId: cycleIdInput });

// Lengths are checked by the domain with messages naming the belt; these bounds only keep
// absurd requests out before any work is done.
const draftInput = unitInput.extend({
  revision: z.number().int().min(0),
  belts: z
    .array(
      z.object({
        id: z.number().int().positive().nullable(),
        name: z.string().max(200),
        theme: z.string().max(200),
        kind: z.enum(BELT_KINDS),
        roundTrip: z.boolean(),
        stopIds: z.array(z.number().int().positive()).max(PLAN_LIMITS.stopsPerBelt * 2),
      }),
    )
    .max(PLAN_LIMITS.belts * 2),
  serviceCenter: z
    .object({
      name: z.string().max(200),
      address: z.string().max(400),
      lng: z.number().finite(),
      lat: z.number().finite(),
      organizationId: z.number().int().positive().nullable(),
    })
    .nullable(),
});

export const planRouter = router({
  /** A unit's 示范带创建方案: status, working draft, versions, and what its belts may visit. */
  get: protectedProcedure()
    .input(unitInput)
    .query(
      async ({ ctx, input }): Promise<PlanDto> =>
        getPlan(ctx, await cycleForRead(ctx, input.cycleId), input.unitId),
    ),

  /** One submitted version as it was, to compare with another. */
  version: protectedProcedure()
    .input(unitInput.extend({ version: z.number().int().positive() }))
    .query(
      async ({ ctx, input }): Promise<PlanSnapshot> =>
        getPlanVersion(ctx, await cycleForRead(ctx, input.cycleId), input.unitId, input.version),
    ),

  /** The county saves its whole draft at once (belts, stop order, service center). */
  save: protectedProcedure(["COUNTY"])
    .input(draftInput)
    .mutation(async ({ ctx, input }): Promise<PlanDto> => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await savePlan(ctx, cycle, input);
      return getPlan(ctx, cycle, input.unitId);
    }),

  submit: protectedProcedure(["COUNTY"])
    .input(unitInput.extend({ revision: z.number().int().min(0) }))
    .mutation(async ({ ctx, input }): Promise<PlanDto> => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await submitPlan(ctx, cycle, input);
      return getPlan(ctx, cycle, input.unitId);
    }),

  accept: protectedProcedure(["CITY"])
    // The reason is required when the plan breaks binding rules (validateAcceptance).
    .input(unitInput.extend({ version: z.number().int().positive(), reason: z.string().max(500).optional() }))
    .mutation(async ({ ctx, input }): Promise<PlanDto> => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await decidePlan(ctx, cycle, { ...input, decision: "ACCEPTED" });
      return getPlan(ctx, cycle, input.unitId);
    }),

  return: protectedProcedure(["CITY"])
    .input(unitInput.extend({ version: z.number().int().positive(), reason: z.string().max(500) }))
    .mutation(async ({ ctx, input }): Promise<PlanDto> => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await decidePlan(ctx, cycle, { ...input, decision: "RETURNED" });
      return getPlan(ctx, cycle, input.unitId);
    }),
});
