// The scale benchmark's browser half: the app's map page and dashboard on the benchmark's database,
// against a floor measured in the same run: a bare MapLibre page (the transport benchmark's) drawing
// the same organisations as GeoJSON, the plainest way to put them on a map.
import { ORG_KINDS } from "@beltmap/domain";
import type { Browser, Page } from "playwright-core";
import { sessionCookie } from "../../support/auth.ts";
import { launchChromium } from "../../support/browser.ts";
import { DASHBOARD_CHARTS } from "../../support/map.ts";
import { startServer } from "../../support/server.ts";
import { busiestSpot, measure, median, moves, withTimeout } from "../map-transport/measure.ts";
import { type FrameResult, interact, STEP_MS, type Step } from "../map-transport/page.ts";
import { type Organization, TIER_CODES, toBinary, toGeoJSON } from "../map-transport/points.ts";
import { startBenchServer } from "../map-transport/server.ts";
import { buildTileIndex } from "../map-transport/tiles.ts";
import type { Sql } from "./data.ts";

const VIEWPORT = { width: 1440, height: 900 };
const DEMO_CLOCK = "2026-11-20T09:00:00+08:00";

/** The organisations as the bare page draws them, in the current cycle, from the benchmark's database. */
export async function organizationsOf(sql: Sql): Promise<Organization[]> {
  const rows = await sql(
    `SELECT o.id, o.lng, o.lat, o."unitId", o.kind, o.name, g.tier, g.official, g.total
     FROM "Organization" o
     LEFT JOIN "OrganizationGrade" g ON g."organizationId" = o.id
       AND g."cycleId" = (SELECT id FROM "EvaluationCycle" ORDER BY year DESC LIMIT 1)`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    lng: Number(row.lng),
    lat: Number(row.lat),
    tier: TIER_CODES.find((t) => t === row.tier) ?? "NONE",
    official: row.official === true,
    total: row.total === null ? null : Number(row.total),
    unitId: String(row.unitId),
    kind: ORG_KINDS.find((k) => k === row.kind) ?? "OTHER",
    name: String(row.name),
  }));
}

type PageRun = { readyMs: number; frames: FrameResult | null };

/** What a page shows when ready: the map idle with `drawn` organisations (null: any), and the charts drawn. */
type Ready = { drawn: number | null; charts: readonly string[] };

/** Runs in the page, polled: the time it first finds the page ready, or false. */
function readyAt({ drawn, charts }: Ready): number | false {
  const map = document.querySelector('[data-testid="map"]');
  const ready =
    map?.getAttribute("data-map-idle") === "true" &&
    (drawn === null || map.getAttribute("data-drawn-organizations") === String(drawn)) &&
    charts.every(
      (c) => document.querySelector(`[data-testid="chart-${c}"]`)?.getAttribute("data-rendered") === "true",
    );
  return ready ? performance.now() : false;
}

/** Navigation → the moment `ready` (run in the page) first holds, then the moves' frame times. */
async function timePage(
  browser: Browser,
  cookie: { name: string; value: string; url: string },
  url: string,
  ready: Ready,
  steps: Step[] | null,
): Promise<PageRun> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN" });
  try {
    await context.addCookies([{ ...cookie, httpOnly: true, sameSite: "Strict" }]);
    const page: Page = await context.newPage();
    // The moves are a function serialised from tsx's output, which names functions through __name.
    await page.addInitScript({ content: "globalThis.__name = (f) => f;" });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(url);
    const handle = await withTimeout(
      page.waitForFunction(readyAt, ready, { polling: 10, timeout: 0 }),
      `${url}: ready`,
    );
    const readyMs = Number(await handle.jsonValue());
    let frames: FrameResult | null = null;
    if (steps) {
      await page.evaluate(() => {
        window.benchMap = window.beltmap?.map;
      });
      frames = await withTimeout(page.evaluate(interact, { steps, stepMs: STEP_MS }), `${url}: moves`);
    }
    if (errors.length > 0) throw new Error(`${url}: the page reported ${errors.join("; ")}`);
    return { readyMs, frames };
  } finally {
    await context.close();
  }
}

export type PageFigures = {
  total: number;
  floorIdleMs: number;
  floorFrameP95Ms: number;
  mapIdleMs: number;
  mapFrameP95Ms: number;
  dashboardReadyMs: number;
};

/**
 * The map page (navigation → idle with every organisation drawn, clusters counting their members;
 * then ten scripted moves) and the dashboard (navigation → map idle and every chart drawn) as the
 * city, medians of `runs`; the bare page the same way. Runs take turns so load slows all alike.
 */
export async function measurePages(options: {
  databaseUrl: string;
  /** What the database holds (organizationsOf), read before a PGlite directory is left to the server. */
  organizations: Organization[];
  runs: number;
}): Promise<PageFigures> {
  const { organizations } = options;
  const total = organizations.length;
  const bare = await startBenchServer();
  bare.setData({
    geojson: Buffer.from(toGeoJSON(organizations)),
    binary: toBinary(organizations),
    tiles: buildTileIndex(organizations),
  });
  const app = await startServer({ databaseUrl: options.databaseUrl, env: { DEMO_CLOCK, LOG_LEVEL: "warn" } });
  const browser = await launchChromium();
  try {
    const [name, ...value] = (await sessionCookie(app.url, "demo-city")).split("=");
    const cookie = { name: name ?? "", value: value.join("="), url: app.url };
    const steps = moves(busiestSpot(organizations));
    const mapReady: Ready = { drawn: total, charts: [] };
    const dashboardReady: Ready = { drawn: null, charts: DASHBOARD_CHARTS };
    // The browser's first page is slower than the rest, whatever it loads, and the server's first
    // requests build what it keeps (the tile index, the township areas): not counted.
    await measure(browser, bare, "geojson", steps);
    await timePage(browser, cookie, `${app.url}/`, mapReady, null);
    await timePage(browser, cookie, `${app.url}/dashboard`, dashboardReady, null);
    const floor = [];
    const map = [];
    const dashboard = [];
    for (let i = 0; i < options.runs; i++) {
      floor.push(await measure(browser, bare, "geojson", steps));
      map.push(await timePage(browser, cookie, `${app.url}/`, mapReady, steps));
      dashboard.push(await timePage(browser, cookie, `${app.url}/dashboard`, dashboardReady, null));
    }
    return {
      total,
      floorIdleMs: median(floor.map((r) => r.load.idleMs)),
      floorFrameP95Ms: median(floor.map((r) => r.frames.p95Ms)),
      mapIdleMs: median(map.map((r) => r.readyMs)),
      mapFrameP95Ms: median(map.map((r) => r.frames?.p95Ms ?? Number.NaN)),
      dashboardReadyMs: median(dashboard.map((r) => r.readyMs)),
    };
  } finally {
    await browser.close();
    await app.stop();
    await bare.close();
  }
}
