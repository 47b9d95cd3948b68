// Ordering the stops of a belt. Belts have tens of stops at most, so plain heuristics over a full
// distance matrix are fast enough and keep the result deterministic.

/** [longitude, latitude] in degrees (WGS84), the GeoJSON order. */
export type LngLat = readonly [number, number];

/** Mean Earth radius (IUGG). */
const EARTH_RADIUS_KM = 6371.0088;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: LngLat, b: LngLat): number {
  const dLat = toRadians(b[1] - a[1]);
  const dLng = toRadians(b[0] - a[0]);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a[1])) * Math.cos(toRadians(b[1])) * Math.sin(dLng / 2) ** 2;
  // min() keeps rounding from pushing asin out of its domain for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of the path through `points` in order; `roundTrip` adds the way back to the first. */
export function routeLengthKm(points: readonly LngLat[], roundTrip = false): number {
  let length = 0;
  for (let i = 1; i < points.length; i++) length += haversineKm(pointAt(points, i - 1), pointAt(points, i));
  if (roundTrip && points.length >= 2)
    length += haversineKm(pointAt(points, points.length - 1), pointAt(points, 0));
  return length;
}

function pointAt(points: readonly LngLat[], index: number): LngLat {
  const point = points[index];
  if (point === undefined) throw new RangeError(`no point at index ${index}`);
  return point;
}

export type OrderStopsOptions = {
  /** Return to the first stop at the end. */
  roundTrip?: boolean;
  /** Fix the first stop (e.g. the service center); otherwise any stop may come first. */
  startIndex?: number;
};

export type Distances = (i: number, j: number) => number;

function distanceMatrix(points: readonly LngLat[]): Distances {
  const n = points.length;
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = haversineKm(pointAt(points, i), pointAt(points, j));
      matrix[i * n + j] = d;
      matrix[j * n + i] = d;
    }
  }
  return (i, j) => matrix[i * n + j] ?? 0;
}

function tourLength(order: readonly number[], dist: Distances, roundTrip: boolean): number {
  let length = 0;
  for (let k = 1; k < order.length; k++) length += dist(at(order, k - 1), at(order, k));
  if (roundTrip && order.length >= 2) length += dist(at(order, order.length - 1), at(order, 0));
  return length;
}

function at(order: readonly number[], k: number): number {
  const value = order[k];
  if (value === undefined) throw new RangeError(`no stop at position ${k}`);
  return value;
}

function nearestNeighbour(n: number, start: number, dist: Distances): number[] {
  const order = [start];
  const visited = new Set(order);
  let current = start;
  while (order.length < n) {
    let best = -1;
    for (let candidate = 0; candidate < n; candidate++) {
      if (visited.has(candidate)) continue;
      if (best === -1 || dist(current, candidate) < dist(current, best)) best = candidate;
    }
    order.push(best);
    visited.add(best);
    current = best;
  }
  return order;
}

// Ignore gains below a micrometre so that floating-point noise cannot make 2-opt cycle.
const MIN_GAIN_KM = 1e-9;

/**
 * 2-opt: reverse a stretch of the route whenever that shortens it, until no reversal does. The
 * first stop stays in place when it is fixed; on a round trip it may as well stay, since a rotation
 * of a cycle has the same length. An open path's last stop is free.
 */
function twoOpt(order: number[], dist: Distances, roundTrip: boolean, firstFixed: boolean): void {
  const n = order.length;
  const firstMovable = roundTrip || firstFixed ? 1 : 0;
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = firstMovable; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const before = i > 0 ? at(order, i - 1) : null;
        const after = j < n - 1 ? at(order, j + 1) : roundTrip ? at(order, 0) : null;
        const first = at(order, i);
        const last = at(order, j);
        const removed =
          (before === null ? 0 : dist(before, first)) + (after === null ? 0 : dist(last, after));
        const added = (before === null ? 0 : dist(before, last)) + (after === null ? 0 : dist(first, after));
        if (removed - added > MIN_GAIN_KM) {
          reverse(order, i, j);
          improved = true;
        }
      }
    }
  }
}

function reverse(order: number[], from: number, to: number): void {
  for (let i = from, j = to; i < j; i++, j--) {
    const swap = at(order, i);
    order[i] = at(order, j);
    order[j] = swap;
  }
}

/** Up to this many stops the order is exact (Held–Karp: 2^n · n² steps, about 0.1 M at 10). */
export const EXACT_ORDER_MAX_STOPS = 10;

/**
 * The shortest order by dynamic programming over subsets (Held–Karp). `best[mask·n + j]` is the
 * shortest path that visits exactly the stops in `mask` and ends at `j`. A round trip is a cycle,
 * so any stop may begin it: the fixed start, or stop 0.
 */
