// Importing the organisation list from a spreadsheet (issue 6): the file is read (import/read-table),
// every row validated by the domain's rules (org-import) and placed on the map (geo coord-check),
// rows matched to the database by their stable key, and the whole file written in one transaction
// or not at all. A preview is the same plan without the write.

import type { Prisma } from "@beltmap/db";
import {
  duplicateRows,
  IMPORT_COLUMNS,
  type ImportCoordSystem,
  type ImportKey,
  mapHeaders,
  organizationNameKey,
  type ParsedOrgRow,
  parseImportRow,
  regionCoversUnit,
} from "@beltmap/domain";
import { type CoordHint, countyAt, countyName, detectSystem, placeInCounty } from "@beltmap/geo";
import type { ImportPreviewDto, ImportProblemDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { readTable, type TableCell } from "../import/read-table.ts";
import { writeAudit } from "./audit.ts";
import type { ScopedContext } from "./scope.ts";

/** The coordinate system of rows whose 坐标系 cell is empty: chosen by the user, or detected. */
export type CoordChoice = ImportCoordSystem | "AUTO";

/** More problems than this are counted but not listed: a clerk fixes the first ones and tries again. */
const MAX_LISTED_PROBLEMS = 2000;
/** Rows per INSERT of a commit. */
const WRITE_BATCH = 500;

const SYSTEM_NAMES: Record<ImportCoordSystem, string> = {
  WGS84: "WGS84（GPS、天地图）",
  GCJ02: "GCJ-02（高德、腾讯）",
  BD09: "BD-09（百度）",
};

const HEADER_OF = new Map(IMPORT_COLUMNS.map((c) => [c.key, c.header]));

type OrganizationData = {
  code: string | null;
  name: string;
  kind: string;
  unitId: string;
  townshipId: string;
  countyCode: string;
  lng: number;
  lat: number;
  address: string;
  memberCount: number;
  countyDualManaged: boolean;
  /** 组建方式: SINGLE or JOINT (the domain's SetupKind). */
  setupKind: string;
  entityOperated: boolean;
};

export type ImportPlan = {
  preview: ImportPreviewDto;
  /** Optional columns the file has: an update leaves the others' stored values alone. */
  optionalColumns: ReadonlySet<OptionalColumn>;
  creates: OrganizationData[];
  updates: { id: number; data: OrganizationData }[];
  /** Units outside the user's region that rows named (those rows are refused). */
  foreignUnits: string[];
};

/**
 * Optional template columns that a file (an older template, another department's sheet) may lack:
 * its rows would read them as their defaults (单建, 实体运作, not dual-managed, no code), so an update
 * must not write those defaults over what is stored.
 */
const OPTIONAL_COLUMNS = ["code", "countyDualManaged", "setupKind", "entityOperated"] as const;
type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

function hintText(hint: CoordHint | null): string {
  if (!hint) return "";
  switch (hint.kind) {
    case "SWAPPED":
      return "；经度、纬度可能填反了";
    case "SYSTEM":
      return `；若按 ${SYSTEM_NAMES[hint.system]} 坐标换算则位于该县（市、区）内，请检查「坐标系」`;
    case "SWAPPED_SYSTEM":
      return `；经度、纬度可能填反了，且坐标系可能是 ${SYSTEM_NAMES[hint.system]}`;
  }
}

/**
 * Reads and checks a file against the database without writing: every problem with its row and
 * column, and what a commit would create and update.
 */
export async function planImport(
  ctx: ScopedContext,
  file: { fileName: string; bytes: Uint8Array },
  choice: CoordChoice,
): Promise<ImportPlan> {
  const table = await readTable(file.bytes, file.fileName);
  const [headerRow = [], ...body] = table.rows;
  const headers = mapHeaders(headerRow);
  const optionalColumns = new Set(OPTIONAL_COLUMNS.filter((key) => headers.columns[key] !== undefined));
  const fileProblems = [
    ...headers.missing.map((key) => `缺少必填列「${HEADER_OF.get(key) ?? key}」`),
    ...headers.duplicated.map((header) => `列「${header}」出现了不止一次，只读取第一列`),
  ];
  const notices = headers.unknown.map((header) => `未识别的列「${header}」，导入时忽略`);
  const base: Omit<ImportPreviewDto, "problems" | "problemsTotal" | "rows" | "system"> = {
    fileName: file.fileName,
    format: table.format,
    encoding: table.encoding,
    fileProblems,
    notices,
  };
  if (fileProblems.length > 0) {
    return {
      preview: {
        ...base,
        system: { choice, used: choice === "AUTO" ? "WGS84" : choice, detected: null },
        rows: { total: body.length, create: 0, update: 0, invalid: body.length },
        problems: [],
        problemsTotal: 0,
      },
      creates: [],
      updates: [],
      foreignUnits: [],
      optionalColumns,
    };
  }

  const [unitRows, townships] = await Promise.all([
    ctx.prisma.unit.findMany({ select: { id: true, name: true, kind: true }, orderBy: { sortOrder: "asc" } }),
    ctx.prisma.township.findMany({ select: { id: true, name: true, unitId: true, countyCode: true } }),
  ]);
  // A department (市经信委) has organisations in the counties' townships.
  const units = unitRows.map((u) => ({ id: u.id, name: u.name, anyTownship: u.kind === "DEPARTMENT" }));
  const townshipCounty = new Map(townships.map((t) => [t.id, t.countyCode]));
  const unitNames = new Map(units.map((u) => [u.id, u.name]));

  // Pass 1: each row on its own. Rows with an empty 坐标系 cell take the file's system, known only
  // after pass 1 when it is to be detected: they are placed on the map in pass 2.
  type Parsed = { sheetRow: number; row: ParsedOrgRow | null; systemGiven: boolean };
  const problems: ImportProblemDto[] = [];
  const problem = (sheetRow: number, column: ImportKey, message: string, suggestions: string[] = []) =>
    problems.push({ row: sheetRow, column: HEADER_OF.get(column) ?? column, message, suggestions });
  const parsed: Parsed[] = [];
  const foreignUnits = new Set<string>();
  body.forEach((cellsOfRow, index) => {
    // As the spreadsheet numbers it (the header is row 1; blank rows were dropped in reading).
    const sheetRow = table.rowNumbers[index + 1] ?? index + 2;
    const cells: Partial<Record<ImportKey, TableCell>> = {};
    for (const [key, column] of Object.entries(headers.columns) as [ImportKey, number][]) {
      cells[key] = cellsOfRow[column] ?? null;
    }
    const result = parseImportRow(cells, { units, townships, defaultSystem: "WGS84" });
    for (const p of result.problems) problem(sheetRow, p.column, p.message, p.suggestions ?? []);
    const row = result.row;
    if (row && !regionCoversUnit(ctx.user.region, row.unitId)) {
      foreignUnits.add(row.unitId);
      problem(sheetRow, "unit", `「所属单位」${unitNames.get(row.unitId)}不在您的管辖范围内，不能导入`);
      parsed.push({ sheetRow, row: null, systemGiven: false });
      return;
    }
    const systemGiven =
      cells.system !== undefined && cells.system !== null && String(cells.system).trim() !== "";
    parsed.push({ sheetRow, row, systemGiven });
  });

  const countyOf = (row: ParsedOrgRow) => townshipCounty.get(row.townshipId) ?? null;
  const detected =
    choice === "AUTO"
      ? detectSystem(
          parsed.flatMap(({ row, systemGiven }) =>
            row && !systemGiven ? [{ lng: row.lng, lat: row.lat, countyCode: countyOf(row) }] : [],
          ),
        )
      : null;
  const fileSystem: ImportCoordSystem = detected ? detected.system : choice === "AUTO" ? "WGS84" : choice;

  // Pass 2: on the map, each row inside its township's county.
  const placed: { sheetRow: number; data: OrganizationData }[] = [];
  for (const { sheetRow, row, systemGiven } of parsed) {
    if (!row) continue;
    const system = systemGiven ? row.system : fileSystem;
    const county = countyOf(row);
    const place = placeInCounty({ lng: row.lng, lat: row.lat, system, countyCode: county });
    if (!place.inside || !place.wgs84) {
      const where = county ? countyName(county) : "衢州市";
      problem(
        sheetRow,
        "lng",
        `经纬度（${row.lng}, ${row.lat}，按 ${SYSTEM_NAMES[system]}）不在${where}范围内${hintText(place.hint)}`,
      );
      continue;
    }
    const [lng, lat] = place.wgs84;
    placed.push({
      sheetRow,
      data: {
        code: row.code,
        name: row.name,
        kind: row.kind,
        unitId: row.unitId,
        townshipId: row.townshipId,
        countyCode: county ?? countyAt(lng, lat) ?? "",
        lng,
        lat,
        address: row.address,
        memberCount: row.memberCount,
        countyDualManaged: row.countyDualManaged,
        setupKind: row.setupKind,
        entityOperated: row.entityOperated,
      },
    });
  }

  // Rows repeating one another within the file.
  const repeats = duplicateRows(placed.map((p) => p.data));
  const unique = placed.filter((p, i) => {
    const first = repeats.get(i);
    if (first === undefined) return true;
    problem(
      p.sheetRow,
      p.data.code ? "code" : "name",
      `与第 ${placed[first]?.sheetRow} 行是同一个组织（重复）`,
    );
    return false;
  });

  // New or an update: by code, else by unit and name.
  const existing = await ctx.prisma.organization.findMany({
    where: {
      OR: [
        { code: { in: unique.flatMap((p) => (p.data.code ? [p.data.code] : [])) } },
        { unitId: { in: [...new Set(unique.map((p) => p.data.unitId))] } },
      ],
    },
    select: { id: true, code: true, unitId: true, name: true },
  });
  const byCode = new Map(existing.flatMap((o) => (o.code ? [[o.code, o] as const] : [])));
  const byName = new Map(existing.map((o) => [organizationNameKey(o.unitId, o.name), o]));
  const creates: OrganizationData[] = [];
  const updates: { id: number; data: OrganizationData }[] = [];
  for (const { sheetRow, data } of unique) {
    const sameCode = data.code ? byCode.get(data.code) : undefined;
    const sameName = byName.get(organizationNameKey(data.unitId, data.name));
    if (sameCode && sameCode.unitId !== data.unitId) {
      // Named only to who may see it: a county must not learn other counties' organisations
      // (20,000 codes a file would enumerate the city).
      const owner = regionCoversUnit(ctx.user.region, sameCode.unitId)
        ? `${unitNames.get(sameCode.unitId)}的「${sameCode.name}」`
        : "其他单位的党组织";
      problem(sheetRow, "code", `「组织编码」${data.code} 已被${owner}使用，请核对编码`);
      continue;
    }
    if (!sameCode && data.code && sameName?.code) {
      problem(
        sheetRow,
        "code",
        `同一单位的「${sameName.name}」已有组织编码 ${sameName.code}，与本行的 ${data.code} 不一致`,
      );
      continue;
    }
    const match = sameCode ?? sameName;
    if (match) updates.push({ id: match.id, data: { ...data, code: data.code ?? match.code } });
    else creates.push(data);
  }

  const invalidRows = new Set(problems.map((p) => p.row)).size;
  problems.sort((a, b) => a.row - b.row);
  return {
    preview: {
      ...base,
      system: { choice, used: fileSystem, detected },
      rows: { total: parsed.length, create: creates.length, update: updates.length, invalid: invalidRows },
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      problemsTotal: problems.length,
    },
    creates,
    updates,
    foreignUnits: [...foreignUnits],
    optionalColumns,
  };
}

/**
 * Rows for another unit are refused row by row, and the attempt is audited like any refusal. Written
 * outside any transaction, so a refused commit keeps it.
 */
async function auditForeignRows(ctx: ScopedContext, plan: ImportPlan, fileName: string): Promise<void> {
  if (plan.foreignUnits.length === 0) return;
  await writeAudit(ctx.prisma, ctx, ctx.user, {
    action: "access.denied",
    entity: "Unit",
    entityId: plan.foreignUnits.join(","),
    after: { reason: "import rows outside the region", file: fileName },
  });
}

/** The plan of a preview (or of its .xlsx check), with its refusals audited. */
export async function previewImport(
  ctx: ScopedContext,
  file: { fileName: string; bytes: Uint8Array },
  choice: CoordChoice,
): Promise<ImportPreviewDto> {
  const plan = await planImport(ctx, file, choice);
  await auditForeignRows(ctx, plan, file.fileName);
  return plan.preview;
}

/** The columns an import writes, with their SQL types (for the VALUES list of a batched update). */
const UPDATE_COLUMNS: readonly [keyof OrganizationData, string][] = [
  ["code", "text"],
  ["name", "text"],
  ["kind", "text"],
  ["unitId", "text"],
  ["townshipId", "text"],
  ["countyCode", "text"],
  ["lng", "double precision"],
  ["lat", "double precision"],
  ["address", "text"],
  ["memberCount", "integer"],
  ["countyDualManaged", "boolean"],
  ["setupKind", "text"],
  ["entityOperated", "boolean"],
];

/**
 * Updates a batch of organisations in one statement (UPDATE … FROM VALUES): one statement per row
 * took half a minute for 20,000 rows. Every value is a bound parameter.
 */
async function updateOrganizations(
  tx: Prisma.TransactionClient,
  updates: readonly { id: number; data: OrganizationData }[],
  optionalColumns: ReadonlySet<OptionalColumn>,
): Promise<void> {
  if (updates.length === 0) return;
  const written = UPDATE_COLUMNS.filter(
    ([column]) =>
      !(OPTIONAL_COLUMNS as readonly string[]).includes(column) ||
      optionalColumns.has(column as OptionalColumn),
  );
  const params: unknown[] = [];
  const param = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const rows = updates.map(
    ({ id, data }) =>
      `(${[param(id, "integer"), ...written.map(([column, type]) => param(data[column], type))].join(", ")})`,
  );
  const names = ["id", ...written.map(([column]) => column)].map((c) => `"${c}"`).join(", ");
  const sets = written.map(([column]) => `"${column}" = v."${column}"`).join(", ");
  await tx.$executeRawUnsafe(
    `UPDATE "Organization" AS o SET ${sets} FROM (VALUES ${rows.join(", ")}) AS v(${names}) WHERE o."id" = v."id"`,
    ...params,
  );
}

/** Writes a file with no problem, all of it in one transaction; a file with any problem, none of it. */
export async function commitImport(
  ctx: ScopedContext,
  file: { fileName: string; bytes: Uint8Array },
  choice: CoordChoice,
): Promise<ImportPreviewDto> {
  let refused: ImportPlan | null = null;
  const done = await ctx.prisma.$transaction(
    async (tx) => {
      // One import at a time, planned under the lock: two commits of one file started together would
      // otherwise both take its rows for new ones.
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('beltmap.organization-import'))");
      const plan = await planImport(
        { ...ctx, prisma: tx as unknown as ScopedContext["prisma"] },
        file,
        choice,
      );
      if (problemCount(plan) > 0 || plan.creates.length + plan.updates.length === 0) {
        refused = plan; // nothing written: refused below, its audit outside this transaction
        return null;
      }
      // In batches: one statement of 20,000 rows costs the database (PGlite's memory does not shrink
      // back) far more than forty of 500.
      for (let i = 0; i < plan.creates.length; i += WRITE_BATCH) {
        await tx.organization.createMany({ data: plan.creates.slice(i, i + WRITE_BATCH) });
      }
      for (let i = 0; i < plan.updates.length; i += WRITE_BATCH) {
        await updateOrganizations(tx, plan.updates.slice(i, i + WRITE_BATCH), plan.optionalColumns);
      }
      await writeAudit(tx, ctx, ctx.user, {
        action: "organization.import",
        entity: "Organization",
        entityId: file.fileName,
        after: {
          created: plan.creates.length,
          updated: plan.updates.length,
          system: plan.preview.system.used,
        },
      });
      return plan.preview;
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  if (done) return done;
  const plan = refused as ImportPlan | null;
  if (plan) await auditForeignRows(ctx, plan, file.fileName);
  const count = plan ? problemCount(plan) : 0;
  if (count > 0) throw new DomainError(`文件有 ${count} 处问题，未导入任何数据；请按预览修改后重新导入`);
  throw new DomainError("文件中没有可导入的组织");
}

const problemCount = ({ preview }: ImportPlan) => preview.fileProblems.length + preview.problemsTotal;
