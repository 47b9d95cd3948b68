import { authRouter } from "./routers/auth.ts";
import { beltRouter } from "./routers/belt.ts";
import { dashboardRouter } from "./routers/dashboard.ts";
import { mapRouter } from "./routers/map.ts";
import { metaRouter } from "./routers/meta.ts";
import { queueRouter } from "./routers/queue.ts";
import { sheetRouter } from "./routers/sheet.ts";
import { unitRouter } from "./routers/unit.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  meta: metaRouter,
  sheet: sheetRouter,
  queue: queueRouter,
  unit: unitRouter,
  map: mapRouter,
  belt: beltRouter,
  dashboard: dashboardRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
