import { listOrganizationsWithGrades, type OrganizationFilter } from "@beltmap/db";
import {
  type Grade,
  isCompetitor,
  isGrade,
  isOrgKind,
  isTier,
  type OrgKind,
  type SetupKind,
  type Tier,
} from "@beltmap/domain";
import type { Context } from "../context.ts";
import type { MapOrganizationDto } from "../dto.ts";

// One HTTP request carries a whole tRPC batch with one context: procedures of the same batch
// (the map's first load asks for organisations, compliance and the summary at once) share the work.
// It is a read-side cache: a procedure that writes grades must not read through it afterwards.
const perRequest = new WeakMap<Context, Map<string, Promise<MapOrganizationDto[]>>>();

/** Every organisation (optionally of one unit or some ids) with its stored grade (stored-grades.ts). */
export function organizationsWithGrades(
  ctx: Context,
  filter: OrganizationFilter,
): Promise<MapOrganizationDto[]> {
  const key = JSON.stringify([
    filter.cycleId,
    filter.unitId ?? null,
    filter.townshipId ?? null,
    filter.ids ?? null,
  ]);
  const cache = perRequest.get(ctx) ?? new Map<string, Promise<MapOrganizationDto[]>>();
  perRequest.set(ctx, cache);
  const result = cache.get(key) ?? loadOrganizationsWithGrades(ctx, filter);
  cache.set(key, result);
  return result;
}

async function loadOrganizationsWithGrades(
  ctx: Context,
  filter: OrganizationFilter,
): Promise<MapOrganizationDto[]> {
  const rows = await listOrganizationsWithGrades(ctx.prisma, filter);
  return rows.map((row) => {
    const graded = row.grade;
    return {
      id: row.id,
      name: row.name,
      kind: asOrgKind(row.kind),
      unitId: row.unitId,
      townshipId: row.townshipId,
      townshipName: row.township.name,
      countyCode: row.countyCode,
      lng: row.lng,
      lat: row.lat,
      total: graded?.total ?? null,
      grade: graded ? asGrade(graded.grade) : null,
      tier: graded ? asTier(graded.tier) : null,
      gradeIsOfficial: graded?.official ?? false,
      competitor: isCompetitor({ setupKind: row.setupKind as SetupKind, entityOperated: row.entityOperated }),
    };
  });
}

export { officialOf, toStageScore } from "@beltmap/db";

export function asGrade(grade: string): Grade {
  if (!isGrade(grade)) throw new Error(`unknown grade "${grade}" in OrganizationGrade`);
  return grade;
}

export function asTier(tier: string): Tier {
  if (!isTier(tier)) throw new Error(`unknown tier "${tier}" in OrganizationGrade`);
  return tier;
}

export function asOrgKind(kind: string): OrgKind {
  if (!isOrgKind(kind)) throw new Error(`unknown organisation kind "${kind}"`);
  return kind;
}
