import { listComplianceSites, listServiceCenters, listUnits } from "@beltmap/db";
import {
  type BeltSite,
  checkUnitCompliance,
  isDemonstrationSite,
  PLAN_STATUSES,
  type PlanStatus,
  type RosterFacts,
  ruleResultJson,
  unitPasses,
} from "@beltmap/domain";
import type { Context } from "../context.ts";
import type { UnitComplianceDto } from "../dto.ts";
import { asUnitKind } from "../routers/unit.ts";
import { beltsOf } from "./belts.ts";
import { asGrade, asOrgKind } from "./grades.ts";

type Cycle = { id: number; beltPlanDeadline: Date; closedAt: Date | null };

/**
 * The county members a cycle's roster rule counts: active, and for a past cycle on the roster
 * before it closed (a member who joined later was not there to link a site that year).
 */
export function rosterMembersOf(cycle: { closedAt: Date | null }) {
  return {
    level: "COUNTY",
    active: true,
    ...(cycle.closedAt ? { createdAt: { lt: cycle.closedAt } } : {}),
  };
}

/** Each unit's roster facts in the cycle: active county members, their contacts, its sites. */
async function rosterFactsByUnit(
  ctx: Context,
  cycle: Cycle,
  siteIdsByUnit: Map<string, number[]>,
): Promise<Map<string, RosterFacts>> {
  const cycleId = cycle.id;
  const [members, contacts] = await Promise.all([
    ctx.prisma.committeeMember.findMany({
      where: rosterMembersOf(cycle),
      select: { id: true, unitId: true },
    }),
    ctx.prisma.committeeContact.findMany({
      where: { cycleId, member: rosterMembersOf(cycle) },
      select: { memberId: true, organizationId: true, member: { select: { unitId: true } } },
    }),
  ]);
  type Mutable = {
    activeMemberIds: number[];
    contacts: RosterFacts["contacts"][number][];
    siteIds: number[];
  };
  const facts = new Map<string, Mutable>();
  const entry = (unitId: string): Mutable => {
    const existing = facts.get(unitId);
    if (existing) return existing;
    const created: Mutable = { activeMemberIds: [], contacts: [], siteIds: siteIdsByUnit.get(unitId) ?? [] };
    facts.set(unitId, created);
    return created;
  };
  for (const member of members) if (member.unitId) entry(member.unitId).activeMemberIds.push(member.id);
  for (const contact of contacts)
    if (contact.member.unitId)
      entry(contact.member.unitId).contacts.push({
        memberId: contact.memberId,
        organizationId: contact.organizationId,
      });
  for (const [unitId] of siteIdsByUnit) entry(unitId);
  return facts;
}

/**
 * Every belt rule for every unit of the cycle. It is computed over the whole city because
 * 市经信委's sites ride on the counties' belts; callers narrow the result to the user's units.
 */
export async function cityCompliance(ctx: Context, cycle: Cycle): Promise<UnitComplianceDto[]> {
  const [units, belts, organizations, centers, plans] = await Promise.all([
    listUnits(ctx.prisma),
    beltsOf(ctx.prisma, cycle.id),
    listComplianceSites(ctx.prisma, cycle.id),
    listServiceCenters(ctx.prisma, { cycleId: cycle.id }),
    ctx.prisma.beltPlan.findMany({
      where: { cycleId: cycle.id },
      select: {
        unitId: true,
        status: true,
        version: true,
        versions: { orderBy: { version: "asc" }, take: 1, select: { submittedAt: true } },
      },
    }),
  ]);
  // Only the city's determination makes a demonstration site.
  const sites = new Map<number, BeltSite>(
    organizations.map((o) => [
      o.id,
      {
        id: o.id,
        unitId: o.unitId,
        kind: asOrgKind(o.kind),
        countyCode: o.countyCode,
        grade: o.officialGrade === null ? null : asGrade(o.officialGrade),
      },
    ]),
  );
  const onAnyBelt = new Set(belts.flatMap((b) => b.stops.map((s) => s.organizationId)));
  const withCenter = new Set(centers.map((c) => c.unitId));
  const departmentUnitIds = new Set(units.filter((u) => u.kind === "DEPARTMENT").map((u) => u.id));
  const planOf = new Map(plans.map((p) => [p.unitId, p]));
  const siteIdsByUnit = new Map<string, number[]>();
  for (const site of sites.values()) {
    if (!isDemonstrationSite(site.grade)) continue;
    const ids = siteIdsByUnit.get(site.unitId);
    if (ids) ids.push(site.id);
    else siteIdsByUnit.set(site.unitId, [site.id]);
  }
  const rosters = await rosterFactsByUnit(ctx, cycle, siteIdsByUnit);
  return units.map((unit) => {
    const plan = planOf.get(unit.id);
    const rules = checkUnitCompliance({
      unit: { ...unit, kind: asUnitKind(unit.kind) },
      belts: belts
        .filter((b) => b.unitId === unit.id)
        .map((b) => ({
          id: b.id,
          unitId: b.unitId,
          name: b.name,
          stopIds: b.stops.map((s) => s.organizationId),
        })),
      sites,
      onAnyBelt,
      hasServiceCenter: withCenter.has(unit.id),
      departmentUnitIds,
      plan: {
        deadline: cycle.beltPlanDeadline,
        firstSubmittedAt: plan?.versions[0]?.submittedAt ?? null,
        now: ctx.now(),
      },
      roster: rosters.get(unit.id) ?? { activeMemberIds: [], contacts: [], siteIds: [] },
    });
    return {
      unitId: unit.id,
      unitName: unit.name,
      passed: unitPasses(rules),
      planStatus: plan ? asPlanStatus(plan.status) : null,
      planVersion: plan?.version ?? 0,
      rules: rules.map(ruleResultJson),
    };
  });
}

export function asPlanStatus(status: string): PlanStatus {
  if (!(PLAN_STATUSES as readonly string[]).includes(status))
    throw new Error(`unknown plan status "${status}"`);
  return status as PlanStatus;
}
