import {
  type Appendix2Input,
  type Appendix2Row,
  type Appendix2Unit,
  type Grade,
  LABELS_ZH,
} from "@beltmap/domain";
import ExcelJS from "exceljs";
import { safeFileNamePart } from "./file-name.ts";

export type { Appendix2Input, Appendix2Row, Appendix2Unit };

/** The seed's own title of 附件2 (衢两新〔2017〕3号). */
export const APPENDIX2_TITLE = "“百企示范、千企争先”行动初评结果汇总表";
const SUMMARY_SHEET = "汇总";
const GRADE_ORDER: readonly Grade[] = ["EXCELLENT", "GOOD", "PASS", "FAIL"];
const UNIT_COLUMNS = [
  { header: "序号", width: 6 },
  { header: "党组织名称", width: 40 },
  { header: "乡镇（街道、园区）", width: 20 },
  { header: "自评得分", width: 10 },
  { header: "复核得分", width: 10 },
  { header: "初评得分", width: 10 },
  { header: "初评等次", width: 10 },
  { header: "初评意见", width: 40 },
] as const;
const SUMMARY_COLUMNS = [
  { header: "单位", width: 22 },
  ...["参评组织数", "优秀", "良好", "达标", "未达标", "未初评", "优秀创建名额"].map((header) => ({
    header,
    width: 12,
  })),
  { header: "是否超额", width: 10 },
] as const;
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

// The office files these in Quzhou, whatever zone the server runs in.
function chinaDate(date: Date): { y: number; m: number; d: number } {
  const shifted = new Date(date.getTime() + 8 * 3600 * 1000);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate() };
}

export function appendix2FileName(input: { reportingUnit: string; reportDate: Date }): string {
  const { y, m, d } = chinaDate(input.reportDate);
  const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const unit = safeFileNamePart(input.reportingUnit.replace(/[\\/]/g, "_"), "未命名单位");
  return `附件2_初评结果汇总表_${unit}_${iso}.xlsx`;
}

/**
 * Spreadsheet programs (and their CSV exports opened elsewhere) run text starting with these
 * characters as a formula; the leading quote is the OWASP-recommended way to keep it inert.
 */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Excel refuses names over 31 characters, with \ / ? * [ ] :, quoted at either end, or "History". */
function sheetName(wanted: string, taken: Set<string>): string {
  let base =
    wanted
      .replace(/[\\/?*[\]:]/g, "_")
      .replace(/^'+|'+$/g, "")
      .trim() || "单位";
  if (base.toLowerCase() === "history") base = `${base}_`;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : `(${n})`;
    const name = truncate(base, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

function truncate(text: string, max: number): string {
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

type Counts = Record<Grade | "NONE", number>;

function countGrades(rows: readonly Appendix2Row[]): Counts {
  const counts: Counts = { EXCELLENT: 0, GOOD: 0, PASS: 0, FAIL: 0, NONE: 0 };
  for (const row of rows) counts[row.initialGrade ?? "NONE"]++;
  return counts;
}

function setupSheet(sheet: ExcelJS.Worksheet, columns: readonly { width: number }[], lastRow: number) {
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.views = [{ state: "frozen", ySplit: 3 }];
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as needed
    printTitlesRow: "3:3",
    printArea: `A1:${sheet.getColumn(columns.length).letter}${lastRow}`,
    horizontalCentered: true,
  };
}

function writeHeading(sheet: ExcelJS.Worksheet, info: string, columns: readonly { header: string }[]) {
  const width = columns.length;
  const title = sheet.getRow(1);
  title.getCell(1).value = APPENDIX2_TITLE;
  title.getCell(1).font = { name: "宋体", size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: "center", vertical: "middle" };
  title.height = 30;
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell(2, 1).value = info;
  sheet.mergeCells(2, 1, 2, width);
  const header = sheet.getRow(3);
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = THIN;
  });
}

function score(cell: ExcelJS.Cell, value: number | null) {
  cell.value = value;
  cell.numFmt = "0.0";
}

