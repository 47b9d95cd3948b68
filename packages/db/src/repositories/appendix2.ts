import { type Appendix2Unit, gradeFromTotal, type Stage } from "@beltmap/domain";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { cycleQuotas } from "./cycles.ts";

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * The rows of 附件2 for units in a cycle: every 争创对象 (单建, 实体运作) of the unit by township,
 * with its submitted stages' totals, the 初评 grade and opinion. A draft is not a result.
 */
export async function readAppendix2Units(
  db: Db,
  cycleId: number,
  unitIds: readonly string[] | "ALL",
): Promise<Appendix2Unit[]> {
  const [units, quotas] = await Promise.all([
    db.unit.findMany({
      where: unitIds === "ALL" ? {} : { id: { in: [...unitIds] } },
      orderBy: { sortOrder: "asc" },
      select: {
        id: true,
        name: true,
        organizations: {
          where: { setupKind: "SINGLE", entityOperated: true },
          orderBy: [{ townshipId: "asc" }, { id: "asc" }],
          select: {
            name: true,
            township: { select: { name: true } },
            sheets: {
              where: { cycleId, status: "SUBMITTED" },
              select: { stage: true, total: true, opinion: true },
            },
          },
        },
      },
    }),
    cycleQuotas(db, cycleId),
  ]);
  return units.map((unit) => ({
    unitId: unit.id,
    unitName: unit.name,
    excellentQuota: quotas.get(unit.id)?.excellentQuota ?? 0,
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
  }));
}
