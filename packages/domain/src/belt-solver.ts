import {
  beltsNeeded,
  type DistanceProvider,
  type Infeasibility,
  type ProposalInput,
  proposalInfeasibilities,
  STRAIGHT_LINE_DISTANCE,
} from "./belt-proposal.ts";
import { mulberry32, shuffle } from "./random.ts";
import { type Distances, type LngLat, orderByDistances } from "./route.ts";

// The belt proposal's solver: for each choice of a first 特色小镇, belts are seeded with towns far
// apart, the demonstration sites are inserted where they cost least, belts short of stops take the
// nearest other candidates, and local search (relocate, exchange, replace, drop, each belt's order
// exact up to 10 places) improves the plan until no move shortens it. The best start then goes
// through ruin and recreate. Its random choices come from a generator seeded by the input's size:
// the same input gives the same plan.

export type ProposedBelt = {
  /** The locked or anchored belt's name; null for a belt the proposal adds. */
  name: string | null;
  locked: boolean;
  stopIds: number[];
  km: number;
};

export type Proposal =
  | { ok: true; belts: ProposedBelt[]; totalKm: number }
  | { ok: false; reasons: Infeasibility[] };

type Belt = { name: string | null; locked: boolean; fixed: ReadonlySet<number>; stops: number[] };

/** Each km a belt runs over its longest costs as much as this many km of travel. */
const OVER_LENGTH_PENALTY = 1000;
const MIN_GAIN = 1e-9;
/** Rounds of ruin and recreate after the starts: fewer on large inputs, where each costs more. */
const ruinsFor = (candidates: number) => (candidates <= 30 ? 300 : candidates <= 80 ? 60 : 15);
/** Starts tried (one per 特色小镇 as the first seed): fewer on large inputs, where each costs more. */
const startsFor = (candidates: number) => (candidates <= 30 ? 12 : candidates <= 80 ? 4 : 2);

export function proposeBeltPlan(
  input: ProposalInput,
  distance: DistanceProvider = STRAIGHT_LINE_DISTANCE,
): Proposal {
  const reasons = proposalInfeasibilities(input, distance);
  if (reasons.length > 0) return { ok: false, reasons };
  // More belts than needed only where the needed number would run over the longest allowed.
  const towns = input.candidates.filter((c) => c.specialTown).length;
  let answer = solveWith(input, distance, beltsNeeded(input));
  for (let belts = beltsNeeded(input) + 1; !answer.ok && belts <= towns; belts++) {
    const more = solveWith(input, distance, belts);
    if (more.ok) answer = more;
  }
  return answer;
}

function solveWith(input: ProposalInput, distance: DistanceProvider, beltCount: number): Proposal {
  const solver = new Solver(input, distance, beltCount);
  let best: Belt[] | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const start of solver.startTowns()) {
    const belts = solver.construct(start);
    if (!belts) continue;
    solver.improve(belts);
    const cost = solver.planCost(belts);
    if (cost < bestCost - MIN_GAIN) {
      best = belts;
      bestCost = cost;
    }
  }
  if (best) best = solver.ruinAndRecreate(best);
  if (!best)
    return {
      ok: false,
      reasons: [
        {
          code: "TOO_FEW_STOPS",
          message: `示范点多于 ${beltCount} 条示范带能容纳的站数：提高每条示范带的最多站数`,
        },
      ],
    };
  return solver.answer(best);
}

class Solver {
  private readonly n: number;
  private readonly dist: Distances;
  private readonly center: number | null;
  private readonly isTown: (i: number) => boolean;
  private readonly index: Map<number, number>;

