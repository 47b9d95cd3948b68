import { describe, expect, it } from "vitest";
import { mulberry32 } from "./random.ts";
import { estimateTravel, haversineKm, type LngLat, orderStops, routeLengthKm } from "./route.ts";

const QUZHOU: LngLat = [118.8595, 28.9701];
const HANGZHOU: LngLat = [120.1551, 30.2741];

function randomPoints(seed: number, count: number): LngLat[] {
  const rng = mulberry32(seed);
  // Scattered over the Quzhou area, about 100 km across.
  return Array.from({ length: count }, (): LngLat => [118.0 + rng(), 28.5 + rng()]);
}

function isPermutation(order: number[], n: number): boolean {
  return order.length === n && [...order].sort((a, b) => a - b).every((value, i) => value === i);
}

const lengthOf = (points: readonly LngLat[], order: number[], roundTrip = false): number =>
  routeLengthKm(
    order.map((i) => points[i] ?? [0, 0]),
    roundTrip,
  );

describe("haversineKm", () => {
  it("is 0 between a point and itself", () => {
    expect(haversineKm(QUZHOU, QUZHOU)).toBe(0);
  });

  it("measures one degree of latitude as about 111.2 km", () => {
    expect(haversineKm([118, 28], [118, 29])).toBeCloseTo(111.19, 1);
  });

  it("shrinks a degree of longitude with the cosine of latitude", () => {
    expect(haversineKm([0, 60], [1, 60])).toBeCloseTo(111.19 / 2, 0);
  });

  it("puts Quzhou about 190 km from Hangzhou, either way round", () => {
    const d = haversineKm(QUZHOU, HANGZHOU);
    expect(d).toBeGreaterThan(180);
    expect(d).toBeLessThan(200);
    expect(haversineKm(HANGZHOU, QUZHOU)).toBeCloseTo(d, 9);
  });

  it("stays finite for antipodal points", () => {
    expect(haversineKm([0, 0], [180, 0])).toBeCloseTo(Math.PI * 6371.0088, 6);
  });
});

describe("routeLengthKm", () => {
  const a: LngLat = [118, 28];
  const b: LngLat = [118, 29];
  const c: LngLat = [118, 30];

  it("is 0 for no point or one point", () => {
    expect(routeLengthKm([])).toBe(0);
    expect(routeLengthKm([a])).toBe(0);
    expect(routeLengthKm([a], true)).toBe(0);
  });

  it("adds the legs in order", () => {
    expect(routeLengthKm([a, b, c])).toBeCloseTo(haversineKm(a, b) + haversineKm(b, c), 9);
    expect(routeLengthKm([a, c, b])).toBeCloseTo(haversineKm(a, c) + haversineKm(c, b), 9);
  });

  it("adds the way back on a round trip, also for two points", () => {
    expect(routeLengthKm([a, b, c], true)).toBeCloseTo(2 * haversineKm(a, c), 9);
    expect(routeLengthKm([a, b], true)).toBeCloseTo(2 * haversineKm(a, b), 9);
  });
});

