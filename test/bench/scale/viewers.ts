// The scale benchmark's load half: two compiled server instances on the benchmark's database, and
// `viewers` signed-in people on the dashboard and the map for `seconds`. Each, starting at a random
// moment of the first THINK_MS, opens the dashboard and the map as the pages do (the dashboard's data
// batch, its series and township areas; the tile set; the tiles of the city at z8 and of one unit at
// z11), one request at a time, going to the instances in turn as a round-robin proxy would; then
// looks at them for THINK_MS (5–15 s, seeded), and opens them again. Printed: requests, errors by kind, p50/p95/p99/max per request kind, and
// each instance's RSS at the start, its peak and the end (sampled every second from /proc).
import { readFile } from "node:fs/promises";
import { SESSION_COOKIE } from "@beltmap/api";
import { mulberry32 } from "@beltmap/domain";
import { type RunningServer, startServer } from "../../support/server.ts";
import { percentile } from "./procedures.ts";

const DEMO_CLOCK = "2026-11-20T09:00:00+08:00";
const REQUEST_TIMEOUT_MS = 30_000;
const THINK_MS = { min: 5_000, max: 15_000 };

/** Waits `ms`, or less if `until` comes first. */
function pause(ms: number, until: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void until.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

type Kind = "dashboard batch" | "series + areas" | "tile set" | "tile";

export type ViewerFigures = {
  requests: number;
  errors: Map<string, number>;
  latency: Map<Kind, { count: number; p50: number; p95: number; p99: number; max: number }>;
  p99Ms: number;
  rss: { startMb: number; peakMb: number; endMb: number }[];
};

type TileSet = {
  version: string;
  units: { unitId: string; bounds: [number, number, number, number] | null }[];
};

function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [x, y];
}

/** The tiles covering `bounds` at `z` (at most `limit`, as a screen shows a few). */
function tilesOver(bounds: [number, number, number, number], z: number, limit: number): [number, number][] {
  const [x0, y1] = tileOf(bounds[0], bounds[1], z);
  const [x1, y0] = tileOf(bounds[2], bounds[3], z);
  const tiles: [number, number][] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push([x, y]);
  return tiles.slice(0, limit);
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

export async function measureViewers(options: {
  databaseUrl: string;
  /** Session tokens of signed-in users (the viewers take them in turn). */
  tokens: string[];
  viewers: number;
  seconds: number;
}): Promise<ViewerFigures> {
  const env = { DEMO_CLOCK, LOG_LEVEL: "warn", DEMO_DATA: "off" };
  const servers: RunningServer[] = [];
  try {
    servers.push(await startServer({ databaseUrl: options.databaseUrl, env }));
    servers.push(await startServer({ databaseUrl: options.databaseUrl, env }));
    const pids = servers.map((s) => s.process.pid ?? 0);
    const latencies = new Map<Kind, number[]>();
    const errors = new Map<string, number>();
    let requests = 0;
    let turn = 0;
    let measuring = false;

    /** One request to the next instance in turn; its time and any error counted while measuring. */
    const request = async (kind: Kind, token: string, path: string): Promise<unknown> => {
      const server = servers[turn++ % servers.length] as RunningServer;
      const started = performance.now();
      let failure: string | null = null;
      let body: unknown = null;
      try {
        const response = await fetch(`${server.url}${path}`, {
          headers: { cookie: `${SESSION_COOKIE}=${token}`, "user-agent": "beltmap-scale-viewers" },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        if (response.ok)
          body = path.startsWith("/trpc/") ? await response.json() : await response.arrayBuffer();
        else failure = `HTTP ${response.status} on ${kind}`;
      } catch (error) {
        failure = `${(error as Error).name} on ${kind}`;
      }
      if (measuring) {
        requests += 1;
        const list = latencies.get(kind) ?? [];
        list.push(performance.now() - started);
        latencies.set(kind, list);
        if (failure) errors.set(failure, (errors.get(failure) ?? 0) + 1);
      }
      return body;
    };
    const batch = (procedures: string[]) => {
      const input = Object.fromEntries(procedures.map((_, i) => [i, {}]));
      return `/trpc/${procedures.join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
    };

    /** A visit to the dashboard, then to the map, as the pages ask. */
    const visit = async (token: string, unitIndex: number) => {
      await request(
        "dashboard batch",
        token,
        batch(["dashboard.summary", "belt.compliance", "belt.list", "map.serviceCenters", "unit.list"]),
      );
      const answer = (await request("tile set", token, batch(["map.tileSet"]))) as
        | [{ result: { data: TileSet } }]
        | null;
      await request("series + areas", token, batch(["dashboard.series", "map.townshipAreas"]));
      const tileSet = answer?.[0]?.result.data;
      if (!tileSet) return;
      const bounds = tileSet.units.flatMap((u) => (u.bounds ? [u.bounds] : []));
      if (bounds.length === 0) return;
      const city: [number, number, number, number] = [
        Math.min(...bounds.map((b) => b[0])),
        Math.min(...bounds.map((b) => b[1])),
        Math.max(...bounds.map((b) => b[2])),
        Math.max(...bounds.map((b) => b[3])),
      ];
      const unit = bounds[unitIndex % bounds.length] as [number, number, number, number];
      const tiles = [
        ...tilesOver(city, 8, 6).map(([x, y]) => [8, x, y]),
        ...tilesOver(unit, 11, 6).map(([x, y]) => [11, x, y]),
      ];
      for (const [z, x, y] of tiles)
        await request("tile", token, `/tiles/organizations/${z}/${x}/${y}.pbf?v=${tileSet.version}`);
    };

    // Every viewer's first visit warms both instances' caches; then the measured time.
    const rss = pids.map(() => ({ startMb: 0, peakMb: 0, endMb: 0 }));
    let stop = false;
    let ended: () => void = () => {};
    const end = new Promise<void>((resolve) => {
      ended = resolve;
    });
    const viewer = async (index: number) => {
      const token = options.tokens[index % options.tokens.length] as string;
      const random = mulberry32(index + 1); // seeded: a run repeats
      await pause(random() * THINK_MS.max, end);
      while (!stop) {
        await visit(token, index);
        await pause(THINK_MS.min + random() * (THINK_MS.max - THINK_MS.min), end);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(options.viewers, 10) }, (_, i) =>
        visit(options.tokens[i % options.tokens.length] as string, i),
      ),
    );
    for (const [i, pid] of pids.entries()) {
      const mb = await rssMb(pid);
      rss[i] = { startMb: mb, peakMb: mb, endMb: mb };
    }
    measuring = true;
    const sampler = setInterval(() => {
      void Promise.all(pids.map(rssMb)).then((mbs) =>
        mbs.forEach((mb, i) => {
          const r = rss[i];
          if (r) r.peakMb = Math.max(r.peakMb, mb);
        }),
      );
    }, 1000);
    const running = Array.from({ length: options.viewers }, (_, i) => viewer(i));
    await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
    stop = true;
    ended();
    await Promise.all(running);
    measuring = false;
    clearInterval(sampler);
    for (const [i, pid] of pids.entries()) {
      const r = rss[i];
      if (r) r.endMb = await rssMb(pid);
    }

    const latency = new Map<Kind, { count: number; p50: number; p95: number; p99: number; max: number }>();
    for (const [kind, list] of latencies) {
      const sorted = [...list].sort((a, b) => a - b);
      latency.set(kind, {
        count: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? Number.NaN,
      });
    }
    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    return { requests, errors, latency, p99Ms: percentile(all, 99), rss };
  } finally {
    for (const server of servers) await server.stop();
  }
}
