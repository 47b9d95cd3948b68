import type { Prisma } from "@beltmap/db";
import {
  acceptanceFailures,
  type BeltKind,
  checkCycleWritable,
  checkPlanAction,
  isDemonstrationSite,
  isEligibleStop,
  type PlanAction,
  type PlanSnapshot,
  planCompliance,
  planFactsFromJson,
  type RuleId,
  statusAfterEdit,
  validateAcceptance,
  validatePlanDraft,
  validateReturnReason,
} from "@beltmap/domain";
import { countyName, isInCounty } from "@beltmap/geo";
import { TRPCError } from "@trpc/server";
import type { PlanDto, PlanPermissionDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { asUnitKind } from "../routers/unit.ts";
import { writeAudit } from "./audit.ts";
import { beltsOf } from "./belts.ts";
import { asPlanStatus } from "./compliance.ts";
import { organizationsWithGrades } from "./grades.ts";
import { requireUnit, type ScopedContext } from "./scope.ts";

type Cycle = { id: number; year: number; isCurrent: boolean; beltPlanDeadline: Date };
type Tx = Prisma.TransactionClient;

export type PlanDraftInput = {
  unitId: string;
  revision: number;
  belts: {
    id: number | null;
    name: string;
    theme: string;
    kind: BeltKind;
    roundTrip: boolean;
    stopIds: number[];
  }[];
  serviceCenter: {
    name: string;
    address: string;
    lng: number;
    lat: number;
    organizationId: number | null;
  } | null;
};

async function loadUnit(ctx: ScopedContext, unitId: string) {
  await requireUnit(ctx, unitId);
  const unit = await ctx.prisma.unit.findUnique({ where: { id: unitId } });
  if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: "未找到该单位" });
  return { ...unit, kind: asUnitKind(unit.kind) };
}

type LoadedUnit = Awaited<ReturnType<typeof loadUnit>>;

function permission(ctx: ScopedContext, unit: LoadedUnit, status: string, action: PlanAction) {
  return checkPlanAction({
    action,
    status: asPlanStatus(status),
    role: ctx.user.role,
    ownUnit: ctx.user.unitId === unit.id,
    buildsBelts: unit.minBelts > 0,
  });
}

function asPermission(check: ReturnType<typeof checkPlanAction>): PlanPermissionDto {
  return check.ok
    ? { ok: true, code: null, reason: null }
    : { ok: false, code: check.code, reason: check.reason };
}

function requirePermission(ctx: ScopedContext, unit: LoadedUnit, status: string, action: PlanAction): void {
  const check = permission(ctx, unit, status, action);
  if (!check.ok) throw new TRPCError({ code: "FORBIDDEN", message: check.reason });
}

/** The departments without territory (市经信委) whose sites ride on their county's belts. */
async function departmentUnitIds(db: Tx | ScopedContext["prisma"]): Promise<Set<string>> {
  const units = await db.unit.findMany({ where: { kind: "DEPARTMENT" }, select: { id: true } });
  return new Set(units.map((u) => u.id));
}

/**
 * Creates the unit's plan when it has none and locks its row for the rest of the transaction, so
 * two saves (or a save and the city's decision) run one after the other.
 */
/** The organisations `unit`'s belts may visit (see isEligibleStop), as a Prisma filter. */
function eligibleOrganizations(unit: LoadedUnit, departments: Set<string>) {
  return [
    { unitId: unit.id },
    ...(unit.countyCode === null ? [] : [{ unitId: { in: [...departments] }, countyCode: unit.countyCode }]),
  ];
}

async function lockPlan(tx: Tx, unitId: string, cycleId: number) {
  await tx.$executeRaw`INSERT INTO "BeltPlan" ("unitId", "cycleId", "status", "version", "revision")
    VALUES (${unitId}, ${cycleId}, 'DRAFT', 0, 0) ON CONFLICT ("unitId", "cycleId") DO NOTHING`;
  const [row] = await tx.$queryRaw<{ id: number; status: string; version: number; revision: number }[]>`
    SELECT id, status, version, revision FROM "BeltPlan"
    WHERE "unitId" = ${unitId} AND "cycleId" = ${cycleId} FOR UPDATE`;
  if (!row) throw new Error(`no belt plan for ${unitId} after creating it`);
  return row;
}

function staleRevision(expected: number, actual: number): never {
  throw new TRPCError({
    code: "CONFLICT",
    message: `示范带方案已被他人修改（您编辑的是第 ${expected} 次保存的内容，现为第 ${actual} 次）。您的修改仍保留在页面上，请刷新核对后再保存`,
  });
}

