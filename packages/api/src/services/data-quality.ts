import { coordinateIssues, countyName } from "@beltmap/geo";
import type { CoordinateIssueDto, DataQualityDto } from "../dto.ts";
import { organizationWhere, requireVisibleUnit, type ScopedContext } from "./scope.ts";

/** The organisations of the user's region (or one unit of it) whose coordinates look wrong. */
export async function dataQuality(ctx: ScopedContext, unitId?: string): Promise<DataQualityDto> {
  if (unitId !== undefined) await requireVisibleUnit(ctx, unitId);
  const organizations = await ctx.prisma.organization.findMany({
    where: { ...organizationWhere(ctx.user.region), ...(unitId === undefined ? {} : { unitId }) },
    select: {
      id: true,
      name: true,
      unitId: true,
      lng: true,
      lat: true,
      township: { select: { name: true, countyCode: true } },
    },
    orderBy: { id: "asc" },
  });
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  const found = coordinateIssues(
    // Checked against the county of the organisation's township: where it should be.
    organizations.map((o) => ({ id: o.id, lng: o.lng, lat: o.lat, countyCode: o.township.countyCode })),
  );
  const counts: DataQualityDto["counts"] = { MISSING: 0, OUTSIDE_COUNTY: 0, SHIFTED: 0, SAME_SPOT: 0 };
  const rows = organizations.flatMap((o) => {
    const issues = found.get(o.id);
    if (!issues) return [];
    for (const issue of issues) counts[issue.kind]++;
    const dto: CoordinateIssueDto[] = issues.map((issue) => {
      switch (issue.kind) {
        case "SAME_SPOT":
          return { kind: "SAME_SPOT", others: issue.others.map((id) => ({ id, name: names.get(id) ?? "" })) };
        case "OUTSIDE_COUNTY":
          return {
            ...issue,
            countyName: countyName(issue.countyCode),
            foundInName: issue.foundIn ? countyName(issue.foundIn) : null,
          };
        default:
          return issue;
      }
    });
    return [
      {
        organizationId: o.id,
        name: o.name,
        unitId: o.unitId,
        townshipName: o.township.name,
        lng: o.lng,
        lat: o.lat,
        issues: dto,
      },
    ];
  });
  return { checked: organizations.length, counts, rows };
}
