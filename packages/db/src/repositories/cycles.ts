import { carryOverPlanVersion, type PlanSnapshot } from "@beltmap/domain";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { storeGrades } from "./stored-grades.ts";

type Db = PrismaClient | Prisma.TransactionClient;

/** The cycle marked current, or else the latest by year. */
export async function findCurrentCycle(prisma: Db) {
  return (
    (await prisma.evaluationCycle.findFirst({ where: { isCurrent: true }, orderBy: { year: "desc" } })) ??
    (await prisma.evaluationCycle.findFirst({ orderBy: { year: "desc" } }))
  );
}

/** Every cycle, the newest first. */
export function listCycles(prisma: Db) {
  return prisma.evaluationCycle.findMany({ orderBy: { year: "desc" } });
}

export type CycleQuota = { excellentQuota: number; practiceQuota: number; reason: string | null };

/** Each unit's quotas in a cycle; a unit without a row falls back to Appendix 3 (its Unit columns). */
export async function cycleQuotas(db: Db, cycleId: number): Promise<Map<string, CycleQuota>> {
  const [units, rows] = await Promise.all([
    db.unit.findMany({ select: { id: true, excellentQuota: true, practiceQuota: true } }),
    db.cycleUnitQuota.findMany({ where: { cycleId } }),
  ]);
  const byUnit = new Map<string, CycleQuota>(
    units.map((u) => [
      u.id,
      { excellentQuota: u.excellentQuota, practiceQuota: u.practiceQuota, reason: null },
    ]),
  );
  for (const row of rows)
    byUnit.set(row.unitId, {
      excellentQuota: row.excellentQuota,
      practiceQuota: row.practiceQuota,
      reason: row.reason,
    });
  return byUnit;
}

export async function cycleQuotaOf(db: Db, cycleId: number, unitId: string): Promise<CycleQuota> {
  const row = await db.cycleUnitQuota.findUnique({ where: { cycleId_unitId: { cycleId, unitId } } });
  if (row)
    return { excellentQuota: row.excellentQuota, practiceQuota: row.practiceQuota, reason: row.reason };
  const unit = await db.unit.findUniqueOrThrow({
    where: { id: unitId },
    select: { excellentQuota: true, practiceQuota: true },
  });
  return { ...unit, reason: null };
}

export type NewCycle = {
  year: number;
  name: string;
  startsOn: Date;
  endsOn: Date;
  beltPlanDeadline: Date;
  initialSummaryDeadline: Date;
  targets: { excellent: number; practices: number; good: number; pass: number; fail: number };
  quotas: { unitId: string; excellentQuota: number; practiceQuota: number; reason: string | null }[];
};

export type CarryOverCounts = {
  grades: number;
  practices: number;
  contacts: number;
  plans: number;
  belts: number;
  serviceCenters: number;
};

/**
 * Opens `cycle` as the current one inside the caller's transaction, closes the one before, and
 * carries over what DESIGN.md 1.3a says carries over: each organisation's latest official grade
 * (its 示范点 status; the re-review cadence runs on), the typical practices not released, the
 * active committee members' contact points, and each unit's belt plan as a draft copied from its
 * last accepted version (see carryOverPlanVersion) with its service center. Scores start empty.
 * Organisations, their duties and the roster are not per cycle and stay as they are.
 */
