import { findUserByUsername, hashPassword, passwordProblem, usernameProblem } from "@beltmap/db";
import { ROLES, validateUserScope } from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { UserDto } from "../dto.ts";
import { DomainError } from "../errors.ts";
import { writeAudit } from "../services/audit.ts";
import type { ScopedContext } from "../services/scope.ts";
import { describeUser } from "../services/users.ts";
import { protectedProcedure, router } from "../trpc.ts";

const scopeFields = {
  role: z.enum(ROLES),
  unitId: z.string().min(1).nullable(),
  townshipId: z.string().min(1).nullable(),
  organizationId: z.number().int().positive().nullable(),
};

/** A user's fields and their live sessions (expired ones linger until next used). */
function userSelect(ctx: ScopedContext) {
  const now = ctx.now().getTime();
  const live = {
    lastSeenAt: { gt: new Date(now - ctx.auth.policy.idleMs) },
    createdAt: { gt: new Date(now - ctx.auth.policy.absoluteMs) },
  };
  return {
    id: true,
    username: true,
    displayName: true,
    role: true,
    unitId: true,
    townshipId: true,
    organizationId: true,
    disabled: true,
    createdAt: true,
    _count: { select: { sessions: { where: live } } },
  } as const;
}

async function toDto(ctx: ScopedContext, row: Awaited<ReturnType<typeof findUser>>): Promise<UserDto> {
  const described = await describeUser(ctx.prisma, row);
  return {
    ...described,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    sessions: row._count.sessions,
  };
}

function findUser(ctx: ScopedContext, id: number) {
  return ctx.prisma.user.findUniqueOrThrow({ where: { id }, select: userSelect(ctx) });
}

/** The role's fields must fit it, and what they point at must exist. */
async function checkScope(
  ctx: ScopedContext,
  scope: z.infer<z.ZodObject<typeof scopeFields>>,
): Promise<void> {
  const errors = validateUserScope(scope);
  if (scope.unitId && !(await ctx.prisma.unit.findUnique({ where: { id: scope.unitId } }))) {
    errors.push({ field: "unitId", message: "单位不存在" });
  }
  if (scope.townshipId && !(await ctx.prisma.township.findUnique({ where: { id: scope.townshipId } }))) {
    errors.push({ field: "townshipId", message: "乡镇（街道、园区）不存在" });
  }
  if (
    scope.organizationId &&
    !(await ctx.prisma.organization.findUnique({ where: { id: scope.organizationId } }))
  ) {
    errors.push({ field: "organizationId", message: "党组织不存在" });
  }
  if (errors.length > 0) throw new DomainError(errors.map((e) => e.message).join("；"), errors);
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new DomainError(problem, [{ field: "password", message: problem }]);
}

/** The city keeps at least one enabled city account, or nobody could manage users any more. */
async function keepOneCityAdmin(ctx: ScopedContext, id: number): Promise<void> {
  const others = await ctx.prisma.user.count({ where: { role: "CITY", disabled: false, id: { not: id } } });
  if (others === 0)
    throw new DomainError("至少须保留一个启用的市级账号", [
      { field: "disabled", message: "至少须保留一个启用的市级账号" },
    ]);
}

const CITY = ["CITY"] as const;

export const userRouter = router({
  list: protectedProcedure(CITY).query(async ({ ctx }): Promise<UserDto[]> => {
    // The briefing links' own accounts are managed with their links, not here.
    const rows = await ctx.prisma.user.findMany({
      where: { briefingLink: null },
      select: userSelect(ctx),
      orderBy: { id: "asc" },
    });
    return Promise.all(rows.map((row) => toDto(ctx, row)));
  }),

  create: protectedProcedure(CITY)
    .input(
      z.object({
        username: z
          .string()
          .trim()
          .refine((name) => usernameProblem(name) === null, { message: usernameProblem("") ?? "" }),
        displayName: z.string().trim().min(1, "请填写显示名称").max(60),
        password: z.string(),
        ...scopeFields,
      }),
    )
    .mutation(async ({ ctx, input }): Promise<UserDto> => {
      checkPassword(input.password);
      const { password, ...fields } = input;
      await checkScope(ctx, fields);
      const taken = () => new DomainError("用户名已存在", [{ field: "username", message: "用户名已存在" }]);
      if (await findUserByUsername(ctx.prisma, fields.username)) throw taken();
      const passwordHash = await hashPassword(password);
      const created = await ctx.prisma.$transaction(async (tx) => {
        const user = await tx.user
          .create({ data: { ...fields, passwordHash } })
          // The same name in another case created meanwhile: the unique index on lower(username).
          .catch((error: unknown) => {
            throw (error as { code?: string }).code === "P2002" ? taken() : error;
          });
        await writeAudit(tx, ctx, ctx.user, {
          action: "user.create",
          entity: "User",
          entityId: user.id,
          after: fields,
        });
        return user;
      });
      return toDto(ctx, await findUser(ctx, created.id));
    }),

  /** Role, region, name or disabled; a disabled user, or one whose region changes, loses every session at once. */
  update: protectedProcedure(CITY)
    .input(
      z.object({
        id: z.number().int().positive(),
        displayName: z.string().trim().min(1, "请填写显示名称").max(60),
        disabled: z.boolean(),
        ...scopeFields,
      }),
    )
    .mutation(async ({ ctx, input }): Promise<UserDto> => {
      // A briefing link's account is the link's: managed with it (revoked, never edited) only.
      const before = await ctx.prisma.user.findUnique({
        where: { id: input.id, briefingLink: null },
        select: userSelect(ctx),
      });
      if (!before) throw new TRPCError({ code: "NOT_FOUND", message: "未找到该用户" });
      const { id, ...fields } = input;
      await checkScope(ctx, fields);
      if (before.role === "CITY" && !before.disabled && (fields.disabled || fields.role !== "CITY")) {
        await keepOneCityAdmin(ctx, id);
      }
      const regionChanged =
        before.role !== fields.role ||
        before.unitId !== fields.unitId ||
        before.townshipId !== fields.townshipId ||
        before.organizationId !== fields.organizationId;
      await ctx.prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id }, data: fields });
        if (fields.disabled || regionChanged) await tx.session.deleteMany({ where: { userId: id } });
        const { _count: _sessions, createdAt: _created, ...beforeFields } = before;
        await writeAudit(tx, ctx, ctx.user, {
          action: "user.update",
          entity: "User",
          entityId: id,
          before: beforeFields,
          after: fields,
        });
      });
      return toDto(ctx, await findUser(ctx, id));
    }),

  resetPassword: protectedProcedure(CITY)
    .input(z.object({ id: z.number().int().positive(), password: z.string() }))
    .mutation(async ({ ctx, input }) => {
      checkPassword(input.password);
      const passwordHash = await hashPassword(input.password);
      await ctx.prisma.$transaction(async (tx) => {
        const updated = await tx.user.updateMany({
          where: { id: input.id, briefingLink: null },
          data: { passwordHash },
        });
        if (updated.count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "未找到该用户" });
        await tx.session.deleteMany({ where: { userId: input.id } });
        await writeAudit(tx, ctx, ctx.user, {
          action: "user.resetPassword",
          entity: "User",
          entityId: input.id,
        });
      });
      return { ok: true as const };
    }),
});