/** The unit's plan as the planner and the checker see it. */
export async function getPlan(ctx: ScopedContext, cycle: Cycle, unitId: string): Promise<PlanDto> {
  const unit = await loadUnit(ctx, unitId);
  const departments = await departmentUnitIds(ctx.prisma);
  const [plan, belts, center, candidates] = await Promise.all([
    ctx.prisma.beltPlan.findUnique({
      where: { unitId_cycleId: { unitId, cycleId: cycle.id } },
      include: { versions: { orderBy: { version: "asc" }, omit: { snapshot: true } } },
    }),
    beltsOf(ctx.prisma, cycle.id, unitId),
    ctx.prisma.serviceCenter.findUnique({ where: { unitId_cycleId: { unitId, cycleId: cycle.id } } }),
    planCandidates(ctx, cycle.id, unit, departments),
  ]);
  const status = plan?.status ?? "DRAFT";
  const versions = plan?.versions ?? [];
  const userIds = versions.flatMap((v) => [v.submittedById, v.decidedById]).filter((id) => id !== null);
  const users = await ctx.prisma.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, displayName: true },
  });
  const nameOf = (id: number | null) => users.find((u) => u.id === id)?.displayName ?? null;
  // A past cycle's plan is history: nobody may change it.
  const writable = checkCycleWritable(cycle);
  const pastCycle: PlanPermissionDto | null = writable.ok
    ? null
    : { ok: false, code: "PAST_CYCLE", reason: writable.message };
  return {
    unitId,
    unitName: unit.name,
    unitKind: unit.kind,
    countyCode: unit.countyCode,
    minBelts: unit.minBelts,
    needsServiceCenter: unit.needsServiceCenter,
    status: asPlanStatus(status),
    version: plan?.version ?? 0,
    revision: plan?.revision ?? 0,
    returnReason: plan?.returnReason ?? null,
    submittedAt: plan?.submittedAt?.toISOString() ?? null,
    firstSubmittedAt: versions[0]?.submittedAt.toISOString() ?? null,
    deadline: cycle.beltPlanDeadline.toISOString(),
    serverTime: ctx.now().toISOString(),
    can: {
      edit: pastCycle ?? asPermission(permission(ctx, unit, status, "EDIT")),
      submit: pastCycle ?? asPermission(permission(ctx, unit, status, "SUBMIT")),
      review: pastCycle ?? asPermission(permission(ctx, unit, status, "ACCEPT")),
    },
    belts,
    serviceCenter: center,
    versions: versions.map((v) => ({
      version: v.version,
      submittedAt: v.submittedAt.toISOString(),
      submittedBy: nameOf(v.submittedById),
      decision: v.decision === "ACCEPTED" || v.decision === "RETURNED" ? v.decision : null,
      decidedAt: v.decidedAt?.toISOString() ?? null,
      decidedBy: nameOf(v.decidedById),
      returnReason: v.returnReason,
    })),
    candidates,
    departmentUnitIds: [...departments],
  };
}

/**
 * What the unit's belts may visit: its own organisations, and those of a department (市经信委) in
 * its county. The latter lie outside a county user's region, so they are read here, unscoped, and
 * only the fields a planner needs leave the server.
 */
async function planCandidates(
  ctx: ScopedContext,
  cycleId: number,
  unit: LoadedUnit,
  departments: Set<string>,
) {
  const own = await organizationsWithGrades(ctx, { cycleId, unitId: unit.id });
  const borrowed =
    unit.countyCode === null
      ? []
      : (
          await Promise.all(
            [...departments].map((unitId) => organizationsWithGrades(ctx, { cycleId, unitId })),
          )
        )
          .flat()
          .filter((o) => isEligibleStop(unit, { ...o, grade: null }, departments));
  const candidate = (o: (typeof own)[number], borrowedSite: boolean) => {
    const officialGrade = o.gradeIsOfficial ? o.grade : null;
    return {
      id: o.id,
      name: o.name,
      kind: o.kind,
      unitId: o.unitId,
      countyCode: o.countyCode,
      townshipName: o.townshipName,
      lng: o.lng,
      lat: o.lat,
      // Of another unit's organisations a planner learns only whether they are demonstration
      // sites: their grades and scores belong to their own region.
      officialGrade: borrowedSite
        ? isDemonstrationSite(officialGrade)
          ? officialGrade
          : null
        : officialGrade,
      tier: borrowedSite ? null : o.tier,
    };
  };
  return [...own.map((o) => candidate(o, false)), ...borrowed.map((o) => candidate(o, true))];
}

