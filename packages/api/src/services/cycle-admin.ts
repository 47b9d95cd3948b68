import { cycleQuotas, listCycles, listUnits, openCycleWithCarryOver } from "@beltmap/db";
import {
  type CycleDraft,
  type CyclePeriod,
  chinaDayEnd,
  chinaDayOf,
  chinaDayStart,
  quotaReason,
  validateCycleDraft,
} from "@beltmap/domain";
import type { Context } from "../context.ts";
import type { CycleDetailDto, OpenedCycleDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { writeAudit } from "./audit.ts";
import { type Cycle, cycleForRead, cycleForWrite, cycleSummary } from "./cycle.ts";
import type { ScopedContext } from "./scope.ts";
import { visibleUnitIds } from "./scope.ts";

// Opening a cycle copies plans belt by belt: give it more than the default five seconds.
const TRANSACTION = { timeout: 120_000, maxWait: 10_000 };
// Two cities' clerks opening the next year at once: one waits for the other, then is told the year exists.
const CYCLE_LOCK_KEY = 72707370;

function periodOf(cycle: Cycle): CyclePeriod {
  return {
    id: cycle.id,
    year: cycle.year,
    startsOn: chinaDayOf(cycle.startsOn),
    endsOn: chinaDayOf(cycle.endsOn),
  };
}

function refuseProblems(problems: { field: string; message: string }[]): void {
  const first = problems[0];
  if (first) throw new DomainError(first.message, problems);
}

/** A cycle with each unit's quotas (the units the user may see), and Appendix 3's beside them. */
export async function getCycle(ctx: ScopedContext, cycleId?: number): Promise<CycleDetailDto> {
  const cycle = await cycleForRead(ctx, cycleId);
  const [units, quotas, visible, unfinished] = await Promise.all([
    listUnits(ctx.prisma),
    cycleQuotas(ctx.prisma, cycle.id),
    visibleUnitIds(ctx),
    // City-wide counts: for the city, who opens the next cycle.
    ctx.user.role === "CITY" ? unfinishedWork(ctx, cycle) : Promise.resolve(null),
  ]);
  return {
    ...cycleSummary(cycle),
    unfinished,
    quotas: units
      .filter((u) => visible === "ALL" || visible.includes(u.id))
      .map((u) => {
        const quota = quotas.get(u.id);
        return {
          unitId: u.id,
          unitName: u.name,
          excellentQuota: quota?.excellentQuota ?? u.excellentQuota,
          practiceQuota: quota?.practiceQuota ?? u.practiceQuota,
          appendix3ExcellentQuota: u.excellentQuota,
          appendix3PracticeQuota: u.practiceQuota,
          reason: quota?.reason ?? null,
        };
      }),
  };
}

/**
 * The city opens the next cycle: checked against the cycles on record (under a lock, so two
 * openings cannot both pass), then created as the current one with what carries over, the earlier
 * one closed, all in one transaction, and audited.
 */
export async function openCycle(ctx: ScopedContext, draft: CycleDraft): Promise<OpenedCycleDto> {
  const units = await listUnits(ctx.prisma);
  return ctx.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CYCLE_LOCK_KEY})`;
    const others = (await listCycles(tx)).map(periodOf);
    refuseProblems(validateCycleDraft(draft, { others, units, opening: true }));
    const unitById = new Map(units.map((u) => [u.id, u]));
    const opened = await openCycleWithCarryOver(
      tx,
      {
        year: draft.year,
        name: draft.name.trim(),
        startsOn: chinaDayStart(draft.startsOn),
        endsOn: chinaDayStart(draft.endsOn),
        beltPlanDeadline: chinaDayEnd(draft.beltPlanDeadline),
        initialSummaryDeadline: chinaDayEnd(draft.initialSummaryDeadline),
        targets: draft.targets,
        quotas: draft.quotas.map((q) => {
          const unit = unitById.get(q.unitId);
          if (!unit) throw new Error(`unit ${q.unitId} vanished while opening a cycle`);
          return {
            unitId: q.unitId,
            excellentQuota: q.excellentQuota,
            practiceQuota: q.practiceQuota,
            reason: quotaReason(q, unit),
          };
        }),
      },
      { at: ctx.now(), byUserId: ctx.user.id },
    );
    await writeAudit(tx, ctx, ctx.user, {
      action: "cycle.open",
      entity: "EvaluationCycle",
      entityId: opened.id,
      before: { currentCycleId: opened.previousId },
      after: { ...draftForAudit(draft), carried: opened.carried },
    });
    const cycle = await tx.evaluationCycle.findUniqueOrThrow({ where: { id: opened.id } });
    return { cycle: cycleSummary(cycle), carried: opened.carried };
  }, TRANSACTION);
}

/** The city changes the current cycle's dates, targets or quotas (each quota off Appendix 3 with a reason). */
export async function updateCycle(
  ctx: ScopedContext,
  cycleId: number | undefined,
  draft: Omit<CycleDraft, "year">,
): Promise<CycleDetailDto> {
  const units = await listUnits(ctx.prisma);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CYCLE_LOCK_KEY})`;
    const cycle = await cycleForWrite({ ...ctx, prisma: tx as typeof ctx.prisma }, cycleId);
    const others = (await listCycles(tx)).filter((c) => c.id !== cycle.id).map(periodOf);
    const full: CycleDraft = { ...draft, year: cycle.year };
    refuseProblems(validateCycleDraft(full, { others, units, opening: false }));
    const before = await getCycle({ ...ctx, prisma: tx as typeof ctx.prisma }, cycle.id);
    await tx.evaluationCycle.update({
      where: { id: cycle.id },
      data: {
        name: draft.name.trim(),
        startsOn: chinaDayStart(draft.startsOn),
        endsOn: chinaDayStart(draft.endsOn),
        beltPlanDeadline: chinaDayEnd(draft.beltPlanDeadline),
        initialSummaryDeadline: chinaDayEnd(draft.initialSummaryDeadline),
        excellentTarget: draft.targets.excellent,
        practiceTarget: draft.targets.practices,
        goodTarget: draft.targets.good,
        passTarget: draft.targets.pass,
        failTarget: draft.targets.fail,
      },
    });
    for (const quota of draft.quotas) {
      const unit = units.find((u) => u.id === quota.unitId);
      if (!unit) continue; // validateCycleDraft refused unknown units already
      const data = {
        excellentQuota: quota.excellentQuota,
        practiceQuota: quota.practiceQuota,
        reason: quotaReason(quota, unit),
      };
      await tx.cycleUnitQuota.upsert({
        where: { cycleId_unitId: { cycleId: cycle.id, unitId: quota.unitId } },
        create: { ...data, cycleId: cycle.id, unitId: quota.unitId },
        update: data,
      });
    }
    await writeAudit(tx, ctx, ctx.user, {
      action: "cycle.update",
      entity: "EvaluationCycle",
      entityId: cycle.id,
      before: { ...before, quotas: before.quotas.map(({ unitName: _n, ...q }) => q) },
      after: draftForAudit(full),
    });
  });
  return getCycle(ctx, cycleId);
}

