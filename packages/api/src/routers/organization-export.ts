import { z } from "zod";
import { writeAudit } from "../services/audit.ts";
import { cycleForRead, cycleIdInput } from "../services/cycle.ts";
import { organizationFile, organizationTable } from "../services/org-export.ts";
import { protectedProcedure, router } from "../trpc.ts";

const MIME = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv;charset=utf-8",
} as const;

/** 导出党组织: the list of the user's region as .xlsx or .csv (base64; the browser saves it). */
export const organizationExportRouter = router({
  organizations: protectedProcedure(["TOWNSHIP", "COUNTY", "CITY", "LEADER"])
    .input(
      z.object({
        format: z.enum(["xlsx", "csv"]),
        // Bounded: the city sees every unit, so an unknown id is not refused before its audit row
        // (whose indexed entityId cannot hold a 100,000-character string: that answered 500).
        unitId: z.string().min(1).max(40).optional(),
        /** The stages' totals, grade and tier after the template's columns (not read by an import). */
        withScores: z.boolean().default(true),
        cycleId: cycleIdInput,
      }),
    )
    .query(async ({ ctx, input }) => {
      const cycle = await cycleForRead(ctx, input.cycleId);
      const table = await organizationTable(ctx, cycle.id, input);
      const file = await organizationFile(table, input.format);
      await writeAudit(ctx.prisma, ctx, ctx.user, {
        action: "organization.export",
        entity: "Unit",
        entityId: input.unitId ?? "",
        after: { format: input.format, rows: table.rows.length, withScores: input.withScores },
      });
      return {
        fileName: `党组织名单-${cycle.year}.${input.format}`,
        mimeType: MIME[input.format],
        base64: file.toString("base64"),
        rows: table.rows.length,
      };
    }),
});
