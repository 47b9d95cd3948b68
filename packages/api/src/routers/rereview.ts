import { REREVIEW_SUGGESTIONS } from "@beltmap/domain";
import { z } from "zod";
import type { ReReviewListDto } from "../dto.ts";
import { requireCurrentCycle } from "../services/cycle.ts";
import { decideReReview, fileReReview, listReReviews, recordReReview } from "../services/rereviews.ts";
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
        })
        .optional(),
    )
    .query(({ ctx, input }): Promise<ReReviewListDto> => listReReviews(ctx, input ?? { show: "open" })),

  /** The township records the re-review, with an optional upgrade/downgrade suggestion. */
  record: protectedProcedure(["TOWNSHIP"])
    .input(
      z.object({ id, suggestion: z.enum(REREVIEW_SUGGESTIONS), notes: z.string().max(2000).default("") }),
    )
    .mutation(async ({ ctx, input }) => {
      await recordReReview(ctx, input);
      return { ok: true as const };
    }),

  /** The county approves (the grade changes) or rejects a suggestion. */
  decide: protectedProcedure(["COUNTY"])
    .input(z.object({ id, approve: z.boolean(), reason: z.string().max(1000).default("") }))
    .mutation(async ({ ctx, input }) => {
      const cycle = await requireCurrentCycle(ctx);
      await decideReReview(ctx, cycle.id, input);
      return { ok: true as const };
    }),

  /** The city files (备案) an approved adjustment. */
  file: protectedProcedure(["CITY"])
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await fileReReview(ctx, input.id);
      return { ok: true as const };
    }),
});
