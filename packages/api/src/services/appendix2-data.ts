import { gradeFromTotal, type Stage } from "@beltmap/domain";
import type { Appendix2Input } from "../export/appendix2.ts";
import { requireUnit, type ScopedContext } from "./scope.ts";
import { regionName } from "./users.ts";

/**
 * What goes into 附件2 for the user: their unit (COUNTY, or a unit-scoped leader), or every unit or
 * one of them for the city. Only submitted stages count; a draft is not a result.
 */
export async function appendix2Input(
  ctx: ScopedContext,
  cycle: { id: number; name: string },
  unitId?: string,
): Promise<Appendix2Input> {
  const region = ctx.user.region;
  const onlyUnit = unitId ?? (region.level === "UNIT" ? region.unitId : undefined);
  if (onlyUnit !== undefined) await requireUnit(ctx, onlyUnit);
  const units = await ctx.prisma.unit.findMany({
    where: onlyUnit ? { id: onlyUnit } : {},
    orderBy: { sortOrder: "asc" },
    select: {
      id: true,
      name: true,
      excellentQuota: true,
      organizations: {
        orderBy: [{ townshipId: "asc" }, { id: "asc" }],
        select: {
          name: true,
          township: { select: { name: true } },
          sheets: {
            where: { cycleId: cycle.id, status: "SUBMITTED" },
            select: { stage: true, total: true, opinion: true },
          },
        },
      },
    },
  });
  return {
    reportingUnit: await regionName(ctx.prisma, region),
    reportDate: ctx.now(),
    cycleName: cycle.name,
    units: units.map((unit) => ({
      unitId: unit.id,
      unitName: unit.name,
      excellentQuota: unit.excellentQuota,
      rows: unit.organizations.map((org) => {
        const totalOf = (stage: Stage) => org.sheets.find((s) => s.stage === stage)?.total ?? null;
        const initialTotal = totalOf("COUNTY_INITIAL");
        return {
          organizationName: org.name,
          townshipName: org.township.name,
          selfTotal: totalOf("SELF"),
          reviewTotal: totalOf("TOWNSHIP_REVIEW"),
          initialTotal,
          initialGrade: initialTotal === null ? null : gradeFromTotal(initialTotal),
          opinion: org.sheets.find((s) => s.stage === "COUNTY_INITIAL")?.opinion ?? null,
        };
      }),
    })),
  };
}
