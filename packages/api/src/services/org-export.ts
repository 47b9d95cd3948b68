// The organisation list as a spreadsheet (.xlsx or .csv), in the user's region. Its first columns
// are the import template's, in the template's words, so the file imports again unchanged (a round
// trip); with scores, the stages' totals, the grade and the tier follow.
import {
  escapeSpreadsheetCell,
  GRADES,
  IMPORT_COLUMNS,
  type ImportKey,
  isSetupKind,
  LABELS_ZH,
  STAGES,
  type Stage,
} from "@beltmap/domain";
import { organizationsWithGrades } from "./grades.ts";
import { type ScopedContext, scopedOrganizationFilter } from "./scope.ts";

export type ExportFormat = "xlsx" | "csv";
type Cell = string | number;

/** Coordinates to six decimals (about 0.1 m): what an import reads back exactly. */
const coordinate = (value: number) => Math.round(value * 1e6) / 1e6;

const SCORE_HEADERS = [...STAGES.map((stage) => `${LABELS_ZH.stage[stage]}得分`), "等级", "等级状态", "梯队"];

/** The header row and the data rows, in the unit's order, then township, then name. */
export async function organizationTable(
  ctx: ScopedContext,
  cycleId: number,
  options: { unitId?: string; withScores: boolean },
): Promise<{ header: string[]; rows: Cell[][] }> {
  const graded = await organizationsWithGrades(
    ctx,
    await scopedOrganizationFilter(ctx, cycleId, options.unitId),
  );
  const ids = graded.map((o) => o.id);
  const [organizations, units, sheets] = await Promise.all([
    ctx.prisma.organization.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        code: true,
        address: true,
        memberCount: true,
        countyDualManaged: true,
        setupKind: true,
        entityOperated: true,
      },
    }),
    ctx.prisma.unit.findMany({ select: { id: true, name: true, sortOrder: true } }),
    options.withScores
      ? ctx.prisma.scoreSheet.findMany({
          where: { cycleId, organizationId: { in: ids }, status: "SUBMITTED" },
          select: { organizationId: true, stage: true, total: true },
        })
      : Promise.resolve([]),
  ]);
  const details = new Map(organizations.map((o) => [o.id, o]));
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const totals = new Map<string, number>(sheets.map((s) => [`${s.organizationId}:${s.stage}`, s.total]));
  const sorted = [...graded].sort(
    (a, b) =>
      (unitOf.get(a.unitId)?.sortOrder ?? 0) - (unitOf.get(b.unitId)?.sortOrder ?? 0) ||
      a.townshipId.localeCompare(b.townshipId) ||
      a.name.localeCompare(b.name, "zh-CN") ||
      a.id - b.id,
  );
  const rows = sorted.map((org) => {
    const detail = details.get(org.id);
    const setupKind = detail?.setupKind ?? "SINGLE";
    const values: Record<ImportKey, Cell> = {
      code: detail?.code ?? "",
      name: org.name,
      kind: LABELS_ZH.orgKind[org.kind],
      unit: unitOf.get(org.unitId)?.name ?? org.unitId,
      township: org.townshipName,
      address: detail?.address ?? "",
      lng: coordinate(org.lng),
      lat: coordinate(org.lat),
      system: "WGS84",
      memberCount: detail?.memberCount ?? 0,
      countyDualManaged: detail?.countyDualManaged ? "是" : "否",
      // The template's words (单建/联建, 是/否), which the import reads back; a code the domain does
      // not know is written as stored, so an import refuses it rather than turning it into 单建.
      setupKind: isSetupKind(setupKind) ? LABELS_ZH.setupKind[setupKind] : setupKind,
      entityOperated: detail?.entityOperated === false ? "否" : "是",
    };
    const row: Cell[] = IMPORT_COLUMNS.map((c) => values[c.key]);
    if (options.withScores) {
      row.push(
        ...STAGES.map((stage: Stage) => totals.get(`${org.id}:${stage}`) ?? ""),
        org.grade && GRADES.includes(org.grade) ? LABELS_ZH.grade[org.grade] : "",
        org.grade ? (org.gradeIsOfficial ? "正式" : "暂定") : "",
        org.tier ? LABELS_ZH.tier[org.tier] : "",
      );
    }
    return row;
  });
  const header = [...IMPORT_COLUMNS.map((c) => c.header), ...(options.withScores ? SCORE_HEADERS : [])];
  return { header, rows };
}

/** Text cells that a spreadsheet would read as a formula are escaped; numbers stay numbers. */
const safe = (cell: Cell): Cell => (typeof cell === "string" ? escapeSpreadsheetCell(cell) : cell);

export async function organizationFile(
  table: { header: string[]; rows: Cell[][] },
  format: ExportFormat,
): Promise<Buffer> {
  if (format === "csv") {
    const { default: Papa } = await import("papaparse");
    const text = Papa.unparse([table.header, ...table.rows.map((row) => row.map(safe))], { newline: "\r\n" });
    // With a byte-order mark, Excel opens UTF-8 as UTF-8 (without it, as the system's GBK).
    return Buffer.from(`\uFEFF${text}\r\n`, "utf8");
  }
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet("组织名单", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(safe));
  sheet.columns.forEach((column, i) => {
    column.width = i === 1 || i === 5 ? 36 : 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
