import { listServiceCenters, listUnits } from "@beltmap/db";
import {
  type BeltSite,
  checkUnitCompliance,
  PLAN_STATUSES,
  type PlanStatus,
  ruleResultJson,
  unitPasses,
} from "@beltmap/domain";
import type { Context } from "../context.ts";
import type { UnitComplianceDto } from "../dto.ts";
import { asUnitKind } from "../routers/unit.ts";
import { beltsOf } from "./belts.ts";
import { organizationsWithGrades } from "./grades.ts";

type Cycle = { id: number; beltPlanDeadline: Date };

/**
 * Every belt rule for every unit of the cycle. It is computed over the whole city because
 * 市经信委's sites ride on the counties' belts; callers narrow the result to the user's units.
 */
export async function cityCompliance(ctx: Context, cycle: Cycle): Promise<UnitComplianceDto[]> {
  const [units, belts, organizations, centers, plans] = await Promise.all([
    listUnits(ctx.prisma),
    beltsOf(ctx.prisma, cycle.id),
    organizationsWithGrades(ctx, { cycleId: cycle.id }),
    listServiceCenters(ctx.prisma),
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
        kind: o.kind,
        countyCode: o.countyCode,
        grade: o.gradeIsOfficial ? o.grade : null,
      },
    ]),
  );
  const onAnyBelt = new Set(belts.flatMap((b) => b.stops.map((s) => s.organizationId)));
  const withCenter = new Set(centers.map((c) => c.unitId));
  const departmentUnitIds = new Set(units.filter((u) => u.kind === "DEPARTMENT").map((u) => u.id));
  const planOf = new Map(plans.map((p) => [p.unitId, p]));
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
