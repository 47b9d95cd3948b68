import {
  countOfficialExcellent,
  countStandings,
  cycleQuotas,
  listOfficialExcellent,
  listUnits,
  type PrismaClient,
} from "@beltmap/db";
import {
  isCompetitor,
  isStage,
  quotaUse,
  reviewState,
  rosterCompliance,
  type SetupKind,
  STAGES,
  type SubmissionState,
  submissionTimeliness,
  TIER_TARGET_SHARES,
  TIERS,
  type Tier,
  tallySubmissions,
  tierShare,
  tierTargetCounts,
} from "@beltmap/domain";
import type { DashboardSummaryDto, PipelineStep, SubmissionTimelinessDto } from "../dto.ts";
import { asPlanStatus, rosterMembersOf } from "./compliance.ts";
import { type Cycle, cycleSummary } from "./cycle.ts";
import { asTier } from "./grades.ts";
import { organizationWhere, type ScopedContext, scopedOrganizationFilter, visibleUnitIds } from "./scope.ts";
import { regionName } from "./users.ts";

const PIPELINE_STEPS: readonly PipelineStep[] = [...STAGES, "DETERMINED"];

const zeroPipeline = (): Record<PipelineStep, number> =>
  Object.fromEntries(PIPELINE_STEPS.map((step) => [step, 0])) as Record<PipelineStep, number>;
const zeroTiers = (): Record<Tier | "NONE", number> =>
  Object.fromEntries([...TIERS, "NONE"].map((tier) => [tier, 0])) as Record<Tier | "NONE", number>;

/**
 * Where the user's region stands in a cycle: progress toward its targets (示范点, 典型做法, the tiers
 * over all 争创对象), each unit against its quotas, the four stages' pipeline, re-reviews due and
 * overdue, the roster, and per unit where its belt plan and 附件2 stand against their deadlines.
 */
