import { findCurrentCycle } from "@beltmap/db";
import { TRPCError } from "@trpc/server";
import type { Context } from "../context.ts";

export async function requireCurrentCycle(ctx: Context) {
  const cycle = await findCurrentCycle(ctx.prisma);
  if (!cycle) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "尚未建立评价周期" });
  return cycle;
}
