import { hashPassword } from "@beltmap/db";
import { TRPCError } from "@trpc/server";
import { createSession, deleteSessionByToken } from "../auth/sessions.ts";
import { settleOnError, throttledError } from "../auth/throttle-errors.ts";
import { hashToken, newSessionToken } from "../auth/tokens.ts";
import type { Context } from "../context.ts";
import type { BriefingLinkDto, CreatedBriefingLinkDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { writeAnonymousAudit, writeAudit } from "./audit.ts";
import type { ScopedContext } from "./scope.ts";

export const BRIEFING_LABEL_MAX = 40;
const INVALID_LINK = "大屏链接无效或已撤销，请向市委两新工委索取新链接";

/**
 * A new link: its own read-only account (a LEADER of the whole city or of one unit, whose password
 * nobody knows) and a secret shown once; the database keeps only the secret's hash.
 */
export async function createBriefingLink(
  ctx: ScopedContext,
  input: { label: string; unitId: string | null },
): Promise<CreatedBriefingLinkDto> {
  const label = input.label.trim();
  if (label.length === 0 || label.length > BRIEFING_LABEL_MAX) {
    const message =
      label.length === 0 ? "请填写链接名称（如：市委会议室大屏）" : `链接名称最多 ${BRIEFING_LABEL_MAX} 个字`;
    throw new DomainError(message, [{ field: "label", message }]);
  }
  if (input.unitId !== null && !(await ctx.prisma.unit.findUnique({ where: { id: input.unitId } }))) {
    throw new DomainError("未找到该单位", [{ field: "unitId", message: "未找到该单位" }]);
  }
  const secret = newSessionToken();
  const link = await ctx.prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        username: `briefing-${newSessionToken()
          .slice(0, 12)
          .replace(/[^A-Za-z0-9]/g, "x")}`,
        displayName: `大屏链接：${label}`,
        role: "LEADER",
        unitId: input.unitId,
        // Nobody knows this password: the account is reached through the link only.
        passwordHash: await hashPassword(newSessionToken()),
      },
    });
    const created = await tx.briefingLink.create({
      data: { tokenHash: hashToken(secret), label, userId: user.id, createdById: ctx.user.id },
    });
    await writeAudit(tx, ctx, ctx.user, {
      action: "briefing.link.create",
      entity: "BriefingLink",
      entityId: created.id,
      after: { label, unitId: input.unitId, userId: user.id },
    });
    return created;
  });
  // In the fragment: browsers never send it, so no server or proxy log and no Referer holds it.
  return { id: link.id, label, unitId: input.unitId, path: `/briefing#key=${secret}` };
}

export async function listBriefingLinks(ctx: ScopedContext): Promise<BriefingLinkDto[]> {
  const links = await ctx.prisma.briefingLink.findMany({
    orderBy: { id: "desc" },
    include: { user: { select: { unitId: true } } },
  });
  const creators = await ctx.prisma.user.findMany({
    where: { id: { in: links.map((l) => l.createdById) } },
    select: { id: true, displayName: true },
  });
  return links.map((l) => ({
    id: l.id,
    label: l.label,
    unitId: l.user.unitId,
    createdAt: l.createdAt.toISOString(),
    createdBy: creators.find((c) => c.id === l.createdById)?.displayName ?? null,
    revokedAt: l.revokedAt?.toISOString() ?? null,
    lastOpenedAt: l.lastOpenedAt?.toISOString() ?? null,
  }));
}

/** Revoked at once: the account is disabled and every screen it holds is signed out. */
export async function revokeBriefingLink(ctx: ScopedContext, id: number): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    const link = await tx.briefingLink.findUnique({ where: { id } });
    if (!link) throw new TRPCError({ code: "NOT_FOUND", message: "未找到该大屏链接" });
    if (link.revokedAt) return;
    await tx.briefingLink.update({ where: { id }, data: { revokedAt: ctx.now() } });
    await tx.user.update({ where: { id: link.userId }, data: { disabled: true } });
    await tx.session.deleteMany({ where: { userId: link.userId } });
    await writeAudit(tx, ctx, ctx.user, {
      action: "briefing.link.revoke",
      entity: "BriefingLink",
      entityId: id,
      after: { label: link.label },
    });
  });
}

/**
 * Opens a link: a session of the link's read-only account, as a login would give. Wrong or revoked
 * secrets count against the address like failed logins.
 */
export async function openBriefingLink(ctx: Context, key: string): Promise<void> {
  const now = ctx.now();
  // Counted per key and per address, apart from the logins' counts: wrong keys from one place
  // cannot lock every display out, nor a display refreshing a revoked link an office's logins.
  const attempt = await ctx.auth.throttle.begin(
    `briefing:${hashToken(key).slice(0, 16)}`,
    `briefing:${ctx.request.ip}`,
    ctx.now,
  );
  if (!("succeed" in attempt)) throw throttledError(attempt, "尝试次数过多");
  const link = await settleOnError(attempt, () =>
    ctx.prisma.briefingLink.findUnique({
      where: { tokenHash: hashToken(key) },
      include: { user: { select: { id: true, disabled: true, role: true } } },
    }),
  );
  // Only ever a read-only account: whatever happened to it, a link never signs in as anything else.
  if (!link || link.revokedAt || link.user.disabled || link.user.role !== "LEADER") {
    await attempt.fail();
    await writeAnonymousAudit(ctx, {
      action: "briefing.link.refused",
      entity: "BriefingLink",
      entityId: link?.id,
      after: { ip: ctx.request.ip, reason: !link ? "unknown" : "revoked" },
    });
    throw new TRPCError({ code: "UNAUTHORIZED", message: INVALID_LINK });
  }
  await attempt.succeed();
  // The session it replaces (a display's previous one) goes, as with a login.
  if (ctx.sessionToken) await deleteSessionByToken(ctx.prisma, ctx.sessionToken);
  const token = await createSession(ctx.prisma, {
    userId: link.user.id,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
    now,
  });
  ctx.sessionCookie.set(token, Math.floor(ctx.auth.policy.absoluteMs / 1000));
  await ctx.prisma.briefingLink.update({ where: { id: link.id }, data: { lastOpenedAt: now } });
  await writeAudit(ctx.prisma, ctx, null, {
    action: "briefing.link.open",
    entity: "BriefingLink",
    entityId: link.id,
    after: { ip: ctx.request.ip, userAgent: ctx.request.userAgent },
  });
}
