import { countPracticesByUnit, listUnits } from "@beltmap/db";
import {
  CITY_EXCELLENT_TARGET,
  isStage,
  pendingStage,
  quotaUse,
  reviewState,
  type SheetStages,
  STAGES,
  TIER_TARGET_SHARES,
  TIERS,
  type Tier,
} from "@beltmap/domain";
import type { DashboardSummaryDto, PipelineStep } from "../dto.ts";
import { organizationsWithGrades } from "./grades.ts";
import { organizationWhere, type ScopedContext, scopedOrganizationFilter, visibleUnitIds } from "./scope.ts";

type Cycle = { id: number; year: number; name: string; beltPlanDeadline: Date; initialSummaryDeadline: Date };

const PIPELINE_STEPS: readonly PipelineStep[] = [...STAGES, "DETERMINED"];

const zeroPipeline = (): Record<PipelineStep, number> =>
  Object.fromEntries(PIPELINE_STEPS.map((step) => [step, 0])) as Record<PipelineStep, number>;
const zeroTiers = (): Record<Tier | "NONE", number> =>
  Object.fromEntries([...TIERS, "NONE"].map((tier) => [tier, 0])) as Record<Tier | "NONE", number>;

/**
 * Where the user's region stands: progress toward the 100 sites, each unit against its quotas, the
 * tiers against their targets, the four stages' pipeline, re-reviews due and overdue, deadlines.
 */
export async function dashboardSummary(ctx: ScopedContext, cycle: Cycle): Promise<DashboardSummaryDto> {
  const visible = await visibleUnitIds(ctx);
  const region = organizationWhere(ctx.user.region);
  const [allUnits, organizations, practices, sheets, reReviews] = await Promise.all([
    listUnits(ctx.prisma),
    organizationsWithGrades(ctx, await scopedOrganizationFilter(ctx, cycle.id)),
    countPracticesByUnit(ctx.prisma, cycle.id),
    ctx.prisma.scoreSheet.findMany({
      where: { cycleId: cycle.id, status: "SUBMITTED", organization: region },
      select: { organizationId: true, stage: true },
    }),
    ctx.prisma.reReview.findMany({
      where: { status: "PENDING", organization: region },
      select: { dueOn: true, organization: { select: { unitId: true } } },
    }),
  ]);
  const units = allUnits.filter((u) => visible === "ALL" || visible.includes(u.id));

  const stagesOf = new Map<number, SheetStages>();
  for (const sheet of sheets) {
    if (!isStage(sheet.stage)) continue;
    const stages = stagesOf.get(sheet.organizationId) ?? {};
    stages[sheet.stage] = { status: "SUBMITTED", version: 0 }; // the version does not matter here
    stagesOf.set(sheet.organizationId, stages);
  }
  const now = ctx.now();
  const dueSoon = new Map<string, number>();
  const overdue = new Map<string, number>();
  for (const review of reReviews) {
    const { state } = reviewState(review.dueOn, now);
    const counts = state === "OVERDUE" ? overdue : state === "DUE_SOON" ? dueSoon : null;
    counts?.set(review.organization.unitId, (counts.get(review.organization.unitId) ?? 0) + 1);
  }

  const pipeline = zeroPipeline();
  const perUnit = new Map(
    units.map((u) => [u.id, { organizations: 0, tiers: zeroTiers(), pipeline: zeroPipeline(), official: 0 }]),
  );
  for (const org of organizations) {
    const step = pendingStage(stagesOf.get(org.id) ?? {}) ?? "DETERMINED";
    pipeline[step]++;
    const unit = perUnit.get(org.unitId);
    if (!unit) continue;
    unit.organizations++;
    unit.tiers[org.tier ?? "NONE"]++;
    unit.pipeline[step]++;
    if (org.grade === "EXCELLENT" && org.gradeIsOfficial) unit.official++;
  }
  const excellent = organizations.filter((o) => o.grade === "EXCELLENT");
  const graded = organizations.filter((o) => o.tier !== null).length;
  return {
    cycle: { id: cycle.id, year: cycle.year, name: cycle.name },
    target: CITY_EXCELLENT_TARGET,
    quotaTotal: units.reduce((sum, u) => sum + u.excellentQuota, 0),
    excellentOfficial: excellent.filter((o) => o.gradeIsOfficial).length,
    excellentProvisional: excellent.filter((o) => !o.gradeIsOfficial).length,
    organizations: organizations.length,
    perUnit: units.map((unit) => {
      const figures = perUnit.get(unit.id) ?? {
        organizations: 0,
        tiers: zeroTiers(),
        pipeline: zeroPipeline(),
        official: 0,
      };
      const use = quotaUse(unit.excellentQuota, figures.official);
      return {
        unitId: unit.id,
        unitName: unit.name,
        excellent: use.used,
        quota: use.quota,
        quotaReached: use.reached,
        quotaExceeded: use.exceeded,
        practices: practices.get(unit.id) ?? 0,
        practiceQuota: unit.practiceQuota,
        organizations: figures.organizations,
        tiers: figures.tiers,
        pipeline: figures.pipeline,
        reReviewsDueSoon: dueSoon.get(unit.id) ?? 0,
        reReviewsOverdue: overdue.get(unit.id) ?? 0,
      };
    }),
    perTier: TIERS.map((tier) => {
      const count = organizations.filter((o) => o.tier === tier).length;
      return { tier, count, share: graded ? count / graded : 0, targetShare: TIER_TARGET_SHARES[tier] };
    }),
    pipeline,
    deadlines: {
      beltPlan: cycle.beltPlanDeadline.toISOString(),
      initialSummary: cycle.initialSummaryDeadline.toISOString(),
    },
    generatedAt: now.toISOString(),
  };
}
