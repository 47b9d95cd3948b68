// Stored grades (OrganizationGrade): each organisation's grade per cycle, computed by the domain
// from its inputs (the submitted stage sheets and the latest official grade record) and written in
// the transaction that changed those inputs. Reads and counts use the stored rows; this module is
// the only writer, and `rebuildStoredGrades` recomputes everything to check or repair them.
import {
  currentGrade,
  effectiveGrade,
  type Grade,
  isGrade,
  isStage,
  type OfficialGradeRecord,
  pendingStage,
  type SheetStages,
  type StageScore,
} from "@beltmap/domain";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

type Client = PrismaClient | Prisma.TransactionClient;

export type StoredGradeRow = {
  cycleId: number;
  organizationId: number;
  grade: string;
  tier: string;
  total: number | null;
  stage: string;
  official: boolean;
  sheetGrade: string | null;
  sheetStage: string | null;
  pendingStage: string | null;
};

export type GradeInputs = {
  organizationId: number;
  sheets: readonly { stage: string; total: number; status: string }[];
  officialRecord: { grade: string; total: number | null } | null;
};

export function officialOf(
  record: { grade: string; total: number | null } | null,
): OfficialGradeRecord | null {
  if (!record) return null;
  if (!isGrade(record.grade)) throw new Error(`unknown grade "${record.grade}" in GradeRecord`);
  return { grade: record.grade as Grade, total: record.total };
}

export function toStageScore(sheet: { stage: string; total: number; status: string }): StageScore {
  if (!isStage(sheet.stage)) throw new Error(`unknown stage "${sheet.stage}" in ScoreSheet`);
  return { stage: sheet.stage, total: sheet.total, status: sheet.status as StageScore["status"] };
}

function stagesOf(stages: readonly StageScore[]): SheetStages {
  const result: SheetStages = {};
  for (const { stage, status } of stages) {
    if (status === "SUBMITTED" || !result[stage]) result[stage] = { status, version: 0 };
  }
  return result;
}

/** The row the domain decides for one organisation's inputs; null when it has no grade yet. */
export function storedGradeOf(cycleId: number, inputs: GradeInputs): StoredGradeRow | null {
  const stages = inputs.sheets.map(toStageScore);
  const shown = effectiveGrade(officialOf(inputs.officialRecord), stages);
  if (!shown) return null;
  const fromSheets = currentGrade(stages);
  return {
    cycleId,
    organizationId: inputs.organizationId,
    grade: shown.grade,
    tier: shown.tier,
    total: shown.total,
    stage: shown.stage,
    official: shown.official,
    sheetGrade: fromSheets?.grade ?? null,
    sheetStage: fromSheets?.stage ?? null,
    pendingStage: pendingStage(stagesOf(stages)),
  };
}

/**
 * The grade inputs of a cycle's organisations (all, or `organizationIds`): every sheet's stage,
 * total and status, and the latest official grade record (by effective time, then id).
 */
export async function readGradeInputs(
  client: Client,
  cycleId: number,
  organizationIds?: readonly number[],
): Promise<GradeInputs[]> {
  const organizationId = organizationIds ? { in: [...organizationIds] } : undefined;
  // One after the other: inside a transaction both would go to its one connection at once, which
  // node-postgres queues with a deprecation warning (and pg 9 will refuse).
  const sheets = await client.scoreSheet.findMany({
    where: { cycleId, ...(organizationId ? { organizationId } : {}) },
    select: { organizationId: true, stage: true, total: true, status: true },
    orderBy: { id: "asc" },
  });
  const records = await client.gradeRecord.findMany({
    where: { cycleId, official: true, ...(organizationId ? { organizationId } : {}) },
    select: { organizationId: true, grade: true, total: true },
    orderBy: [{ effectiveAt: "asc" }, { id: "asc" }],
  });
  const byOrganization = new Map<
    number,
    { sheets: GradeInputs["sheets"][number][]; officialRecord: GradeInputs["officialRecord"] }
  >();
  const entry = (id: number) => {
    let found = byOrganization.get(id);
    if (!found) {
      found = { sheets: [], officialRecord: null };
      byOrganization.set(id, found);
    }
    return found;
  };
  for (const sheet of sheets) entry(sheet.organizationId).sheets.push(sheet);
  for (const record of records) entry(record.organizationId).officialRecord = record; // ascending: the last wins
  return [...byOrganization].map(([id, inputs]) => ({ organizationId: id, ...inputs }));
}

