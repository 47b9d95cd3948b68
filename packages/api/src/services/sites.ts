import { cycleQuotaOf, cycleQuotas } from "@beltmap/db";
import {
  checkContactAssignment,
  checkPracticeSelection,
  DUTY_TITLES_ZH,
  demonstrationSiteDuties,
  type MemberLevel,
  quotaUse,
} from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import type { SiteListDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { writeAudit } from "./audit.ts";
import type { Cycle } from "./cycle.ts";
import { organizationsWithGrades } from "./grades.ts";
import { countActivePractices, latestOfficialRecord, lockUnitQuota } from "./quota.ts";
import {
  requireOrganization,
  type ScopedContext,
  scopedOrganizationFilter,
  visibleUnitIds,
} from "./scope.ts";

/** 示范点 of the user's region with their three duties, typical practice and contacts; practice quotas per unit. */
export async function listSites(ctx: ScopedContext, cycle: Cycle, unitId?: string): Promise<SiteListDto> {
  const cycleId = cycle.id;
  const graded = await organizationsWithGrades(ctx, await scopedOrganizationFilter(ctx, cycleId, unitId));
  const sites = graded.filter((o) => o.gradeIsOfficial && o.grade === "EXCELLENT");
  const ids = sites.map((s) => s.id);
  const [details, practices, units] = await Promise.all([
    ctx.prisma.organization.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        countyDualManaged: true,
        cityDualManaged: true,
        contacts: {
          where: { cycleId },
          select: { member: { select: { id: true, name: true, level: true, active: true } } },
        },
        beltStops: { where: { belt: { cycleId } }, select: { belt: { select: { id: true, name: true } } } },
      },
    }),
    ctx.prisma.typicalPractice.findMany({
      where: { cycleId, releasedAt: null },
      select: { organizationId: true, title: true, organization: { select: { unitId: true } } },
    }),
    ctx.prisma.unit.findMany({ orderBy: { sortOrder: "asc" } }),
  ]);
  const quotas = await cycleQuotas(ctx.prisma, cycleId);
  const detailOf = new Map(details.map((d) => [d.id, d]));
  const practiceOf = new Map(practices.map((p) => [p.organizationId, p.title]));
  const visible = await visibleUnitIds(ctx);
  const shownUnits = units.filter(
    (u) => (visible === "ALL" || visible.includes(u.id)) && (!unitId || u.id === unitId),
  );
  return {
    rows: sites.map((site) => {
      const detail = detailOf.get(site.id);
      const contacts = detail?.contacts.map((c) => c.member) ?? [];
      const belts = detail?.beltStops.map((s) => s.belt) ?? [];
      return {
        organizationId: site.id,
        name: site.name,
        unitId: site.unitId,
        townshipName: site.townshipName,
        countyDualManaged: detail?.countyDualManaged ?? false,
        cityDualManaged: detail?.cityDualManaged ?? false,
        contacts,
        belts,
        practiceTitle: practiceOf.get(site.id) ?? null,
        duties: demonstrationSiteDuties({
          grade: "EXCELLENT",
          countyDualManaged: detail?.countyDualManaged ?? false,
          countyContactCount: contacts.filter((c) => c.level === "COUNTY").length,
          beltCount: belts.length,
        }).map((d) => ({ ...d, title: DUTY_TITLES_ZH[d.duty] })),
      };
    }),
    practiceQuotas: shownUnits.map((u) => ({
      unitId: u.id,
      unitName: u.name,
      ...quotaUse(
        quotas.get(u.id)?.practiceQuota ?? u.practiceQuota,
        practices.filter((p) => p.organization.unitId === u.id).length,
      ),
    })),
  };
}

/** The city selects a 典型做法 within the unit's practice quota; the organisation becomes city-level dual managed. */
export async function selectPractice(
  ctx: ScopedContext,
  cycleId: number,
  input: { organizationId: number; title: string },
) {
  const org = await requireOrganization(ctx, input.organizationId);
  await ctx.prisma.$transaction(async (tx) => {
    await lockUnitQuota(tx, org.unitId); // serialises selections of the unit, like determinations
    const [quota, record, already, selectedInUnit] = await Promise.all([
      cycleQuotaOf(tx, cycleId, org.unitId),
      latestOfficialRecord(tx, org.id, cycleId),
      tx.typicalPractice.findUnique({
        where: { organizationId_cycleId: { organizationId: org.id, cycleId } },
      }),
      countActivePractices(tx, org.unitId, cycleId),
    ]);
    const check = checkPracticeSelection({
      officialGrade: record?.grade ?? null,
      alreadySelected: already !== null && already.releasedAt === null,
      selectedInUnit,
      practiceQuota: quota.practiceQuota,
      title: input.title,
    });
    if (!check.ok) throw new DomainError(check.message, [{ field: check.field, message: check.message }]);
    const fields = { title: input.title.trim(), selectedAt: ctx.now(), selectedById: ctx.user.id };
    // A practice released by a 摘牌 earlier in the cycle is selected anew in its place.
    await tx.typicalPractice.upsert({
      where: { organizationId_cycleId: { organizationId: org.id, cycleId } },
      create: { ...fields, organizationId: org.id, cycleId },
      update: { ...fields, releasedAt: null, releaseReason: null },
    });
    await tx.organization.update({ where: { id: org.id }, data: { cityDualManaged: true } });
    await writeAudit(tx, ctx, ctx.user, {
      action: "practice.select",
      entity: "Organization",
      entityId: org.id,
      after: { title: input.title.trim(), cityDualManaged: true },
    });
  });
}

