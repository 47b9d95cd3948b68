// Stop ordering on a 60-stop belt (the bar: under 100 ms), and on 10 stops (exact), each
// against a floor measured in the same run: the n² haversine distances every ordering needs.
import { haversineKm, type LngLat, mulberry32, orderStops } from "@beltmap/domain";

const RUNS = 15;

function randomPoints(seed: number, count: number): LngLat[] {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, (): LngLat => [118.0 + rng(), 28.5 + rng()]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timeMs(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function distances(points: readonly LngLat[]): number {
  let sum = 0;
  for (const a of points) for (const b of points) sum += haversineKm(a, b);
  return sum;
}

let failed = false;
for (const [stops, barMs] of [
  [60, 100],
  [10, 100],
] as const) {
  const sets = Array.from({ length: RUNS }, (_, i) => randomPoints(1000 + i, stops));
  orderStops(sets[0] ?? []); // warm up the JIT
  const ordering = median(sets.map((points) => timeMs(() => orderStops(points, { roundTrip: false }))));
  const floor = median(sets.map((points) => timeMs(() => distances(points))));
  const ok = ordering < barMs;
  failed ||= !ok;
  console.log(
    `order ${stops} stops: median ${ordering.toFixed(1)} ms over ${RUNS} random belts (floor, the ${stops}² distances: ${floor.toFixed(2)} ms; bar ${barMs} ms)${ok ? "" : "  ← over the bar"}`,
  );
}
process.exit(failed ? 1 : 0);
