export { AnonymousAuditLimit } from "./auth/anonymous-audit-limit.ts";
export { DEFAULT_SESSION_POLICY, type SessionPolicy } from "./auth/session-policy.ts";
export { resolveSession } from "./auth/sessions.ts";
export { LoginThrottle } from "./auth/throttle.ts";
export { SESSION_COOKIE } from "./auth/tokens.ts";
export {
  type AuthSettings,
  type Context,
  createContextInner,
  DEFAULT_MAP_TILES_ABOVE,
  type RequestMeta,
  type SessionUser,
} from "./context.ts";
export type * from "./dto.ts";
export { type AppRouter, appRouter, createCaller } from "./root.ts";
export { createSharedReads, DEFAULT_SHARED_READ_MS, type SharedReads } from "./shared-reads.ts";
export { DomainError, type FieldIssue } from "./trpc.ts";
