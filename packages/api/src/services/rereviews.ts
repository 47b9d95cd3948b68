import { cycleQuotaOf, type Prisma, storeGrades } from "@beltmap/db";
import {
  checkExcellentDetermination,
  checkReReviewAction,
  countyApprovalOutcome,
  type DelistingEffect,
  delistingEffects,
  type Grade,
  isGrade,
  quotaUse,
  type ReReviewAction,
  type RereviewStatus,
  type RereviewSuggestion,
  regionContains,
  reReviewAwaits,
  reReviewNextActor,
  reviewState,
  suggestedGradeFor,
} from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import type { ReReviewCountsDto, ReReviewListDto, ReReviewRowDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { writeAudit } from "./audit.ts";
import type { Cycle } from "./cycle.ts";
import { countOfficialExcellent, latestOfficialRecord, lockUnitQuota } from "./quota.ts";
import { organizationWhere, refuseOutOfScope, requireVisibleUnit, type ScopedContext } from "./scope.ts";
import { applyDelisting, delistingDto, delistingFacts, restartCadence } from "./site-status.ts";

const ROW_LIMIT = 3000;
const DAY_MS = 86_400_000;

type Show = "open" | "due" | "overdue" | "awaiting" | "all";

const SHOW: Record<Show, (r: ReReviewRowDto) => boolean> = {
  due: (r) => r.dueState === "DUE_SOON",
  overdue: (r) => r.dueState === "OVERDUE",
  awaiting: (r) => r.awaitsMe,
  // A re-review recorded without a suggestion needs nobody else: it is done.
  open: (r) => r.nextActor !== null,
  all: () => true,
};
const OPEN_STATUSES: RereviewStatus[] = ["PENDING", "REVIEWED", "ESCALATED", "APPROVED"];

function asGrade(value: string): Grade {
  if (!isGrade(value)) throw new Error(`unknown grade "${value}" in ReReview`);
  return value;
}

/**
 * 动态管理 of the user's region: the re-reviews with their due state, and counts per township and
 * unit. The cadence runs across cycles; for a past cycle the list is its history (the re-reviews
 * due within its period), read-only.
 */
export async function listReReviews(
  ctx: ScopedContext,
  cycle: Cycle,
  filter: { show: Show; unitId?: string | undefined; townshipId?: string | undefined },
): Promise<ReReviewListDto> {
  if (filter.unitId !== undefined) await requireVisibleUnit(ctx, filter.unitId);
  const today = ctx.now();
  const history = !cycle.isCurrent;
  const rows = await ctx.prisma.reReview.findMany({
    where: {
      ...(filter.show === "all" || history ? {} : { status: { in: OPEN_STATUSES } }),
      ...(history ? { dueOn: { gte: cycle.startsOn, lt: new Date(cycle.endsOn.getTime() + DAY_MS) } } : {}),
      organization: {
        AND: [
          organizationWhere(ctx.user.region),
          filter.unitId ? { unitId: filter.unitId } : {},
          filter.townshipId ? { townshipId: filter.townshipId } : {},
        ],
      },
    },
    include: {
      organization: {
        select: {
          name: true,
          unitId: true,
          townshipId: true,
          unit: { select: { name: true } },
          township: { select: { name: true } },
        },
      },
    },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
  });
  const dtos: ReReviewRowDto[] = [];
  for (const r of rows) {
    const facts = { status: r.status as RereviewStatus, suggestion: r.suggestion as RereviewSuggestion };
    const state = r.status === "PENDING" && !history ? reviewState(r.dueOn, today) : null;
    const gradeBefore = asGrade(r.gradeBefore);
    const suggestedGrade = r.suggestedGrade ? asGrade(r.suggestedGrade) : null;
    dtos.push({
      id: r.id,
      organizationId: r.organizationId,
      organizationName: r.organization.name,
      unitId: r.organization.unitId,
      unitName: r.organization.unit.name,
      townshipId: r.organization.townshipId,
      townshipName: r.organization.township.name,
      dueOn: r.dueOn.toISOString(),
      decisionReason: r.decisionReason,
      decidedAt: r.countyDecidedAt?.toISOString() ?? null,
      cityDecisionReason: r.cityDecisionReason,
      cityDecidedAt: r.cityDecidedAt?.toISOString() ?? null,
      overQuota: r.overQuota,
      filedAt: r.cityFiledAt?.toISOString() ?? null,
      dueState: state?.state ?? null,
      daysOverdue: state?.daysOverdue ?? 0,
      gradeBefore,
      suggestion: facts.suggestion,
      suggestedGrade,
      notes: r.notes,
      status: facts.status,
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      nextActor: history ? null : reReviewNextActor(facts),
      awaitsMe: !history && reReviewAwaits(ctx.user.role, facts),
      delisting: await delistingOfRow(ctx, cycle, r, gradeBefore, suggestedGrade),
    });
  }
  const shown = dtos.filter((r) => SHOW[filter.show](r));

  return {
    rows: shown.slice(0, ROW_LIMIT),
    truncated: shown.length > ROW_LIMIT,
    byTownship: countBy(dtos, (r) => [r.townshipId, r.townshipName]),
    byUnit: countBy(dtos, (r) => [r.unitId, r.unitName]),
  };
}

/**
 * What a downgrade of a demonstration site takes away: as recorded once approved, or as it would
 * be while the county has still to decide (shown in its dialog before it confirms).
 */
async function delistingOfRow(
  ctx: ScopedContext,
  cycle: Cycle,
  row: { organizationId: number; status: string; suggestion: string; delisting: unknown },
  gradeBefore: Grade,
  suggestedGrade: Grade | null,
) {
  if (row.delisting) return delistingDto(row.delisting as DelistingEffect[]);
  if (row.status !== "REVIEWED" || row.suggestion !== "DOWNGRADE" || gradeBefore !== "EXCELLENT") return null;
  if (!suggestedGrade || !cycle.isCurrent) return null;
  const facts = await delistingFacts(ctx.prisma, row.organizationId, cycle.id);
  return delistingDto(delistingEffects({ ...facts, gradeBefore, gradeAfter: suggestedGrade }));
}

function countBy(
  rows: ReReviewRowDto[],
  keyOf: (r: ReReviewRowDto) => [string, string],
): ReReviewCountsDto[] {
  const counts = new Map<string, ReReviewCountsDto>();
  for (const row of rows) {
    const [id, name] = keyOf(row);
    const entry = counts.get(id) ?? { id, name, due: 0, overdue: 0, awaitingDecision: 0, awaitingCity: 0 };
    if (row.dueState === "DUE_SOON") entry.due++;
    if (row.dueState === "OVERDUE") entry.overdue++;
    if (row.nextActor === "COUNTY") entry.awaitingDecision++;
    if (row.nextActor === "CITY") entry.awaitingCity++;
    counts.set(id, entry);
  }
  return [...counts.values()].sort(
    (a, b) => b.overdue - a.overdue || b.due - a.due || a.id.localeCompare(b.id),
  );
}

/**
 * Loads a re-review of the user's region and checks the step; refuses what is outside as not
 * found before reading anything else of it, so a probe learns nothing.
 */
async function requireStep(ctx: ScopedContext, id: number, action: ReReviewAction) {
  const found = await ctx.prisma.reReview.findUnique({
    where: { id },
    include: { organization: { select: { id: true, name: true, unitId: true, townshipId: true } } },
  });
  // A missing id and another region's answer alike, audited: a probe cannot tell them apart.
  if (!found || !regionContains(ctx.user.region, found.organization)) {
    return refuseOutOfScope(ctx, "ReReview", id);
  }
  const { organization: org, ...review } = found;
  const check = checkReReviewAction(ctx.user.role, action, {
    status: review.status as RereviewStatus,
    suggestion: review.suggestion as RereviewSuggestion,
  });
  if (!check.ok) {
    throw new TRPCError({
      code: check.reason === "FORBIDDEN" ? "FORBIDDEN" : "PRECONDITION_FAILED",
      message: check.message,
    });
  }
  return { review, org };
}

function raced(message: string): never {
  throw new TRPCError({ code: "CONFLICT", message });
}

/**
 * The township records the re-review. Without a suggestion it is done and the next one is
 * scheduled by the grade (12/6/6/3 months); with one, the next is scheduled once it is decided.
 */
export async function recordReReview(
  ctx: ScopedContext,
  input: { id: number; suggestion: RereviewSuggestion; notes: string },
): Promise<void> {
  const { review, org } = await requireStep(ctx, input.id, "record");
  const gradeBefore = asGrade(review.gradeBefore);
  const suggestedGrade = suggestedGradeFor(gradeBefore, input.suggestion);
  if (input.suggestion !== "NONE" && suggestedGrade === null) {
    const message =
      input.suggestion === "UPGRADE" ? "优秀已是最高等次，不能建议升级" : "未达标已是最低等次，不能建议降级";
    throw new DomainError(message, [{ field: "suggestion", message }]);
  }
  const now = ctx.now();
  await ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.reReview.updateMany({
      where: { id: review.id, status: "PENDING" },
      data: {
        status: "REVIEWED",
        reviewedAt: now,
        reviewedById: ctx.user.id,
        suggestion: input.suggestion,
        suggestedGrade,
        notes: input.notes.trim(),
      },
    });
    if (updated.count !== 1) raced("该复查已由他人登记，请刷新");
    if (input.suggestion === "NONE") await restartCadence(tx, org.id, gradeBefore, now, "");
    await writeAudit(tx, ctx, ctx.user, {
      action: "rereview.record",
      entity: "Organization",
      entityId: org.id,
      before: { reReviewId: review.id, status: "PENDING" },
      after: { reReviewId: review.id, status: "REVIEWED", suggestion: input.suggestion, suggestedGrade },
    });
  });
}

