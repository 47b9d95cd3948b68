import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { configureZodMessages } from "./zod-messages.ts";

// Input errors reach users: zod words them in Chinese, the UI's first language.
configureZodMessages();

import type { Role } from "@beltmap/domain";
import { resolveSession } from "./auth/sessions.ts";
import type { Context, SessionUser } from "./context.ts";
import { DomainError, type FieldIssue } from "./errors.ts";
import { inputIssues, inputIssuesMessage } from "./input-guard.ts";
import { writeAnonymousAudit, writeAudit } from "./services/audit.ts";

export { DomainError, type FieldIssue } from "./errors.ts";

const INTERNAL_ERROR_MESSAGE = "服务器内部错误，请稍后重试";

/**
 * Every procedure states who may call it: "public" (only login), or the roles allowed (all roles
 * when the list is "ALL"). A procedure without an access rule is refused: scope fails closed.
 */
export type Access = "public" | { roles: readonly Role[] | "ALL"; ownAccount?: boolean };
export type Meta = { access?: Access };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Never send stack traces or internal messages to clients, whatever NODE_ENV says;
    // the server logs the real error (apps/server onError).
    isDev: false,
    // One place turns input errors into messages that name the field.
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const issues: FieldIssue[] =
        cause instanceof ZodError
          ? cause.issues.map((issue) => ({
              field: issue.path.join(".") || "(input)",
              message: issue.message,
            }))
          : error instanceof DomainError
            ? error.issues
            : cause instanceof DomainError
              ? cause.issues
              : [];
      const message =
        cause instanceof ZodError
          ? `输入有误：${issues.map((i) => `${i.field} ${i.message}`).join("；")}`
          : error.code === "INTERNAL_SERVER_ERROR"
            ? INTERNAL_ERROR_MESSAGE
            : shape.message;
      const { stack: _stack, ...data } = shape.data as typeof shape.data & { stack?: string };
      return { ...shape, message, data: { ...data, issues } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// Mutations refuse a request another site made the browser send (CSRF), whatever the cookie says.
const sameOriginMutations = t.middleware(async ({ ctx, type, path, meta, next }) => {
  if (meta?.access === undefined) {
    throw new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: `procedure ${path} states no access rule`,
    });
  }
  if (type === "mutation" && !ctx.request.sameOrigin) {
    await writeAnonymousAudit(ctx, {
      action: "access.denied",
      entity: "procedure",
      entityId: path,
      after: { reason: "cross-site" },
    });
    throw new TRPCError({ code: "FORBIDDEN", message: "拒绝来自其他网站的请求" });
  }
  return next();
});

// One HTTP request may batch several procedures; the session is looked up once for all of them.
const resolvedUsers = new WeakMap<Context, Promise<SessionUser | null>>();

function sessionUserOf(ctx: Context): Promise<SessionUser | null> {
  const token = ctx.sessionToken;
  if (!token) return Promise.resolve(null);
  const cached = resolvedUsers.get(ctx) ?? resolveSession(ctx.prisma, token, ctx.now(), ctx.auth.policy);
  resolvedUsers.set(ctx, cached);
  return cached;
}

/** What a briefing link's session may call: the briefing screen's reads, and signing out. */
const BRIEFING_LINK_PATHS = new Set([
  "auth.me",
  "auth.logout",
  "meta.info",
  "unit.list",
  "dashboard.summary",
  "dashboard.series",
  "cycle.list",
  "belt.list",
  "belt.compliance",
  "map.organizations",
  "map.serviceCenters",
  "map.counties",
]);

const signedIn = t.middleware(async ({ ctx, type, path, meta, next }) => {
  const user = await sessionUserOf(ctx);
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "请先登录（登录已过期或已退出）" });
  if (user.briefingLink && !BRIEFING_LINK_PATHS.has(path)) {
    await writeAudit(ctx.prisma, ctx, user, {
      action: "access.denied",
      entity: "procedure",
      entityId: path,
      after: { reason: "briefing link" },
    });
    throw new TRPCError({ code: "FORBIDDEN", message: "大屏链接只能显示领导大屏" });
  }
  const access = meta?.access;
  const roles = access && access !== "public" ? access.roles : [];
  const roleAllowed = roles === "ALL" || roles.includes(user.role);
  // Read-only roles still manage their own account (log out, change their password).
  const ownAccount = access !== undefined && access !== "public" && access.ownAccount === true;
  const readOnly = type === "mutation" && user.role === "LEADER" && !ownAccount;
  if (!roleAllowed || readOnly) {
    await writeAudit(ctx.prisma, ctx, user, {
      action: "access.denied",
      entity: "procedure",
      entityId: path,
      after: { reason: readOnly ? "read-only role" : "role" },
    });
    throw new TRPCError({
      code: "FORBIDDEN",
      message: readOnly ? "只读账号不能修改数据" : "当前账号无权进行此操作",
    });
  }
  return next({ ctx: { user } });
});

/**
 * What no field of any procedure may hold (U+0000, an unpaired surrogate, a number beyond
 * PostgreSQL's integer, a prototype key, deep or huge nesting: see input-guard.ts), refused by
 * field before the procedure's schema and code see the input. It runs after the access checks, so a
 * refused caller is still refused (and audited) as such; their audit rows carry no input.
 */
const wellFormedInput = t.middleware(async ({ getRawInput, next }) => {
  const issues = inputIssues(await getRawInput());
  if (issues.length > 0) throw new DomainError(inputIssuesMessage(issues), issues);
  return next();
});

/**
 * A write to the campaign forgets the shared reads of this process and moves the data version every
 * instance checks, so its author sees the change on the next read, whichever instance answers it.
 * Signing in and out and one's own password change no campaign data: the public and own-account
 * procedures keep them, or 200 people signing in would recompute everything 200 times.
 */
const forgetSharedReadsOnWrite = t.middleware(async ({ ctx, type, next }) => {
  try {
    return await next();
  } finally {
    // Before the answer goes back: whoever wrote sees the change on any instance they read next.
    if (type === "mutation") await ctx.sharedReads?.forget();
  }
});

/** Reachable without a session: signing in, and opening a 大屏 by its briefing link. */
export const publicProcedure = t.procedure
  .meta({ access: "public" })
  .use(sameOriginMutations)
  .use(wellFormedInput);

/** Needs a session, and one of `roles`; `ctx.user` carries the user and their region. */
export function protectedProcedure(roles: readonly Role[] | "ALL" = "ALL") {
  return t.procedure
    .meta({ access: { roles } })
    .use(forgetSharedReadsOnWrite)
    .use(sameOriginMutations)
    .use(signedIn)
    .use(wellFormedInput);
}

/** Needs a session; acts on the signed-in user's own account only, so read-only roles may call it. */
export const ownAccountProcedure = t.procedure
  .meta({ access: { roles: "ALL", ownAccount: true } })
  .use(sameOriginMutations)
  .use(signedIn)
  .use(wellFormedInput);
