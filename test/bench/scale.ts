// Scale benchmark (issue 15): for each size, a throwaway database (PostgreSQL, or with --pglite a
// PGlite directory) holding the demo data plus N synthetic organisations (scale/data.ts); then
//   1. the API's procedures in-process as the city, against plain SQL reading the same rows
//      (scale/procedures.ts);
//   2. start → /healthz of the compiled server on that database, against a bare Node HTTP server;
//   3. the compiled server in headless Chromium (scale/pages.ts): the map page and the dashboard as
//      the city, against a bare MapLibre page drawing the same organisations;
//   4. on PostgreSQL, two instances serving signed-in viewers of the dashboard and the map
//      (scale/viewers.ts; a PGlite directory is one process's).
// With several sizes, each page figure is also given as a ratio to the first size's, same run.
//
// Usage: npm run bench:scale [-- --orgs 98740 --runs 5 --page-runs 3 --viewers 200 --viewer-seconds 60]
//        npm run bench:scale -- --pglite --orgs 0,8740 --viewers 0   (PGlite: the demo, then 10,000)
//   --orgs: synthetic organisations beyond the demo's 1,260, one size or several separated by commas.
//   PostgreSQL on TEST_POSTGRES_URL (default postgres://root@127.0.0.1:5432/postgres); each database
//   is removed at the end unless --keep. --database <url or directory> measures one kept by an
//   earlier run, as it is. --page-runs 0 skips the browser, --viewers 0 the load.
import { parseArgs } from "node:util";
import { createSession } from "../../packages/api/src/auth/sessions.ts";
import { startServer } from "../support/server.ts";
import { bareNodeStartMs } from "./bare-node.ts";
import { type BenchDatabase, generate, openBenchDatabase } from "./scale/data.ts";
import { measurePages, organizationsOf, type PageFigures } from "./scale/pages.ts";
import { measureProcedures } from "./scale/procedures.ts";
import { measureViewers } from "./scale/viewers.ts";