/**
 * The county decides a suggestion. Rejected: the grade stays, the next re-review is due from the
 * re-review. Approved: the grade changes (a demonstration site downgraded is delisted, 摘牌) and
 * the cadence restarts; but an upgrade to 优秀 while the unit's quota is full goes to the city
 * (ESCALATED), which alone may determine beyond a quota.
 */
export async function decideReReview(
  ctx: ScopedContext,
  cycle: Cycle,
  input: { id: number; approve: boolean; reason: string },
): Promise<{ status: "APPROVED" | "REJECTED" | "ESCALATED"; delisting: string[] }> {
  const { review, org } = await requireStep(ctx, input.id, input.approve ? "approve" : "reject");
  const reason = input.reason.trim();
  if (!input.approve && reason === "") {
    throw new DomainError("不同意调整须填写理由", [{ field: "reason", message: "不同意调整须填写理由" }]);
  }
  const gradeBefore = asGrade(review.gradeBefore);
  const target = review.suggestedGrade ? asGrade(review.suggestedGrade) : null;
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    let status: "APPROVED" | "REJECTED" | "ESCALATED" = "REJECTED";
    if (input.approve) {
      let quotaReached = false;
      if (target === "EXCELLENT") {
        await lockUnitQuota(tx, org.unitId);
        const quota = await cycleQuotaOf(tx, cycle.id, org.unitId);
        quotaReached = quotaUse(
          quota.excellentQuota,
          await countOfficialExcellent(tx, org.unitId, cycle.id),
        ).reached;
      }
      status = countyApprovalOutcome({ suggestedGrade: target, quotaReached });
    }
    const updated = await tx.reReview.updateMany({
      where: { id: review.id, status: "REVIEWED" },
      data: { status, countyDecidedAt: now, decidedById: ctx.user.id, decisionReason: reason || null },
    });
    if (updated.count !== 1) raced("该复查已由他人审核，请刷新");
    let effects: DelistingEffect[] = [];
    if (status === "APPROVED" && target) {
      effects = await adjustGrade(tx, ctx, cycle, {
        organizationId: org.id,
        reReviewId: review.id,
        gradeBefore,
        grade: target,
        overQuotaReason: null,
      });
    } else if (status === "REJECTED") {
      await restartCadence(tx, org.id, gradeBefore, review.reviewedAt ?? now, "");
    }
    await writeAudit(tx, ctx, ctx.user, {
      action: { APPROVED: "rereview.approve", REJECTED: "rereview.reject", ESCALATED: "rereview.escalate" }[
        status
      ],
      entity: "Organization",
      entityId: org.id,
      before: { reReviewId: review.id, grade: review.gradeBefore },
      after: {
        reReviewId: review.id,
        status,
        grade: status === "APPROVED" ? target : review.gradeBefore,
        reason: reason || null,
      },
    });
    return { status, delisting: delistingDto(effects)?.texts ?? [] };
  });
}

