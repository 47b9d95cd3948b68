import { z } from "zod";
import type { Appendix2StatusDto } from "../dto.ts";
import {
  appendix2Status,
  appendix2SubmitWarnings,
  decideAppendix2,
  submitAppendix2,
  submittedAppendix2,
} from "../services/appendix2-submissions.ts";
import { writeAudit } from "../services/audit.ts";
import { cycleForRead, cycleForWrite, cycleIdInput } from "../services/cycle.ts";
import { protectedProcedure, router } from "../trpc.ts";

const unitInput = z.object({ unitId: z.string().min(1), cycleId: cycleIdInput });
const version = z.number().int().positive();

/** 附件2 报送: the county submits its 初评结果汇总表; the city receives it or returns it. */
export const appendix2Router = router({
  /** Where each unit's 附件2 stands in the cycle (the county sees its own). */
  status: protectedProcedure(["COUNTY", "CITY", "LEADER"])
    .input(z.object({ cycleId: cycleIdInput }).optional())
    .query(
      async ({ ctx, input }): Promise<Appendix2StatusDto> =>
        appendix2Status(ctx, await cycleForRead(ctx, input?.cycleId)),
    ),

  /** What the county is told before submitting (organisations still without 初评). */
  warnings: protectedProcedure(["COUNTY"])
    .input(unitInput)
    .query(
      async ({ ctx, input }): Promise<string[]> =>
        appendix2SubmitWarnings(ctx, await cycleForRead(ctx, input.cycleId), input.unitId),
    ),

  submit: protectedProcedure(["COUNTY"])
    .input(unitInput)
    .mutation(async ({ ctx, input }) => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      return { version: await submitAppendix2(ctx, cycle, input.unitId) };
    }),

  receive: protectedProcedure(["CITY"])
    .input(unitInput.extend({ version }))
    .mutation(async ({ ctx, input }) => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await decideAppendix2(ctx, cycle, { ...input, decision: "RECEIVED" });
      return { ok: true as const };
    }),

  return: protectedProcedure(["CITY"])
    .input(unitInput.extend({ version, reason: z.string().max(500) }))
    .mutation(async ({ ctx, input }) => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await decideAppendix2(ctx, cycle, { ...input, decision: "RETURNED" });
      return { ok: true as const };
    }),

  /** A submitted version as it was frozen, as the seed's table (.xlsx, base64). */
  download: protectedProcedure(["COUNTY", "CITY", "LEADER"])
    .input(unitInput.extend({ version }))
    .query(async ({ ctx, input }) => {
      const cycle = await cycleForRead(ctx, input.cycleId);
      const data = await submittedAppendix2(ctx, cycle, input.unitId, input.version);
      const { appendix2FileName, buildAppendix2Workbook } = await import("../export/appendix2.ts");
      const workbook = await buildAppendix2Workbook(data);
      await writeAudit(ctx.prisma, ctx, ctx.user, {
        action: "appendix2.download",
        entity: "Unit",
        entityId: input.unitId,
        after: { cycleId: cycle.id, version: input.version },
      });
      return {
        fileName: appendix2FileName(data).replace(/\.xlsx$/, `_第${input.version}版.xlsx`),
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        base64: workbook.toString("base64"),
      };
    }),
});
