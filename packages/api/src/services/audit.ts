import type { Prisma, PrismaClient } from "@beltmap/db";
import { regionLabel } from "@beltmap/domain";
import type { Context, SessionUser } from "../context.ts";

export type AuditEntry = {
  action: string;
  entity?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
};

/**
 * Appends one row to the audit log (a database trigger refuses UPDATE and DELETE on it). Pass the
 * transaction client when the audited change is in a transaction, so both land or neither.
 */
export async function writeAudit(
  db: PrismaClient | Prisma.TransactionClient,
  ctx: { now: () => Date },
  user: Pick<SessionUser, "id" | "role" | "region"> | null,
  entry: AuditEntry,
): Promise<void> {
  await db.auditLog.create({
    data: {
      at: ctx.now(),
      userId: user?.id ?? null,
      role: user?.role ?? null,
      region: user ? regionLabel(user.region) : null,
      action: entry.action,
      entity: entry.entity ?? null,
      entityId: entry.entityId === undefined ? null : String(entry.entityId),
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

/**
 * A row nobody signed in caused (a failed login, a cross-site request): written within the
 * per-address and overall limits; the rows held back become one "audit.suppressed" row.
 */
export async function writeAnonymousAudit(
  ctx: Pick<Context, "prisma" | "now" | "request" | "auth">,
  entry: AuditEntry,
): Promise<void> {
  const allowance = ctx.auth.anonymousAudit.allow(ctx.request.ip, ctx.now());
  if (!allowance.write) return;
  if (allowance.suppressedBefore) {
    await writeAudit(ctx.prisma, ctx, null, {
      action: "audit.suppressed",
      after: { ...allowance.suppressedBefore, reason: "anonymous rows over the limit" },
    });
  }
  await writeAudit(ctx.prisma, ctx, null, entry);
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null
    ? undefined
    : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}
