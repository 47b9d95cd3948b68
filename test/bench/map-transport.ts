// Map transport benchmark: a bare MapLibre page (no app around it) in headless Chromium with N
// organisations delivered three ways, to choose the map's transport at 100,000 organisations:
//   geojson  today's way and the floor: a FeatureCollection of every organisation with all its
//            properties, names included, set on a geojson source
//   binary   typed columns without names (those would be fetched per click), made into GeoJSON in
//            the page and set on the same geojson source
//   tiles    vector tiles cut on request from a supercluster index (clusters with per-tier counts up
//            to zoom 11, single organisations beyond), drawn from a vector source
// For each N and transport: the payload raw and gzipped (tiles: the tiles the first view asked for);
// navigation → the map's first idle with the points drawn; main-thread long tasks before then; p95 and
// max frame time over ten scripted moves after it, each waited for. Medians of the runs, each in a
// fresh browser context at 1440×900 fitted to the Quzhou box, transports taking turns so a busy
// machine slows them alike; ratios are against geojson at the same N. Caveats: the page is served on
// loopback, where bytes cost nothing to move (weigh the gzip column for a real network), and Chromium
// draws with SwiftShader on the CPU, so frame times are worse than on a GPU: compare, do not quote.
// Usage: npm run bench:transport [-- --orgs 1260,10000,100000 --runs 3]
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/browser.ts";
import {
  type FrameResult,
  interact,
  type LoadResult,
  STEP_MS,
  type Step,
  TRANSPORTS,
  type Transport,
} from "./map-transport/page.ts";
import {
  BOX,
  type Organization,
  syntheticOrganizations,
  toBinary,
  toGeoJSON,
} from "./map-transport/points.ts";
import { type BenchServer, type ServedTile, startBenchServer } from "./map-transport/server.ts";
import { buildTileIndex, CLUSTER_MAX_ZOOM } from "./map-transport/tiles.ts";

const { values } = parseArgs({
  options: {
    orgs: { type: "string", default: "1260,10000,100000" },
    runs: { type: "string", default: "3" },
  },
});
const COUNTS = values.orgs.split(",").map(Number);
const RUNS = Number(values.runs);
if (!COUNTS.every((n) => Number.isInteger(n) && n > 0) || !Number.isInteger(RUNS) || RUNS < 1) {
  console.error("usage: npm run bench:transport -- --orgs <count>[,<count>…] --runs <count ≥ 1>");
  process.exit(2);
}
/** Longer than any load seen (100k as GeoJSON on a busy 2-core machine): only a hung page hits it. */
const TIMEOUT_MS = 300_000;

type Run = { load: LoadResult; frames: FrameResult; tiles: ServedTile[] };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The centre of the densest 0.05° cell: where the moves zoom in, among the most points. */
function busiestSpot(organizations: readonly Organization[]): [number, number] {
  const cells = new Map<string, number>();
  let best: [string, number] = ["", 0];
  for (const o of organizations) {
    const key = `${Math.floor(o.lng / 0.05)},${Math.floor(o.lat / 0.05)}`;
    const count = (cells.get(key) ?? 0) + 1;
    cells.set(key, count);
    if (count > best[1]) best = [key, count];
  }
  const [x, y] = best[0].split(",").map(Number) as [number, number];
  return [(x + 0.5) * 0.05, (y + 0.5) * 0.05];
}

/** About 5 s of moves from the fitted view (zoom ≈ 9) down past the clusters (13) and back. */
function moves(busiest: [number, number]): Step[] {
  return [
    { panBy: [360, 0] },
    { panBy: [-360, 220] },
    { zoomTo: 10.5 },
    { easeTo: { center: busiest, zoom: 11.5 } },
    { zoomTo: 13 },
    { panBy: [400, -250] },
    { panBy: [-500, 150] },
    { zoomTo: 11 },
    { easeTo: { center: [(BOX[0] + BOX[2]) / 2, (BOX[1] + BOX[3]) / 2], zoom: 10 } },
    { fitBounds: BOX },
  ];
}

async function measure(
  browser: Browser,
  server: BenchServer,
  transport: Transport,
  steps: Step[],
): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
    });
    server.takeServedTiles();
    await page.goto(`${server.url}/?transport=${transport}`);
    const load = await withTimeout(
      page.evaluate(() => window.benchLoaded as Promise<LoadResult>),
      `${transport}: map idle`,
    );
    const tiles = server.takeServedTiles();
    const frames = await withTimeout(
      page.evaluate(interact, { steps, stepMs: STEP_MS }),
      `${transport}: moves`,
    );
    if (errors.length > 0) throw new Error(`${transport}: the page reported ${errors.join("; ")}`);
    return { load, frames, tiles };
  } finally {
    await context.close();
  }
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const ratio = (value: number, floor: number) =>
  floor > 0 ? `×${value / floor < 0.1 ? (value / floor).toPrecision(2) : (value / floor).toFixed(2)}` : "";

