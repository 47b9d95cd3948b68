import { cycleQuotaOf, type Prisma, storeGrades } from "@beltmap/db";
import {
  type ActionCheck,
  checkExcellentDetermination,
  checkStageAction,
  currentGrade,
  effectiveGrade,
  type Grade,
  gradeFromTotal,
  type ItemScores,
  isCompetitor,
  isSetupKind,
  isStage,
  notCompetitorReason,
  parseItemScores,
  pendingStage,
  type SheetStages,
  type SheetStatus,
  STAGE_LABELS_ZH,
  STAGES,
  type Stage,
  sheetTotal,
  stagePermissions,
  validateOpinion,
  validateReturnReason,
} from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import type { GradeSource, SheetDto, SheetStageDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { writeAudit } from "./audit.ts";
import type { Cycle } from "./cycle.ts";
import { officialOf } from "./grades.ts";
import { countOfficialExcellent, latestOfficialRecord, lockUnitQuota, unitQuotaUse } from "./quota.ts";
import { requireOrganization, type ScopedContext } from "./scope.ts";
import { applyDelisting, delistingFacts, restartCadence } from "./site-status.ts";

type Db = Prisma.TransactionClient;

const TRANSACTION = { timeout: 20_000, maxWait: 10_000 };

type StageRow = {
  id: number;
  stage: string;
  items: Prisma.JsonValue;
  total: number;
  opinion: string | null;
  status: string;
  returnReason: string | null;
  version: number;
  submittedAt: Date | null;
  updatedAt: Date;
};

async function loadStages(db: Db, organizationId: number, cycleId: number): Promise<Map<Stage, StageRow>> {
  const rows = await db.scoreSheet.findMany({ where: { organizationId, cycleId } });
  const byStage = new Map<Stage, StageRow>();
  for (const row of rows) {
    if (!isStage(row.stage)) throw new Error(`unknown stage "${row.stage}" in ScoreSheet ${row.id}`);
    byStage.set(row.stage, row);
  }
  return byStage;
}

function factsOf(rows: Map<Stage, StageRow>): SheetStages {
  const facts: SheetStages = {};
  for (const [stage, row] of rows) facts[stage] = { status: row.status as SheetStatus, version: row.version };
  return facts;
}

/** The sheet page's data: the four stages side by side, what the user may do, grade and quota. */
export async function readSheet(ctx: ScopedContext, organizationId: number, cycle: Cycle): Promise<SheetDto> {
  const cycleId = cycle.id;
  const org = await requireOrganization(ctx, organizationId);
  const [detail, rows, record, quota] = await Promise.all([
    ctx.prisma.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: {
        kind: true,
        setupKind: true,
        entityOperated: true,
        unit: { select: { name: true } },
        township: { select: { name: true } },
      },
    }),
    loadStages(ctx.prisma, organizationId, cycleId),
    latestOfficialRecord(ctx.prisma, organizationId, cycleId),
    unitQuotaUse(ctx.prisma, org.unitId, cycleId),
  ]);
  const facts = factsOf(rows);
  const competitor = competitorFacts(detail);
  // A past cycle is history and a non-competitor is not scored: nobody may change anything then.
  const writable = cycle.isCurrent && isCompetitor(competitor);
  const permissions = stagePermissions(writable ? ctx.user.role : "LEADER", facts);
  const stages: SheetStageDto[] = STAGES.map((stage) => {
    const row = rows.get(stage);
    return {
      stage,
      status: (row?.status as SheetStatus | undefined) ?? "EMPTY",
      version: row?.version ?? 0,
      items: (row?.items as ItemScores | undefined) ?? {},
      total: row ? row.total : null,
      opinion: row?.opinion ?? null,
      returnReason: row?.returnReason ?? null,
      submittedAt: row?.submittedAt?.toISOString() ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      ...permissions[stage],
    };
  });
  const grade = effectiveGrade(
    officialOf(record),
    stages.flatMap((s) =>
      s.status === "EMPTY" || s.total === null ? [] : [{ stage: s.stage, total: s.total, status: s.status }],
    ),
  );
  const isSite = record?.grade === "EXCELLENT";
  const pending = pendingStage(facts);
  // This year's scoring in progress, beside the standing (official) grade it has not replaced yet.
  const provisional =
    pending === null
      ? null
      : currentGrade(
          stages.flatMap((s) =>
            s.status === "SUBMITTED" && s.total !== null
              ? [{ stage: s.stage, total: s.total, status: s.status }]
              : [],
          ),
        );
  return {
    organization: {
      id: org.id,
      name: org.name,
      kind: detail.kind,
      unitId: org.unitId,
      unitName: detail.unit.name,
      townshipId: org.townshipId,
      townshipName: detail.township.name,
      setupKind: competitor.setupKind,
      entityOperated: competitor.entityOperated,
      notCompetitorReason: notCompetitorReason(competitor),
    },
    cycleId,
    cycleYear: cycle.year,
    cycleIsCurrent: cycle.isCurrent,
    stages,
    pendingStage: pending,
    provisional: provisional && {
      grade: provisional.grade,
      tier: provisional.tier,
      total: provisional.total,
      stage: provisional.stage,
    },
    grade: grade && {
      grade: grade.grade,
      tier: grade.tier,
      total: grade.total,
      official: grade.official,
      source: (record?.source as GradeSource | undefined) ?? null,
    },
    quota: { unitId: org.unitId, ...quota },
    // Shown to the city before it determines a grade below 优秀 for a demonstration site.
    siteFacts:
      isSite && permissions.CITY_FINAL.canEdit
        ? await delistingFacts(ctx.prisma, organizationId, cycleId)
        : null,
  };
}

