import { listOrganizationsWithGradeInputs, type OrganizationFilter } from "@beltmap/db";
import {
  effectiveGrade,
  type Grade,
  isCompetitor,
  isGrade,
  isOrgKind,
  isStage,
  type OrgKind,
  type SetupKind,
  type StageScore,
} from "@beltmap/domain";
import type { Context } from "../context.ts";
import type { MapOrganizationDto } from "../dto.ts";

// One HTTP request carries a whole tRPC batch with one context: procedures of the same batch
// (the map's first load asks for organisations, compliance and the summary at once) share the work.
// It is a read-side cache: a procedure that writes grades must not read through it afterwards.
const perRequest = new WeakMap<Context, Map<string, Promise<MapOrganizationDto[]>>>();

/** Every organisation (optionally of one unit or some ids) with the grade the domain decides for it. */
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
  const rows = await listOrganizationsWithGradeInputs(ctx.prisma, filter);
  return rows.map((row) => {
    const graded = effectiveGrade(officialOf(row.officialRecord), row.sheets.map(toStageScore));
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
      grade: graded?.grade ?? null,
      tier: graded?.tier ?? null,
      gradeIsOfficial: graded?.official ?? false,
      competitor: isCompetitor({ setupKind: row.setupKind as SetupKind, entityOperated: row.entityOperated }),
    };
  });
}

export function officialOf(record: { grade: string; total: number | null } | null) {
  if (!record) return null;
  if (!isGrade(record.grade)) throw new Error(`unknown grade "${record.grade}" in GradeRecord`);
  return { grade: record.grade as Grade, total: record.total };
}

export function toStageScore(sheet: { stage: string; total: number; status: string }): StageScore {
  if (!isStage(sheet.stage)) throw new Error(`unknown stage "${sheet.stage}" in ScoreSheet`);
  return { stage: sheet.stage, total: sheet.total, status: sheet.status as StageScore["status"] };
}

export function asOrgKind(kind: string): OrgKind {
  if (!isOrgKind(kind)) throw new Error(`unknown organisation kind "${kind}"`);
  return kind;
}
