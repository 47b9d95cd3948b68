import type { MeDto } from "@beltmap/api";
import type { Role } from "@beltmap/domain";

/**
 * Where to go after login when a `next` was asked for: only a path of this site (no `//host`,
 * no scheme), and never back to the login page.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (next === "/login" || next.startsWith("/login?") || next.startsWith("/login/")) return null;
  return next;
}

/** Each role's first page: an organisation its own sheet, reviewers their queue, the city and leaders the dashboard. */
export function homeOf(me: Pick<MeDto, "role" | "organizationId">): string {
  const homes: Record<Role, string> = {
    ORG: me.organizationId ? `/sheet/${me.organizationId}` : "/queue",
    TOWNSHIP: "/queue",
    COUNTY: "/queue",
    CITY: "/dashboard",
    LEADER: "/dashboard",
  };
  return homes[me.role];
}

export function loginPath(next: string): string {
  return next === "/" || safeNext(next) === null ? "/login" : `/login?next=${encodeURIComponent(next)}`;
}

/**
 * Router state the login page reads: the session ended while the user was working (`expired`), or
 * the user asked to sign out (`signOut`: the login page ends the session).
 */
export type LoginState = { expired?: boolean; signOut?: boolean } | null;
