// A seeded PRNG so that the demo data is the same on every machine and every run.

/** Mulberry32 (Tommy Ettinger): a fast 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

/** An integer in [min, max], both ends included. */
export function intBetween(rng: Rng, min: number, max: number): number {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
    throw new RangeError(`intBetween needs integers min ≤ max, got ${min} and ${max}`);
  }
  return min + Math.floor(rng() * (max - min + 1));
}

/** One element chosen uniformly; throws on an empty list, which has nothing to pick. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError("pick from an empty list");
  // The index is in range; the cast only drops the `undefined` of noUncheckedIndexedAccess.
  return items[intBetween(rng, 0, items.length - 1)] as T;
}

/** A shuffled copy (Fisher–Yates); the input is left as it was. */
export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = intBetween(rng, 0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
