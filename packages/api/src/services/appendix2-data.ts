import { readAppendix2Units } from "@beltmap/db";
import type { Appendix2Input } from "@beltmap/domain";
import { requireUnit, type ScopedContext } from "./scope.ts";
import { regionName } from "./users.ts";

/**
 * What goes into 附件2 for the user: their unit (COUNTY, or a unit-scoped leader), or every unit or
 * one of them for the city. Only 争创对象 are listed (the others are not scored), and only
 * submitted stages count; a draft is not a result.
 */
export async function appendix2Input(
  ctx: ScopedContext,
  cycle: { id: number; name: string },
  unitId?: string,
): Promise<Appendix2Input> {
  const region = ctx.user.region;
  const onlyUnit = unitId ?? (region.level === "UNIT" ? region.unitId : undefined);
  if (onlyUnit !== undefined) await requireUnit(ctx, onlyUnit);
  return {
    reportingUnit: await regionName(ctx.prisma, region),
    reportDate: ctx.now(),
    cycleName: cycle.name,
    units: await readAppendix2Units(ctx.prisma, cycle.id, onlyUnit === undefined ? "ALL" : [onlyUnit]),
  };
}
