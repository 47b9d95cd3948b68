import { z } from "zod";
import type { AuditEntryDto } from "../dto.ts";
import { requireOrganization } from "../services/scope.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const auditRouter = router({
  /**
   * An organisation's history (stage transitions, scores, grades, duties), newest first; the city
   * sees refused attempts on it too.
   */
  organization: protectedProcedure()
    .input(z.object({ organizationId: z.number().int().positive() }))
    .query(async ({ ctx, input }): Promise<AuditEntryDto[]> => {
      await requireOrganization(ctx, input.organizationId);
      const rows = await ctx.prisma.auditLog.findMany({
        where: {
          entity: "Organization",
          entityId: String(input.organizationId),
          // Refused probes are the city's security record, not the organisation's history: they
          // would name users of other regions to the county, township and organisation.
          ...(ctx.user.region.level === "CITY" ? {} : { action: { not: "access.denied" } }),
        },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: 500,
      });
      const userIds = [...new Set(rows.flatMap((r) => (r.userId === null ? [] : [r.userId])))];
      const users = await ctx.prisma.user.findMany({
        where: { id: { in: userIds } },
        select: { id: true, displayName: true },
      });
      const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
      return rows.map((r) => ({
        id: r.id.toString(),
        at: r.at.toISOString(),
        userId: r.userId,
        userName: r.userId === null ? null : (nameOf.get(r.userId) ?? null),
        role: r.role,
        region: r.region,
        action: r.action,
        before: r.before,
        after: r.after,
      }));
    }),
});
