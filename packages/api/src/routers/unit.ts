import { cycleQuotas, listUnits } from "@beltmap/db";
import { UNIT_KINDS, type UnitKind } from "@beltmap/domain";
import { z } from "zod";
import type { TownshipDto, UnitDto } from "../dto.ts";
import { cycleForRead, cycleIdInput } from "../services/cycle.ts";
import { requireVisibleUnit, visibleUnitIds } from "../services/scope.ts";
import { sharedRead } from "../shared-reads.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const unitRouter = router({
  /** The 9 units of Appendix 3 with their quotas in the cycle (the current one by default) and minimum belts. */
  list: protectedProcedure()
    .input(z.object({ cycleId: cycleIdInput }).optional())
    .query(async ({ ctx, input }): Promise<UnitDto[]> => {
      const [visible, cycle] = await Promise.all([visibleUnitIds(ctx), cycleForRead(ctx, input?.cycleId)]);
      // The same for everyone (see shared-reads.ts), then narrowed to the units the caller sees.
      const [quotas, allUnits] = await sharedRead(ctx, ["unit.list", cycle.id], () =>
        Promise.all([cycleQuotas(ctx.prisma, cycle.id), listUnits(ctx.prisma)]),
      );
      const units = allUnits.filter((u) => visible === "ALL" || visible.includes(u.id));
      return units.map((u) => ({
        id: u.id,
        name: u.name,
        kind: asUnitKind(u.kind),
        countyCode: u.countyCode,
        excellentQuota: quotas.get(u.id)?.excellentQuota ?? u.excellentQuota,
        practiceQuota: quotas.get(u.id)?.practiceQuota ?? u.practiceQuota,
        minBelts: u.minBelts,
        needsServiceCenter: u.needsServiceCenter,
      }));
    }),

  /**
   * 乡镇（街道、园区） of the user's region, for filters: a township user's own, a unit's (or the
   * unit's where an organisation lies), every one for the city; optionally of one visible unit.
   */
  townships: protectedProcedure()
    .input(z.object({ unitId: z.string().min(1).optional() }).optional())
    .query(async ({ ctx, input }): Promise<TownshipDto[]> => {
      if (input?.unitId !== undefined) await requireVisibleUnit(ctx, input.unitId);
      const region = ctx.user.region;
      const visible = await visibleUnitIds(ctx);
      return ctx.prisma.township.findMany({
        where: {
          ...(region.level === "TOWNSHIP" ? { id: region.townshipId } : {}),
          ...(visible === "ALL" ? {} : { unitId: { in: visible } }),
          ...(input?.unitId ? { unitId: input.unitId } : {}),
        },
        select: { id: true, name: true, unitId: true, countyCode: true },
        orderBy: { id: "asc" },
      });
    }),
});

export function asUnitKind(kind: string): UnitKind {
  if (!(UNIT_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown unit kind "${kind}"`);
  return kind as UnitKind;
}
