import {
  findUserByUsername,
  hashPassword,
  passwordProblem,
  TIMING_DECOY_HASH,
  verifyPassword,
} from "@beltmap/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createSession, deleteSessionByToken } from "../auth/sessions.ts";
import { settleOnError, throttledError } from "../auth/throttle-errors.ts";
import type { MeDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { writeAnonymousAudit, writeAudit } from "../services/audit.ts";
import { describeUser } from "../services/users.ts";
import { ownAccountProcedure, publicProcedure, router } from "../trpc.ts";

const WRONG_CREDENTIALS = "用户名或密码错误";

export const authRouter = router({
  /** Username + password; a new session token every time, the old one (if any) dropped. */
  login: publicProcedure
    .input(z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }))
    .mutation(async ({ ctx, input }): Promise<MeDto> => {
      const now = ctx.now();
      const attempt = await ctx.auth.throttle.begin(input.username, ctx.request.ip, ctx.now);
      if (!("succeed" in attempt)) {
        await writeAnonymousAudit(ctx, {
          action: "login.throttled",
          entity: "User",
          after: { username: input.username, ip: ctx.request.ip },
        });
        throw throttledError(attempt, "登录失败次数过多");
      }
      const user = await settleOnError(attempt, () => findUserByUsername(ctx.prisma, input.username));
      const passwordOk = await settleOnError(attempt, async () =>
        verifyPassword(user?.passwordHash ?? (await TIMING_DECOY_HASH), input.password),
      );
      if (!user || !passwordOk || user.disabled) {
        await attempt.fail();
        await writeAnonymousAudit(ctx, {
          action: "login.failed",
          entity: "User",
          entityId: user?.id,
          after: {
            username: input.username,
            ip: ctx.request.ip,
            reason: !user ? "unknown" : !passwordOk ? "password" : "disabled",
          },
        });
        // A disabled account is told so only after the right password: no probing for accounts.
        throw new TRPCError({
          code: "UNAUTHORIZED",
          message:
            user && passwordOk && user.disabled ? "该账号已停用，请联系市委两新工委" : WRONG_CREDENTIALS,
        });
      }
      await attempt.succeed();
      if (ctx.sessionToken) await deleteSessionByToken(ctx.prisma, ctx.sessionToken);
      const token = await createSession(ctx.prisma, {
        userId: user.id,
        ip: ctx.request.ip,
        userAgent: ctx.request.userAgent,
        now,
      });
      ctx.sessionCookie.set(token, Math.floor(ctx.auth.policy.absoluteMs / 1000));
      const me = await describeUser(ctx.prisma, user);
      await writeAudit(
        ctx.prisma,
        ctx,
        { id: user.id, role: me.role, region: me.region },
        {
          action: "login",
          entity: "User",
          entityId: user.id,
          after: { ip: ctx.request.ip },
        },
      );
      return me;
    }),

  logout: ownAccountProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await deleteSessionByToken(ctx.prisma, ctx.sessionToken);
    ctx.sessionCookie.clear();
    await writeAudit(ctx.prisma, ctx, ctx.user, { action: "logout", entity: "User", entityId: ctx.user.id });
    return { ok: true as const };
  }),

  /** Any user changes their own password; their other sessions end, this one stays. */
  changePassword: ownAccountProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const problem = passwordProblem(input.newPassword);
      if (problem) throw new DomainError(problem, [{ field: "newPassword", message: problem }]);
      const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ctx.user.id } });
      // Guessing the current password is guessing the account's password: the login's counts apply.
      const attempt = await ctx.auth.throttle.begin(user.username, ctx.request.ip, ctx.now);
      if (!("succeed" in attempt)) throw throttledError(attempt, "密码错误次数过多");
      const currentOk = await settleOnError(attempt, () =>
        verifyPassword(user.passwordHash, input.currentPassword),
      );
      if (!currentOk) {
        await attempt.fail();
        await writeAudit(ctx.prisma, ctx, ctx.user, {
          action: "user.changePassword.failed",
          entity: "User",
          entityId: user.id,
        });
        throw new DomainError("当前密码不正确", [{ field: "currentPassword", message: "当前密码不正确" }]);
      }
      await attempt.succeed();
      const passwordHash = await hashPassword(input.newPassword);
      await ctx.prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
        await tx.session.deleteMany({ where: { userId: user.id, id: { not: ctx.user.sessionId } } });
        await writeAudit(tx, ctx, ctx.user, {
          action: "user.changePassword",
          entity: "User",
          entityId: user.id,
        });
      });
      return { ok: true as const };
    }),

  /** Who is signed in, their role and the name of their region. */
  me: ownAccountProcedure.query(({ ctx }): Promise<MeDto> => describeUser(ctx.prisma, ctx.user)),
});