/** One version's snapshot, for showing what changed between versions. */
export async function getPlanVersion(
  ctx: ScopedContext,
  cycle: Cycle,
  unitId: string,
  version: number,
): Promise<PlanSnapshot> {
  await loadUnit(ctx, unitId);
  const row = await ctx.prisma.beltPlanVersion.findFirst({
    where: { version, plan: { unitId, cycleId: cycle.id } },
    select: { snapshot: true },
  });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `方案没有第 ${version} 版` });
  return row.snapshot as PlanSnapshot;
}

/** Saves the county's whole working draft in one transaction: belts, their stops in order, the center. */
export async function savePlan(ctx: ScopedContext, cycle: Cycle, input: PlanDraftInput): Promise<void> {
  const unit = await loadUnit(ctx, input.unitId);
  // Who may edit is checked before anything else is looked at (and again under the lock).
  const current = await ctx.prisma.beltPlan.findUnique({
    where: { unitId_cycleId: { unitId: unit.id, cycleId: cycle.id } },
    select: { status: true },
  });
  requirePermission(ctx, unit, current?.status ?? "DRAFT", "EDIT");
  const stopIds = [...new Set(input.belts.flatMap((b) => b.stopIds))];
  const centerSiteId = input.serviceCenter?.organizationId ?? null;
  const departments = await departmentUnitIds(ctx.prisma);
  // Only what this unit's belts may visit is read: nothing about other organisations (not even
  // whether they exist) can come back in a message.
  const wanted = centerSiteId === null ? stopIds : [...stopIds, centerSiteId];
  const organizations = await ctx.prisma.organization.findMany({
    where: { id: { in: wanted }, OR: eligibleOrganizations(unit, departments) },
    select: { id: true, name: true, unitId: true, countyCode: true, kind: true, lng: true, lat: true },
  });
  // The query narrows the read; the domain's rule decides.
  const orgOf = new Map(
    organizations
      .filter((o) => isEligibleStop(unit, { ...o, kind: "OTHER", grade: null }, departments))
      .map((o) => [o.id, o]),
  );
  const eligible = (id: number) => orgOf.has(id);
  const unusable = wanted.filter((id) => !orgOf.has(id));
  if (unusable.length > 0)
    await writeAudit(ctx.prisma, ctx, ctx.user, {
      action: "access.denied",
      entity: "Organization",
      entityId: unusable.join(","),
      after: { reason: "not a stop this unit may use", unitId: unit.id },
    });
  const centerSite = centerSiteId === null ? null : orgOf.get(centerSiteId);
  // At a site, the center stands where the site is: the server's coordinates, not the client's.
  const center = input.serviceCenter && {
    ...input.serviceCenter,
    name: input.serviceCenter.name.trim(),
    address: input.serviceCenter.address.trim(),
    ...(centerSite ? { lng: centerSite.lng, lat: centerSite.lat } : {}),
  };
  const draft: PlanSnapshot = {
    belts: input.belts.map((b) => ({
      ...b,
      stops: b.stopIds.map((id) => {
        const org = orgOf.get(id);
        return { organizationId: id, name: org?.name ?? String(id), lng: org?.lng ?? 0, lat: org?.lat ?? 0 };
      }),
    })),
    serviceCenter: center,
  };
  const problems = validatePlanDraft(draft, eligible);
  if (center) problems.push(...centerProblems(unit, center, centerSiteId, eligible));
  // One saved belt named twice would be written twice, the later entry silently over the earlier.
  input.belts.forEach((belt, index) => {
    const earlier = belt.id === null ? index : input.belts.findIndex((b) => b.id === belt.id);
    if (earlier < index) {
      const message = `第 ${index + 1} 条示范带与第 ${earlier + 1} 条示范带是同一条，请刷新后再改`;
      problems.push({ field: `belts[${index}].id`, message });
    }
  });
  const first = problems[0];
  if (first) throw new DomainError(first.message, problems);

  await ctx.prisma.$transaction(async (tx) => {
    const plan = await lockPlan(tx, unit.id, cycle.id);
    if (plan.revision !== input.revision) staleRevision(input.revision, plan.revision);
    requirePermission(ctx, unit, plan.status, "EDIT");
    const before = await planSummary(tx, cycle.id, unit.id);
    const existing = new Set(before.belts.map((b) => b.id));
    const unknown = input.belts.findIndex((b) => b.id !== null && !existing.has(b.id));
    if (unknown !== -1) {
      const message = `第 ${unknown + 1} 条示范带不属于本单位的方案（可能已被删除），请刷新后再改`;
      throw new DomainError(message, [{ field: `belts[${unknown}].id`, message }]);
    }
    const kept = new Set(input.belts.map((b) => b.id).filter((id) => id !== null));
    await tx.belt.deleteMany({ where: { id: { in: [...existing].filter((id) => !kept.has(id)) } } });
    for (const belt of input.belts) {
      const fields = {
        name: belt.name.trim(),
        theme: belt.theme.trim(),
        kind: belt.kind,
        roundTrip: belt.roundTrip,
      };
      const id =
        belt.id === null
          ? (await tx.belt.create({ data: { ...fields, unitId: unit.id, cycleId: cycle.id } })).id
          : (await tx.belt.update({ where: { id: belt.id }, data: fields })).id;
      await tx.beltStop.deleteMany({ where: { beltId: id } });
      await tx.beltStop.createMany({
        data: belt.stopIds.map((organizationId, position) => ({ beltId: id, position, organizationId })),
      });
    }
    if (center) {
      const data = { ...center, organizationId: centerSiteId };
      await tx.serviceCenter.upsert({
        where: { unitId_cycleId: { unitId: unit.id, cycleId: cycle.id } },
        create: { ...data, unitId: unit.id, cycleId: cycle.id },
        update: data,
      });
    } else {
      await tx.serviceCenter.deleteMany({ where: { unitId: unit.id, cycleId: cycle.id } });
    }
    const status = statusAfterEdit(asPlanStatus(plan.status));
    await tx.beltPlan.update({ where: { id: plan.id }, data: { revision: plan.revision + 1, status } });
    await writeAudit(tx, ctx, ctx.user, {
      action: "belt.plan.save",
      entity: "BeltPlan",
      entityId: plan.id,
      before: { status: plan.status, ...summaryForAudit(before) },
      after: { status, ...summaryForAudit(await planSummary(tx, cycle.id, unit.id)) },
    });
  });
}

