import {
  type Grade,
  gradeFromTotal,
  isStage,
  pendingStage,
  type SheetStages,
  type SheetStatus,
  STAGE_OWNER,
  STAGES,
  type Stage,
  stagePermissions,
} from "@beltmap/domain";
import type { QueueDto, QueueRowDto } from "../dto.ts";
import type { Cycle } from "./cycle.ts";
import { unitQuotaUse } from "./quota.ts";
import { organizationWhere, type ScopedContext, visibleUnitIds } from "./scope.ts";

export type QueueFilter = {
  /** Which queue: organisations waiting at this stage. Defaults to the stage the user's role fills. */
  stage?: Stage | undefined;
  unitId?: string | undefined;
  townshipId?: string | undefined;
  search?: string | undefined;
};

const ROW_LIMIT = 2000;

/** 争创对象 (单建, 实体运作): the only organisations scored (see isCompetitor). */
export const COMPETITORS = { setupKind: "SINGLE", entityOperated: true } as const;

/**
 * Organisations of the user's region waiting at a stage (待自评 / 待复核 / 待初评 / 待评定), with
 * counts for every stage, the previous stage's total, and the quota of the units in view.
 */
export async function readQueue(ctx: ScopedContext, cycle: Cycle, filter: QueueFilter): Promise<QueueDto> {
  const cycleId = cycle.id;
  // A past cycle's queue is history: shown, never worked on.
  const role = cycle.isCurrent ? ctx.user.role : "LEADER";
  const ownStage = STAGES.find((s) => STAGE_OWNER[s] === role) ?? null;
  const stage = filter.stage ?? ownStage ?? "SELF";
  const search = filter.search?.trim();
  const inView = [
    organizationWhere(ctx.user.region),
    filter.unitId ? { unitId: filter.unitId } : {},
    filter.townshipId ? { townshipId: filter.townshipId } : {},
    search ? { name: { contains: search } } : {},
  ];
  const [organizations, notCompetitors] = await Promise.all([
    ctx.prisma.organization.findMany({
      where: { AND: [...inView, COMPETITORS] },
      select: {
        id: true,
        name: true,
        unitId: true,
        townshipId: true,
        unit: { select: { name: true } },
        township: { select: { name: true } },
        sheets: {
          where: { cycleId },
          select: {
            stage: true,
            status: true,
            version: true,
            total: true,
            returnReason: true,
            updatedAt: true,
          },
        },
      },
      orderBy: { id: "asc" },
    }),
    ctx.prisma.organization.count({ where: { AND: [...inView, { NOT: COMPETITORS }] } }),
  ]);
  const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  let determined = 0;
  const rows: QueueRowDto[] = [];
  for (const org of organizations) {
    const facts: SheetStages = {};
    for (const sheet of org.sheets) {
      if (isStage(sheet.stage))
        facts[sheet.stage] = { status: sheet.status as SheetStatus, version: sheet.version };
    }
    const pending = pendingStage(facts);
    if (pending === null) {
      determined++;
      continue;
    }
    counts[pending]++;
    if (pending !== stage) continue;
    const sheetOf = (s: Stage) => org.sheets.find((sheet) => sheet.stage === s);
    const previous = STAGES[STAGES.indexOf(pending) - 1];
    const previousSheet = previous ? sheetOf(previous) : undefined;
    const own = sheetOf(pending);
    const permissions = stagePermissions(role, facts);
    rows.push({
      organizationId: org.id,
      name: org.name,
      unitId: org.unitId,
      unitName: org.unit.name,
      townshipId: org.townshipId,
      townshipName: org.township.name,
      stage: pending,
      status: (own?.status as SheetStatus | undefined) ?? "EMPTY",
      version: own?.version ?? 0,
      returnReason: own?.returnReason ?? null,
      previousStage: previous ?? null,
      previousVersion: previousSheet?.version ?? null,
      previousTotal: previousSheet?.total ?? null,
      previousGrade: previousSheet ? (gradeFromTotal(previousSheet.total) satisfies Grade) : null,
      updatedAt: (own?.updatedAt ?? previousSheet?.updatedAt)?.toISOString() ?? null,
      canEdit: permissions[pending].canEdit,
      canReturnPrevious: previous ? permissions[previous].canReturn : false,
    });
  }
  const visible = await visibleUnitIds(ctx);
  const unitIds = [...new Set(rows.map((r) => r.unitId))].filter(
    (id) => visible === "ALL" || visible.includes(id),
  );
  const quotas = await Promise.all(
    unitIds.map(async (unitId) => ({ unitId, ...(await unitQuotaUse(ctx.prisma, unitId, cycleId)) })),
  );
  return {
    stage,
    ownStage,
    counts,
    determined,
    total: organizations.length,
    notCompetitors,
    rows: rows.slice(0, ROW_LIMIT),
    truncated: rows.length > ROW_LIMIT,
    quotas,
  };
}
