/** How long a session lives: idle timeout and absolute lifetime (both configurable). */
export type SessionPolicy = { idleMs: number; absoluteMs: number };

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

/** lastSeenAt is written at most this often, so a page's burst of requests costs one write. */
export const TOUCH_INTERVAL_MS = 60_000;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date };

export type SessionStatus = "ACTIVE" | "IDLE_EXPIRED" | "ABSOLUTE_EXPIRED";

/** A session ends once it has been idle for `idleMs`, or `absoluteMs` after login, whichever first. */
export function sessionStatus(session: SessionTimes, now: Date, policy: SessionPolicy): SessionStatus {
  if (now.getTime() - session.createdAt.getTime() >= policy.absoluteMs) return "ABSOLUTE_EXPIRED";
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleMs) return "IDLE_EXPIRED";
  return "ACTIVE";
}

export function needsTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}
