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
import { launchChromium } from "../support/browser.ts";
import { busiestSpot, measure, median, moves, type Run } from "./map-transport/measure.ts";
import { TRANSPORTS, type Transport } from "./map-transport/page.ts";
import { syntheticOrganizations, toBinary, toGeoJSON } from "./map-transport/points.ts";
import { startBenchServer } from "./map-transport/server.ts";
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