const { values } = parseArgs({
  options: {
    orgs: { type: "string", default: "98740" },
    runs: { type: "string", default: "5" },
    "page-runs": { type: "string", default: "3" },
    /** Signed-in viewers on two instances, and for how long; --viewers 0 skips the load. */
    viewers: { type: "string", default: "200" },
    "viewer-seconds": { type: "string", default: "60" },
    pglite: { type: "boolean", default: false },
    /** Leave each database for a closer look (its URL or directory is printed). */
    keep: { type: "boolean", default: false },
    database: { type: "string" },
  },
});
const SIZES = values.orgs.split(",").map(Number);
const RUNS = Number(values.runs);
const PAGE_RUNS = Number(values["page-runs"]);
const VIEWERS = Number(values.viewers);
const VIEWER_SECONDS = Number(values["viewer-seconds"]);
const KIND = values.pglite ? "PGlite" : "PostgreSQL";
if (
  SIZES.some((n) => !Number.isInteger(n) || n < 0) ||
  !Number.isInteger(RUNS) ||
  RUNS < 1 ||
  !Number.isInteger(PAGE_RUNS) ||
  PAGE_RUNS < 0 ||
  !Number.isInteger(VIEWERS) ||
  VIEWERS < 0 ||
  !(VIEWER_SECONDS >= 1)
) {
  console.error(
    "usage: npm run bench:scale -- [--pglite] --orgs <count ≥ 0>[,<count>…] --runs <count ≥ 1>" +
      " --page-runs <count ≥ 0 (0: no browser)> --viewers <count ≥ 0 (0: no load)> --viewer-seconds <seconds ≥ 1>" +
      " [--database <url or directory>] [--keep]",
  );
  process.exit(2);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

async function main() {
  const sizes = values.database ? [Number.NaN] : SIZES;
  const pages: { organisations: number; figures: PageFigures }[] = [];
  for (const extra of sizes) {
    const bench = await openBenchDatabase({ kind: KIND, reuse: values.database });
    try {
      if (!Number.isNaN(extra)) await generate(bench, extra);
      const figures = await measureSize(bench);
      if (figures) pages.push(figures);
    } finally {
      await bench.close();
      if (values.keep) console.log(`\nkept: DATABASE_URL=${bench.url}`);
      else await bench.remove();
    }
  }
  const [first, ...rest] = pages;
  if (first && rest.length > 0) {
    console.log(
      `\npages against ${first.organisations} organisations, same run (bar 2× at 10,000 on PGlite):`,
    );
    for (const { organisations, figures } of rest)
      console.log(
        `  ${organisations}: map page idle ${(figures.mapIdleMs / first.figures.mapIdleMs).toFixed(2)}×,` +
          ` frame p95 ${(figures.mapFrameP95Ms / first.figures.mapFrameP95Ms).toFixed(2)}×,` +
          ` dashboard ready ${(figures.dashboardReadyMs / first.figures.dashboardReadyMs).toFixed(2)}×`,
      );
  }
}

/** Every figure of one database; its page figures, if the browser ran. */
async function measureSize(
  bench: BenchDatabase,
): Promise<{ organisations: number; figures: PageFigures } | null> {
  const db = bench.db;
  if (!db) throw new Error("the benchmark's database is closed");
  const [count] = await bench.sql(`SELECT count(*)::int AS n FROM "Organization"`);
  const organisations = Number(count?.n);
  console.log(
    `\n${organisations} organisations on ${bench.kind}, ${RUNS} runs each after one warm-up, in-process as demo-city:`,
  );
  for (const f of await measureProcedures(db, bench.sql, RUNS))
    console.log(
      `  ${f.label.padEnd(18)} p50 ${millis(f.p50Ms)}  p95 ${millis(f.p95Ms)}  (${f.jsonKb.toFixed(0)} KB of JSON)` +
        `   floor, ${f.floorLabel}: p95 ${millis(f.floorP95Ms)}  → ${(f.p95Ms / f.floorP95Ms).toFixed(1)}× floor`,
    );
  const organizations = PAGE_RUNS > 0 ? await organizationsOf(bench.sql) : [];
  // Viewers sign in as the city, its leader and a county: sessions made as a login would.
  const tokens =
    VIEWERS > 0 && bench.kind === "PostgreSQL"
      ? await Promise.all(
          ["demo-city", "demo-leader", "demo-county"].map(async (username) => {
            const user = await db.prisma.user.findUniqueOrThrow({ where: { username } });
            return createSession(db.prisma, {
              userId: user.id,
              ip: "127.0.0.1",
              userAgent: "bench",
              now: new Date(),
            });
          }),
        )
      : [];
  // A PGlite directory is one process's: the servers below open it in turn.
  if (bench.kind === "PGlite") await bench.close();
  await printStartup(bench.url);
  let pages: PageFigures | null = null;
  if (PAGE_RUNS > 0) {
    pages = await measurePages({ databaseUrl: bench.url, organizations, runs: PAGE_RUNS });
    printPages(pages, organisations, bench.kind);
  }
  if (tokens.length > 0) await printViewers(bench.url, tokens, organisations);
  return pages && { organisations, figures: pages };
}

/** Start → /healthz of the compiled server on this database, against a bare Node HTTP server. */
async function printStartup(databaseUrl: string): Promise<void> {
  const app: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 3; i++) {
    bare.push(await bareNodeStartMs());
    const server = await startServer({ databaseUrl, env: { LOG_LEVEL: "warn", DEMO_DATA: "off" } });
    app.push(server.readyMs);
    await server.stop();
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[1] ?? Number.NaN;
  console.log(
    `\nstart → /healthz, the compiled server on this database, median of 3: ${millis(median(app))}` +
      `   floor, a bare Node HTTP server: ${millis(median(bare))}  → ${(median(app) / median(bare)).toFixed(2)}× floor (bar 2×)`,
  );
}

async function printViewers(databaseUrl: string, tokens: string[], organisations: number): Promise<void> {
  const figures = await measureViewers({ databaseUrl, tokens, viewers: VIEWERS, seconds: VIEWER_SECONDS });
  console.log(
    `\n${VIEWERS} signed-in viewers opening the dashboard and the map every 5–15 s, two instances, ${organisations} organisations,` +
      ` ${VIEWER_SECONDS} s: ${figures.requests} requests, ${[...figures.errors.values()].reduce((a, b) => a + b, 0)} errors` +
      `, p99 ${millis(figures.p99Ms)} (bar 2 s)`,
  );
  for (const [kind, l] of figures.latency)
    console.log(
      `  ${kind.padEnd(16)} ${String(l.count).padStart(6)}  p50 ${millis(l.p50)}  p95 ${millis(l.p95)}  p99 ${millis(l.p99)}  max ${millis(l.max)}`,
    );
  for (const [error, count] of figures.errors) console.log(`  error: ${error} ×${count}`);
  for (const [i, r] of figures.rss.entries())
    console.log(
      `  instance ${i + 1} RSS: ${r.startMb.toFixed(0)} MB after warm-up, peak ${r.peakMb.toFixed(0)} MB, end ${r.endMb.toFixed(0)} MB`,
    );
}

function printPages(figures: PageFigures, organisations: number, kind: string): void {
  const ratio = (value: number, floor: number, bar: number) =>
    `${(value / floor).toFixed(2)}× floor (bar ${bar}×)`;
  console.log(
    `\n${organisations} organisations, the compiled server on ${kind}, headless Chromium 1440×900, medians of ${PAGE_RUNS}:`,
  );
  console.log(
    `  map page: navigation → idle with all ${figures.total} drawn ${seconds(figures.mapIdleMs)}` +
      `   floor, a bare MapLibre page with the same points as GeoJSON: ${seconds(figures.floorIdleMs)}` +
      `  → ${ratio(figures.mapIdleMs, figures.floorIdleMs, 1.5)}`,
  );
  console.log(
    `  map page: frame p95 over ten moves ${millis(figures.mapFrameP95Ms)}` +
      `   floor: ${millis(figures.floorFrameP95Ms)}  → ${ratio(figures.mapFrameP95Ms, figures.floorFrameP95Ms, 2)}`,
  );
  console.log(
    `  dashboard: navigation → map idle and every chart drawn ${seconds(figures.dashboardReadyMs)} (bar 2 s)`,
  );
}

await main();