function competitorFacts(org: { setupKind: string; entityOperated: boolean }) {
  if (!isSetupKind(org.setupKind)) throw new Error(`unknown setup kind "${org.setupKind}"`);
  return { setupKind: org.setupKind, entityOperated: org.entityOperated };
}

/** Only 争创对象 (单建, 实体运作) are scored. */
async function requireCompetitor(db: Db, organizationId: number): Promise<void> {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { setupKind: true, entityOperated: true },
  });
  const reason = notCompetitorReason(competitorFacts(org));
  if (reason) throw new TRPCError({ code: "PRECONDITION_FAILED", message: reason });
}

export type StageWrite = {
  organizationId: number;
  stage: Stage;
  /** The stage's version as the writer last read it; 0 for a stage never saved. */
  version: number;
  items: unknown;
  opinion?: string | null | undefined;
  submit: boolean;
  /** Required to determine 优秀 beyond the unit's quota (评定 only). */
  overrideReason?: string | null | undefined;
};

function refuse(check: ActionCheck & { ok: false }): never {
  throw new TRPCError({
    code: check.reason === "FORBIDDEN" ? "FORBIDDEN" : "PRECONDITION_FAILED",
    message: check.message,
  });
}

function staleWrite(stage: Stage, expected: number, actual: number): never {
  throw new TRPCError({
    code: "CONFLICT",
    message: `${STAGE_LABELS_ZH[stage]}已被他人更新（您看到的是第 ${expected} 版，现为第 ${actual} 版）。您填写的内容仍保留在页面上，请刷新核对后再保存`,
  });
}

/**
 * Saves a stage as a draft or submits it. Checked in one transaction: scope, who may fill the
 * stage, stage order, the version the writer saw, the scores (all 25 to submit), the county's
 * opinion, and for a 优秀 determination the unit's quota, under a lock so two determinations
 * cannot both take the last place. Every write is audited in the same transaction.
 */
