import { listBeltsWithStops, listServiceCenters, listUnits } from "@beltmap/db";
import {
  BELT_KINDS,
  type BeltKind,
  type BeltSite,
  checkUnitCompliance,
  RULE_TITLES_ZH,
  routeLengthKm,
  unitPasses,
} from "@beltmap/domain";
import { z } from "zod";
import type { Context } from "../context.ts";
import type { BeltDto, UnitComplianceDto } from "../dto.ts";
import { requireCurrentCycle } from "../services/cycle.ts";
import { asOrgKind, organizationsWithGrades } from "../services/grades.ts";
import { coveredUnitIds, requireUnit } from "../services/scope.ts";
import { protectedProcedure, router } from "../trpc.ts";
import { asUnitKind } from "./unit.ts";

async function beltsOf(ctx: Context, cycleId: number, unitId?: string): Promise<BeltDto[]> {
  const belts = await listBeltsWithStops(ctx.prisma, { cycleId, unitId });
  return belts.map((belt) => {
    const stops = belt.stops.map((stop) => ({
      position: stop.position,
      organizationId: stop.organization.id,
      name: stop.organization.name,
      kind: asOrgKind(stop.organization.kind),
      unitId: stop.organization.unitId,
      lng: stop.organization.lng,
      lat: stop.organization.lat,
    }));
    return {
      id: belt.id,
      unitId: belt.unitId,
      name: belt.name,
      theme: belt.theme,
      kind: asBeltKind(belt.kind),
      roundTrip: belt.roundTrip,
      lengthKm: round1(
        routeLengthKm(
          stops.map((s) => [s.lng, s.lat] as const),
          belt.roundTrip,
        ),
      ),
      stops,
    };
  });
}

export const beltRouter = router({
  /** Belts with their stops in route order. */
  list: protectedProcedure()
    .input(z.object({ unitId: z.string().min(1).optional() }).optional())
    .query(async ({ ctx, input }): Promise<BeltDto[]> => {
      if (input?.unitId !== undefined) await requireUnit(ctx, input.unitId);
      const cycle = await requireCurrentCycle(ctx);
      const belts = await beltsOf(ctx, cycle.id, input?.unitId);
      const covered = new Set(
        coveredUnitIds(
          ctx,
          belts.map((b) => b.unitId),
        ),
      );
      return belts.filter((b) => covered.has(b.unitId));
    }),

  /** Every belt rule per unit, with pass/fail and the offending belts and sites. */
  /** Computed over the whole city (市经信委 sites ride on county belts), returned for the user's units. */
  compliance: protectedProcedure().query(async ({ ctx }): Promise<UnitComplianceDto[]> => {
    const cycle = await requireCurrentCycle(ctx);
    const [units, belts, organizations, centers] = await Promise.all([
      listUnits(ctx.prisma),
      beltsOf(ctx, cycle.id),
      organizationsWithGrades(ctx, { cycleId: cycle.id }),
      listServiceCenters(ctx.prisma),
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
    const covered = new Set(
      coveredUnitIds(
        ctx,
        units.map((u) => u.id),
      ),
    );
    return units
      .filter((unit) => covered.has(unit.id))
      .map((unit) => {
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
        });
        return {
          unitId: unit.id,
          unitName: unit.name,
          passed: unitPasses(rules),
          rules: rules.map((r) => ({
            rule: r.rule,
            title: RULE_TITLES_ZH[r.rule],
            passed: r.passed,
            advisory: r.advisory,
            applicable: r.applicable,
            expected: r.expected ?? null,
            actual: r.actual ?? null,
            offendingBeltIds: r.offendingBeltIds,
            offendingSiteIds: r.offendingSiteIds,
          })),
        };
      });
  }),
});

function asBeltKind(kind: string): BeltKind {
  if (!(BELT_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown belt kind "${kind}"`);
  return kind as BeltKind;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
