import { checkPracticeSelection, DUTY_TITLES_ZH, demonstrationSiteDuties, quotaUse } from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import type { SiteListDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { writeAudit } from "./audit.ts";
import { organizationsWithGrades } from "./grades.ts";
import { latestOfficialRecord, lockUnitQuota } from "./quota.ts";
import {
  requireOrganization,
  type ScopedContext,
  scopedOrganizationFilter,
  visibleUnitIds,
} from "./scope.ts";

/** 示范点 of the user's region with their three duties, typical practice and contacts; practice quotas per unit. */
export async function listSites(ctx: ScopedContext, cycleId: number, unitId?: string): Promise<SiteListDto> {
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
          select: { member: { select: { id: true, name: true, level: true } } },
        },
        beltStops: { where: { belt: { cycleId } }, select: { belt: { select: { id: true, name: true } } } },
      },
    }),
    ctx.prisma.typicalPractice.findMany({
      where: { cycleId },
      select: { organizationId: true, title: true, organization: { select: { unitId: true } } },
    }),
    ctx.prisma.unit.findMany({ orderBy: { sortOrder: "asc" } }),
  ]);
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
      ...quotaUse(u.practiceQuota, practices.filter((p) => p.organization.unitId === u.id).length),
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
    const [unit, record, already, selectedInUnit] = await Promise.all([
      tx.unit.findUniqueOrThrow({ where: { id: org.unitId } }),
      latestOfficialRecord(tx, org.id, cycleId),
      tx.typicalPractice.findUnique({
        where: { organizationId_cycleId: { organizationId: org.id, cycleId } },
      }),
      tx.typicalPractice.count({ where: { cycleId, organization: { unitId: org.unitId } } }),
    ]);
    const check = checkPracticeSelection({
      officialGrade: record?.grade ?? null,
      alreadySelected: already !== null,
      selectedInUnit,
      practiceQuota: unit.practiceQuota,
      title: input.title,
    });
    if (!check.ok) throw new DomainError(check.message, [{ field: check.field, message: check.message }]);
    await tx.typicalPractice.create({
      data: {
        organizationId: org.id,
        cycleId,
        title: input.title.trim(),
        selectedAt: ctx.now(),
        selectedById: ctx.user.id,
      },
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
    const removed = await tx.typicalPractice.deleteMany({ where: { organizationId: org.id, cycleId } });
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

/** A county committee member of the site's unit becomes its contact (联系点); one member per site is enough. */
export async function assignContact(
  ctx: ScopedContext,
  cycleId: number,
  input: { organizationId: number; memberId: number | null },
) {
  const org = await requireOrganization(ctx, input.organizationId);
  const member =
    input.memberId === null
      ? null
      : await ctx.prisma.committeeMember.findUnique({ where: { id: input.memberId } });
  if (input.memberId !== null) {
    if (member?.level !== "COUNTY" || member.unitId !== org.unitId) {
      throw new DomainError("请选择本单位的县级两新工委委员", [
        { field: "memberId", message: "请选择本单位的县级两新工委委员" },
      ]);
    }
  }
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.committeeContact.findMany({
      where: { organizationId: org.id, cycleId, member: { level: "COUNTY" } },
      include: { member: { select: { name: true } } },
    });
    await tx.committeeContact.deleteMany({ where: { id: { in: before.map((c) => c.id) } } });
    if (input.memberId !== null) {
      await tx.committeeContact.create({
        data: { organizationId: org.id, cycleId, memberId: input.memberId },
      });
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
