import type { PrismaClient } from "@beltmap/db";
import { AnonymousAuditLimit } from "./auth/anonymous-audit-limit.ts";
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from "./auth/session-policy.ts";
import { LoginThrottle } from "./auth/throttle.ts";
import type { AppInfoDto, MeDto } from "./dto.ts";
import type { SharedReads } from "./shared-reads.ts";

/** What the procedures need to know about the HTTP request behind a call. */
export type RequestMeta = {
  ip: string;
  userAgent: string;
  /** False when the browser says the request comes from another site (Origin / Sec-Fetch-Site). */
  sameOrigin: boolean;
};

/** Sets and clears the session cookie on the response (the server decides the cookie flags). */
export type SessionCookie = {
  set(token: string, maxAgeSeconds: number): void;
  clear(): void;
};

/**
 * The session policy, the login throttle (its counts in the database, shared by all instances) and
 * the bound on audit rows written without a session (per process: N instances write at most N times
 * the bound, still a bound).
 */
export type AuthSettings = {
  policy: SessionPolicy;
  throttle: LoginThrottle;
  anonymousAudit: AnonymousAuditLimit;
};

/** The signed-in user, with the region everything they do is confined to. */
export type SessionUser = Omit<MeDto, "regionName" | "regionUnitId"> & {
  sessionId: number;
  /** Signed in through a briefing link (a wall display): it reads the briefing screen's data only. */
  briefingLink?: boolean;
};

export type Context = {
  prisma: PrismaClient;
  /** The clock, injectable so tests can say what "today" is. */
  now: () => Date;
  request: RequestMeta;
  /** The token from the session cookie, if the request carried one. */
  sessionToken: string | null;
  sessionCookie: SessionCookie;
  auth: AuthSettings;
  /** The server's basemap setting, answered by meta.info (null: none). */
  basemap: AppInfoDto["basemap"];
  /** Beyond this many organisations in a region, the map draws them from vector tiles (map.tileSet). */
  mapTilesAbove: number;
  /** The process's shared reads (shared-reads.ts); null: every read computes its own answer. */
  sharedReads: SharedReads | null;
};

/** Up to 20,000 organisations the whole list is as quick to draw as tiles (`npm run bench:transport`). */
export const DEFAULT_MAP_TILES_ABOVE = 20_000;

const NO_COOKIE: SessionCookie = { set() {}, clear() {} };

/** Builds a context without HTTP: the server and the tests (through createCaller) share it. */
export function createContextInner(options: {
  prisma: PrismaClient;
  now?: () => Date;
  request?: Partial<RequestMeta>;
  sessionToken?: string | null;
  sessionCookie?: SessionCookie;
  auth?: Partial<AuthSettings>;
  basemap?: AppInfoDto["basemap"];
  mapTilesAbove?: number;
  sharedReads?: SharedReads | null;
}): Context {
  return {
    prisma: options.prisma,
    now: options.now ?? (() => new Date()),
    request: { ip: "127.0.0.1", userAgent: "", sameOrigin: true, ...options.request },
    sessionToken: options.sessionToken ?? null,
    sessionCookie: options.sessionCookie ?? NO_COOKIE,
    auth: {
      policy: options.auth?.policy ?? DEFAULT_SESSION_POLICY,
      throttle: options.auth?.throttle ?? new LoginThrottle(options.prisma),
      anonymousAudit: options.auth?.anonymousAudit ?? new AnonymousAuditLimit(),
    },
    basemap: options.basemap ?? null,
    mapTilesAbove: options.mapTilesAbove ?? DEFAULT_MAP_TILES_ABOVE,
    sharedReads: options.sharedReads ?? null,
  };
}
