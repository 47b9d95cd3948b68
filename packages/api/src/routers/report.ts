import { z } from "zod";
import { appendix2Input } from "../services/appendix2-data.ts";
import { writeAudit } from "../services/audit.ts";
import { cycleForRead, cycleIdInput } from "../services/cycle.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const reportRouter = router({
  /**
   * 附件2 初评结果汇总表 as .xlsx (base64; the browser saves it): the county's unit, or for the
   * city every unit (with a 汇总 sheet) or one.
   */
  appendix2: protectedProcedure(["COUNTY", "CITY", "LEADER"])
    .input(z.object({ unitId: z.string().min(1).optional(), cycleId: cycleIdInput }).optional())
    .query(async ({ ctx, input }) => {
      const cycle = await cycleForRead(ctx, input?.cycleId);
      const data = await appendix2Input(ctx, cycle, input?.unitId);
      // exceljs takes a third of a second to load: only when someone exports, not at every start.
      const { appendix2FileName, buildAppendix2Workbook } = await import("../export/appendix2.ts");
      const workbook = await buildAppendix2Workbook(data);
      await writeAudit(ctx.prisma, ctx, ctx.user, {
        action: "report.appendix2",
        entity: "Unit",
        entityId: data.units.map((u) => u.unitId).join(","),
      });
      return {
        fileName: appendix2FileName(data),
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        base64: workbook.toString("base64"),
        organizations: data.units.reduce((sum, u) => sum + u.rows.length, 0),
      };
    }),
});
