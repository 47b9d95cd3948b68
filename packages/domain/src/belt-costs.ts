import type { DistanceProvider, ProposalInput } from "./belt-proposal.ts";
import { type Distances, type LngLat, orderByDistances } from "./route.ts";

// The belt proposal's cost model: distances between the candidates (and the service center), where
// a stop costs least to insert, a belt's best order, its length and cost. The search (belt-search.ts)
// builds on it.

/** A belt as the search holds it: candidates' indices in visiting order; `fixed` ones stay on it. */
export type Belt = { name: string | null; locked: boolean; fixed: ReadonlySet<number>; stops: number[] };

/** Ignore gains below a micrometre, so that rounding cannot make the search go round in circles. */
export const MIN_GAIN = 1e-9;
/** Each km a belt runs over its longest costs as much as this many km of travel. */
const OVER_LENGTH_PENALTY = 1000;

export class BeltCosts {
  readonly n: number;
  /** Every candidate's index, 0 … n − 1. */
  protected readonly indices: readonly number[];
  protected readonly dist: Distances;
  protected readonly center: number | null;
  protected readonly isTown: (i: number) => boolean;
  protected readonly index: Map<number, number>;

  constructor(
    protected readonly input: ProposalInput,
    distance: DistanceProvider,
  ) {
    const places: LngLat[] = input.candidates.map((c) => c.position);
    if (input.serviceCenter) places.push(input.serviceCenter);
    this.n = input.candidates.length;
    this.indices = [...Array(this.n).keys()];
    const size = places.length;
    const matrix = new Float64Array(size * size);
    for (let i = 0; i < size; i++)
      for (let j = 0; j < size; j++)
        matrix[i * size + j] = i === j ? 0 : distance.km(places[i] as LngLat, places[j] as LngLat);
    this.dist = (i, j) => matrix[i * size + j] ?? 0;
    this.center = input.preferences.startFromCenter && input.serviceCenter ? this.n : null;
    this.isTown = (i) => input.candidates[i]?.specialTown === true;
    this.index = new Map(input.candidates.map((c, i) => [c.id, i]));
  }

  protected withInserted(stops: readonly number[], site: number): number[] {
    const copy = [...stops];
    copy.splice(this.insertion(stops, site).position, 0, site);
    return copy;
  }

  protected insertion(stops: readonly number[], site: number): { cost: number; position: number } {
    const path = this.center === null ? stops : [this.center, ...stops];
    const offset = this.center === null ? 0 : 1;
    let best = { cost: Number.POSITIVE_INFINITY, position: 0 };
    for (let k = offset; k <= path.length; k++) {
      const before = path[k - 1];
      const after = path[k];
      const cost =
        (before === undefined ? 0 : this.dist(before, site)) +
        (after === undefined ? 0 : this.dist(site, after)) -
        (before === undefined || after === undefined ? 0 : this.dist(before, after));
      if (cost < best.cost - MIN_GAIN) best = { cost, position: k - offset };
    }
    return best;
  }

  protected insert(belt: Belt, site: number): void {
    belt.stops = this.withInserted(belt.stops, site);
  }

  protected reorder(stops: readonly number[]): number[] {
    const places = this.center === null ? [...stops] : [this.center, ...stops];
    const order = orderByDistances(
      places.length,
      (i, j) => this.dist(places[i] ?? 0, places[j] ?? 0),
      this.center === null ? {} : { startIndex: 0 },
    );
    const ordered = order.map((i) => places[i] ?? 0);
    return this.center === null ? ordered : ordered.slice(1);
  }

  km(stops: readonly number[]): number {
    const path = this.center === null ? stops : [this.center, ...stops];
    let km = 0;
    for (let k = 1; k < path.length; k++) km += this.dist(path[k - 1] ?? 0, path[k] ?? 0);
    return km;
  }

  /** A belt's length, with a steep price on every km over the longest allowed, and the tie-break. */
  protected beltCost(stops: readonly number[]): number {
    const km = this.km(stops);
    const over = Math.max(0, km - this.input.preferences.maxBeltKm);
    return km + OVER_LENGTH_PENALTY * over + stops.reduce((sum, s) => sum + this.tierTie(s), 0);
  }

  /** Between plans of one length, stops of better tiers: a micrometre per tier step. */
  protected tierTie(i: number): number {
    return ((this.input.candidates[i]?.tier ?? 4) - 1) * 1e-9;
  }

  planCost(belts: readonly Belt[]): number {
    const lengths = belts.map((b) => this.km(b.stops));
    // Balanced belts break what ties remain.
    const spread = Math.max(...lengths) - Math.min(...lengths);
    return belts.reduce((sum, b) => sum + this.beltCost(b.stops), 0) + spread * 1e-9;
  }
}

export function minBy<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const item of items) {
    const s = score(item);
    if (s < bestScore) {
      best = item;
      bestScore = s;
    }
  }
  return best;
}

export function maxBy<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  return minBy(items, (item) => -score(item));
}
