import { IMPORT_COLUMNS } from "@beltmap/domain";
import { countyLabelPoint } from "@beltmap/geo";
import { z } from "zod";
import type { ImportPreviewDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { IMPORT_FILE_MAX_BYTES } from "../import/read-table.ts";
import { commitImport, previewImport } from "../services/org-import.ts";
import { visibleUnitIds } from "../services/scope.ts";
import { protectedProcedure, router } from "../trpc.ts";

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The uploaded file, base64 in the request (as the exports come back): capped before decoding. */
const fileInput = z.object({
  fileName: z.string().trim().min(1, "请选择文件").max(200, "文件名过长"),
  base64: z
    .string()
    .min(1, "文件是空的")
    .max(Math.ceil(IMPORT_FILE_MAX_BYTES / 3) * 4, "文件超过 10 MB，请拆分后分批导入"),
  system: z.enum(["AUTO", "WGS84", "GCJ02", "BD09"]),
});

function decode(base64: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new DomainError("上传的文件已损坏，请重新选择");
  return new Uint8Array(Buffer.from(base64, "base64"));
}

/** 导入党组织: the template, a preview listing every problem by row and column, and the commit. */
export const organizationImportRouter = router({
  template: protectedProcedure(["CITY", "COUNTY"]).query(async ({ ctx }) => {
    const visible = await visibleUnitIds(ctx);
    const unit = await ctx.prisma.unit.findFirstOrThrow({
      where: visible === "ALL" ? { kind: "COUNTY" } : { id: { in: visible } },
      orderBy: { sortOrder: "asc" },
      select: { id: true, name: true, countyCode: true },
    });
    const township = await ctx.prisma.township.findFirst({
      where: { unitId: unit.id },
      orderBy: { id: "asc" },
      select: { name: true, countyCode: true },
    });
    const [lng, lat] = countyLabelPoint(township?.countyCode ?? unit.countyCode ?? "330802");
    const { default: Excel } = await import("exceljs");
    const { buildImportTemplate, TEMPLATE_FILE_NAME } = await import("../import/template.ts");
    const buffer = await buildImportTemplate(Excel, {
      code: "",
      name: `${township?.name ?? ""}示例科技有限公司党支部`,
      kind: "非公企业",
      unit: unit.name,
      township: township?.name ?? "",
      address: `${unit.name}${township?.name ?? ""}示例路 1 号`,
      lng: Math.round(lng * 1e6) / 1e6,
      lat: Math.round(lat * 1e6) / 1e6,
      system: "WGS84",
      memberCount: 12,
      countyDualManaged: "否",
    });
    return {
      fileName: TEMPLATE_FILE_NAME,
      mimeType: XLSX_MIME,
      base64: buffer.toString("base64"),
      columns: IMPORT_COLUMNS.map((c) => c.header),
    };
  }),

  preview: protectedProcedure(["CITY", "COUNTY"])
    .input(fileInput)
    .mutation(async ({ ctx, input }): Promise<ImportPreviewDto> => {
      return previewImport(ctx, { fileName: input.fileName, bytes: decode(input.base64) }, input.system);
    }),

  /** The preview as an .xlsx: the summary and every problem by row and column. */
  report: protectedProcedure(["CITY", "COUNTY"])
    .input(fileInput)
    .mutation(async ({ ctx, input }) => {
      const preview = await previewImport(
        ctx,
        { fileName: input.fileName, bytes: decode(input.base64) },
        input.system,
      );
      const { default: Excel } = await import("exceljs");
      const { buildImportReport, importReportFileName } = await import("../import/report.ts");
      const buffer = await buildImportReport(Excel, preview);
      return {
        fileName: importReportFileName(input.fileName),
        mimeType: XLSX_MIME,
        base64: buffer.toString("base64"),
      };
    }),

  commit: protectedProcedure(["CITY", "COUNTY"])
    .input(fileInput)
    .mutation(
      async ({ ctx, input }): Promise<ImportPreviewDto> =>
        commitImport(ctx, { fileName: input.fileName, bytes: decode(input.base64) }, input.system),
    ),
});
