// Starts Beltmap: validate configuration, open (and migrate) the database, load the demo data into
// an empty one, serve, and shut down cleanly on SIGINT/SIGTERM.
import {
  type Database,
  findCurrentCycle,
  listOrganizationsWithGrades,
  openDatabase,
  seedDemoIfEmpty,
  seedReferenceDataIfEmpty,
} from "@beltmap/db";
import { buildServer } from "./app.ts";
import { ConfigError, loadConfig, wantsDemoData } from "./config.ts";

async function main() {
  const started = performance.now();
  const config = loadConfig();
  const database = await openDatabase(config.DATABASE_URL);
  const app = await buildServer({ config, database });
  app.log.info(
    { database: database.description, migrationsApplied: database.migrations.applied },
    "database ready",
  );
  if (config.DEMO_CLOCK)
    app.log.warn(
      { demoClock: config.DEMO_CLOCK },
      "DEMO_CLOCK is set: the server's clock is not the real one",
    );
  if (wantsDemoData(config.DEMO_DATA, database.location.kind)) {
    const seed = await seedDemoIfEmpty(database.prisma);
    if (seed.seeded)
      app.log.info({ organizations: seed.organizations, hash: seed.hash }, "demo data (示例数据) loaded");
  } else if (await seedReferenceDataIfEmpty(database.prisma)) {
    app.log.info(
      "reference data loaded: the units of Appendix 3, the townships and the 2017 cycle (open the current one on 年度管理)",
    );
  }

  let closing = false;
  // The warm-up's query, once started: the database is closed only after it has settled, never
  // under a query of the server's own.
  let warming: Promise<void> = Promise.resolve();
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      app.log.error("shutdown took over 10 s; exiting");
      process.exit(1);
    }, 10_000);
    timer.unref();
    try {
      await app.close(); // stops accepting, lets requests in flight finish
      await warming;
      await database.close();
    } catch (error) {
      app.log.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    await database.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new ConfigError(
        `PORT ${config.PORT} is in use on ${config.HOST}: stop what holds it, or set PORT to another port`,
      );
    }
    throw error;
  }
  warming = warmUp(app, database);
  app.log.info(
    { ms: Math.round(performance.now() - started) },
    `Beltmap is serving http://localhost:${config.PORT}/`,
  );
}

/**
 * Warms the query engine in the background (its WebAssembly compiler loads on the first query), so
 * the first visitor after a restart does not pay for it. Constant work: a read of a few rows, never
 * of every organisation, so a start costs the same at any data size.
 */
async function warmUp(app: Awaited<ReturnType<typeof buildServer>>, database: Database) {
  try {
    const cycle = await findCurrentCycle(database.prisma);
    if (cycle) await listOrganizationsWithGrades(database.prisma, { cycleId: cycle.id, ids: [] });
  } catch (error) {
    app.log.warn({ err: error }, "warm-up query failed");
  }
}

/**
 * The database package's refusals about the PGlite data directory (in use by another process, not
 * writable): their message (Chinese, with the directory and what to do) is all the operator needs.
 */
function isDataDirectoryError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    error instanceof Error && (code === "BELTMAP_DATABASE_IN_USE" || code === "BELTMAP_DATA_DIR_NOT_WRITABLE")
  );
}

main().catch((error: unknown) => {
  // Operators read this: the message first; the stack only when they ask for detail.
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else if (isDataDirectoryError(error)) {
    console.error(`Beltmap 无法启动：${error.message}`);
  } else {
    console.error(`Beltmap could not start: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.LOG_LEVEL === "debug" || process.env.LOG_LEVEL === "trace") console.error(error);
  }
  process.exit(1);
});
