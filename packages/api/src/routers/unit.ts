import { listUnits } from "@beltmap/db";
import { UNIT_KINDS, type UnitKind } from "@beltmap/domain";
import type { UnitDto } from "../dto.ts";
import { visibleUnitIds } from "../services/scope.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const unitRouter = router({
  /** The 9 units of Appendix 3 with their quotas and minimum belts. */
  list: protectedProcedure().query(async ({ ctx }): Promise<UnitDto[]> => {
    const visible = await visibleUnitIds(ctx);
    const units = (await listUnits(ctx.prisma)).filter((u) => visible === "ALL" || visible.includes(u.id));
    return units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: asUnitKind(u.kind),
      countyCode: u.countyCode,
      excellentQuota: u.excellentQuota,
      practiceQuota: u.practiceQuota,
      minBelts: u.minBelts,
      needsServiceCenter: u.needsServiceCenter,
    }));
  }),
});

export function asUnitKind(kind: string): UnitKind {
  if (!(UNIT_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown unit kind "${kind}"`);
  return kind as UnitKind;
}