function exactOrder(
  n: number,
  dist: Distances,
  roundTrip: boolean,
  startIndex: number | undefined,
): number[] {
  const full = (1 << n) - 1;
  const best = new Float64Array((full + 1) * n).fill(Number.POSITIVE_INFINITY);
  const previous = new Int8Array((full + 1) * n).fill(-1);
  const start = startIndex ?? (roundTrip ? 0 : undefined);
  for (let j = 0; j < n; j++) {
    if (start === undefined || j === start) best[(1 << j) * n + j] = 0;
  }
  for (let mask = 1; mask <= full; mask++) {
    for (let j = 0; j < n; j++) {
      const here = best[mask * n + j] ?? Number.POSITIVE_INFINITY;
      if (here === Number.POSITIVE_INFINITY) continue;
      for (let k = 0; k < n; k++) {
        if (mask & (1 << k)) continue;
        const next = (mask | (1 << k)) * n + k;
        const length = here + dist(j, k);
        if (length < (best[next] ?? Number.POSITIVE_INFINITY) - MIN_GAIN_KM) {
          best[next] = length;
          previous[next] = j;
        }
      }
    }
  }
  let last = 0;
  let bestLength = Number.POSITIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    const length =
      (best[full * n + j] ?? Number.POSITIVE_INFINITY) +
      (roundTrip && start !== undefined ? dist(j, start) : 0);
    if (length < bestLength - MIN_GAIN_KM) {
      bestLength = length;
      last = j;
    }
  }
  const order: number[] = [];
  for (let mask = full, j = last; j !== -1; ) {
    order.push(j);
    const before = previous[mask * n + j] ?? -1;
    mask &= ~(1 << j);
    j = before;
  }
  return order.reverse();
}

/**
 * The visiting order of `points`, as a permutation of their indices. Up to
 * EXACT_ORDER_MAX_STOPS stops it is the shortest there is; above, nearest neighbour from every
 * allowed start, each improved by 2-opt. Either way the result is never longer than the order
 * given: on a tie the given order wins (then the earliest start), so the answer is deterministic.
 */
export function orderStops(points: readonly LngLat[], opts: OrderStopsOptions = {}): number[] {
  return orderByDistances(points.length, points.length > 2 ? distanceMatrix(points) : () => 0, opts);
}

/**
 * orderStops for `n` places whose distances `dist(i, j)` come from elsewhere (a road matrix, or
 * the belt proposal's provider); the same answer as orderStops when they are the points' distances.
 */
export function orderByDistances(n: number, dist: Distances, opts: OrderStopsOptions = {}): number[] {
  const roundTrip = opts.roundTrip ?? false;
  const { startIndex } = opts;
  if (startIndex !== undefined && !(Number.isInteger(startIndex) && startIndex >= 0 && startIndex < n)) {
    throw new RangeError(`startIndex ${startIndex} is not an index of the ${n} points`);
  }
  const identity = Array.from({ length: n }, (_, i) => i);
  if (n <= 2) {
    return startIndex === undefined ? identity : [startIndex, ...identity.filter((i) => i !== startIndex)];
  }
  if (n <= EXACT_ORDER_MAX_STOPS) {
    const exact = exactOrder(n, dist, roundTrip, startIndex);
    const given = identity;
    const givenAllowed = startIndex === undefined || startIndex === 0;
    const keepGiven =
      givenAllowed && tourLength(given, dist, roundTrip) <= tourLength(exact, dist, roundTrip) + MIN_GAIN_KM;
    return keepGiven ? given : exact;
  }
  const starts = startIndex === undefined ? identity : [startIndex];
  // The given order goes first so that, on a tie, a planner's own order is kept.
  const candidates = startIndex === undefined || startIndex === 0 ? [[...identity]] : [];
  for (const start of starts) candidates.push(nearestNeighbour(n, start, dist));

  let best: number[] = [];
  let bestLength = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    twoOpt(candidate, dist, roundTrip, startIndex !== undefined);
    const length = tourLength(candidate, dist, roundTrip);
    if (length < bestLength - MIN_GAIN_KM) {
      best = candidate;
      bestLength = length;
    }
  }
  return best;
}

/** Roads wind: straight-line distance times this gives an estimate of the distance driven. */
export const ROAD_DETOUR_FACTOR = 1.3;
/** An assumed average speed between sites in Quzhou's counties, in km/h. */
export const ASSUMED_SPEED_KMH = 40;

export type TravelEstimate = {
  roadKm: number;
  minutes: number;
  /** What to show: to the nearest 5 minutes, at least 5 for any distance (an estimate is no finer). */
  roundedMinutes: number;
  detourFactor: number;
  speedKmh: number;
};

/**
 * An estimate, to be labelled as one: the straight-line length times the detour factor, driven at
 * the assumed speed. It carries both assumptions so the UI can state them.
 */
export function estimateTravel(
  straightKm: number,
  detourFactor = ROAD_DETOUR_FACTOR,
  speedKmh = ASSUMED_SPEED_KMH,
): TravelEstimate {
  if (!(straightKm >= 0) || !Number.isFinite(straightKm))
    throw new RangeError(`length ${straightKm} km is not a distance`);
  if (!(detourFactor >= 1) || !(speedKmh > 0))
    throw new RangeError("detour factor must be ≥ 1 and speed > 0");
  const roadKm = straightKm * detourFactor;
  const minutes = (roadKm / speedKmh) * 60;
  const roundedMinutes = minutes > 0 ? Math.max(5, Math.round(minutes / 5) * 5) : 0;
  return { roadKm, minutes, roundedMinutes, detourFactor, speedKmh };
}
