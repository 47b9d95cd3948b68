import type { PrismaClient } from "@beltmap/db";
import type { SessionUser } from "../context.ts";
import { accountOf } from "../services/users.ts";
import { needsTouch, type SessionPolicy, sessionStatus } from "./session-policy.ts";
import { hashToken, newSessionToken } from "./tokens.ts";

/** Opens a session for a user who has just proved who they are; returns the token for the cookie. */
export async function createSession(
  prisma: PrismaClient,
  args: { userId: number; ip: string; userAgent: string; now: Date },
): Promise<string> {
  const token = newSessionToken();
  await prisma.session.create({
    data: {
      tokenHash: hashToken(token),
      userId: args.userId,
      ip: args.ip,
      userAgent: args.userAgent.slice(0, 300),
      createdAt: args.now,
      lastSeenAt: args.now,
    },
  });
  return token;
}

/**
 * The user behind a session token, or null when the token is unknown, expired (idle or absolute)
 * or its user is disabled. Expired sessions are deleted; a live one is touched at most once a minute.
 */
export async function resolveSession(
  prisma: PrismaClient,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<SessionUser | null> {
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: { briefingLink: { select: { id: true } } } } },
  });
  if (!session) return null;
  if (session.user.disabled || sessionStatus(session, now, policy) !== "ACTIVE") {
    await prisma.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (needsTouch(session, now)) {
    await prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    ...accountOf(session.user),
    sessionId: session.id,
    briefingLink: session.user.briefingLink !== null,
  };
}

export async function deleteSessionByToken(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}
