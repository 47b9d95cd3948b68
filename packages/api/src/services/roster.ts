import { listUnits } from "@beltmap/db";
import {
  checkContactAssignment,
  type MemberInput,
  type MemberLevel,
  rosterCompliance,
  validateMember,
} from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import type { RosterDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { writeAudit } from "./audit.ts";
import type { Cycle } from "./cycle.ts";
import { organizationsWithGrades } from "./grades.ts";
import { latestOfficialRecord } from "./quota.ts";
import { refuseOutOfScope, requireOrganization, requireUnit, type ScopedContext } from "./scope.ts";

// 两新工委委员: each county keeps its own members, the city its city-level ones and any unit's.

/** The units whose roster the user reads: a county its own, the city and a city-wide leader all. */
function rosterUnitIds(ctx: ScopedContext, allUnitIds: readonly string[]): string[] {
  const region = ctx.user.region;
  if (region.level === "CITY") return [...allUnitIds];
  if (region.level === "UNIT") return [region.unitId];
  return [];
}

/**
 * The roster of the user's units in a cycle: each member with the site it links, and per unit
 * the rule "each member links exactly one 示范点 and each 示范点 has a contact member".
 */
export async function listRoster(ctx: ScopedContext, cycle: Cycle, unitId?: string): Promise<RosterDto> {
  if (unitId !== undefined) await requireUnit(ctx, unitId);
  const units = await listUnits(ctx.prisma);
  const shown = rosterUnitIds(
    ctx,
    units.map((u) => u.id),
  ).filter((id) => unitId === undefined || id === unitId);
  const cityWide = ctx.user.region.level === "CITY" && unitId === undefined;
  const [members, sites] = await Promise.all([
    ctx.prisma.committeeMember.findMany({
      where: {
        OR: [{ unitId: { in: shown } }, ...(cityWide ? [{ level: "CITY" }] : [])],
        // A past cycle's roster: the members it had before it closed.
        ...(cycle.closedAt ? { createdAt: { lt: cycle.closedAt } } : {}),
      },
      orderBy: [{ unitId: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        title: true,
        level: true,
        unitId: true,
        active: true,
        contacts: {
          where: { cycleId: cycle.id },
          select: { organization: { select: { id: true, name: true, unitId: true } } },
        },
      },
    }),
    Promise.all(shown.map((id) => organizationsWithGrades(ctx, { cycleId: cycle.id, unitId: id }))),
  ]);
  const siteRows = sites.flat().filter((o) => o.gradeIsOfficial && o.grade === "EXCELLENT");
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return {
    cycleId: cycle.id,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      title: m.title,
      level: m.level === "CITY" ? "CITY" : "COUNTY",
      unitId: m.unitId,
      unitName: m.unitId ? (unitName.get(m.unitId) ?? m.unitId) : null,
      active: m.active,
      sites: m.contacts.map((c) => ({ organizationId: c.organization.id, name: c.organization.name })),
    })),
    units: shown.map((id) => {
      const own = members.filter((m) => m.unitId === id && m.level === "COUNTY");
      const siteIds = siteRows.filter((s) => s.unitId === id).map((s) => s.id);
      const check = rosterCompliance({
        activeMemberIds: own.filter((m) => m.active).map((m) => m.id),
        contacts: own.flatMap((m) =>
          m.contacts.map((c) => ({ memberId: m.id, organizationId: c.organization.id })),
        ),
        siteIds,
      });
      return {
        unitId: id,
        unitName: unitName.get(id) ?? id,
        activeMembers: own.filter((m) => m.active).length,
        sites: siteIds.length,
        sitesWithContact: check.sitesWithContact,
        membersWithoutSite: check.membersWithoutSite,
        membersWithSeveralSites: check.membersWithSeveralSites,
        sitesWithoutContact: siteRows
          .filter((s) => check.sitesWithoutContact.includes(s.id))
          .map((s) => ({ organizationId: s.id, name: s.name })),
        passed: check.passed,
      };
    }),
  };
}

function refuseProblems(problems: { field: string; message: string }[]): void {
  const first = problems[0];
  if (first) throw new DomainError(first.message, problems);
}

