import { z } from "zod";
import type { DataQualityDto } from "../dto.ts";
import { dataQuality } from "../services/data-quality.ts";
import { protectedProcedure, router } from "../trpc.ts";

/** 数据质量: organisations whose coordinates look wrong, in the user's region. */
export const dataQualityRouter = router({
  coordinates: protectedProcedure(["TOWNSHIP", "COUNTY", "CITY", "LEADER"])
    .input(z.object({ unitId: z.string().min(1).optional() }).optional())
    .query(({ ctx, input }): Promise<DataQualityDto> => dataQuality(ctx, input?.unitId)),
});