/** What the stored rows of a cycle (or of some organisations) should be, recomputed from the inputs. */
export async function computeStoredGrades(
  client: Client,
  cycleId: number,
  organizationIds?: readonly number[],
): Promise<StoredGradeRow[]> {
  const inputs = await readGradeInputs(client, cycleId, organizationIds);
  return inputs
    .map((entry) => storedGradeOf(cycleId, entry))
    .filter((row): row is StoredGradeRow => row !== null)
    .sort((a, b) => a.organizationId - b.organizationId);
}

/**
 * Rewrites the stored grades of `organizationIds` in a cycle (all of the cycle's when omitted) from
 * their inputs. Call it inside the transaction that changed a sheet or a grade record, after the
 * change, so the stored grade can never disagree with what it is made of.
 */
export async function storeGrades(
  tx: Client,
  cycleId: number,
  organizationIds?: readonly number[],
): Promise<number> {
  if (organizationIds?.length === 0) return 0;
  if (organizationIds && organizationIds.length > IDS_PER_QUERY) {
    let stored = 0;
    for (let i = 0; i < organizationIds.length; i += IDS_PER_QUERY)
      stored += await storeGrades(tx, cycleId, organizationIds.slice(i, i + IDS_PER_QUERY));
    return stored;
  }
  const rows = await computeStoredGrades(tx, cycleId, organizationIds);
  await tx.organizationGrade.deleteMany({
    where: { cycleId, ...(organizationIds ? { organizationId: { in: [...organizationIds] } } : {}) },
  });
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await tx.organizationGrade.createMany({ data: rows.slice(i, i + ROWS_PER_INSERT) });
  return rows.length;
}

// Prisma splits a statement of more bind parameters than PostgreSQL takes (65,535) into several and
// sends them side by side, which inside a transaction means on its one connection at once:
// node-postgres queues them with a deprecation warning, and pg 9 will refuse. So the writes stay well
// under that, one after another: an id list of 10,000, and 2,000 rows of the 10 columns at a time.
const IDS_PER_QUERY = 10_000;
const ROWS_PER_INSERT = 2_000;

/** A cycle's stored rows as they are, ordered like `computeStoredGrades`. */
export function readStoredGrades(client: Client, cycleId: number): Promise<StoredGradeRow[]> {
  return client.organizationGrade.findMany({ where: { cycleId }, orderBy: { organizationId: "asc" } });
}

export type RebuildReport = { cycles: { year: number; rows: number; differed: number }[] };

/**
 * Recomputes every cycle's stored grades, one transaction per cycle, and counts the rows that
 * differed from what was stored (0 when every write path kept them right). With `dryRun` nothing
 * is written: a check.
 */
export async function rebuildStoredGrades(
  prisma: PrismaClient,
  options: { dryRun?: boolean } = {},
): Promise<RebuildReport> {
  const cycles = await prisma.evaluationCycle.findMany({
    select: { id: true, year: true },
    orderBy: { year: "asc" },
  });
  const report: RebuildReport = { cycles: [] };
  for (const cycle of cycles) {
    const result = await prisma.$transaction(
      async (tx) => {
        // In turn: one transaction, one connection (see readGradeInputs).
        const expected = await computeStoredGrades(tx, cycle.id);
        const stored = await readStoredGrades(tx, cycle.id);
        const differed = countDifferences(expected, stored);
        if (!options.dryRun && differed > 0) await storeGrades(tx, cycle.id);
        return { year: cycle.year, rows: expected.length, differed };
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
    report.cycles.push(result);
  }
  return report;
}

/** Rows present on one side only, or present on both with any field unequal. */
export function countDifferences(
  expected: readonly StoredGradeRow[],
  stored: readonly StoredGradeRow[],
): number {
  const key = (row: StoredGradeRow) => JSON.stringify(row, Object.keys(row).sort());
  const storedKeys = new Map(stored.map((row) => [row.organizationId, key(row)]));
  let differed = 0;
  for (const row of expected) {
    if (storedKeys.get(row.organizationId) !== key(row)) differed += 1;
    storedKeys.delete(row.organizationId);
  }
  return differed + storedKeys.size;
}
