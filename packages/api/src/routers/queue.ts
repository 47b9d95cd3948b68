import { STAGES } from "@beltmap/domain";
import { z } from "zod";
import type { BulkResultDto, QueueDto } from "../dto.ts";
import { runBulk } from "../services/bulk.ts";
import { cycleForRead, cycleForWrite, cycleIdInput } from "../services/cycle.ts";
import { readQueue } from "../services/queue.ts";
import { requireVisibleUnit } from "../services/scope.ts";
import { protectedProcedure, router } from "../trpc.ts";

const row = z.object({
  organizationId: z.number().int().positive(),
  version: z.number().int().min(0),
  previousVersion: z.number().int().min(0),
});

export const queueRouter = router({
  /** 待自评 / 待复核 / 待初评 / 待评定 of the user's region, with counts and filters. */
  list: protectedProcedure()
    .input(
      z
        .object({
          stage: z.enum(STAGES).optional(),
          unitId: z.string().min(1).optional(),
          townshipId: z.string().min(1).optional(),
          search: z.string().max(100).optional(),
          after: z.number().int().positive().optional(),
          cycleId: cycleIdInput,
        })
        .optional(),
    )
    .query(async ({ ctx, input }): Promise<QueueDto> => {
      const cycle = await cycleForRead(ctx, input?.cycleId);
      if (input?.unitId !== undefined) await requireVisibleUnit(ctx, input.unitId);
      return readQueue(ctx, cycle, input ?? {});
    }),

  /** One action on many rows (county and city), each row checked on its own, with a per-row result. */
  bulk: protectedProcedure(["COUNTY", "CITY"])
    .input(
      z.discriminatedUnion("action", [
        z.object({
          action: z.literal("adopt"),
          cycleId: cycleIdInput,
          stage: z.enum(STAGES),
          rows: z.array(row).min(1).max(2000),
          opinion: z.string().max(2000).nullish(),
          overrideReason: z.string().max(500).nullish(),
        }),
        z.object({
          action: z.literal("return"),
          cycleId: cycleIdInput,
          stage: z.enum(STAGES),
          rows: z.array(row).min(1).max(2000),
          reason: z.string().max(1000),
        }),
      ]),
    )
    .mutation(async ({ ctx, input }): Promise<BulkResultDto[]> => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      return runBulk(ctx, cycle, input);
    }),
});
