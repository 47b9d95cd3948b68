import { STAGE_LABELS_ZH, STAGES, type Stage } from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import type { BulkResultDto } from "../dto.ts";
import { writeAudit } from "./audit.ts";
import type { Cycle } from "./cycle.ts";
import { organizationWhere, type ScopedContext } from "./scope.ts";
import { returnStage, writeStage } from "./sheets.ts";

export type BulkRow = { organizationId: number; version: number; previousVersion: number };

export type BulkCommand =
  | {
      action: "adopt";
      stage: Stage;
      rows: BulkRow[];
      opinion?: string | null | undefined;
      overrideReason?: string | null | undefined;
    }
  | { action: "return"; stage: Stage; rows: BulkRow[]; reason: string };

/**
 * Applies one action to many organisations, each in its own transaction and with every check a
 * single action has (scope, stage, version, quota): one refusal does not stop the others, and the
 * answer says what happened to each row.
 * - adopt: fill the stage with the previous stage's scores and submit it (county: 初评 from 复核;
 *   city: 评定 from 初评);
 * - return: send the previous stage back with the reason.
 */
export async function runBulk(
  ctx: ScopedContext,
  cycle: Cycle,
  command: BulkCommand,
): Promise<BulkResultDto[]> {
  const cycleId = cycle.id;
  const previous = STAGES[STAGES.indexOf(command.stage) - 1];
  if (!previous) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `${STAGE_LABELS_ZH[command.stage]}没有上一环节，不能批量处理`,
    });
  }
  const inRegion = await organizationsInRegion(ctx, command.rows);
  const results: BulkResultDto[] = [];
  for (const row of command.rows) {
    if (!inRegion.has(row.organizationId)) {
      results.push({ organizationId: row.organizationId, ok: false, message: NOT_FOUND });
      continue;
    }
    try {
      if (command.action === "adopt") {
        const source = await ctx.prisma.scoreSheet.findUnique({
          where: {
            organizationId_cycleId_stage: { organizationId: row.organizationId, cycleId, stage: previous },
          },
          select: { items: true, version: true },
        });
        if (source && source.version !== row.previousVersion) {
          throw new TRPCError({
            code: "CONFLICT",
            message: `${STAGE_LABELS_ZH[previous]}已更新，请刷新后重试`,
          });
        }
        await writeStage(ctx, cycle, {
          organizationId: row.organizationId,
          stage: command.stage,
          version: row.version,
          // A missing source is left to writeStage, which refuses it as out of scope or out of order.
          items: source?.items ?? {},
          opinion: command.opinion,
          overrideReason: command.overrideReason,
          submit: true,
        });
      } else {
        await returnStage(ctx, cycle, {
          organizationId: row.organizationId,
          stage: previous,
          version: row.previousVersion,
          reason: command.reason,
        });
      }
      results.push({ organizationId: row.organizationId, ok: true, message: "已完成" });
    } catch (error) {
      if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") throw error;
      results.push({ organizationId: row.organizationId, ok: false, message: error.message });
    }
  }
  return results;
}

const NOT_FOUND = "未找到该党组织";
const AUDITED_IDS = 50;

/**
 * The rows' organisations that lie in the user's region, found in one query before any row is
 * touched: the others are refused at once, as not found whether they exist or not (so a probe
 * learns nothing of another region's sheets), with one audit row for the lot, not one per row.
 */
async function organizationsInRegion(ctx: ScopedContext, rows: readonly BulkRow[]): Promise<Set<number>> {
  const ids = [...new Set(rows.map((row) => row.organizationId))];
  const found = await ctx.prisma.organization.findMany({
    where: { AND: [{ id: { in: ids } }, organizationWhere(ctx.user.region)] },
    select: { id: true },
  });
  const inRegion = new Set(found.map((org) => org.id));
  const refused = ids.filter((id) => !inRegion.has(id));
  if (refused.length > 0) {
    await writeAudit(ctx.prisma, ctx, ctx.user, {
      action: "access.denied",
      entity: "Organization",
      entityId: "queue.bulk",
      after: { reason: "out of region", count: refused.length, ids: refused.slice(0, AUDITED_IDS) },
    });
  }
  return inRegion;
}