function draftForAudit(draft: CycleDraft) {
  return {
    year: draft.year,
    name: draft.name.trim(),
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
    beltPlanDeadline: draft.beltPlanDeadline,
    initialSummaryDeadline: draft.initialSummaryDeadline,
    targets: draft.targets,
    quotas: draft.quotas.map((q) => ({ ...q, reason: q.reason.trim() || null })),
  };
}

export async function listCycleSummaries(ctx: Context) {
  return (await listCycles(ctx.prisma)).map(cycleSummary);
}

/**
 * What is still open in a cycle: opening the next one freezes it as history, so the city is told
 * first (the 争创对象 not yet determined, plans and 附件2 waiting for the city).
 */
async function unfinishedWork(ctx: Context, cycle: Cycle) {
  const [competitors, determined, plans, reports] = await Promise.all([
    ctx.prisma.organization.count({ where: { setupKind: "SINGLE", entityOperated: true } }),
    ctx.prisma.scoreSheet.count({
      where: {
        cycleId: cycle.id,
        stage: "CITY_FINAL",
        status: "SUBMITTED",
        organization: { setupKind: "SINGLE", entityOperated: true },
      },
    }),
    ctx.prisma.beltPlan.count({ where: { cycleId: cycle.id, status: "SUBMITTED" } }),
    ctx.prisma.appendix2Submission.count({ where: { cycleId: cycle.id, decision: null } }),
  ]);
  return {
    undetermined: competitors - determined,
    plansAwaitingCity: plans,
    reportsAwaitingCity: reports,
  };
}
