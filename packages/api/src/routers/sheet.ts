import { ITEM_SCORE_STEP, SCORE_SHEET, SHEET_MAX_TOTAL } from "@beltmap/domain";
import type { SheetDefinitionDto } from "../dto.ts";
import { publicProcedure, router } from "../trpc.ts";

export const sheetRouter = router({
  /** The 五强 sheet: 5 dimensions × 5 items × 4 points. */
  definition: publicProcedure.query(
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
});
