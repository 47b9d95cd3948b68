import { REREVIEW_SUGGESTIONS } from "@beltmap/domain";
import { z } from "zod";
import type { ReReviewListDto } from "../dto.ts";
import { cycleForRead, cycleForWrite, cycleIdInput } from "../services/cycle.ts";
import {
  cityDecideReReview,
  decideReReview,
  fileReReview,
  listReReviews,
  recordReReview,
} from "../services/rereviews.ts";
import { protectedProcedure, router } from "../trpc.ts";

const id = z.number().int().positive();

export const rereviewRouter = router({
  /** 动态管理: re-reviews of the user's region with their due state, and due/overdue counts per township and unit. */
  list: protectedProcedure()
    .input(
      z
        .object({
          show: z.enum(["open", "due", "overdue", "awaiting", "all"]).default("open"),
          unitId: z.string().min(1).optional(),
          townshipId: z.string().min(1).optional(),
          cycleId: cycleIdInput,
        })
        .optional(),
    )
    .query(async ({ ctx, input }): Promise<ReReviewListDto> => {
      const cycle = await cycleForRead(ctx, input?.cycleId);
      return listReReviews(ctx, cycle, input ?? { show: "open" });
    }),

  /** The township records the re-review, with an optional upgrade/downgrade suggestion. */
  record: protectedProcedure(["TOWNSHIP"])
    .input(
      z.object({
        id,
        suggestion: z.enum(REREVIEW_SUGGESTIONS),
        notes: z.string().max(2000).default(""),
        cycleId: cycleIdInput,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await cycleForWrite(ctx, input.cycleId);
      await recordReReview(ctx, input);
      return { ok: true as const };
    }),

  /**
   * The county approves (the grade changes; a demonstration site downgraded is delisted) or
   * rejects a suggestion; an upgrade to 优秀 over a full quota goes to the city instead.
   */
  decide: protectedProcedure(["COUNTY"])
    .input(
      z.object({ id, approve: z.boolean(), reason: z.string().max(1000).default(""), cycleId: cycleIdInput }),
    )
    .mutation(async ({ ctx, input }) => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      const result = await decideReReview(ctx, cycle, input);
      return { ok: true as const, ...result };
    }),

  /** The city decides an upgrade the county sent up: within or over the quota (with a reason), or refused. */
  cityDecide: protectedProcedure(["CITY"])
    .input(
      z.object({
        id,
        approve: z.boolean(),
        reason: z.string().max(1000).default(""),
        overQuotaReason: z.string().max(500).default(""),
        cycleId: cycleIdInput,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      const result = await cityDecideReReview(ctx, cycle, input);
      return { ok: true as const, ...result };
    }),

  /** The city files (备案) an approved adjustment. */
  file: protectedProcedure(["CITY"])
    .input(z.object({ id, cycleId: cycleIdInput }))
    .mutation(async ({ ctx, input }) => {
      await cycleForWrite(ctx, input.cycleId);
      await fileReReview(ctx, input.id);
      return { ok: true as const };
    }),
});