/**
 * The city decides an upgrade the county approved while the unit's quota was full: within the
 * quota if a place has come free since, beyond it only with a written reason (audited as an
 * override), or refuses it with a reason.
 */
export async function cityDecideReReview(
  ctx: ScopedContext,
  cycle: Cycle,
  input: { id: number; approve: boolean; reason: string; overQuotaReason: string },
): Promise<{ status: "APPROVED" | "REJECTED"; overQuota: boolean }> {
  const { review, org } = await requireStep(ctx, input.id, input.approve ? "cityApprove" : "cityReject");
  const reason = input.reason.trim();
  if (!input.approve && reason === "") {
    throw new DomainError("不同意调整须填写理由", [{ field: "reason", message: "不同意调整须填写理由" }]);
  }
  const gradeBefore = asGrade(review.gradeBefore);
  const target = review.suggestedGrade ? asGrade(review.suggestedGrade) : null;
  const now = ctx.now();
  return ctx.prisma.$transaction(async (tx) => {
    let overQuotaReason: string | null = null;
    if (input.approve && target === "EXCELLENT") {
      await lockUnitQuota(tx, org.unitId);
      const quota = await cycleQuotaOf(tx, cycle.id, org.unitId);
      const check = checkExcellentDetermination({
        quota: quota.excellentQuota,
        usedExcellent: await countOfficialExcellent(tx, org.unitId, cycle.id),
        overrideReason: input.overQuotaReason,
      });
      if (!check.ok)
        throw new DomainError(check.message, [{ field: "overQuotaReason", message: check.message }]);
      if (check.overQuota) overQuotaReason = input.overQuotaReason.trim();
    }
    const status = input.approve ? "APPROVED" : "REJECTED";
    const updated = await tx.reReview.updateMany({
      where: { id: review.id, status: "ESCALATED" },
      data: {
        status,
        cityDecidedAt: now,
        cityDecidedById: ctx.user.id,
        cityDecisionReason: overQuotaReason ?? (reason || null),
        overQuota: overQuotaReason !== null,
      },
    });
    if (updated.count !== 1) raced("该复查已由他人审定，请刷新");
    if (input.approve && target) {
      await adjustGrade(tx, ctx, cycle, {
        organizationId: org.id,
        reReviewId: review.id,
        gradeBefore,
        grade: target,
        overQuotaReason,
      });
    } else {
      await restartCadence(tx, org.id, gradeBefore, review.reviewedAt ?? now, "");
    }
    await writeAudit(tx, ctx, ctx.user, {
      action: input.approve
        ? overQuotaReason
          ? "rereview.cityApprove.override"
          : "rereview.cityApprove"
        : "rereview.cityReject",
      entity: "Organization",
      entityId: org.id,
      before: { reReviewId: review.id, grade: review.gradeBefore, status: "ESCALATED" },
      after: {
        reReviewId: review.id,
        status,
        grade: input.approve ? target : review.gradeBefore,
        reason: reason || null,
        overQuotaReason,
      },
    });
    return { status, overQuota: overQuotaReason !== null };
  });
}

