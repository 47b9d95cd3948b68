import { findOrganizationDetail, listServiceCenters, searchMapPoints } from "@beltmap/db";
import {
  DUTY_TITLES_ZH,
  demonstrationSiteDuties,
  gradeFromTotal,
  isSetupKind,
  MAP_CATEGORIES,
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
  MapSearchHitDto,
  MapTileSetDto,
  OrganizationDetailDto,
  ServiceCenterDto,
  TownshipAreaDto,
} from "../dto.ts";
import { cycleForRead, cycleIdInput } from "../services/cycle.ts";
import { organizationsWithGrades, toStageScore } from "../services/grades.ts";
import { filterKey, mapPointsOf, toMapPoint } from "../services/map-points.ts";
import {
  CLUSTER_MAX_ZOOM,
  isTileAddress,
  organizationTile,
  TILE_MAX_ZOOM,
} from "../services/organization-tiles.ts";
import {
  coveredUnitIds,
  requireOrganization,
  requireUnit,
  requireVisibleUnit,
  scopedOrganizationFilter,
} from "../services/scope.ts";
import { visibleTownshipAreas } from "../services/township-areas.ts";
import { sharedRead } from "../shared-reads.ts";
import { protectedProcedure, router } from "../trpc.ts";

/** Search suggestions shown at most. */
const SEARCH_LIMIT = 10;

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

  /**
   * The tiled map's starting point (for a region too large to send whole): the data's version, which
   * tile URLs carry, and every unit's counts per category and the box its view fits.
   */
  tileSet: protectedProcedure()
    .input(z.object({ cycleId: cycleIdInput }).optional())
    .query(async ({ ctx, input }): Promise<MapTileSetDto> => {
      const cycle = await cycleForRead(ctx, input?.cycleId);
      // The version is a sum over the region's organisations: shared by its callers (shared-reads.ts).
      return sharedRead(ctx, ["map.tileSet", ctx.user.region, cycle.id], async () => {
        const points = await mapPointsOf(ctx, await scopedOrganizationFilter(ctx, cycle.id));
        return {
          cycleId: cycle.id,
          version: points.version,
          total: points.points.length,
          units: [...points.units].map(([unitId, unit]) => ({ unitId, ...unit })),
          clusterMaxZoom: CLUSTER_MAX_ZOOM,
          maxZoom: TILE_MAX_ZOOM,
        };
      });
    }),

  /** One vector tile of the user's organisations (base64 protobuf; apps/server serves it as binary). */
  tile: protectedProcedure()
    .input(
      z.object({
        cycleId: cycleIdInput,
        unitId: z.string().min(1).max(64).optional(),
        show: z.array(z.enum(MAP_CATEGORIES)).max(MAP_CATEGORIES.length).optional(),
        version: z.string().max(64).optional(),
        z: z.number().int().min(0).max(TILE_MAX_ZOOM),
        x: z.number().int().min(0),
        y: z.number().int().min(0),
      }),
    )
    .query(async ({ ctx, input }): Promise<{ data: string }> => {
      const address = { z: input.z, x: input.x, y: input.y };
      if (!isTileAddress(address))
        throw new TRPCError({ code: "BAD_REQUEST", message: `瓦片 ${input.z}/${input.x}/${input.y} 不存在` });
      const cycle = await cycleForRead(ctx, input.cycleId);
      if (input.unitId !== undefined) await requireVisibleUnit(ctx, input.unitId);
      const filter = await scopedOrganizationFilter(ctx, cycle.id);
      const points = await mapPointsOf(ctx, filter, input.version);
      const tile = organizationTile(
        points,
        filterKey(filter),
        { unitId: input.unitId ?? null, shown: new Set(input.show ?? MAP_CATEGORIES) },
        address,
      );
      return { data: Buffer.from(tile).toString("base64") };
    }),

  /** Organisations of the user's region whose name contains the text: the map's search at any size. */
  search: protectedProcedure()
    .input(
      z.object({
        cycleId: cycleIdInput,
        text: z.string().trim().min(1).max(50),
        limit: z.number().int().min(1).max(50).optional(),
      }),
    )
    .query(async ({ ctx, input }): Promise<MapSearchHitDto[]> => {
      const cycle = await cycleForRead(ctx, input.cycleId);
      const filter = await scopedOrganizationFilter(ctx, cycle.id);
      const rows = await searchMapPoints(ctx.prisma, filter, input.text, input.limit ?? SEARCH_LIMIT);
      return rows.map((row) => {
        const point = toMapPoint(row);
        return {
          id: point.id,
          name: point.name,
          unitId: point.unitId,
          lng: point.lng,
          lat: point.lat,
          category: point.category,
        };
      });
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
    ({ ctx }): Promise<TownshipAreaDto[]> =>
      sharedRead(ctx, ["map.townshipAreas", ctx.user.region], () => visibleTownshipAreas(ctx)),
  ),

  /** 区域性党群服务中心 of every unit. */
  serviceCenters: protectedProcedure()
    .input(z.object({ unitId: z.string().min(1).optional(), cycleId: cycleIdInput }).optional())
    .query(async ({ ctx, input }): Promise<ServiceCenterDto[]> => {
      if (input?.unitId !== undefined) await requireUnit(ctx, input.unitId);
      const cycle = await cycleForRead(ctx, input?.cycleId);
      // The same for everyone (see shared-reads.ts), then narrowed to what the caller covers.
      const centers = await sharedRead(ctx, ["map.serviceCenters", cycle.id, input?.unitId ?? null], () =>
        listServiceCenters(ctx.prisma, { cycleId: cycle.id, unitId: input?.unitId }),
      );
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
