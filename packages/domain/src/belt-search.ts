import { type Belt, BeltCosts, MIN_GAIN, maxBy, minBy } from "./belt-costs.ts";
import type { DistanceProvider, ProposalInput } from "./belt-proposal.ts";
import { mulberry32, shuffle } from "./random.ts";

// The belt proposal's search: for each choice of a first 特色小镇, belts are seeded with towns far
// apart, the demonstration sites are inserted where they cost least, belts short of stops take the
// nearest other candidates, and local search (relocate, exchange, replace, drop, each belt's order
// exact up to 10 places) improves the plan until no move shortens it; the best start then goes
// through ruin and recreate. Its random choices come from a generator seeded by the input's size.

/** Rounds of ruin and recreate after the starts: fewer on large inputs, where each costs more. */
const ruinsFor = (candidates: number) => (candidates <= 30 ? 300 : candidates <= 80 ? 60 : 15);
/** Starts tried (one per 特色小镇 as the first seed): fewer on large inputs, where each costs more. */
const startsFor = (candidates: number) => (candidates <= 30 ? 12 : candidates <= 80 ? 4 : 2);

export class BeltSearch extends BeltCosts {
  constructor(
    input: ProposalInput,
    distance: DistanceProvider,
    private readonly beltCount: number,
  ) {
    super(input, distance);
  }

  private at(id: number): number {
    const i = this.index.get(id);
    if (i === undefined) throw new RangeError(`stop ${id} is not a candidate`);
    return i;
  }

  /** Each free town once, as the first seed; the most central first, at most startsFor(n). */
  startTowns(): number[] {
    const taken = this.lockedStops();
    const towns = this.indices.filter((i) => this.isTown(i) && !taken.has(i));
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
      const free = this.indices.filter((i) => this.isTown(i) && !used.has(i));
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
    const sites = this.indices.filter((i) => this.input.candidates[i]?.required && !used.has(i));
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
        const pool = this.indices.filter((i) => !used.has(i));
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
      const towns = this.indices.filter((i) => this.isTown(i) && !used.has(i));
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
    const pool = this.indices.filter((i) => !used.has(i));
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
}
