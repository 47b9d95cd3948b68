import { listUnits, type Prisma } from "@beltmap/db";
import {
  type Appendix2Action,
  type Appendix2Input,
  type Appendix2Status,
  appendix2NextActor,
  appendix2Warnings,
  checkAppendix2Action,
  checkCycleWritable,
  submissionTimeliness,
  validateReturnReason,
} from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import type { Appendix2StatusDto, Appendix2UnitStatusDto, PlanPermissionDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { appendix2Input } from "./appendix2-data.ts";
import { writeAudit } from "./audit.ts";
import type { Cycle } from "./cycle.ts";
import { coveredUnitIds, refuseOutOfScope, requireUnit, type ScopedContext } from "./scope.ts";

// 附件2 报送: a unit submits its 初评结果汇总表 for the cycle as a frozen snapshot; the city
// receives it or returns it with a reason; every version is kept and downloadable by both sides.

type Version = {
  version: number;
  submittedAt: Date;
  submittedById: number | null;
  decision: string | null;
  decidedAt: Date | null;
  decidedById: number | null;
  returnReason: string | null;
};

function statusOf(latest: Version | undefined): Appendix2Status {
  if (!latest) return "NOT_SUBMITTED";
  if (latest.decision === "RECEIVED") return "RECEIVED";
  if (latest.decision === "RETURNED") return "RETURNED";
  return "SUBMITTED";
}

function permission(
  ctx: ScopedContext,
  cycle: Cycle,
  unitId: string,
  status: Appendix2Status,
  action: Appendix2Action,
): PlanPermissionDto {
  const writable = checkCycleWritable(cycle);
  if (!writable.ok) return { ok: false, code: "PAST_CYCLE", reason: writable.message };
  const check = checkAppendix2Action({
    action,
    status,
    role: ctx.user.role,
    ownUnit: ctx.user.unitId === unitId,
  });
  return check.ok ? { ok: true, code: null, reason: null } : { ok: false, code: null, reason: check.reason };
}

/**
 * Each unit the user may see, with where its 附件2 stands in the cycle: not submitted (and how many
 * days are left, or how late it is), on time or late (judged by the first submission),
 * resubmitted, returned or received; its versions; what the user may do.
 */
export async function appendix2Status(ctx: ScopedContext, cycle: Cycle): Promise<Appendix2StatusDto> {
  const units = await listUnits(ctx.prisma);
  const shown = new Set(
    coveredUnitIds(
      ctx,
      units.map((u) => u.id),
    ),
  );
  const versions = await ctx.prisma.appendix2Submission.findMany({
    where: { cycleId: cycle.id, unitId: { in: [...shown] } },
    orderBy: [{ unitId: "asc" }, { version: "asc" }],
    omit: { snapshot: true },
  });
  const userIds = [...new Set(versions.flatMap((v) => [v.submittedById, v.decidedById]))].filter(
    (id) => id !== null,
  );
  const users = await ctx.prisma.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, displayName: true },
  });
  const nameOf = (id: number | null) => users.find((u) => u.id === id)?.displayName ?? null;
  const now = ctx.now();
  const rows: Appendix2UnitStatusDto[] = units
    .filter((u) => shown.has(u.id))
    .map((unit) => {
      const own = versions.filter((v) => v.unitId === unit.id);
      const latest = own.at(-1);
      const status = statusOf(latest);
      const timeliness = submissionTimeliness({
        deadline: cycle.initialSummaryDeadline,
        firstSubmittedAt: own[0]?.submittedAt ?? null,
        now: cycle.isCurrent ? now : cycle.endsOn,
      });
      return {
        unitId: unit.id,
        unitName: unit.name,
        status,
        nextActor: cycle.isCurrent ? appendix2NextActor(status) : null,
        timeliness,
        resubmitted: own.length > 1,
        versions: own.map((v) => ({
          version: v.version,
          submittedAt: v.submittedAt.toISOString(),
          submittedBy: nameOf(v.submittedById),
          decision: v.decision === "RECEIVED" || v.decision === "RETURNED" ? v.decision : null,
          decidedAt: v.decidedAt?.toISOString() ?? null,
          decidedBy: nameOf(v.decidedById),
          returnReason: v.returnReason,
        })),
        can: {
          submit: permission(ctx, cycle, unit.id, status, "SUBMIT"),
          receive: permission(ctx, cycle, unit.id, status, "RECEIVE"),
          return: permission(ctx, cycle, unit.id, status, "RETURN"),
        },
      };
    });
  return { cycleId: cycle.id, deadline: cycle.initialSummaryDeadline.toISOString(), units: rows };
}

/** What the county is told before it submits: organisations still without 初评. */
export async function appendix2SubmitWarnings(ctx: ScopedContext, cycle: Cycle, unitId: string) {
  await requireUnit(ctx, unitId);
  const data = await appendix2Input(ctx, cycle, unitId);
  return appendix2Warnings(data.units.flatMap((u) => u.rows));
}

