import type { Prisma } from "@beltmap/db";
import { type Region, regionContains, regionCoversUnit } from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import type { Context, SessionUser } from "../context.ts";
import { writeAudit } from "./audit.ts";

export type ScopedContext = Context & { user: SessionUser };

/** The organisations a region holds (the same rule as regionContains), as filter fields. */
export function organizationFilterOf(region: Region): {
  unitId?: string;
  townshipId?: string;
  ids?: number[];
} {
  switch (region.level) {
    case "CITY":
      return {};
    case "UNIT":
      return { unitId: region.unitId };
    case "TOWNSHIP":
      return { townshipId: region.townshipId };
    case "ORG":
      return { ids: [region.organizationId] };
  }
}

/** The same, as a Prisma filter. */
export function organizationWhere(region: Region): Prisma.OrganizationWhereInput {
  const { ids, ...rest } = organizationFilterOf(region);
  return ids ? { ...rest, id: { in: ids } } : rest;
}

/**
 * The id an audit row records of a refused request: what the caller sent, cut short. A made-up id
 * can be any length, and the audit log's (entity, entityId) index refuses a row over 2,704 bytes.
 */
const AUDITED_ID_MAX = 100;

function auditedId(entityId: string | number): string | number {
  if (typeof entityId === "number" || entityId.length <= AUDITED_ID_MAX) return entityId;
  // Never between the two halves of a surrogate pair: half of one is not text PostgreSQL stores.
  const last = entityId.charCodeAt(AUDITED_ID_MAX - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? AUDITED_ID_MAX - 1 : AUDITED_ID_MAX;
  return `${entityId.slice(0, end)}…（共 ${entityId.length} 字符）`;
}

/**
 * Refuses, as "not found", what lies outside the user's region: the answer must not tell that the
 * record exists. The attempt is audited.
 */
export async function refuseOutOfScope(
  ctx: ScopedContext,
  entity: string,
  entityId: string | number,
): Promise<never> {
  await writeAudit(ctx.prisma, ctx, ctx.user, {
    action: "access.denied",
    entity,
    entityId: auditedId(entityId),
    after: { reason: "out of region" },
  });
  throw new TRPCError({ code: "NOT_FOUND", message: NOT_FOUND_MESSAGES[entity] ?? "未找到该记录" });
}

const NOT_FOUND_MESSAGES: Record<string, string> = {
  Organization: "未找到该党组织",
  Unit: "未找到该单位",
  ReReview: "未找到该复查记录",
  User: "未找到该用户",
  CommitteeMember: "未找到该委员",
  Appendix2Submission: "未找到该版本的附件2",
};

/** An organisation of the user's region, or NOT_FOUND. */
export async function requireOrganization(ctx: ScopedContext, id: number) {
  const org = await ctx.prisma.organization.findUnique({
    where: { id },
    select: { id: true, name: true, unitId: true, townshipId: true },
  });
  if (!org || !regionContains(ctx.user.region, org)) return refuseOutOfScope(ctx, "Organization", id);
  return org;
}

/** A unit whose unit-level records (quota, belts, service center) the user may see, or NOT_FOUND. */
export async function requireUnit(ctx: ScopedContext, unitId: string): Promise<void> {
  if (!regionCoversUnit(ctx.user.region, unitId)) await refuseOutOfScope(ctx, "Unit", unitId);
}

/**
 * The units whose reference data (name, quotas) a user sees: all for the city, otherwise the unit
 * their region lies in.
 */
export async function visibleUnitIds(ctx: ScopedContext): Promise<string[] | "ALL"> {
  const region = ctx.user.region;
  switch (region.level) {
    case "CITY":
      return "ALL";
    case "UNIT":
      return [region.unitId];
    case "TOWNSHIP": {
      const township = await ctx.prisma.township.findUnique({
        where: { id: region.townshipId },
        select: { unitId: true },
      });
      return township ? [township.unitId] : [];
    }
    case "ORG": {
      const org = await ctx.prisma.organization.findUnique({
        where: { id: region.organizationId },
        select: { unitId: true },
      });
      return org ? [org.unitId] : [];
    }
  }
}

/** The units whose unit-level records the user may read: the city's all, a unit's its own. */
export function coveredUnitIds(ctx: ScopedContext, allUnitIds: readonly string[]): string[] {
  return allUnitIds.filter((id) => regionCoversUnit(ctx.user.region, id));
}

/** A unit the user's region lies in or covers (for filters), or NOT_FOUND. */
export async function requireVisibleUnit(ctx: ScopedContext, unitId: string): Promise<void> {
  const visible = await visibleUnitIds(ctx);
  if (visible !== "ALL" && !visible.includes(unitId)) await refuseOutOfScope(ctx, "Unit", unitId);
}

/** The user's organisations of one cycle, optionally narrowed to a unit they can see. */
export async function scopedOrganizationFilter(ctx: ScopedContext, cycleId: number, unitId?: string) {
  if (unitId !== undefined) await requireVisibleUnit(ctx, unitId);
  return { cycleId, ...organizationFilterOf(ctx.user.region), ...(unitId === undefined ? {} : { unitId }) };
}
