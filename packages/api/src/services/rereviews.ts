import {
  checkReReviewAction,
  chinaStartOfDay,
  type Grade,
  isGrade,
  nextReviewDue,
  type ReReviewAction,
  type RereviewStatus,
  type RereviewSuggestion,
  reReviewAwaits,
  reviewState,
  suggestedGradeFor,
} from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import type { ReReviewCountsDto, ReReviewListDto, ReReviewRowDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { writeAudit } from "./audit.ts";
import { countOfficialExcellent, lockUnitQuota } from "./quota.ts";
import { organizationWhere, requireOrganization, requireVisibleUnit, type ScopedContext } from "./scope.ts";

const ROW_LIMIT = 3000;

const SHOW: Record<"open" | "due" | "overdue" | "awaiting" | "all", (r: ReReviewRowDto) => boolean> = {
  due: (r) => r.dueState === "DUE_SOON",
  overdue: (r) => r.dueState === "OVERDUE",
  awaiting: (r) => r.awaitsMe,
  // A re-review recorded without a suggestion needs nobody else: it is done.
  open: (r) => r.status !== "REVIEWED" || r.suggestion !== "NONE",
  all: () => true,
};
const OPEN_STATUSES: RereviewStatus[] = ["PENDING", "REVIEWED", "APPROVED"];

function asGrade(value: string): Grade {
  if (!isGrade(value)) throw new Error(`unknown grade "${value}" in ReReview`);
  return value;
}

export async function listReReviews(
  ctx: ScopedContext,
  filter: {
    show: "open" | "due" | "overdue" | "awaiting" | "all";
    unitId?: string | undefined;
    townshipId?: string | undefined;
  },
): Promise<ReReviewListDto> {
  if (filter.unitId !== undefined) await requireVisibleUnit(ctx, filter.unitId);
  const today = ctx.now();
  const rows = await ctx.prisma.reReview.findMany({
    where: {
      ...(filter.show === "all" ? {} : { status: { in: OPEN_STATUSES } }),
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
  const dtos: ReReviewRowDto[] = rows.map((r) => {
    const facts = { status: r.status as RereviewStatus, suggestion: r.suggestion as RereviewSuggestion };
    const state = r.status === "PENDING" ? reviewState(r.dueOn, today) : null;
    return {
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
      filedAt: r.cityFiledAt?.toISOString() ?? null,
      dueState: state?.state ?? null,
      daysOverdue: state?.daysOverdue ?? 0,
      gradeBefore: asGrade(r.gradeBefore),
      suggestion: facts.suggestion,
      suggestedGrade: r.suggestedGrade ? asGrade(r.suggestedGrade) : null,
      notes: r.notes,
      status: facts.status,
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      awaitsMe: reReviewAwaits(ctx.user.role, facts),
    };
  });
  const shown = dtos.filter((r) => SHOW[filter.show](r));

  return {
    rows: shown.slice(0, ROW_LIMIT),
    truncated: shown.length > ROW_LIMIT,
    byTownship: countBy(dtos, (r) => [r.townshipId, r.townshipName]),
    byUnit: countBy(dtos, (r) => [r.unitId, r.unitName]),
  };
}

function countBy(
  rows: ReReviewRowDto[],
  keyOf: (r: ReReviewRowDto) => [string, string],
): ReReviewCountsDto[] {
  const counts = new Map<string, ReReviewCountsDto>();
  for (const row of rows) {
    const [id, name] = keyOf(row);
    const entry = counts.get(id) ?? { id, name, due: 0, overdue: 0, awaitingDecision: 0 };
    if (row.dueState === "DUE_SOON") entry.due++;
    if (row.dueState === "OVERDUE") entry.overdue++;
    if (row.status === "REVIEWED" && row.suggestion !== "NONE") entry.awaitingDecision++;
    counts.set(id, entry);
  }
  return [...counts.values()].sort(
    (a, b) => b.overdue - a.overdue || b.due - a.due || a.id.localeCompare(b.id),
  );
}

/** Loads a re-review of the user's region and checks the step; refuses what is outside as not found. */
async function requireStep(ctx: ScopedContext, id: number, action: ReReviewAction) {
  const review = await ctx.prisma.reReview.findUnique({ where: { id } });
  if (!review) throw new TRPCError({ code: "NOT_FOUND", message: "未找到该复查记录" });
  const org = await requireOrganization(ctx, review.organizationId);
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

/** The township records the re-review; the next one is scheduled by the grade (12/6/6/3 months). */
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
    if (updated.count !== 1) throw new TRPCError({ code: "CONFLICT", message: "该复查已由他人登记，请刷新" });
    await tx.reReview.create({
      data: {
        organizationId: org.id,
        dueOn: chinaStartOfDay(nextReviewDue(gradeBefore, now)),
        gradeBefore,
        status: "PENDING",
      },
    });
    await writeAudit(tx, ctx, ctx.user, {
      action: "rereview.record",
      entity: "Organization",
      entityId: org.id,
      before: { reReviewId: review.id, status: "PENDING" },
      after: { reReviewId: review.id, status: "REVIEWED", suggestion: input.suggestion, suggestedGrade },
    });
  });
}

/** The county approves (the grade changes, the next re-review follows the new grade) or rejects. */
export async function decideReReview(
  ctx: ScopedContext,
  cycleId: number,
  input: { id: number; approve: boolean; reason: string },
): Promise<void> {
  const { review, org } = await requireStep(ctx, input.id, input.approve ? "approve" : "reject");
  if (!input.approve && input.reason.trim() === "") {
    throw new DomainError("不同意调整须填写理由", [{ field: "reason", message: "不同意调整须填写理由" }]);
  }
  const target = review.suggestedGrade ? asGrade(review.suggestedGrade) : null;
  const now = ctx.now();
  await ctx.prisma.$transaction(async (tx) => {
    if (input.approve && target === "EXCELLENT") {
      await lockUnitQuota(tx, org.unitId);
      const unit = await tx.unit.findUniqueOrThrow({ where: { id: org.unitId } });
      if ((await countOfficialExcellent(tx, org.unitId, cycleId)) >= unit.excellentQuota) {
        const message = `本单位优秀创建名额（${unit.excellentQuota} 个）已满，升为优秀须由市委两新工委超额评定`;
        throw new DomainError(message, [{ field: "approve", message }]);
      }
    }
    const updated = await tx.reReview.updateMany({
      where: { id: review.id, status: "REVIEWED" },
      data: {
        status: input.approve ? "APPROVED" : "REJECTED",
        countyDecidedAt: now,
        decidedById: ctx.user.id,
        decisionReason: input.reason.trim() || null,
      },
    });
    if (updated.count !== 1) throw new TRPCError({ code: "CONFLICT", message: "该复查已由他人审核，请刷新" });
    const gradeAfter = input.approve && target ? target : asGrade(review.gradeBefore);
    // The next re-review follows the grade the decision leaves (the one scheduled at recording
    // followed the old grade; one recorded before this system may have none scheduled at all).
    const nextDue = chinaStartOfDay(nextReviewDue(gradeAfter, review.reviewedAt ?? now));
    const rescheduled = await tx.reReview.updateMany({
      where: { organizationId: org.id, status: "PENDING" },
      data: { gradeBefore: gradeAfter, dueOn: nextDue },
    });
    if (rescheduled.count === 0) {
      await tx.reReview.create({
        data: { organizationId: org.id, dueOn: nextDue, gradeBefore: gradeAfter, status: "PENDING" },
      });
    }
    if (input.approve && target) {
      await tx.gradeRecord.create({
        data: {
          organizationId: org.id,
          cycleId,
          grade: target,
          total: null,
          source: "REREVIEW_ADJUSTMENT",
          official: true,
          effectiveAt: now,
          recordedById: ctx.user.id,
        },
      });
    }
    await writeAudit(tx, ctx, ctx.user, {
      action: input.approve ? "rereview.approve" : "rereview.reject",
      entity: "Organization",
      entityId: org.id,
      before: { reReviewId: review.id, grade: review.gradeBefore },
      after: {
        reReviewId: review.id,
        grade: input.approve ? target : review.gradeBefore,
        reason: input.reason.trim() || null,
      },
    });
  });
}

/** The city files (备案) an approved adjustment. */
export async function fileReReview(ctx: ScopedContext, id: number): Promise<void> {
  const { review, org } = await requireStep(ctx, id, "file");
  await ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.reReview.updateMany({
      where: { id: review.id, status: "APPROVED" },
      data: { status: "FILED", cityFiledAt: ctx.now(), filedById: ctx.user.id },
    });
    if (updated.count !== 1) throw new TRPCError({ code: "CONFLICT", message: "该调整已备案，请刷新" });
    await writeAudit(tx, ctx, ctx.user, {
      action: "rereview.file",
      entity: "Organization",
      entityId: org.id,
      after: { reReviewId: review.id, status: "FILED" },
    });
  });
}