export async function openCycleWithCarryOver(
  tx: Prisma.TransactionClient,
  cycle: NewCycle,
  opened: { at: Date; byUserId: number | null },
): Promise<{ id: number; previousId: number | null; carried: CarryOverCounts }> {
  const previous = await tx.evaluationCycle.findFirst({ where: { isCurrent: true } });
  if (previous)
    await tx.evaluationCycle.update({
      where: { id: previous.id },
      data: { isCurrent: false, closedAt: opened.at },
    });
  const created = await tx.evaluationCycle.create({
    data: {
      year: cycle.year,
      name: cycle.name,
      startsOn: cycle.startsOn,
      endsOn: cycle.endsOn,
      beltPlanDeadline: cycle.beltPlanDeadline,
      initialSummaryDeadline: cycle.initialSummaryDeadline,
      isCurrent: true,
      excellentTarget: cycle.targets.excellent,
      practiceTarget: cycle.targets.practices,
      goodTarget: cycle.targets.good,
      passTarget: cycle.targets.pass,
      failTarget: cycle.targets.fail,
      openedAt: opened.at,
      openedById: opened.byUserId,
    },
  });
  await tx.cycleUnitQuota.createMany({
    data: cycle.quotas.map((q) => ({ ...q, cycleId: created.id })),
  });
  const carried: CarryOverCounts = {
    grades: 0,
    practices: 0,
    contacts: 0,
    plans: 0,
    belts: 0,
    serviceCenters: 0,
  };
  if (!previous) return { id: created.id, previousId: null, carried };

  // Set-based, so a province's organisations carry over in one statement each.
  carried.grades = await tx.$executeRaw`
    INSERT INTO "GradeRecord" ("organizationId", "cycleId", grade, total, source, official, "effectiveAt", "recordedById")
    SELECT DISTINCT ON ("organizationId") "organizationId", ${created.id}, grade, total, 'CARRY_OVER', true,
           ${opened.at}, ${opened.byUserId}
    FROM "GradeRecord" WHERE "cycleId" = ${previous.id} AND official
    ORDER BY "organizationId", "effectiveAt" DESC, id DESC`;
  await storeGrades(tx, created.id);
  carried.practices = await tx.$executeRaw`
    INSERT INTO "TypicalPractice" ("organizationId", "cycleId", title, "selectedAt", "selectedById")
    SELECT "organizationId", ${created.id}, title, "selectedAt", "selectedById"
    FROM "TypicalPractice" WHERE "cycleId" = ${previous.id} AND "releasedAt" IS NULL`;
  carried.contacts = await tx.$executeRaw`
    INSERT INTO "CommitteeContact" ("memberId", "organizationId", "cycleId")
    SELECT c."memberId", c."organizationId", ${created.id}
    FROM "CommitteeContact" c JOIN "CommitteeMember" m ON m.id = c."memberId"
    WHERE c."cycleId" = ${previous.id} AND m.active`;

  const plans = await carryOverPlans(tx, created.id, previous.id);
  Object.assign(carried, plans);
  return { id: created.id, previousId: previous.id, carried };
}

async function carryOverPlans(tx: Prisma.TransactionClient, cycleId: number, previousId: number) {
  const counts = { plans: 0, belts: 0, serviceCenters: 0 };
  const [units, versions, previousBelts, previousCenters] = await Promise.all([
    tx.unit.findMany({ orderBy: { sortOrder: "asc" } }),
    tx.beltPlanVersion.findMany({
      where: { plan: { cycleId: { not: cycleId } } },
      select: {
        version: true,
        decision: true,
        snapshot: true,
        plan: { select: { unitId: true, cycle: { select: { year: true } } } },
      },
    }),
    tx.belt.findMany({
      where: { cycleId: previousId },
      orderBy: { id: "asc" },
      include: { stops: { orderBy: { position: "asc" } } },
    }),
    tx.serviceCenter.findMany({ where: { cycleId: previousId } }),
  ]);
  for (const unit of units) {
    const own = versions
      .filter((v) => v.plan.unitId === unit.id)
      .sort((a, b) => a.plan.cycle.year - b.plan.cycle.year || a.version - b.version);
    const source = carryOverPlanVersion(own);
    const snapshot = source ? (source.snapshot as PlanSnapshot) : null;
    const belts = snapshot
      ? snapshot.belts.map((b) => ({ ...b, stopIds: b.stops.map((s) => s.organizationId) }))
      : previousBelts
          .filter((b) => b.unitId === unit.id)
          .map((b) => ({
            ...b,
            kind: b.kind as PlanSnapshot["belts"][number]["kind"],
            stopIds: b.stops.map((s) => s.organizationId),
          }));
    const center = snapshot
      ? snapshot.serviceCenter
      : (previousCenters.find((c) => c.unitId === unit.id) ?? null);
    if (unit.minBelts === 0 && belts.length === 0 && center === null) continue;
    for (const belt of belts) {
      const created = await tx.belt.create({
        data: {
          unitId: unit.id,
          cycleId,
          name: belt.name,
          theme: belt.theme,
          kind: belt.kind,
          roundTrip: belt.roundTrip,
        },
      });
      await tx.beltStop.createMany({
        data: belt.stopIds.map((organizationId, position) => ({
          beltId: created.id,
          position,
          organizationId,
        })),
      });
      counts.belts++;
    }
    if (center && unit.needsServiceCenter) {
      await tx.serviceCenter.create({
        data: {
          unitId: unit.id,
          cycleId,
          name: center.name,
          lng: center.lng,
          lat: center.lat,
          address: center.address,
          organizationId: center.organizationId,
        },
      });
      counts.serviceCenters++;
    }
    if (unit.minBelts > 0) {
      await tx.beltPlan.create({ data: { unitId: unit.id, cycleId, status: "DRAFT" } });
      counts.plans++;
    }
  }
  return counts;
}