/** A county adds a member of its own unit; the city one of any unit, or a city-level one (unitId null). */
export async function createMember(
  ctx: ScopedContext,
  input: MemberInput & { unitId: string | null },
): Promise<number> {
  refuseProblems(validateMember(input));
  if (input.unitId === null) {
    if (ctx.user.role !== "CITY")
      throw new TRPCError({ code: "FORBIDDEN", message: "市级委员由市委两新工委维护" });
  } else {
    await requireUnit(ctx, input.unitId);
    const unit = await ctx.prisma.unit.findUnique({ where: { id: input.unitId } });
    if (!unit) await refuseOutOfScope(ctx, "Unit", input.unitId);
  }
  return ctx.prisma.$transaction(async (tx) => {
    const member = await tx.committeeMember.create({
      data: {
        name: input.name.trim(),
        title: input.title.trim(),
        level: input.unitId === null ? "CITY" : "COUNTY",
        unitId: input.unitId,
        createdAt: ctx.now(),
      },
    });
    await writeAudit(tx, ctx, ctx.user, {
      action: "roster.create",
      entity: "CommitteeMember",
      entityId: member.id,
      after: { name: member.name, title: member.title, level: member.level, unitId: member.unitId },
    });
    return member.id;
  });
}

/**
 * Changes a member's name, post or active flag. A member made inactive gives up the site it links
 * in the current cycle (the site then shows as without contact), in the same transaction.
 */
export async function updateMember(
  ctx: ScopedContext,
  cycle: Cycle,
  input: MemberInput & { id: number; active: boolean },
): Promise<void> {
  refuseProblems(validateMember(input));
  const member = await ctx.prisma.committeeMember.findUnique({ where: { id: input.id } });
  const mayEdit =
    member !== null &&
    (ctx.user.role === "CITY" || (member.level === "COUNTY" && member.unitId === ctx.user.unitId));
  if (!member || !mayEdit) return refuseOutOfScope(ctx, "CommitteeMember", input.id);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "CommitteeMember" WHERE id = ${member.id} FOR UPDATE`;
    const released =
      member.active && !input.active
        ? await tx.committeeContact.findMany({
            where: { memberId: member.id, cycleId: cycle.id },
            select: { id: true, organization: { select: { id: true, name: true } } },
          })
        : [];
    await tx.committeeContact.deleteMany({ where: { id: { in: released.map((c) => c.id) } } });
    await tx.committeeMember.update({
      where: { id: member.id },
      data: { name: input.name.trim(), title: input.title.trim(), active: input.active },
    });
    await writeAudit(tx, ctx, ctx.user, {
      action: "roster.update",
      entity: "CommitteeMember",
      entityId: member.id,
      before: { name: member.name, title: member.title, active: member.active },
      after: {
        name: input.name.trim(),
        title: input.title.trim(),
        active: input.active,
        releasedSites: released.map((c) => c.organization.name),
      },
    });
  });
}

/**
 * From the roster: the member's 联系点 in the current cycle becomes `organizationId` (moving it from
 * the site it linked before), or none. A site may be linked by several members; a member links one.
 */
export async function linkMember(
  ctx: ScopedContext,
  cycle: Cycle,
  input: { memberId: number; organizationId: number | null },
): Promise<void> {
  const member = await ctx.prisma.committeeMember.findUnique({ where: { id: input.memberId } });
  const mayEdit =
    member !== null &&
    (ctx.user.role === "CITY" || (member.level === "COUNTY" && member.unitId === ctx.user.unitId));
  if (!member || !mayEdit) return refuseOutOfScope(ctx, "CommitteeMember", input.memberId);
  const site = input.organizationId === null ? null : await requireOrganization(ctx, input.organizationId);
  await ctx.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "CommitteeMember" WHERE id = ${member.id} FOR UPDATE`;
    if (site) {
      const record = await latestOfficialRecord(tx, site.id, cycle.id);
      const check = checkContactAssignment({
        member: { ...member, level: member.level as MemberLevel },
        site: { unitId: site.unitId, isDemonstrationSite: record?.grade === "EXCELLENT" },
        otherSiteOfMember: null, // a move: the old link goes below
      });
      if (!check.ok) throw new DomainError(check.message, [{ field: check.field, message: check.message }]);
    }
    const before = await tx.committeeContact.findMany({
      where: { memberId: member.id, cycleId: cycle.id },
      select: { id: true, organization: { select: { id: true, name: true } } },
    });
    await tx.committeeContact.deleteMany({ where: { id: { in: before.map((c) => c.id) } } });
    if (site)
      await tx.committeeContact.create({
        data: { memberId: member.id, organizationId: site.id, cycleId: cycle.id },
      });
    await writeAudit(tx, ctx, ctx.user, {
      action: "roster.link",
      entity: "CommitteeMember",
      entityId: member.id,
      before: { sites: before.map((c) => c.organization.name) },
      after: { sites: site ? [site.name] : [] },
    });
  });
}
