import { ITEM_SCORE_STEP, SCORE_SHEET, SHEET_MAX_TOTAL, STAGES } from "@beltmap/domain";
import { z } from "zod";
import type { SheetDefinitionDto, SheetDto } from "../dto.ts";
import { cycleForRead, cycleForWrite, cycleIdInput } from "../services/cycle.ts";
import { readSheet, returnStage, writeStage } from "../services/sheets.ts";
import { protectedProcedure, router } from "../trpc.ts";

const organizationId = z.number().int().positive();
const stage = z.enum(STAGES);
const version = z.number().int().min(0);
// Item scores are checked by the domain (parseItemScores), which names each wrong item.
const items = z.record(z.string(), z.number().nullable());

const writeInput = z.object({
  /** The cycle the page shows; a past one is refused (only the current cycle takes writes). */
  cycleId: cycleIdInput,
  organizationId,
  stage,
  version,
  items,
  opinion: z.string().max(2000).nullish(),
  overrideReason: z.string().max(500).nullish(),
});

export const sheetRouter = router({
  /** The 五强 sheet: 5 dimensions × 5 items × 4 points. */
  definition: protectedProcedure().query(
    (): SheetDefinitionDto => ({
      dimensions: SCORE_SHEET.map((d) => ({
        key: d.key,
        name: d.name,
        items: d.items.map((item) => ({ key: item.key, text: item.text, maxScore: item.maxScore })),
      })),
      maxTotal: SHEET_MAX_TOTAL,
      step: ITEM_SCORE_STEP,
    }),
  ),

  /** One organisation's four stages, what the user may do on each, its grade and its unit's quota. */
  get: protectedProcedure()
    .input(z.object({ organizationId, cycleId: cycleIdInput }))
    .query(async ({ ctx, input }): Promise<SheetDto> => {
      const cycle = await cycleForRead(ctx, input.cycleId);
      return readSheet(ctx, input.organizationId, cycle);
    }),

  /** Saves the user's stage as a draft (scores may be incomplete). */
  save: protectedProcedure(["ORG", "TOWNSHIP", "COUNTY", "CITY"])
    .input(writeInput)
    .mutation(async ({ ctx, input }): Promise<SheetDto> => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await writeStage(ctx, cycle, { ...input, submit: false });
      return readSheet(ctx, input.organizationId, cycle);
    }),

  /** Submits the user's stage as a whole (all 25 items) and locks it; 评定 determines the grade. */
  submit: protectedProcedure(["ORG", "TOWNSHIP", "COUNTY", "CITY"])
    .input(writeInput)
    .mutation(async ({ ctx, input }): Promise<SheetDto> => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await writeStage(ctx, cycle, { ...input, submit: true });
      return readSheet(ctx, input.organizationId, cycle);
    }),

  /** Returns the stage below for revision, with the reason. */
  return: protectedProcedure(["TOWNSHIP", "COUNTY", "CITY"])
    .input(z.object({ cycleId: cycleIdInput, organizationId, stage, version, reason: z.string().max(1000) }))
    .mutation(async ({ ctx, input }): Promise<SheetDto> => {
      const cycle = await cycleForWrite(ctx, input.cycleId);
      await returnStage(ctx, cycle, input);
      return readSheet(ctx, input.organizationId, cycle);
    }),
});
