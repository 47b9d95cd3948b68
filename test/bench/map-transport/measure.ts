// Measuring a map page in headless Chromium, shared by the transport benchmark (a bare MapLibre
// page per transport) and the scale benchmark (the same bare page as the floor of the app's map).
import type { Browser } from "playwright-core";
import { type FrameResult, interact, type LoadResult, STEP_MS, type Step, type Transport } from "./page.ts";
import { BOX, type Organization } from "./points.ts";
import type { BenchServer, ServedTile } from "./server.ts";

/** Longer than any load seen (100k as GeoJSON on a busy 2-core machine): only a hung page hits it. */
export const TIMEOUT_MS = 300_000;

export type Run = { load: LoadResult; frames: FrameResult; tiles: ServedTile[] };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The centre of the densest 0.05° cell: where the moves zoom in, among the most points. */
export function busiestSpot(organizations: readonly Organization[]): [number, number] {
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
export function moves(busiest: [number, number]): Step[] {
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

export async function measure(
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
