import { findOrganizationDetail, listServiceCenters } from "@beltmap/db";
import {
  DUTY_TITLES_ZH,
  demonstrationSiteDuties,
  gradeFromTotal,
  isSetupKind,
  notCompetitorReason,
  type SetupKind,
  STAGES,
  TIERS,
} from "@beltmap/domain";
import { COUNTIES, countyBbox, countyLabelPoint } from "@beltmap/geo";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type {
  CountyDto,
  GradeSource,
  MapOrganizationDto,
  OrganizationDetailDto,
  ServiceCenterDto,
  TownshipAreaDto,
} from "../dto.ts";
import { cycleForRead, cycleIdInput } from "../services/cycle.ts";
import { organizationsWithGrades, toStageScore } from "../services/grades.ts";
import {
  coveredUnitIds,
  requireOrganization,
  requireUnit,
  scopedOrganizationFilter,
} from "../services/scope.ts";
import { visibleTownshipAreas } from "../services/township-areas.ts";
import { protectedProcedure, router } from "../trpc.ts";

const organizationsInput = z
  .object({
    unitId: z.string().min(1).optional(),
    tiers: z.array(z.enum(TIERS)).optional(),
    cycleId: cycleIdInput,
  })
  .optional();

export const mapRouter = router({
  /** Organisations with coordinates and their grade (official or provisional). */
  organizations: protectedProcedure()
    .input(organizationsInput)
    .query(async ({ ctx, input }): Promise<MapOrganizationDto[]> => {
      const cycle = await cycleForRead(ctx, input?.cycleId);
      const all = await organizationsWithGrades(
        ctx,
        await scopedOrganizationFilter(ctx, cycle.id, input?.unitId),
      );
      const tiers = input?.tiers;
      return tiers ? all.filter((o) => o.tier !== null && tiers.includes(o.tier)) : all;
    }),

  /** One organisation for the side panel: its stage scores, belts and duties. */
  organization: protectedProcedure()
    .input(z.object({ id: z.number().int().positive(), cycleId: cycleIdInput }))
    .query(async ({ ctx, input }): Promise<OrganizationDetailDto> => {
      await requireOrganization(ctx, input.id);
      const cycle = await cycleForRead(ctx, input.cycleId);
      const [detail, graded] = await Promise.all([
        findOrganizationDetail(ctx.prisma, input.id, cycle.id),
        organizationsWithGrades(ctx, { cycleId: cycle.id, ids: [input.id] }),
      ]);
      const base = graded[0];
      if (!detail || !base) throw new TRPCError({ code: "NOT_FOUND", message: `组织 ${input.id} 不存在` });
      return {
        ...base,
        unitName: detail.unit.name,
        address: detail.address,
        memberCount: detail.memberCount,
        countyDualManaged: detail.countyDualManaged,
        cityDualManaged: detail.cityDualManaged,
        stages: detail.sheets
          .map((sheet) => {
            const score = toStageScore(sheet);
            return {
              ...score,
              grade: gradeFromTotal(score.total),
              opinion: sheet.opinion,
              submittedAt: sheet.submittedAt?.toISOString() ?? null,
            };
          })
          .sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage)),
        belts: detail.beltStops
          .filter((s) => s.belt.cycleId === cycle.id)
          .map((s) => ({ id: s.belt.id, name: s.belt.name, position: s.position })),
        typicalPractice: detail.practices.find((p) => p.releasedAt === null)?.title ?? null,
        setupKind: asSetupKind(detail.setupKind),
        entityOperated: detail.entityOperated,
        notCompetitorReason: notCompetitorReason({
          setupKind: asSetupKind(detail.setupKind),
          entityOperated: detail.entityOperated,
        }),
        gradeSource: (detail.grades[0]?.source as GradeSource | undefined) ?? null,
        contactMembers: detail.contacts.map((c) => c.member.name),
        duties: demonstrationSiteDuties({
          grade: base.gradeIsOfficial ? base.grade : null,
          countyDualManaged: detail.countyDualManaged,
          countyContactCount: detail.contacts.filter((c) => c.member.level === "COUNTY").length,
          beltCount: detail.beltStops.filter((s) => s.belt.cycleId === cycle.id).length,
        }).map((d) => ({ ...d, title: DUTY_TITLES_ZH[d.duty] })),
      };
    }),

  /** Quzhou's six counties with a label point and bounds (the outlines are a static file of the web app). */
  counties: protectedProcedure().query((): CountyDto[] =>
    COUNTIES.map((county) => {
      const [labelLng, labelLat] = countyLabelPoint(county.code);
      return { code: county.code, name: county.name, labelLng, labelLat, bbox: countyBbox(county.code) };
    }),
  ),

  /** The townships' areas, derived from where their organisations are (an approximation). */
  townshipAreas: protectedProcedure().query(
    ({ ctx }): Promise<TownshipAreaDto[]> => visibleTownshipAreas(ctx),
  ),

  /** 区域性党群服务中心 of every unit. */
  serviceCenters: protectedProcedure()
    .input(z.object({ unitId: z.string().min(1).optional(), cycleId: cycleIdInput }).optional())
    .query(async ({ ctx, input }): Promise<ServiceCenterDto[]> => {
      if (input?.unitId !== undefined) await requireUnit(ctx, input.unitId);
      const cycle = await cycleForRead(ctx, input?.cycleId);
      const centers = await listServiceCenters(ctx.prisma, { cycleId: cycle.id, unitId: input?.unitId });
      const covered = new Set(
        coveredUnitIds(
          ctx,
          centers.map((c) => c.unitId),
        ),
      );
      return centers.filter((c) => covered.has(c.unitId));
    }),
});

function asSetupKind(kind: string): SetupKind {
  if (!isSetupKind(kind)) throw new Error(`unknown setup kind "${kind}"`);
  return kind;
}