function printTable(rows: Record<string, string>[]): void {
  const columns = Object.keys(rows[0] ?? {});
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ");
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => row[c] ?? "")));
}

async function main() {
  const server = await startBenchServer();
  const browser = await launchChromium();
  try {
    console.log(`${RUNS} runs per transport and N; medians, ratio against geojson at the same N\n`);
    for (const count of COUNTS) {
      const organizations = syntheticOrganizations(count);
      const geojson = Buffer.from(toGeoJSON(organizations));
      const binary = toBinary(organizations);
      const tiles = buildTileIndex(organizations);
      server.setData({ geojson, binary, tiles });
      const steps = moves(busiestSpot(organizations));

      // The browser's first page is slower than the rest, whatever it loads: not counted.
      if (count === COUNTS[0]) await measure(browser, server, "geojson", steps);
      const runs = new Map<Transport, Run[]>(TRANSPORTS.map((t) => [t, []]));
      for (let i = 0; i < RUNS; i++) {
        // Each round starts with another transport, so none always follows the same one.
        for (let k = 0; k < TRANSPORTS.length; k++) {
          const transport = TRANSPORTS[(i + k) % TRANSPORTS.length] as Transport;
          runs.get(transport)?.push(await measure(browser, server, transport, steps));
        }
      }

      const rows = TRANSPORTS.map((transport) => {
        const done = runs.get(transport) ?? [];
        const payloads = done.map(({ tiles: served }) =>
          transport === "tiles"
            ? served.reduce(
                (sum, t) => ({ raw: sum.raw + t.body.length, gzip: sum.gzip + gzipSync(t.body).length }),
                { raw: 0, gzip: 0 },
              )
            : transport === "geojson"
              ? { raw: geojson.length, gzip: gzipSync(geojson).length }
              : { raw: binary.length, gzip: gzipSync(binary).length },
        );
        return {
          transport,
          raw: median(payloads.map((p) => p.raw)),
          gzip: median(payloads.map((p) => p.gzip)),
          idle: median(done.map((r) => r.load.idleMs)),
          idles: done.map((r) => r.load.idleMs),
          data: median(done.map((r) => r.load.dataMs ?? Number.NaN)),
          longTasks: median(done.map((r) => r.load.longTaskMs)),
          p95: median(done.map((r) => r.frames.p95Ms)),
          max: median(done.map((r) => r.frames.maxMs)),
          moveMs: median(done.map((r) => r.frames.durationMs)),
          drawn: Math.min(...done.map((r) => r.load.drawn)),
          tileCount: median(done.map((r) => r.tiles.length)),
          encodeMs: median(done.map((r) => r.tiles.reduce((sum, t) => sum + t.encodeMs, 0))),
        };
      });
      const floor = rows[0];
      if (!floor) throw new Error("no geojson runs");

      console.log(`N = ${count.toLocaleString("en")}`);
      const table = rows.map((r) => {
        const vs = (value: number, base: number) => (r === floor ? "" : ` ${ratio(value, base)}`);
        return {
          transport: r.transport,
          "payload raw": `${size(r.raw)}${vs(r.raw, floor.raw)}`,
          "payload gzip": `${size(r.gzip)}${vs(r.gzip, floor.gzip)}`,
          "nav → idle": `${ms(r.idle)}${vs(r.idle, floor.idle)}`,
          "idle, each run": r.idles.map((v) => v.toFixed(0)).join(" "),
          "nav → data in page": Number.isNaN(r.data) ? "-" : ms(r.data),
          "long tasks": `${ms(r.longTasks)}${vs(r.longTasks, floor.longTasks)}`,
          "frame p95": `${r.p95.toFixed(1)} ms${vs(r.p95, floor.p95)}`,
          "frame max": `${ms(r.max)}${vs(r.max, floor.max)}`,
          "moves took": ms(r.moveMs),
          drawn: r.drawn === count ? String(r.drawn) : `${r.drawn} (not ${count})`,
        };
      });
      printTable(table);
      const tileRow = rows.find((r) => r.transport === "tiles");
      if (tileRow) {
        console.log(
          `tiles: index built in ${ms(tiles.buildMs)} (supercluster, ${count} points, clusters to zoom ${CLUSTER_MAX_ZOOM}); ` +
            `the first view asked for ${tileRow.tileCount} tiles, cut and encoded in ${ms(tileRow.encodeMs)} in all\n`,
        );
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