export async function writeStage(ctx: ScopedContext, cycle: Cycle, write: StageWrite): Promise<void> {
  const cycleId = cycle.id;
  const org = await requireOrganization(ctx, write.organizationId);
  await requireCompetitor(ctx.prisma, org.id);
  const parsed = parseItemScores(write.items, { complete: write.submit });
  if (!parsed.ok) {
    throw new DomainError(
      `评分有误：${parsed.errors.map((e) => `${e.field} ${e.message}`).join("；")}`,
      parsed.errors.map((e) => ({ field: `items.${e.field}`, message: e.message })),
    );
  }
  const opinionProblem = write.submit ? validateOpinion(write.stage, write.opinion) : null;
  if (opinionProblem) throw new DomainError(opinionProblem, [{ field: "opinion", message: opinionProblem }]);
  const items = parsed.items;
  const total = sheetTotal(items);
  const now = ctx.now();

  await ctx.prisma.$transaction(async (tx) => {
    const grade = gradeFromTotal(total);
    // Lock first, then read: the quota count below must see every determination before ours.
    if (write.submit && write.stage === "CITY_FINAL" && grade === "EXCELLENT")
      await lockUnitQuota(tx, org.unitId);
    const rows = await loadStages(tx, org.id, cycleId);
    const check = checkStageAction({
      role: ctx.user.role,
      stage: write.stage,
      action: write.submit ? "submit" : "save",
      stages: factsOf(rows),
    });
    if (!check.ok) refuse(check);
    const existing = rows.get(write.stage);
    if ((existing?.version ?? 0) !== write.version)
      staleWrite(write.stage, write.version, existing?.version ?? 0);

    let overQuotaReason: string | null = null;
    if (write.submit && write.stage === "CITY_FINAL" && grade === "EXCELLENT") {
      const quota = await cycleQuotaOf(tx, cycleId, org.unitId);
      const decision = checkExcellentDetermination({
        quota: quota.excellentQuota,
        usedExcellent: await countOfficialExcellent(tx, org.unitId, cycleId),
        overrideReason: write.overrideReason,
      });
      if (!decision.ok)
        throw new DomainError(decision.message, [{ field: "overrideReason", message: decision.message }]);
      if (decision.overQuota) overQuotaReason = (write.overrideReason ?? "").trim();
    }

    const status: SheetStatus = write.submit
      ? "SUBMITTED"
      : existing?.status === "RETURNED"
        ? "RETURNED"
        : "DRAFT";
    const data = {
      items,
      total,
      opinion: write.stage === "COUNTY_INITIAL" ? (write.opinion ?? "").trim() || null : null,
      status,
      // The reason stays visible while the returned stage is being revised, until it is resubmitted.
      returnReason: write.submit ? null : (existing?.returnReason ?? null),
      submittedAt: write.submit ? now : null,
      submittedById: write.submit ? ctx.user.id : null,
    };
    if (existing) {
      const updated = await tx.scoreSheet.updateMany({
        where: { id: existing.id, version: write.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (updated.count !== 1) staleWrite(write.stage, write.version, write.version + 1);
    } else {
      await tx.scoreSheet
        .create({ data: { ...data, organizationId: org.id, cycleId, stage: write.stage, version: 1 } })
        .catch((error: unknown) => {
          // Another writer created the stage first (unique organisation × cycle × stage).
          if ((error as { code?: string }).code === "P2002") staleWrite(write.stage, 0, 1);
          throw error;
        });
    }
    await writeAudit(tx, ctx, ctx.user, {
      action: write.submit ? "sheet.submit" : "sheet.save",
      entity: "Organization",
      entityId: org.id,
      before: existing && {
        stage: write.stage,
        status: existing.status,
        total: existing.total,
        items: existing.items,
      },
      after: { stage: write.stage, status, total, items, opinion: data.opinion },
    });

    if (write.submit && write.stage === "CITY_FINAL") {
      const before = await latestOfficialRecord(tx, org.id, cycleId);
      await tx.gradeRecord.create({
        data: {
          organizationId: org.id,
          cycleId,
          grade,
          total,
          source: "CITY_FINAL",
          official: true,
          quotaOverrideReason: overQuotaReason,
          effectiveAt: now,
          recordedById: ctx.user.id,
        },
      });
      await writeAudit(tx, ctx, ctx.user, {
        action: overQuotaReason ? "grade.determine.override" : "grade.determine",
        entity: "Organization",
        entityId: org.id,
        after: { grade, total, quotaOverrideReason: overQuotaReason },
      });
      await applyDelisting(tx, ctx, {
        organizationId: org.id,
        cycleId,
        gradeBefore: (before?.grade as Grade | undefined) ?? null,
        gradeAfter: grade,
        cause: `${cycle.year} 年度市级评定为${GRADE_NAMES_ZH[grade]}`,
      });
      // The re-review cadence starts (again) at the determination.
      await restartCadence(tx, org.id, grade, now, `${cycle.year} 年度市级评定已确定等次，本次复查不再办理`);
    }
    await storeGrades(tx, cycleId, [org.id]);
  }, TRANSACTION);
}

const GRADE_NAMES_ZH: Readonly<Record<Grade, string>> = {
  EXCELLENT: "优秀",
  GOOD: "良好",
  PASS: "达标",
  FAIL: "未达标",
};

/** The next level sends a submitted stage back for revision, with a reason the lower level sees. */
export async function returnStage(
  ctx: ScopedContext,
  cycle: Cycle,
  args: { organizationId: number; stage: Stage; version: number; reason: string },
): Promise<void> {
  const cycleId = cycle.id;
  const org = await requireOrganization(ctx, args.organizationId);
  const reasonProblem = validateReturnReason(args.reason);
  if (reasonProblem) throw new DomainError(reasonProblem, [{ field: "reason", message: reasonProblem }]);
  await ctx.prisma.$transaction(async (tx) => {
    const rows = await loadStages(tx, org.id, cycleId);
    const check = checkStageAction({
      role: ctx.user.role,
      stage: args.stage,
      action: "return",
      stages: factsOf(rows),
    });
    if (!check.ok) refuse(check);
    const existing = rows.get(args.stage);
    if (!existing || existing.version !== args.version)
      staleWrite(args.stage, args.version, existing?.version ?? 0);
    const updated = await tx.scoreSheet.updateMany({
      where: { id: existing.id, version: args.version },
      data: { status: "RETURNED", returnReason: args.reason.trim(), version: { increment: 1 } },
    });
    if (updated.count !== 1) staleWrite(args.stage, args.version, args.version + 1);
    await writeAudit(tx, ctx, ctx.user, {
      action: "sheet.return",
      entity: "Organization",
      entityId: org.id,
      before: { stage: args.stage, status: existing.status },
      after: { stage: args.stage, status: "RETURNED", reason: args.reason.trim() },
    });
    await storeGrades(tx, cycleId, [org.id]);
  }, TRANSACTION);
}
