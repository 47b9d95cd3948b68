import type { Prisma } from "@beltmap/db";
import {
  chinaStartOfDay,
  type DelistingEffect,
  type DelistingFacts,
  delistingEffects,
  delistingEffectText,
  type Grade,
  isOpenReReview,
  nextReviewDue,
  OPEN_REREVIEW_STATUSES,
  type RereviewStatus,
  type RereviewSuggestion,
} from "@beltmap/domain";
import type { DelistingDto } from "../dto.ts";
import { writeAudit } from "./audit.ts";
import type { ScopedContext } from "./scope.ts";

// What follows a change of an organisation's official grade, wherever it comes from (the city's
// 评定, an approved re-review): the re-review cadence restarts, and a demonstration site that falls
// below 优秀 is delisted (摘牌).

type Db = Prisma.TransactionClient;

/**
 * The cadence restarts at every grade change (DESIGN.md 1.3): the organisation's one open
 * re-review is due again by the new grade from `at`. A suggestion still in progress is moot once
 * the grade has been set anew: it is SUPERSEDED (final), and a new PENDING one is scheduled.
 */
export async function restartCadence(
  tx: Db,
  organizationId: number,
  grade: Grade,
  at: Date,
  why: string,
): Promise<{ dueOn: Date; superseded: number[] }> {
  const open = (
    await tx.reReview.findMany({
      where: { organizationId, status: { in: [...OPEN_REREVIEW_STATUSES] } },
      select: { id: true, status: true, suggestion: true },
    })
  ).filter((r) =>
    isOpenReReview({ status: r.status as RereviewStatus, suggestion: r.suggestion as RereviewSuggestion }),
  );
  const dueOn = chinaStartOfDay(nextReviewDue(grade, at));
  const inProgress = open.filter((r) => r.status !== "PENDING").map((r) => r.id);
  // First out of the open set, then the new one in: the database allows one open re-review.
  if (inProgress.length > 0)
    await tx.reReview.updateMany({
      where: { id: { in: inProgress } },
      data: { status: "SUPERSEDED", cityDecisionReason: why },
    });
  const pending = open.find((r) => r.status === "PENDING");
  if (pending) await tx.reReview.update({ where: { id: pending.id }, data: { dueOn, gradeBefore: grade } });
  else await tx.reReview.create({ data: { organizationId, dueOn, gradeBefore: grade, status: "PENDING" } });
  return { dueOn, superseded: inProgress };
}

/** What a 摘牌 of the organisation would take away in the cycle, before anyone confirms it. */
export async function delistingFacts(
  db: Db,
  organizationId: number,
  cycleId: number,
): Promise<Omit<DelistingFacts, "gradeBefore" | "gradeAfter">> {
  // One query at a time: inside a transaction these share one connection, and Prisma would fetch a
  // single query's relations side by side on it, which pg deprecates (a second query while one runs).
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { countyDualManaged: true, cityDualManaged: true },
  });
  const practice = await db.typicalPractice.findFirst({
    where: { organizationId, cycleId, releasedAt: null },
    select: { title: true },
  });
  const contacts = await db.committeeContact.findMany({
    where: { organizationId, cycleId },
    select: { member: { select: { name: true } } },
  });
  const stops = await db.beltStop.findMany({
    where: { organizationId, belt: { cycleId } },
    select: { belt: { select: { name: true } } },
  });
  return {
    countyDualManaged: org.countyDualManaged,
    cityDualManaged: org.cityDualManaged,
    practiceTitle: practice?.title ?? null,
    contactMembers: contacts.map((c) => c.member.name),
    belts: stops.map((s) => s.belt.name),
  };
}

export function delistingDto(effects: readonly DelistingEffect[]): DelistingDto | null {
  return effects.length === 0 ? null : { effects: [...effects], texts: effects.map(delistingEffectText) };
}

/**
 * 摘牌 inside the caller's transaction when `gradeBefore` → `gradeAfter` takes a demonstration
 * site below 优秀: its dual management ends, its typical practice is released from the quota (kept
 * as history with the reason), its contact members are freed; its belt stops stay and the rules
 * recount. Audited with what it took away; returns the effects (none when it is no 摘牌).
 */
export async function applyDelisting(
  tx: Db,
  ctx: ScopedContext,
  args: {
    organizationId: number;
    cycleId: number;
    gradeBefore: Grade | null;
    gradeAfter: Grade;
    cause: string;
  },
): Promise<DelistingEffect[]> {
  const facts = { ...(await delistingFacts(tx, args.organizationId, args.cycleId)), ...args };
  const effects = delistingEffects(facts);
  if (effects.length === 0) return effects;
  const now = ctx.now();
  await tx.organization.update({
    where: { id: args.organizationId },
    data: { countyDualManaged: false, cityDualManaged: false },
  });
  await tx.typicalPractice.updateMany({
    where: { organizationId: args.organizationId, cycleId: args.cycleId, releasedAt: null },
    data: { releasedAt: now, releaseReason: args.cause },
  });
  await tx.committeeContact.deleteMany({
    where: { organizationId: args.organizationId, cycleId: args.cycleId },
  });
  await writeAudit(tx, ctx, ctx.user, {
    action: "site.delist",
    entity: "Organization",
    entityId: args.organizationId,
    before: {
      grade: args.gradeBefore,
      countyDualManaged: facts.countyDualManaged,
      cityDualManaged: facts.cityDualManaged,
      practiceTitle: facts.practiceTitle,
      contactMembers: facts.contactMembers,
    },
    after: { grade: args.gradeAfter, cause: args.cause, effects: effects.map(delistingEffectText) },
  });
  return effects;
}