function centerProblems(
  unit: LoadedUnit,
  center: { lng: number; lat: number },
  siteId: number | null,
  eligible: (id: number) => boolean | undefined,
) {
  const problems: { field: string; message: string }[] = [];
  if (!unit.needsServiceCenter) {
    problems.push({ field: "serviceCenter", message: `${unit.name}不设区域性党群服务中心` });
    return problems;
  }
  if (siteId !== null && !eligible(siteId))
    problems.push({
      field: "serviceCenter.organizationId",
      message: "区域性党群服务中心所在的站点须为本单位（或所在县市经信委）的组织",
    });
  if (unit.countyCode !== null && !isInCounty(center.lng, center.lat, unit.countyCode))
    problems.push({
      field: "serviceCenter.lng",
      message: `区域性党群服务中心须位于${countyName(unit.countyCode)}境内`,
    });
  return problems;
}

async function planSummary(db: Tx, cycleId: number, unitId: string) {
  const [belts, center] = await Promise.all([
    beltsOf(db, cycleId, unitId),
    db.serviceCenter.findUnique({ where: { unitId_cycleId: { unitId, cycleId } } }),
  ]);
  return { belts, center };
}

function summaryForAudit({ belts, center }: Awaited<ReturnType<typeof planSummary>>) {
  return {
    belts: belts.map((b) => ({
      id: b.id,
      name: b.name,
      kind: b.kind,
      stopIds: b.stops.map((s) => s.organizationId),
    })),
    serviceCenter: center ? { name: center.name, lng: center.lng, lat: center.lat } : null,
  };
}

