import { appendix2Router } from "./routers/appendix2.ts";
import { auditRouter } from "./routers/audit.ts";
import { authRouter } from "./routers/auth.ts";
import { beltRouter } from "./routers/belt.ts";
import { briefingRouter } from "./routers/briefing.ts";
import { cycleRouter } from "./routers/cycle.ts";
import { dashboardRouter } from "./routers/dashboard.ts";
import { dataQualityRouter } from "./routers/data-quality.ts";
import { mapRouter } from "./routers/map.ts";
import { metaRouter } from "./routers/meta.ts";
import { organizationExportRouter } from "./routers/organization-export.ts";
import { organizationImportRouter } from "./routers/organization-import.ts";
import { planRouter } from "./routers/plan.ts";
import { queueRouter } from "./routers/queue.ts";
import { reportRouter } from "./routers/report.ts";
import { rereviewRouter } from "./routers/rereview.ts";
import { rosterRouter } from "./routers/roster.ts";
import { sheetRouter } from "./routers/sheet.ts";
import { siteRouter } from "./routers/site.ts";
import { unitRouter } from "./routers/unit.ts";
import { userRouter } from "./routers/user.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  meta: metaRouter,
  cycle: cycleRouter,
  sheet: sheetRouter,
  queue: queueRouter,
  rereview: rereviewRouter,
  user: userRouter,
  site: siteRouter,
  roster: rosterRouter,
  audit: auditRouter,
  report: reportRouter,
  appendix2: appendix2Router,
  unit: unitRouter,
  map: mapRouter,
  belt: beltRouter,
  plan: planRouter,
  dashboard: dashboardRouter,
  briefing: briefingRouter,
  organizationImport: organizationImportRouter,
  organizationExport: organizationExportRouter,
  dataQuality: dataQualityRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
