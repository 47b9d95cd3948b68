import { MEMBER_LIMITS } from "@beltmap/domain";
import { z } from "zod";
import type { RosterDto } from "../dto.ts";
import { cycleForRead, cycleForWrite, cycleIdInput } from "../services/cycle.ts";
import { createMember, linkMember, listRoster, updateMember } from "../services/roster.ts";
import { protectedProcedure, router } from "../trpc.ts";

// Lengths are checked by the domain (validateMember) with Chinese messages; these bounds only keep
// absurd requests out.
const name = z.string().max(MEMBER_LIMITS.name * 5);
const title = z
  .string()
  .max(MEMBER_LIMITS.title * 5)
  .default("");

/** 两新工委委员: the roster and its rule (每位委员联系一家示范点，每个示范点有联系委员). */
export const rosterRouter = router({
  list: protectedProcedure(["COUNTY", "CITY", "LEADER"])
    .input(z.object({ unitId: z.string().min(1).optional(), cycleId: cycleIdInput }).optional())
    .query(async ({ ctx, input }): Promise<RosterDto> => {
      const cycle = await cycleForRead(ctx, input?.cycleId);
      return listRoster(ctx, cycle, input?.unitId);
    }),

  /** A county adds a member of its unit; the city of any unit, or a city-level member (unitId null). */
  create: protectedProcedure(["COUNTY", "CITY"])
    .input(z.object({ unitId: z.string().min(1).nullable(), name, title }))
    .mutation(async ({ ctx, input }) => ({ id: await createMember(ctx, input) })),

  /** Name, post, active; making a member inactive frees the site it links. */
  update: protectedProcedure(["COUNTY", "CITY"])
    .input(
      z.object({ id: z.number().int().positive(), name, title, active: z.boolean(), cycleId: cycleIdInput }),
    )
    .mutation(async ({ ctx, input }) => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await updateMember(ctx, cycle, input);
      return { ok: true as const };
    }),

  /** The member's 联系点 in the current cycle: a demonstration site of its unit (moved from its old one), or none. */
  link: protectedProcedure(["COUNTY", "CITY"])
    .input(
      z.object({
        memberId: z.number().int().positive(),
        organizationId: z.number().int().positive().nullable(),
        cycleId: cycleIdInput,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await linkMember(ctx, cycle, input);
      return { ok: true as const };
    }),
});