export async function dashboardSummary(ctx: ScopedContext, cycle: Cycle): Promise<DashboardSummaryDto> {
  const visible = await visibleUnitIds(ctx);
  const region = organizationWhere(ctx.user.region);
  const filter = await scopedOrganizationFilter(ctx, cycle.id);
  const [allUnits, quotas, standings, sites, practices, reReviews, plans, reports, members, contacts] =
    await Promise.all([
      listUnits(ctx.prisma),
      cycleQuotas(ctx.prisma, cycle.id),
      countStandings(ctx.prisma, filter),
      listOfficialExcellent(ctx.prisma, filter),
      ctx.prisma.typicalPractice.findMany({
        where: { cycleId: cycle.id, releasedAt: null, organization: region },
        select: { organization: { select: { unitId: true } } },
      }),
      // The cadence is of the present: a past cycle's dashboard shows no due dates.
      cycle.isCurrent
        ? ctx.prisma.reReview.findMany({
            where: { status: "PENDING", organization: region },
            select: { dueOn: true, organization: { select: { unitId: true } } },
          })
        : Promise.resolve([]),
      ctx.prisma.beltPlan.findMany({
        where: { cycleId: cycle.id },
        select: {
          unitId: true,
          status: true,
          versions: { orderBy: { version: "asc" }, take: 1, select: { submittedAt: true } },
        },
      }),
      ctx.prisma.appendix2Submission.findMany({
        where: { cycleId: cycle.id },
        orderBy: { version: "asc" },
        select: { unitId: true, version: true, submittedAt: true, decision: true },
      }),
      ctx.prisma.committeeMember.findMany({
        where: rosterMembersOf(cycle),
        select: { id: true, unitId: true },
      }),
      ctx.prisma.committeeContact.findMany({
        where: { cycleId: cycle.id, member: rosterMembersOf(cycle) },
        select: { memberId: true, organizationId: true },
      }),
    ]);
  const units = allUnits.filter((u) => visible === "ALL" || visible.includes(u.id));
  // A township's or an organisation's user sees part of a unit, but the unit's quota is spent by all
  // of it: count the unit's whole use apart (counts only, no organisation is shown).
  const partOfUnit = ctx.user.region.level === "TOWNSHIP" || ctx.user.region.level === "ORG";
  const [unitWideUse, name] = await Promise.all([
    partOfUnit
      ? wholeUnitUse(
          ctx.prisma,
          cycle.id,
          units.map((u) => u.id),
        )
      : null,
    regionName(ctx.prisma, ctx.user.region),
  ]);

  const now = ctx.now();
  // A past cycle is judged as it stood when it ended.
  const asOf = cycle.isCurrent ? now : cycle.endsOn;
  const dueSoon = new Map<string, number>();
  const overdue = new Map<string, number>();
  for (const review of reReviews) {
    const { state } = reviewState(review.dueOn, now);
    const counts = state === "OVERDUE" ? overdue : state === "DUE_SOON" ? dueSoon : null;
    counts?.set(review.organization.unitId, (counts.get(review.organization.unitId) ?? 0) + 1);
  }

  const pipeline = zeroPipeline();
  const perUnit = new Map(
    units.map((u) => [
      u.id,
      {
        organizations: 0,
        competitors: 0,
        tiers: zeroTiers(),
        pipeline: zeroPipeline(),
        official: 0,
        siteIds: [] as number[],
      },
    ]),
  );
  // Totals over the region; per unit only for the units the user sees.
  const totals = { organizations: 0, competitors: 0, official: 0, determined: 0, provisional: 0 };
  const tierTotals = zeroTiers();
  for (const group of standings) {
    const n = group.organizations;
    const unit = perUnit.get(group.unitId);
    totals.organizations += n;
    if (unit) unit.organizations += n;
    if (!isCompetitor({ setupKind: group.setupKind as SetupKind, entityOperated: group.entityOperated }))
      continue;
    const step = stepOf(group);
    const tier = group.tier === null ? "NONE" : asTier(group.tier);
    const official = group.grade === "EXCELLENT" && group.official === true;
    totals.competitors += n;
    tierTotals[tier] += n;
    pipeline[step] += n;
    if (official) totals.official += n;
    if (official && step === "DETERMINED") totals.determined += n;
    // This cycle's scoring of those the city has not determined yet: their furthest stage's grade.
    if (step !== "DETERMINED" && group.sheetGrade === "EXCELLENT") totals.provisional += n;
    if (!unit) continue;
    unit.competitors += n;
    unit.tiers[tier] += n;
    unit.pipeline[step] += n;
    if (official) unit.official += n;
  }
  for (const site of sites) {
    const { unitId, setupKind, entityOperated } = site.organization;
    if (isCompetitor({ setupKind: setupKind as SetupKind, entityOperated }))
      perUnit.get(unitId)?.siteIds.push(site.organizationId);
  }
  const targets = cycleSummary(cycle).targets;
  const tierTargets = tierTargetCounts(targets);
  const planOf = new Map(plans.map((p) => [p.unitId, p]));

  const timeliness = (deadline: Date, first: Date | null): SubmissionTimelinessDto =>
    submissionTimeliness({ deadline, firstSubmittedAt: first, now: asOf });
  const planStates: SubmissionState[] = [];
  const reportStates: SubmissionState[] = [];

  const rows = units.map((unit) => {
    const figures = perUnit.get(unit.id) ?? {
      organizations: 0,
      competitors: 0,
      tiers: zeroTiers(),
      pipeline: zeroPipeline(),
      official: 0,
      siteIds: [],
    };
    const quota = quotas.get(unit.id);
    const ownPractices = practices.filter((p) => p.organization.unitId === unit.id).length;
    const whole = unitWideUse?.get(unit.id) ?? { excellent: figures.official, practices: ownPractices };
    const use = quotaUse(quota?.excellentQuota ?? unit.excellentQuota, whole.excellent);
    const plan = planOf.get(unit.id);
    const planTiming =
      unit.minBelts > 0 ? timeliness(cycle.beltPlanDeadline, plan?.versions[0]?.submittedAt ?? null) : null;
    if (planTiming) planStates.push(planTiming.state);
    const ownReports = reports.filter((r) => r.unitId === unit.id);
    const latestReport = ownReports.at(-1);
    const reportTiming = timeliness(cycle.initialSummaryDeadline, ownReports[0]?.submittedAt ?? null);
    reportStates.push(reportTiming.state);
    const unitMembers = members.filter((m) => m.unitId === unit.id).map((m) => m.id);
    const roster = rosterCompliance({
      activeMemberIds: unitMembers,
      contacts: contacts.filter((c) => unitMembers.includes(c.memberId)),
      siteIds: figures.siteIds,
    });
    return {
      unitId: unit.id,
      unitName: unit.name,
      excellent: figures.official,
      quotaUsed: use.used,
      quota: use.quota,
      quotaReached: use.reached,
      quotaExceeded: use.exceeded,
      practices: ownPractices,
      practiceQuotaUsed: whole.practices,
      practiceQuota: quota?.practiceQuota ?? unit.practiceQuota,
      organizations: figures.competitors,
      nonCompetitors: figures.organizations - figures.competitors,
      tiers: figures.tiers,
      pipeline: figures.pipeline,
      reReviewsDueSoon: dueSoon.get(unit.id) ?? 0,
      reReviewsOverdue: overdue.get(unit.id) ?? 0,
      plan: planTiming && {
        status: plan ? asPlanStatus(plan.status) : ("DRAFT" as const),
        timeliness: planTiming,
      },
      appendix2: {
        status: !latestReport
          ? ("NOT_SUBMITTED" as const)
          : latestReport.decision === "RECEIVED"
            ? ("RECEIVED" as const)
            : latestReport.decision === "RETURNED"
              ? ("RETURNED" as const)
              : ("SUBMITTED" as const),
        resubmitted: ownReports.length > 1,
        timeliness: reportTiming,
      },
      roster: {
        activeMembers: unitMembers.length,
        sites: figures.siteIds.length,
        sitesWithContact: roster.sitesWithContact,
        membersWithoutSite: roster.membersWithoutSite.length,
        passed: roster.passed,
      },
    };
  });

  return {
    cycle: cycleSummary(cycle),
    region: { level: ctx.user.region.level, name, partOfUnit },
    target: targets.excellent,
    targets,
    quotaTotal: rows.reduce((sum, u) => sum + u.quota, 0),
    excellentOfficial: totals.official,
    excellentDetermined: totals.determined,
    excellentProvisional: totals.provisional,
    practicesTotal: practices.length,
    organizations: totals.competitors,
    nonCompetitors: totals.organizations - totals.competitors,
    perUnit: rows,
    perTier: TIERS.map((tier) => {
      const count = tierTotals[tier];
      return {
        tier,
        count,
        share: tierShare(count, totals.competitors),
        targetShare: TIER_TARGET_SHARES[tier],
        targetCount: tierTargets[tier],
      };
    }),
    pipeline,
    deadlines: {
      beltPlan: cycle.beltPlanDeadline.toISOString(),
      initialSummary: cycle.initialSummaryDeadline.toISOString(),
    },
    reports: {
      beltPlan: { deadline: cycle.beltPlanDeadline.toISOString(), tally: tallySubmissions(planStates) },
      initialSummary: {
        deadline: cycle.initialSummaryDeadline.toISOString(),
        tally: tallySubmissions(reportStates),
      },
    },
    roster: {
      activeMembers: rows.reduce((n, u) => n + u.roster.activeMembers, 0),
      sites: rows.reduce((n, u) => n + u.roster.sites, 0),
      sitesWithContact: rows.reduce((n, u) => n + u.roster.sitesWithContact, 0),
      membersWithoutSite: rows.reduce((n, u) => n + u.roster.membersWithoutSite, 0),
    },
    generatedAt: now.toISOString(),
  };
}

/** Each unit's 示范点 and 典型做法 as its quotas count them: all of the unit, whatever the reader's region. */
async function wholeUnitUse(
  prisma: PrismaClient,
  cycleId: number,
  unitIds: readonly string[],
): Promise<Map<string, { excellent: number; practices: number }>> {
  const uses = await Promise.all(
    unitIds.map(async (unitId) => {
      const [excellent, practices] = await Promise.all([
        countOfficialExcellent(prisma, unitId, cycleId),
        prisma.typicalPractice.count({ where: { cycleId, releasedAt: null, organization: { unitId } } }),
      ]);
      return [unitId, { excellent, practices }] as const;
    }),
  );
  return new Map(uses);
}

/** The pipeline step of a group: its pending stage, DETERMINED once all four stages are submitted. */
function stepOf(group: { graded: boolean; pendingStage: string | null }): PipelineStep {
  if (!group.graded) return "SELF";
  if (group.pendingStage === null) return "DETERMINED";
  if (!isStage(group.pendingStage))
    throw new Error(`unknown stage "${group.pendingStage}" in OrganizationGrade`);
  return group.pendingStage;
}