describe("orderStops", () => {
  it("handles zero, one and two stops", () => {
    expect(orderStops([])).toEqual([]);
    expect(orderStops([QUZHOU])).toEqual([0]);
    expect(orderStops([QUZHOU, HANGZHOU])).toEqual([0, 1]);
    expect(orderStops([QUZHOU, HANGZHOU], { startIndex: 1 })).toEqual([1, 0]);
  });

  it("puts collinear stops in sorted order", () => {
    const longitudes = [118.7, 118.1, 118.5, 118.9, 118.2, 118.4, 118.8, 118.3, 118.6, 118.0];
    const points = longitudes.map((lng): LngLat => [lng, 28.9]);
    const byLongitude = points.map((_, i) => i).sort((i, j) => (longitudes[i] ?? 0) - (longitudes[j] ?? 0));
    const order = orderStops(points);
    expect([byLongitude, [...byLongitude].reverse()]).toContainEqual(order);
    // Starting from the westernmost stop gives the west-to-east order exactly.
    expect(orderStops(points, { startIndex: byLongitude[0] })).toEqual(byLongitude);
  });

  it("puts stops along a meridian in sorted order", () => {
    const points: LngLat[] = [0.3, 0.1, 0.4, 0.0, 0.2].map((d): LngLat => [118.5, 28.5 + d]);
    expect([
      [3, 1, 4, 0, 2],
      [2, 0, 4, 1, 3],
    ]).toContainEqual(orderStops(points));
  });

  it("keeps the given order when it is already best", () => {
    const points: LngLat[] = [
      [118.0, 28.9],
      [118.1, 28.9],
      [118.2, 28.9],
      [118.3, 28.9],
    ];
    expect(orderStops(points)).toEqual([0, 1, 2, 3]);
  });

  it.each([3, 4, 5, 7, 10, 15, 25, 40])(
    "returns a permutation never longer than the input order (%i stops)",
    (n) => {
      for (let seed = 1; seed <= 5; seed++) {
        const points = randomPoints(seed * 100 + n, n);
        const identity = points.map((_, i) => i);
        for (const roundTrip of [false, true]) {
          const order = orderStops(points, { roundTrip });
          expect(isPermutation(order, n)).toBe(true);
          expect(lengthOf(points, order, roundTrip)).toBeLessThanOrEqual(
            lengthOf(points, identity, roundTrip) + 1e-9,
          );
        }
      }
    },
  );

  it("keeps a fixed first stop and still returns a permutation", () => {
    const points = randomPoints(7, 12);
    for (const startIndex of [0, 5, 11]) {
      for (const roundTrip of [false, true]) {
        const order = orderStops(points, { startIndex, roundTrip });
        expect(order[0]).toBe(startIndex);
        expect(isPermutation(order, points.length)).toBe(true);
      }
    }
  });

  it("leaves no reversal of a stretch that would shorten the route (2-opt optimum)", () => {
    for (let seed = 1; seed <= 5; seed++) {
      const points = randomPoints(seed, 12);
      const order = orderStops(points);
      const length = lengthOf(points, order);
      for (let i = 0; i < order.length; i++) {
        for (let j = i + 1; j < order.length; j++) {
          const reversed = [...order.slice(0, i), ...order.slice(i, j + 1).reverse(), ...order.slice(j + 1)];
          expect(lengthOf(points, reversed)).toBeGreaterThanOrEqual(length - 1e-6);
        }
      }
    }
  });

  /** The shortest length over every order that respects the options: every order, tried in turn. */
  function bruteForce(points: readonly LngLat[], roundTrip: boolean, startIndex?: number): number {
    const d = (a: number, b: number) => haversineKm(points[a] ?? [0, 0], points[b] ?? [0, 0]);
    let best = Number.POSITIVE_INFINITY;
    const visit = (first: number, last: number, left: number[], length: number) => {
      if (left.length === 0) {
        best = Math.min(best, length + (roundTrip ? d(last, first) : 0));
        return;
      }
      for (const next of left)
        visit(
          first,
          next,
          left.filter((k) => k !== next),
          length + d(last, next),
        );
    };
    const all = points.map((_, i) => i);
    for (const first of startIndex === undefined ? all : [startIndex]) {
      visit(
        first,
        first,
        all.filter((k) => k !== first),
        0,
      );
    }
    return best;
  }

  it.each([3, 4, 5, 6, 7, 8, 9])("equals the brute-force optimum on random sets of %i stops", (n) => {
    for (let seed = 1; seed <= 4; seed++) {
      const points = randomPoints(seed * 1000 + n, n);
      for (const roundTrip of [false, true]) {
        for (const startIndex of [undefined, n - 1]) {
          const order = orderStops(points, { roundTrip, startIndex });
          expect(isPermutation(order, n)).toBe(true);
          if (startIndex !== undefined) expect(order[0]).toBe(startIndex);
          expect(lengthOf(points, order, roundTrip)).toBeCloseTo(
            bruteForce(points, roundTrip, startIndex),
            9,
          );
        }
      }
    }
  });

  it("orders 10 stops exactly; the 2-opt heuristic used above 10 comes within 5% of that optimum", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const points = randomPoints(seed * 7, 10);
      const exact = lengthOf(points, orderStops(points));
      // The heuristic alone: 11 stops where the 11th sits on the first, so it adds no length.
      const withTwin = [...points, points[0] ?? [0, 0]];
      const heuristic = lengthOf(withTwin, orderStops(withTwin));
      expect(heuristic).toBeGreaterThanOrEqual(exact - 1e-9);
      expect(heuristic).toBeLessThanOrEqual(exact * 1.05);
    }
  });

  it("is deterministic", () => {
    const points = randomPoints(42, 20);
    expect(orderStops(points)).toEqual(orderStops(points));
  });

  it("copes with duplicate points", () => {
    const order = orderStops([QUZHOU, HANGZHOU, QUZHOU, HANGZHOU]);
    expect(isPermutation(order, 4)).toBe(true);
    expect(lengthOf([QUZHOU, HANGZHOU, QUZHOU, HANGZHOU], order)).toBeCloseTo(
      haversineKm(QUZHOU, HANGZHOU),
      9,
    );
  });

  it.each([-1, 3, 1.5, Number.NaN])("refuses startIndex %s", (startIndex) => {
    expect(() => orderStops([QUZHOU, HANGZHOU, QUZHOU], { startIndex })).toThrow(RangeError);
  });
});

describe("estimateTravel", () => {
  it("applies the stated detour factor and speed", () => {
    expect(estimateTravel(40)).toEqual({
      roadKm: 52,
      minutes: 78,
      roundedMinutes: 80,
      detourFactor: 1.3,
      speedKmh: 40,
    });
    expect(estimateTravel(0)).toMatchObject({ minutes: 0, roundedMinutes: 0 });
    expect(estimateTravel(10, 1, 60)).toMatchObject({ roadKm: 10, minutes: 10, roundedMinutes: 10 });
  });

  it("rounds what it shows to 5 minutes, never below 5 for a distance", () => {
    expect(estimateTravel(0.1).roundedMinutes).toBe(5); // 0.2 minutes
    expect(estimateTravel(10, 1, 60).roundedMinutes).toBe(10);
    expect(estimateTravel(12.4, 1, 60).roundedMinutes).toBe(10); // 12.4 → 10
    expect(estimateTravel(12.5, 1, 60).roundedMinutes).toBe(15); // 12.5 → 15
  });

  it("refuses lengths and assumptions that are not", () => {
    expect(() => estimateTravel(-1)).toThrow(RangeError);
    expect(() => estimateTravel(Number.NaN)).toThrow(RangeError);
    expect(() => estimateTravel(5, 0.9)).toThrow(RangeError);
    expect(() => estimateTravel(5, 1.3, 0)).toThrow(RangeError);
  });
});