function writeUnitSheet(sheet: ExcelJS.Worksheet, unit: Appendix2Unit, info: string) {
  const width = UNIT_COLUMNS.length;
  writeHeading(sheet, info, UNIT_COLUMNS);
  unit.rows.forEach((org, i) => {
    const row = sheet.getRow(4 + i);
    row.getCell(1).value = i + 1;
    row.getCell(2).value = safeText(org.organizationName);
    row.getCell(3).value = safeText(org.townshipName);
    score(row.getCell(4), org.selfTotal);
    score(row.getCell(5), org.reviewTotal);
    score(row.getCell(6), org.initialTotal);
    row.getCell(7).value = org.initialGrade ? LABELS_ZH.grade[org.initialGrade] : null;
    row.getCell(8).value = org.opinion === null ? null : safeText(org.opinion);
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      cell.alignment = {
        vertical: "middle",
        wrapText: c === 2 || c === 8,
        horizontal: c === 2 || c === 8 ? "left" : "center",
      };
    }
  });

  const counts = countGrades(unit.rows);
  const lines: [string, number, string?][] = [
    ["优秀", counts.EXCELLENT, `（创建名额 ${unit.excellentQuota}）`],
    ["良好", counts.GOOD],
    ["达标", counts.PASS],
    ["未达标", counts.FAIL],
    ["未初评", counts.NONE],
  ];
  let r = 4 + unit.rows.length + 1;
  sheet.getCell(r++, 2).value = "初评结果统计";
  for (const [label, n, note] of lines) {
    const row = sheet.getRow(r++);
    row.getCell(2).value = label;
    row.getCell(3).value = n;
    if (note) row.getCell(4).value = note;
  }
  const over = counts.EXCELLENT - unit.excellentQuota;
  if (over > 0) {
    const cell = sheet.getCell(r, 2);
    cell.value = `超出名额：初评优秀 ${counts.EXCELLENT} 个，创建名额 ${unit.excellentQuota} 个，超出 ${over} 个`;
    cell.font = { bold: true, color: { argb: "FFC00000" } };
    sheet.mergeCells(r, 2, r, width);
    r++;
  }
  setupSheet(sheet, UNIT_COLUMNS, r - 1);
}

function writeSummarySheet(sheet: ExcelJS.Worksheet, units: readonly Appendix2Unit[], info: string) {
  writeHeading(sheet, info, SUMMARY_COLUMNS);
  const total = [0, 0, 0, 0, 0, 0, 0];
  units.forEach((unit, i) => {
    const counts = countGrades(unit.rows);
    const numbers = [
      unit.rows.length,
      ...GRADE_ORDER.map((g) => counts[g]),
      counts.NONE,
      unit.excellentQuota,
    ];
    numbers.forEach((n, j) => {
      total[j] = (total[j] ?? 0) + n;
    });
    const over = counts.EXCELLENT > unit.excellentQuota ? "是" : "否";
    sheet.getRow(4 + i).values = [safeText(unit.unitName), ...numbers, over];
  });
  const sumRow = sheet.getRow(4 + units.length);
  sumRow.values = ["合计", ...total];
  sumRow.font = { bold: true };
  for (let r = 4; r <= sumRow.number; r++) {
    for (let c = 1; c <= SUMMARY_COLUMNS.length; c++) {
      const cell = sheet.getCell(r, c);
      cell.border = THIN;
      cell.alignment = { horizontal: c === 1 ? "left" : "center" };
    }
  }
  setupSheet(sheet, SUMMARY_COLUMNS, sumRow.number);
}

export async function buildAppendix2Workbook(input: Appendix2Input): Promise<Buffer> {
  const { y, m, d } = chinaDate(input.reportDate);
  // The seed's heading line: 填报单位（盖章） and 填报时间; the cycle says which year it reports.
  const info = `填报单位（盖章）：${input.reportingUnit}    填报时间：${y}年${m}月${d}日    年度：${input.cycleName}`;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = input.reportingUnit;
  workbook.created = input.reportDate;
  const taken = new Set<string>();
  // A workbook needs at least one sheet, so an empty report still gets its (empty) summary.
  if (input.units.length !== 1) {
    writeSummarySheet(workbook.addWorksheet(sheetName(SUMMARY_SHEET, taken)), input.units, info);
  }
  for (const unit of input.units) {
    writeUnitSheet(workbook.addWorksheet(sheetName(unit.unitName, taken)), unit, info);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