/**
 * An approved adjustment: a new official grade in the current cycle, 摘牌 when a demonstration site
 * falls below 优秀 (its effects kept on the re-review for the city's 备案), and the cadence restarts
 * by the new grade.
 */
async function adjustGrade(
  tx: Prisma.TransactionClient,
  ctx: ScopedContext,
  cycle: Cycle,
  args: {
    organizationId: number;
    reReviewId: number;
    gradeBefore: Grade;
    grade: Grade;
    overQuotaReason: string | null;
  },
): Promise<DelistingEffect[]> {
  const now = ctx.now();
  const official = await latestOfficialRecord(tx, args.organizationId, cycle.id);
  await tx.gradeRecord.create({
    data: {
      organizationId: args.organizationId,
      cycleId: cycle.id,
      grade: args.grade,
      total: null,
      source: "REREVIEW_ADJUSTMENT",
      official: true,
      quotaOverrideReason: args.overQuotaReason,
      effectiveAt: now,
      recordedById: ctx.user.id,
    },
  });
  await storeGrades(tx, cycle.id, [args.organizationId]);
  const effects = await applyDelisting(tx, ctx, {
    organizationId: args.organizationId,
    cycleId: cycle.id,
    gradeBefore: (official?.grade as Grade | undefined) ?? args.gradeBefore,
    gradeAfter: args.grade,
    cause: "动态管理复查降级",
  });
  if (effects.length > 0)
    await tx.reReview.update({ where: { id: args.reReviewId }, data: { delisting: effects } });
  await restartCadence(tx, args.organizationId, args.grade, now, "");
  return effects;
}

/** The city files (备案) an approved adjustment. */
export async function fileReReview(ctx: ScopedContext, id: number): Promise<void> {
  const { review, org } = await requireStep(ctx, id, "file");
  await ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.reReview.updateMany({
      where: { id: review.id, status: "APPROVED" },
      data: { status: "FILED", cityFiledAt: ctx.now(), filedById: ctx.user.id },
    });
    if (updated.count !== 1) raced("该调整已备案，请刷新");
    await writeAudit(tx, ctx, ctx.user, {
      action: "rereview.file",
      entity: "Organization",
      entityId: org.id,
      after: { reReviewId: review.id, status: "FILED" },
    });
  });
}