export async function unselectPractice(ctx: ScopedContext, cycleId: number, organizationId: number) {
  const org = await requireOrganization(ctx, organizationId);
  await ctx.prisma.$transaction(async (tx) => {
    const removed = await tx.typicalPractice.deleteMany({
      where: { organizationId: org.id, cycleId, releasedAt: null },
    });
    if (removed.count === 0)
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: "该组织未选树为典型做法" });
    await tx.organization.update({ where: { id: org.id }, data: { cityDualManaged: false } });
    await writeAudit(tx, ctx, ctx.user, {
      action: "practice.unselect",
      entity: "Organization",
      entityId: org.id,
      after: { cityDualManaged: false },
    });
  });
}

export async function setCountyDualManaged(
  ctx: ScopedContext,
  input: { organizationId: number; value: boolean },
) {
  const org = await requireOrganization(ctx, input.organizationId);
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: org.id },
      select: { countyDualManaged: true },
    });
    await tx.organization.update({ where: { id: org.id }, data: { countyDualManaged: input.value } });
    await writeAudit(tx, ctx, ctx.user, {
      action: "duty.countyDualManaged",
      entity: "Organization",
      entityId: org.id,
      before,
      after: { countyDualManaged: input.value },
    });
  });
}

/**
 * A committee member becomes the site's contact (联系点) in the cycle, or the site's county contact
 * is removed (memberId null). One member links one site (checkContactAssignment): the member is
 * locked for the transaction, so two assignments of one member cannot both pass.
 */
export async function assignContact(
  ctx: ScopedContext,
  cycleId: number,
  input: { organizationId: number; memberId: number | null },
) {
  const org = await requireOrganization(ctx, input.organizationId);
  await ctx.prisma.$transaction(async (tx) => {
    let member: { id: number; name: string; level: string; unitId: string | null; active: boolean } | null =
      null;
    if (input.memberId !== null) {
      await tx.$queryRaw`SELECT id FROM "CommitteeMember" WHERE id = ${input.memberId} FOR UPDATE`;
      member = await tx.committeeMember.findUnique({ where: { id: input.memberId } });
      // Another unit's members read as unknown: a county learns nothing of other rosters.
      if (!member || (member.level === "COUNTY" && member.unitId !== org.unitId)) {
        throw new DomainError("请选择本单位的县级两新工委委员", [
          { field: "memberId", message: "请选择本单位的县级两新工委委员" },
        ]);
      }
      if (member.level === "CITY" && ctx.user.role !== "CITY") {
        throw new DomainError("市级委员的联系点由市委两新工委安排", [
          { field: "memberId", message: "市级委员的联系点由市委两新工委安排" },
        ]);
      }
      const [record, other] = await Promise.all([
        latestOfficialRecord(tx, org.id, cycleId),
        tx.committeeContact.findFirst({
          where: { memberId: member.id, cycleId, organizationId: { not: org.id } },
          select: { organization: { select: { name: true } } },
        }),
      ]);
      const check = checkContactAssignment({
        member: { ...member, level: member.level as MemberLevel },
        site: { unitId: org.unitId, isDemonstrationSite: record?.grade === "EXCELLENT" },
        otherSiteOfMember: other ? { name: other.organization.name } : null,
      });
      if (!check.ok) throw new DomainError(check.message, [{ field: check.field, message: check.message }]);
    }
    // The site keeps one contact per level: a new county (or city) member replaces the old one.
    const level = member?.level ?? "COUNTY";
    const before = await tx.committeeContact.findMany({
      where: { organizationId: org.id, cycleId, member: { level } },
      include: { member: { select: { name: true } } },
    });
    await tx.committeeContact.deleteMany({ where: { id: { in: before.map((c) => c.id) } } });
    if (member) {
      await tx.committeeContact.create({ data: { organizationId: org.id, cycleId, memberId: member.id } });
    }
    await writeAudit(tx, ctx, ctx.user, {
      action: "duty.contact",
      entity: "Organization",
      entityId: org.id,
      // Names too: the history is read by users who cannot list the committee.
      before: { memberIds: before.map((c) => c.memberId), memberNames: before.map((c) => c.member.name) },
      after: { memberIds: member ? [member.id] : [], memberNames: member ? [member.name] : [] },
    });
  });
}