/** The county submits its saved draft: a new version, kept as a snapshot, for the city to check. */
export async function submitPlan(
  ctx: ScopedContext,
  cycle: Cycle,
  input: { unitId: string; revision: number },
): Promise<void> {
  const unit = await loadUnit(ctx, input.unitId);
  await ctx.prisma.$transaction(async (tx) => {
    const plan = await lockPlan(tx, unit.id, cycle.id);
    if (plan.revision !== input.revision) staleRevision(input.revision, plan.revision);
    requirePermission(ctx, unit, plan.status, "SUBMIT");
    const { belts, center } = await planSummary(tx, cycle.id, unit.id);
    if (belts.length === 0)
      throw new DomainError("方案中还没有示范带，不能报送", [
        { field: "belts", message: "方案中还没有示范带" },
      ]);
    const snapshot: PlanSnapshot = {
      belts: belts.map((b) => ({
        id: b.id,
        name: b.name,
        theme: b.theme,
        kind: b.kind,
        roundTrip: b.roundTrip,
        stops: b.stops.map((s) => ({
          organizationId: s.organizationId,
          name: s.name,
          lng: s.lng,
          lat: s.lat,
        })),
      })),
      serviceCenter: center && {
        name: center.name,
        lng: center.lng,
        lat: center.lat,
        address: center.address,
        organizationId: center.organizationId,
      },
    };
    const version = plan.version + 1;
    const now = ctx.now();
    await tx.beltPlanVersion.create({
      data: { planId: plan.id, version, snapshot, submittedAt: now, submittedById: ctx.user.id },
    });
    await tx.beltPlan.update({
      where: { id: plan.id },
      data: { status: "SUBMITTED", version, submittedAt: now, returnReason: null },
    });
    await writeAudit(tx, ctx, ctx.user, {
      action: "belt.plan.submit",
      entity: "BeltPlan",
      entityId: plan.id,
      before: { status: plan.status, version: plan.version },
      after: { status: "SUBMITTED", version, belts: belts.length },
    });
  });
}

/**
 * The binding rules the unit's saved plan breaks, checked as the planner checks them; none when the
 * plan may not be decided at all, so that refusal (under the lock, below) is what the city hears.
 */
async function submittedPlanFailures(ctx: ScopedContext, cycle: Cycle, unitId: string): Promise<RuleId[]> {
  const plan = await getPlan(ctx, cycle, unitId);
  if (!plan.can.review.ok) return [];
  const belts = plan.belts.map((b) => ({
    id: b.id,
    name: b.name,
    stopIds: b.stops.map((s) => s.organizationId),
  }));
  return acceptanceFailures(planCompliance(planFactsFromJson(plan), belts, plan.serviceCenter !== null));
}

/**
 * The city accepts the submitted version, or returns it with a reason. Accepting a plan that breaks
 * binding rules needs a reason too; the audit row keeps it with the rules it overrode.
 */
export async function decidePlan(
  ctx: ScopedContext,
  cycle: Cycle,
  input: { unitId: string; version: number; decision: "ACCEPTED" | "RETURNED"; reason?: string | undefined },
): Promise<void> {
  const unit = await loadUnit(ctx, input.unitId);
  const reason = (input.reason ?? "").trim();
  // The rules the submitted plan breaks: a plan in SUBMITTED cannot change, and the version is
  // checked again under the lock, so what is judged here is what gets accepted.
  const failures = input.decision === "ACCEPTED" ? await submittedPlanFailures(ctx, cycle, unit.id) : [];
  const problem =
    input.decision === "RETURNED" ? validateReturnReason(reason) : validateAcceptance(failures, reason);
  if (problem) throw new DomainError(problem, [{ field: "reason", message: problem }]);
  await ctx.prisma.$transaction(async (tx) => {
    const plan = await lockPlan(tx, unit.id, cycle.id);
    requirePermission(ctx, unit, plan.status, input.decision === "ACCEPTED" ? "ACCEPT" : "RETURN");
    if (plan.version !== input.version)
      throw new TRPCError({
        code: "CONFLICT",
        message: `该方案已有第 ${plan.version} 版（您看到的是第 ${input.version} 版），请刷新后再审核`,
      });
    const returned = input.decision === "RETURNED";
    await tx.beltPlanVersion.update({
      where: { planId_version: { planId: plan.id, version: plan.version } },
      data: {
        decision: input.decision,
        decidedAt: ctx.now(),
        decidedById: ctx.user.id,
        returnReason: returned ? reason : null,
      },
    });
    await tx.beltPlan.update({
      where: { id: plan.id },
      data: { status: input.decision, returnReason: returned ? reason : null },
    });
    await writeAudit(tx, ctx, ctx.user, {
      action: returned ? "belt.plan.return" : "belt.plan.accept",
      entity: "BeltPlan",
      entityId: plan.id,
      before: { status: plan.status, version: plan.version },
      after: {
        status: input.decision,
        version: plan.version,
        ...(reason ? { reason } : {}),
        ...(failures.length > 0 ? { failedRules: failures } : {}),
      },
    });
  });
}
