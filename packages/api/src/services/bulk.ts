import { STAGE_LABELS_ZH, STAGES, type Stage } from "@beltmap/domain";
import { TRPCError } from "@trpc/server";
import type { BulkResultDto } from "../dto.ts";
import type { Cycle } from "./cycle.ts";
import type { ScopedContext } from "./scope.ts";
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
  const results: BulkResultDto[] = [];
  for (const row of command.rows) {
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