/** Serialises the submissions and decisions of one unit's 附件2 in a cycle. */
async function lockUnitReport(tx: Prisma.TransactionClient, cycleId: number, unitId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${cycleId}, hashtext(${`appendix2:${unitId}`}))`;
  const versions = await tx.appendix2Submission.findMany({
    where: { cycleId, unitId },
    orderBy: { version: "asc" },
    omit: { snapshot: true },
  });
  return { versions, status: statusOf(versions.at(-1)) };
}

function refuse(check: PlanPermissionDto): void {
  if (!check.ok) throw new TRPCError({ code: "PRECONDITION_FAILED", message: check.reason ?? "" });
}

/** The county submits its 附件2: the table as it stands now, frozen as the next version. */
export async function submitAppendix2(ctx: ScopedContext, cycle: Cycle, unitId: string): Promise<number> {
  await requireUnit(ctx, unitId);
  if (ctx.user.role !== "COUNTY" || ctx.user.unitId !== unitId)
    throw new TRPCError({ code: "FORBIDDEN", message: "只有本单位的县级用户可以报送附件2" });
  return ctx.prisma.$transaction(async (tx) => {
    const { versions, status } = await lockUnitReport(tx, cycle.id, unitId);
    refuse(permission(ctx, cycle, unitId, status, "SUBMIT"));
    const snapshot = await appendix2Input({ ...ctx, prisma: tx as typeof ctx.prisma }, cycle, unitId);
    const version = (versions.at(-1)?.version ?? 0) + 1;
    await tx.appendix2Submission.create({
      data: {
        cycleId: cycle.id,
        unitId,
        version,
        snapshot: JSON.parse(JSON.stringify(snapshot)) as Prisma.InputJsonValue,
        submittedAt: ctx.now(),
        submittedById: ctx.user.id,
      },
    });
    await writeAudit(tx, ctx, ctx.user, {
      action: "appendix2.submit",
      entity: "Unit",
      entityId: unitId,
      before: { status, version: version - 1 },
      after: {
        status: "SUBMITTED",
        version,
        rows: snapshot.units.reduce((n, u) => n + u.rows.length, 0),
        cycleId: cycle.id,
      },
    });
    return version;
  });
}

/** The city receives (final) or returns, with a reason, the version the unit submitted last. */
export async function decideAppendix2(
  ctx: ScopedContext,
  cycle: Cycle,
  input: { unitId: string; version: number; decision: "RECEIVED" | "RETURNED"; reason?: string | undefined },
): Promise<void> {
  await requireUnit(ctx, input.unitId);
  const reason = (input.reason ?? "").trim();
  if (input.decision === "RETURNED") {
    const problem = validateReturnReason(reason);
    if (problem) throw new DomainError(problem, [{ field: "reason", message: problem }]);
  }
  await ctx.prisma.$transaction(async (tx) => {
    const { versions, status } = await lockUnitReport(tx, cycle.id, input.unitId);
    refuse(
      permission(ctx, cycle, input.unitId, status, input.decision === "RECEIVED" ? "RECEIVE" : "RETURN"),
    );
    const latest = versions.at(-1);
    if (!latest || latest.version !== input.version)
      throw new TRPCError({
        code: "CONFLICT",
        message: `该单位的附件2已有第 ${latest?.version ?? 0} 版（您看到的是第 ${input.version} 版），请刷新后再处理`,
      });
    await tx.appendix2Submission.update({
      where: { cycleId_unitId_version: { cycleId: cycle.id, unitId: input.unitId, version: latest.version } },
      data: {
        decision: input.decision,
        decidedAt: ctx.now(),
        decidedById: ctx.user.id,
        returnReason: input.decision === "RETURNED" ? reason : null,
      },
    });
    await writeAudit(tx, ctx, ctx.user, {
      action: input.decision === "RECEIVED" ? "appendix2.receive" : "appendix2.return",
      entity: "Unit",
      entityId: input.unitId,
      before: { status, version: latest.version },
      after: {
        status: input.decision,
        version: latest.version,
        cycleId: cycle.id,
        ...(input.decision === "RETURNED" ? { reason } : {}),
      },
    });
  });
}

/** One submitted version as it was frozen, for the workbook. */
export async function submittedAppendix2(
  ctx: ScopedContext,
  cycle: Cycle,
  unitId: string,
  version: number,
): Promise<Appendix2Input> {
  await requireUnit(ctx, unitId);
  const row = await ctx.prisma.appendix2Submission.findUnique({
    where: { cycleId_unitId_version: { cycleId: cycle.id, unitId, version } },
    select: { snapshot: true },
  });
  if (!row) return refuseOutOfScope(ctx, "Appendix2Submission", `${unitId}/${version}`);
  const snapshot = row.snapshot as unknown as Omit<Appendix2Input, "reportDate"> & { reportDate: string };
  return { ...snapshot, reportDate: new Date(snapshot.reportDate) };
}
