// The check of an import file as .xlsx (the preview, downloadable): a summary sheet and every
// problem by row and column, so a clerk can work through them beside the file.

import { escapeSpreadsheetCell } from "@beltmap/domain";
import type ExcelJS from "exceljs";
import type { ImportPreviewDto } from "../dto.ts";
import { safeFileNamePart } from "../export/file-name.ts";

export function importReportFileName(fileName: string): string {
  return `导入检查结果-${safeFileNamePart(fileName.replace(/\.(xlsx|csv)\s*$/i, ""), "导入文件")}.xlsx`;
}

export async function buildImportReport(Excel: typeof ExcelJS, preview: ImportPreviewDto): Promise<Buffer> {
  const workbook = new Excel.Workbook();
  const summary = workbook.addWorksheet("概况");
  summary.columns = [
    { header: "项目", key: "item", width: 24 },
    { header: "内容", key: "value", width: 80 },
  ];
  summary.getRow(1).font = { bold: true };
  const rows: [string, string | number][] = [
    ["文件", escapeSpreadsheetCell(preview.fileName)],
    ["数据行", preview.rows.total],
    ["新增组织", preview.rows.create],
    ["更新组织", preview.rows.update],
    ["有问题的行", preview.rows.invalid],
    ["问题总数", preview.fileProblems.length + preview.problemsTotal],
    [
      "结论",
      preview.fileProblems.length + preview.problemsTotal === 0 ? "没有问题，可以导入" : "有问题，未导入",
    ],
  ];
  for (const [item, value] of rows) summary.addRow({ item, value });
  for (const problem of preview.fileProblems) summary.addRow({ item: "文件问题", value: problem });

  const list = workbook.addWorksheet("问题清单", { views: [{ state: "frozen", ySplit: 1 }] });
  list.columns = [
    { header: "行", key: "row", width: 8 },
    { header: "列", key: "column", width: 20 },
    { header: "问题", key: "message", width: 80 },
    { header: "建议", key: "suggestions", width: 30 },
  ];
  list.getRow(1).font = { bold: true };
  for (const p of preview.problems) {
    // The messages echo the file's cells: escaped, so a hostile cell is never a formula here either.
    list.addRow({
      row: p.row,
      column: escapeSpreadsheetCell(p.column),
      message: escapeSpreadsheetCell(p.message),
      suggestions: escapeSpreadsheetCell(p.suggestions.join("、")),
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
