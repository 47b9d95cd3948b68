import { findCurrentCycle } from "@beltmap/db";
import { checkCycleWritable, chinaDayOf } from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Context } from "../context.ts";
import type { CycleSummaryDto } from "../dto.ts";

export type Cycle = NonNullable<Awaited<ReturnType<typeof findCurrentCycle>>>;

/** The optional `cycleId` of every read that shows one cycle: absent means the current one. */
export const cycleIdInput = z.number().int().positive().optional();

export async function requireCurrentCycle(ctx: Context): Promise<Cycle> {
  const cycle = await findCurrentCycle(ctx.prisma);
  if (!cycle) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "尚未建立评价周期" });
  return cycle;
}

// One HTTP request may batch several procedures asking for the same cycle: read it once.
const perRequest = new WeakMap<Context, Map<number | "current", Promise<Cycle>>>();

/** The cycle a read shows: the one asked for (any year, past ones included), or the current one. */
export function cycleForRead(ctx: Context, cycleId?: number | undefined): Promise<Cycle> {
  const key = cycleId ?? "current";
  const cache = perRequest.get(ctx) ?? new Map<number | "current", Promise<Cycle>>();
  perRequest.set(ctx, cache);
  const cached = cache.get(key);
  if (cached) return cached;
  const loaded =
    cycleId === undefined
      ? requireCurrentCycle(ctx)
      : ctx.prisma.evaluationCycle.findUnique({ where: { id: cycleId } }).then((cycle) => {
          if (!cycle) throw new TRPCError({ code: "NOT_FOUND", message: "未找到该年度" });
          return cycle;
        });
  cache.set(key, loaded);
  return loaded;
}

/**
 * The cycle a write goes to: always the current one. A caller that names another (a page still
 * showing a past year) is refused: past cycles are read-only history.
 */
export async function cycleForWrite(ctx: Context, cycleId?: number | undefined): Promise<Cycle> {
  const cycle = await cycleForRead(ctx, cycleId);
  const check = checkCycleWritable(cycle);
  if (!check.ok) throw new TRPCError({ code: "PRECONDITION_FAILED", message: check.message });
  return cycle;
}

export function cycleSummary(cycle: Cycle): CycleSummaryDto {
  return {
    id: cycle.id,
    year: cycle.year,
    name: cycle.name,
    isCurrent: cycle.isCurrent,
    startsOn: chinaDayOf(cycle.startsOn),
    endsOn: chinaDayOf(cycle.endsOn),
    beltPlanDeadline: cycle.beltPlanDeadline.toISOString(),
    initialSummaryDeadline: cycle.initialSummaryDeadline.toISOString(),
    targets: {
      excellent: cycle.excellentTarget,
      practices: cycle.practiceTarget,
      good: cycle.goodTarget,
      pass: cycle.passTarget,
      fail: cycle.failTarget,
    },
    openedAt: cycle.openedAt?.toISOString() ?? null,
    closedAt: cycle.closedAt?.toISOString() ?? null,
  };
}
