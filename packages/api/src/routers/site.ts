import { z } from "zod";
import type { CommitteeMemberDto, SiteListDto } from "../dto.ts";
import { requireCurrentCycle } from "../services/cycle.ts";
import { requireUnit } from "../services/scope.ts";
import {
  assignContact,
  listSites,
  selectPractice,
  setCountyDualManaged,
  unselectPractice,
} from "../services/sites.ts";
import { protectedProcedure, router } from "../trpc.ts";

const organizationId = z.number().int().positive();

/** 示范点: their duties (县级双重管理, 委员联系点, 排进示范带) and the city's 典型做法. */
export const siteRouter = router({
  list: protectedProcedure()
    .input(z.object({ unitId: z.string().min(1).optional() }).optional())
    .query(async ({ ctx, input }): Promise<SiteListDto> => {
      const cycle = await requireCurrentCycle(ctx);
      return listSites(ctx, cycle.id, input?.unitId);
    }),

  /** County committee members of a unit, to pick a site's contact from. */
  members: protectedProcedure(["COUNTY", "CITY", "LEADER"])
    .input(z.object({ unitId: z.string().min(1) }))
    .query(async ({ ctx, input }): Promise<CommitteeMemberDto[]> => {
      await requireUnit(ctx, input.unitId);
      return ctx.prisma.committeeMember.findMany({
        where: { unitId: input.unitId, level: "COUNTY" },
        select: { id: true, name: true, title: true, level: true, unitId: true },
        orderBy: { id: "asc" },
      });
    }),

  selectPractice: protectedProcedure(["CITY"])
    .input(z.object({ organizationId, title: z.string().max(200) }))
    .mutation(async ({ ctx, input }) => {
      const cycle = await requireCurrentCycle(ctx);
      await selectPractice(ctx, cycle.id, input);
      return { ok: true as const };
    }),

  unselectPractice: protectedProcedure(["CITY"])
    .input(z.object({ organizationId }))
    .mutation(async ({ ctx, input }) => {
      const cycle = await requireCurrentCycle(ctx);
      await unselectPractice(ctx, cycle.id, input.organizationId);
      return { ok: true as const };
    }),

  setCountyDualManaged: protectedProcedure(["COUNTY", "CITY"])
    .input(z.object({ organizationId, value: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await setCountyDualManaged(ctx, input);
      return { ok: true as const };
    }),

  assignContact: protectedProcedure(["COUNTY", "CITY"])
    .input(z.object({ organizationId, memberId: z.number().int().positive().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const cycle = await requireCurrentCycle(ctx);
      await assignContact(ctx, cycle.id, input);
      return { ok: true as const };
    }),
});
