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
  /** The page after this organisation id (rows come by id); none: the first page. */
  after?: number | undefined;
};

/**
 * Rows per page. A queue of a province's county can hold thousands: a page is what a person works
 * through at once (and what a phone draws), and it is read in well under the 300 ms a page may take.
 */
export const QUEUE_PAGE_SIZE = 200;

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
  const competitorsInView = { AND: [...inView, COMPETITORS] };
  // Each organisation's pending stage is stored with its grade (no row: nothing submitted, so SELF):
  // the counts are a grouped query and only the rows of the stage asked for are read.
  const waitingAtStage =
    stage === "SELF"
      ? {
          OR: [
            { storedGrades: { none: { cycleId } } },
            { storedGrades: { some: { cycleId, pendingStage: stage } } },
          ],
        }
      : { storedGrades: { some: { cycleId, pendingStage: stage } } };
  const waiting = { AND: [competitorsInView, waitingAtStage] };
  const after = filter.after;
  const [competitors, byPendingStage, organizations, notCompetitors, before] = await Promise.all([
    ctx.prisma.organization.count({ where: competitorsInView }),
    ctx.prisma.organizationGrade.groupBy({
      by: ["pendingStage"],
      where: { cycleId, organization: competitorsInView },
      _count: { _all: true },
    }),
    ctx.prisma.organization.findMany({
      where: after === undefined ? waiting : { AND: [waiting, { id: { gt: after } }] },
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
      take: QUEUE_PAGE_SIZE + 1, // one more: whether a next page exists
    }),
    ctx.prisma.organization.count({ where: { AND: [...inView, { NOT: COMPETITORS }] } }),
    after === undefined
      ? 0
      : ctx.prisma.organization.count({ where: { AND: [waiting, { id: { lte: after } }] } }),
  ]);
  const more = organizations.length > QUEUE_PAGE_SIZE;
  if (more) organizations.pop();
  const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  let determined = 0;
  let graded = 0;
  for (const group of byPendingStage) {
    graded += group._count._all;
    if (group.pendingStage === null) determined += group._count._all;
    else if (isStage(group.pendingStage)) counts[group.pendingStage] += group._count._all;
    else throw new Error(`unknown stage "${group.pendingStage}" in OrganizationGrade`);
  }
  counts.SELF += competitors - graded; // without a stored grade: nothing submitted yet
  const rows: QueueRowDto[] = [];
  for (const org of organizations) {
    const facts: SheetStages = {};
    for (const sheet of org.sheets) {
      if (isStage(sheet.stage))
        facts[sheet.stage] = { status: sheet.status as SheetStatus, version: sheet.version };
    }
    const pending = pendingStage(facts);
    if (pending !== stage)
      throw new Error(
        `organisation ${org.id}: its stored pending stage is stale; run npm run grades:rebuild`,
      );
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
    total: competitors,
    notCompetitors,
    rows,
    page: {
      before,
      size: QUEUE_PAGE_SIZE,
      nextAfter: more ? (rows.at(-1)?.organizationId ?? null) : null,
    },
    quotas,
  };
}
