import { z } from "zod";
import type { BriefingLinkDto, CreatedBriefingLinkDto } from "../dto.ts";
import {
  createBriefingLink,
  listBriefingLinks,
  openBriefingLink,
  revokeBriefingLink,
} from "../services/briefing-links.ts";
import { protectedProcedure, publicProcedure, router } from "../trpc.ts";

export const briefingRouter = router({
  /** The city makes a read-only link to the briefing screen, for the whole city or one unit. */
  createLink: protectedProcedure(["CITY"])
    .input(z.object({ label: z.string().max(200), unitId: z.string().min(1).nullable() }))
    .mutation(({ ctx, input }): Promise<CreatedBriefingLinkDto> => createBriefingLink(ctx, input)),

  links: protectedProcedure(["CITY"]).query(({ ctx }): Promise<BriefingLinkDto[]> => listBriefingLinks(ctx)),

  revokeLink: protectedProcedure(["CITY"])
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => revokeBriefingLink(ctx, input.id)),

  /** A wall display opens its link: no personal login, a read-only session of the link's scope. */
  open: publicProcedure
    .input(z.object({ key: z.string().min(16).max(200) }))
    .mutation(({ ctx, input }) => openBriefingLink(ctx, input.key)),
});
