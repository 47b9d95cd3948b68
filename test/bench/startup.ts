// Benchmark of the acceptance figures, each printed beside a floor measured in the same run:
//   1. start → /healthz 200 with an existing database   (floor: a bare Node HTTP server)
//   2. page load → map idle with every organisation drawn, and → the dashboard ready (floor: the same
//      browser loading a blank page)
//   3. JavaScript of the map page and of the dashboard, gzipped (budgets: 700 KB and 600 KB)
// Usage: npm run bench  (builds the web app first). Exits 1 when a figure misses its bar.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { sessionCookie, signInContext } from "../support/auth.ts";
import { launchChromium } from "../support/browser.ts";
import {
  countOrganizations,
  DASHBOARD_CHARTS,
  waitForDashboardReady,
  waitForMapIdle,
} from "../support/map.ts";
import { REPO_ROOT, startServer } from "../support/server.ts";
import { bareNodeStartMs } from "./bare-node.ts";

const RUNS = 5;
const BARS = {
  healthzMs: 5000,
  mapIdleMs: 3000,
  dashboardReadyMs: 2000,
  initialJsKb: 700,
  dashboardJsKb: 600,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

type Manifest = Record<
  string,
  { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }
>;

/**
 * Gzipped JavaScript a page loads before it shows: the entry chunk with its static imports
 * ("initial"), plus the lazily loaded chunks that page asks for at once (and their static imports):
 * the map and its sidebar for the map page, the dashboard's own chunk and the map for the dashboard.
 */
async function javascriptGzipKb(): Promise<{
  initialKb: number;
  mapPageKb: number;
  dashboardKb: number;
  mapPageFiles: string[];
}> {
  const dist = path.join(REPO_ROOT, "apps/web/dist");
  const manifest = JSON.parse(await readFile(path.join(dist, ".vite/manifest.json"), "utf8")) as Manifest;
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error("no entry chunk in the Vite manifest");
  const closure = (keys: string[]) => {
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const next of chunk.imports ?? []) visit(next);
    };
    for (const key of keys) {
      if (!manifest[key]) throw new Error(`no chunk ${key} in the Vite manifest`);
      visit(key);
    }
    return [...files].filter((f) => f.endsWith(".js"));
  };
  const gzipKb = async (files: string[]) => {
    let bytes = 0;
    for (const file of files) bytes += gzipSync(await readFile(path.join(dist, file)), { level: 9 }).length;
    return bytes / 1024;
  };
  // The map page asks for the map and its sidebar at once (see prefetchMap in MapPage.tsx).
  const mapPageFiles = closure([entry, "src/map/MapView.tsx", "src/panels/MapSidebar.tsx"]);
  return {
    initialKb: await gzipKb(closure([entry])),
    mapPageKb: await gzipKb(mapPageFiles),
    dashboardKb: await gzipKb(closure([entry, "src/pages/DashboardPage.tsx", "src/map/MapView.tsx"])),
    mapPageFiles,
  };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "beltmap-bench-"));
  try {
    // First start creates and seeds the database; it is not what is measured.
    const first = await startServer({ databaseUrl: dataDir });
    console.log(`first start (migrate + seed the demo data): ${(first.readyMs / 1000).toFixed(2)} s`);
    await first.stop();

    const floors: number[] = [];
    const starts: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      floors.push(await bareNodeStartMs());
      const server = await startServer({ databaseUrl: dataDir });
      starts.push(server.readyMs);
      await server.stop();
    }
    const healthz = median(starts);
    const nodeFloor = median(floors);
    console.log(
      `start → /healthz 200, existing database: median ${healthz.toFixed(0)} ms over ${RUNS} runs ` +
        `(floor, bare Node HTTP server: ${nodeFloor.toFixed(0)} ms; ${(healthz / nodeFloor).toFixed(1)}× floor; bar ${BARS.healthzMs} ms)`,
    );

    const server = await startServer({ databaseUrl: dataDir });
    const browser = await launchChromium();
    const idles: number[] = [];
    const dashboards: number[] = [];
    const blanks: number[] = [];
    let drawn = 0;
    const expected = await countOrganizations(server.url, await sessionCookie(server.url, "demo-city"));
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      // Signed in beforehand (the map needs a session): what is timed is the map's own load.
      await signInContext(context, server.url, "demo-city");
      const page = await context.newPage();
      let started = performance.now();
      await page.goto(`${server.url}/healthz`);
      blanks.push(performance.now() - started);
      started = performance.now();
      await page.goto(server.url);
      await waitForMapIdle(page, expected, 60_000);
      idles.push(performance.now() - started);
      drawn = Number(await page.getByTestId("map").getAttribute("data-drawn-organizations"));
      // The dashboard, loaded cold in a page of its own: map idle and every chart drawn.
      const dashboard = await context.newPage();
      started = performance.now();
      await dashboard.goto(`${server.url}/dashboard`);
      await waitForDashboardReady(dashboard, 60_000);
      dashboards.push(performance.now() - started);
      await context.close();
    }
    await browser.close();
    await server.stop();
    const idle = median(idles);
    console.log(
      `page load → map idle with ${drawn}/${expected} organisations drawn: median ${idle.toFixed(0)} ms over ${RUNS} cold loads ` +
        `(floor, blank page: ${median(blanks).toFixed(0)} ms; bar ${BARS.mapIdleMs} ms)`,
    );

    const dashboardReady = median(dashboards);
    console.log(
      `page load → dashboard ready (map idle, ${DASHBOARD_CHARTS.length} charts drawn): median ${dashboardReady.toFixed(0)} ms ` +
        `over ${RUNS} cold loads (floor, blank page: ${median(blanks).toFixed(0)} ms; bar ${BARS.dashboardReadyMs} ms)`,
    );

    const js = await javascriptGzipKb();
    console.log(
      `JavaScript, gzipped: initial ${js.initialKb.toFixed(0)} KB; the map page with its lazily loaded map ` +
        `${js.mapPageKb.toFixed(0)} KB in ${js.mapPageFiles.length} files (bar ${BARS.initialJsKb} KB); ` +
        `the dashboard with its charts and map ${js.dashboardKb.toFixed(0)} KB (bar ${BARS.dashboardJsKb} KB)`,
    );

    const misses = [
      healthz > BARS.healthzMs && "start → /healthz",
      idle > BARS.mapIdleMs && "map idle",
      dashboardReady > BARS.dashboardReadyMs && "dashboard ready",
      drawn !== expected && "organisations drawn",
      js.mapPageKb > BARS.initialJsKb && "map page JavaScript",
      js.dashboardKb > BARS.dashboardJsKb && "dashboard JavaScript",
    ].filter(Boolean);
    if (misses.length > 0) {
      console.error(`missed: ${misses.join(", ")}`);
      process.exitCode = 1;
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
