import { z } from "zod";
import type { CommitteeMemberDto, SiteListDto } from "../dto.ts";
import { cycleForRead, cycleForWrite, cycleIdInput } from "../services/cycle.ts";
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
    .input(z.object({ unitId: z.string().min(1).optional(), cycleId: cycleIdInput }).optional())
    .query(async ({ ctx, input }): Promise<SiteListDto> => {
      const cycle = await cycleForRead(ctx, input?.cycleId);
      return listSites(ctx, cycle, input?.unitId);
    }),

  /**
   * The active members a site of the unit may take as contact: the unit's county members (and, for
   * the city, the city-level ones), each with the site it already links in the cycle.
   */
  members: protectedProcedure(["COUNTY", "CITY", "LEADER"])
    .input(z.object({ unitId: z.string().min(1), cycleId: cycleIdInput }))
    .query(async ({ ctx, input }): Promise<CommitteeMemberDto[]> => {
      await requireUnit(ctx, input.unitId);
      const cycle = await cycleForRead(ctx, input.cycleId);
      const members = await ctx.prisma.committeeMember.findMany({
        where: {
          active: true,
          OR: [
            { unitId: input.unitId, level: "COUNTY" },
            ...(ctx.user.role === "CITY" ? [{ level: "CITY" }] : []),
          ],
        },
        select: {
          id: true,
          name: true,
          title: true,
          level: true,
          unitId: true,
          contacts: {
            where: { cycleId: cycle.id },
            select: { organization: { select: { id: true, name: true } } },
          },
        },
        orderBy: [{ level: "desc" }, { id: "asc" }],
      });
      return members.map(({ contacts, ...m }) => ({
        ...m,
        linkedSites: contacts.map((c) => ({ organizationId: c.organization.id, name: c.organization.name })),
      }));
    }),

  selectPractice: protectedProcedure(["CITY"])
    .input(z.object({ organizationId, title: z.string().max(200), cycleId: cycleIdInput }))
    .mutation(async ({ ctx, input }) => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await selectPractice(ctx, cycle.id, input);
      return { ok: true as const };
    }),

  unselectPractice: protectedProcedure(["CITY"])
    .input(z.object({ organizationId, cycleId: cycleIdInput }))
    .mutation(async ({ ctx, input }) => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await unselectPractice(ctx, cycle.id, input.organizationId);
      return { ok: true as const };
    }),

  setCountyDualManaged: protectedProcedure(["COUNTY", "CITY"])
    .input(z.object({ organizationId, value: z.boolean(), cycleId: cycleIdInput }))
    .mutation(async ({ ctx, input }) => {
      await cycleForWrite(ctx, input.cycleId);
      await setCountyDualManaged(ctx, input);
      return { ok: true as const };
    }),

  assignContact: protectedProcedure(["COUNTY", "CITY"])
    .input(
      z.object({ organizationId, memberId: z.number().int().positive().nullable(), cycleId: cycleIdInput }),
    )
    .mutation(async ({ ctx, input }) => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await assignContact(ctx, cycle.id, input);
      return { ok: true as const };
    }),
});