  constructor(
    private readonly input: ProposalInput,
    distance: DistanceProvider,
    private readonly beltCount: number,
  ) {
    const places: LngLat[] = input.candidates.map((c) => c.position);
    if (input.serviceCenter) places.push(input.serviceCenter);
    this.n = input.candidates.length;
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

  private at(id: number): number {
    const i = this.index.get(id);
    if (i === undefined) throw new RangeError(`stop ${id} is not a candidate`);
    return i;
  }

  /** Each free town once, as the first seed; the most central first, at most startsFor(n). */
  startTowns(): number[] {
    const taken = this.lockedStops();
    const towns = [...Array(this.n).keys()].filter((i) => this.isTown(i) && !taken.has(i));
    const spread = (i: number) => towns.reduce((sum, j) => sum + this.dist(i, j), 0);
    return towns.sort((a, b) => spread(a) - spread(b) || a - b).slice(0, startsFor(this.n));
  }

  private lockedStops(): Set<number> {
    const ids = [
      ...this.input.lockedBelts.flatMap((b) => b.stopIds),
      ...this.input.lockedStops.map((s) => s.stopId),
    ];
    return new Set(ids.map((id) => this.at(id)));
  }

  /** The belts before local search: towns as seeds, sites where they cost least, then filled up. */
  construct(firstTown: number): Belt[] | null {
    const { lockedBelts, lockedStops, preferences: p } = this.input;
    const belts: Belt[] = lockedBelts.map((b) => {
      const stops = b.stopIds.map((id) => this.at(id));
      return { name: b.name, locked: true, fixed: new Set(stops), stops };
    });
    const anchored = new Map<string, number[]>();
    for (const s of lockedStops) {
      if (lockedBelts.some((b) => b.name === s.beltName)) continue;
      anchored.set(s.beltName, [...(anchored.get(s.beltName) ?? []), this.at(s.stopId)]);
    }
    for (const [name, stops] of anchored) belts.push({ name, locked: false, fixed: new Set(stops), stops });
    while (belts.length < this.beltCount)
      belts.push({ name: null, locked: false, fixed: new Set(), stops: [] });
    const used = new Set(belts.flatMap((b) => b.stops));
    // Towns as seeds: the first given, then each the farthest from every belt seeded so far.
    for (const belt of belts.filter((b) => !b.locked && !b.stops.some(this.isTown))) {
      const free = [...Array(this.n).keys()].filter((i) => this.isTown(i) && !used.has(i));
      const seeded = belts.flatMap((b) => b.stops);
      const town =
        seeded.length === 0 && free.includes(firstTown)
          ? firstTown
          : maxBy(free, (t) => Math.min(...seeded.map((s) => this.dist(s, t)), Number.POSITIVE_INFINITY));
      if (town === undefined) return null;
      belt.stops.push(town);
      used.add(town);
    }
    const open = belts.filter((b) => !b.locked);
    // Demonstration sites, the farthest from any belt first: they have the fewest good places.
    const sites = [...Array(this.n).keys()].filter((i) => this.input.candidates[i]?.required && !used.has(i));
    const nearest = (i: number) => Math.min(...open.flatMap((b) => b.stops.map((s) => this.dist(s, i))));
    sites.sort((a, b) => nearest(b) - nearest(a) || a - b);
    for (const site of sites) {
      const room = open.filter((b) => b.stops.length < p.maxStops);
      const belt = minBy(room, (b) => this.insertion(b.stops, site).cost);
      if (!belt) return null;
      this.insert(belt, site);
      used.add(site);
    }
    if (!this.fillToMinimum(open, used)) return null;
    return belts;
  }

  /**
   * Gives every belt its fewest stops: the unused candidate that costs least to add, or, when none
   * is left, a stop another belt can spare (it keeps its fewest and a town). Then orders each belt.
   */
  private fillToMinimum(open: Belt[], used: Set<number>): boolean {
    const { minStops } = this.input.preferences;
    for (const belt of open) {
      while (belt.stops.length < minStops) {
        const pool = [...Array(this.n).keys()].filter((i) => !used.has(i));
        const next = minBy(pool, (i) => this.insertion(belt.stops, i).cost + this.tierTie(i));
        if (next !== undefined) {
          this.insert(belt, next);
          used.add(next);
          continue;
        }
        const spares = open.flatMap((other) =>
          other === belt || other.stops.length <= minStops
            ? []
            : other.stops
                .filter((s) => !other.fixed.has(s) && other.stops.some((t) => t !== s && this.isTown(t)))
                .map((s) => ({ other, s })),
        );
        const spare = minBy(spares, ({ s }) => this.insertion(belt.stops, s).cost);
        if (!spare) return false;
        spare.other.stops = spare.other.stops.filter((s) => s !== spare.s);
        this.insert(belt, spare.s);
      }
    }
    for (const belt of open) belt.stops = this.reorder(belt.stops);
    return true;
  }

  /**
   * Large-neighbourhood search: take a few stops near one another off their belts (a town too), put
   * them back where they cost least (towns first where a belt has none, then the demonstration
   * sites, then other stops until each belt has its fewest), improve, and keep the plan when it is
   * cheaper. Moves of three belts at once, which relocate and exchange cannot make, come from here.
   * The random choices come from a seeded generator: the same input gives the same plan.
   */
  ruinAndRecreate(start: Belt[]): Belt[] {
    const rng = mulberry32(this.n * 7919 + this.beltCount);
    let best = start;
    let bestCost = this.planCost(best);
    for (let round = 0; round < ruinsFor(this.n); round++) {
      const trial = best.map((b) => ({ ...b, stops: [...b.stops] }));
      const movable = trial.filter((b) => !b.locked).flatMap((b) => b.stops.filter((s) => !b.fixed.has(s)));
      const seed = movable[Math.floor(rng() * movable.length)];
      if (seed === undefined) return best;
      const count = 2 + Math.floor(rng() * Math.min(4, movable.length - 1));
      // Near one another (a stretch of the map) in even rounds, anywhere in odd ones (a chain of
      // belts across it).
      const near = round % 2 === 0;
      const removed = new Set(
        near
          ? [...movable].sort((a, b) => this.dist(seed, a) - this.dist(seed, b) || a - b).slice(0, count)
          : shuffle(rng, movable).slice(0, count),
      );
      for (const belt of trial) if (!belt.locked) belt.stops = belt.stops.filter((s) => !removed.has(s));
      if (!this.recreate(trial, shuffle(rng, [...removed]))) continue;
      this.improve(trial);
      const cost = this.planCost(trial);
      if (cost < bestCost - MIN_GAIN) {
        best = trial;
        bestCost = cost;
      }
    }
    return best;
  }

  /** Puts the belts of `trial` right again after `removed` were taken off; false if it cannot. */
  private recreate(trial: Belt[], removed: number[]): boolean {
    const { maxStops } = this.input.preferences;
    const open = trial.filter((b) => !b.locked);
    const used = new Set(trial.flatMap((b) => b.stops));
    const place = (belt: Belt, site: number) => {
      this.insert(belt, site);
      used.add(site);
    };
    for (const belt of open.filter((b) => !b.stops.some(this.isTown))) {
      const towns = [...Array(this.n).keys()].filter((i) => this.isTown(i) && !used.has(i));
      const town = minBy(towns, (t) => this.insertion(belt.stops, t).cost);
      if (town === undefined) return false;
      place(belt, town);
    }
    for (const site of removed.filter((i) => !used.has(i) && this.input.candidates[i]?.required)) {
      const belt = minBy(
        open.filter((b) => b.stops.length < maxStops),
        (b) => this.insertion(b.stops, site).cost,
      );
      if (!belt) return false;
      place(belt, site);
    }
    return this.fillToMinimum(open, used);
  }

  /** Local search until no move makes the plan cheaper. */
  improve(belts: Belt[]): void {
    const open = belts.filter((b) => !b.locked);
    for (let round = 0; round < 200; round++) {
      if (!(this.relocateOrExchange(open) || this.replaceOrDrop(belts, open))) return;
    }
  }

  private relocateOrExchange(open: Belt[]): boolean {
    const { minStops, maxStops } = this.input.preferences;
    for (const a of open) {
      for (const s of a.stops) {
        if (a.fixed.has(s)) continue;
        for (const b of open) {
          if (a === b) continue;
          const withoutS = a.stops.filter((x) => x !== s);
          if (a.stops.length > minStops && b.stops.length < maxStops && withoutS.some(this.isTown)) {
            if (this.tryChange([a, b], [withoutS, this.withInserted(b.stops, s)])) return true;
          }
          for (const t of b.stops) {
            if (b.fixed.has(t)) continue;
            const newB = this.withInserted(
              b.stops.filter((x) => x !== t),
              s,
            );
            if (!newB.some(this.isTown)) continue;
            // Swapped with t, or taking the place of t when t is not needed on any belt.
            const swapped = this.withInserted(withoutS, t);
            if (swapped.some(this.isTown) && this.tryChange([a, b], [swapped, newB])) return true;
            const optional = !this.input.candidates[t]?.required;
            if (optional && a.stops.length > minStops && withoutS.some(this.isTown))
              if (this.tryChange([a, b], [withoutS, newB])) return true;
          }
        }
      }
    }
    return false;
  }

  private replaceOrDrop(belts: Belt[], open: Belt[]): boolean {
    const used = new Set(belts.flatMap((b) => b.stops));
    const pool = [...Array(this.n).keys()].filter((i) => !used.has(i));
    for (const a of open) {
      for (const s of a.stops) {
        if (a.fixed.has(s) || this.input.candidates[s]?.required) continue;
        const withoutS = a.stops.filter((x) => x !== s);
        if (a.stops.length > this.input.preferences.minStops && withoutS.some(this.isTown))
          if (this.tryChange([a], [withoutS])) return true;
        for (const c of pool) {
          const replaced = this.withInserted(withoutS, c);
          if (replaced.some(this.isTown) && this.tryChange([a], [replaced])) return true;
        }
      }
    }
    return false;
  }

  /**
   * Applies the new stops of `belts` when they cost less in the order given (the old order with a
   * stop taken out and another put in where it costs least), then puts each in its best order,
   * which is never longer. Reordering every candidate move first would cost 2^10 steps a move.
   */
  private tryChange(belts: Belt[], stops: number[][]): boolean {
    const before = belts.reduce((sum, b) => sum + this.beltCost(b.stops), 0);
    const after = stops.reduce((sum, s) => sum + this.beltCost(s), 0);
    if (after >= before - MIN_GAIN) return false;
    belts.forEach((b, i) => {
      b.stops = this.reorder(stops[i] ?? b.stops);
    });
    return true;
  }

  private withInserted(stops: readonly number[], site: number): number[] {
    const copy = [...stops];
    copy.splice(this.insertion(stops, site).position, 0, site);
    return copy;
  }

  private insertion(stops: readonly number[], site: number): { cost: number; position: number } {
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

  private insert(belt: Belt, site: number): void {
    belt.stops = this.withInserted(belt.stops, site);
  }

  private reorder(stops: readonly number[]): number[] {
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
  private beltCost(stops: readonly number[]): number {
    const km = this.km(stops);
    const over = Math.max(0, km - this.input.preferences.maxBeltKm);
    return km + OVER_LENGTH_PENALTY * over + stops.reduce((sum, s) => sum + this.tierTie(s), 0);
  }

  /** Between plans of one length, stops of better tiers: a micrometre per tier step. */
  private tierTie(i: number): number {
    return ((this.input.candidates[i]?.tier ?? 4) - 1) * 1e-9;
  }

  planCost(belts: readonly Belt[]): number {
    const lengths = belts.map((b) => this.km(b.stops));
    // Balanced belts break what ties remain.
    const spread = Math.max(...lengths) - Math.min(...lengths);
    return belts.reduce((sum, b) => sum + this.beltCost(b.stops), 0) + spread * 1e-9;
  }

  answer(belts: readonly Belt[]): Proposal {
    const { maxBeltKm } = this.input.preferences;
    const id = (i: number) => this.input.candidates[i]?.id ?? -1;
    const proposed = belts.map((b) => ({
      name: b.name,
      locked: b.locked,
      stopIds: b.stops.map(id),
      km: this.km(b.stops),
    }));
    const tooLong = proposed.filter((b) => !b.locked && b.km > maxBeltKm + 1e-6);
    if (tooLong.length > 0) {
      const longest = maxBy(tooLong, (b) => b.km) as ProposedBelt;
      return {
        ok: false,
        reasons: [
          {
            code: "SITE_OUT_OF_REACH",
            message: `找不到每条不超过 ${maxBeltKm} 公里的方案（最短的方案中最长一条 ${longest.km.toFixed(1)} 公里）：放宽最长里程，或减少每条示范带的最少站数`,
          },
        ],
      };
    }
    return { ok: true, belts: proposed, totalKm: proposed.reduce((sum, b) => sum + b.km, 0) };
  }
}

function minBy<T>(items: readonly T[], score: (item: T) => number): T | undefined {
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

function maxBy<T>(items: readonly T[], score: (item: T) => number): T | undefined {
  return minBy(items, (item) => -score(item));
}
