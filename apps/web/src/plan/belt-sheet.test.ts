import type { BeltStopDto } from "@beltmap/api";
import { estimateTravel, haversineKm, routeLengthKm } from "@beltmap/domain";
import { describe, expect, it } from "vitest";
import { formatKm, sheetRoute, travelTime } from "./belt-sheet.ts";

function stop(position: number, lng: number, lat: number): BeltStopDto {
  return {
    position,
    organizationId: position + 1,
    name: `站点${position + 1}`,
    kind: "ENTERPRISE",
    unitId: "kecheng",
    lng,
    lat,
  };
}

const A = stop(0, 118.87, 28.94);
const B = stop(1, 118.9, 28.96);
const C = stop(2, 118.95, 28.93);

describe("sheetRoute", () => {
  it("numbers the stops in visiting order with the straight-line leg from the one before", () => {
    const route = sheetRoute({ index: 1, stops: [C, A, B], roundTrip: false });
    expect(route.stops.map((s) => [s.number, s.label, s.stop.name])).toEqual([
      [1, "B1", "站点1"],
      [2, "B2", "站点2"],
      [3, "B3", "站点3"],
    ]);
    expect(route.stops[0]?.fromPreviousKm).toBeNull();
    expect(route.stops[1]?.fromPreviousKm).toBeCloseTo(haversineKm([A.lng, A.lat], [B.lng, B.lat]), 9);
    expect(route.stops[2]?.fromPreviousKm).toBeCloseTo(haversineKm([B.lng, B.lat], [C.lng, C.lat]), 9);
    expect(route.returnKm).toBeNull();
  });

  it("adds a round trip's way back, so the legs add up to the route's length", () => {
    const route = sheetRoute({ index: 0, stops: [A, B, C], roundTrip: true });
    expect(route.returnKm).toBeCloseTo(haversineKm([C.lng, C.lat], [A.lng, A.lat]), 9);
    const legs = route.stops.reduce((sum, s) => sum + (s.fromPreviousKm ?? 0), route.returnKm ?? 0);
    const points = [A, B, C].map((s) => [s.lng, s.lat] as const);
    expect(legs).toBeCloseTo(routeLengthKm(points, true), 9);
  });

  it("has no way back with fewer than two stops", () => {
    expect(sheetRoute({ index: 0, stops: [A], roundTrip: true })).toEqual({
      stops: [{ number: 1, label: "A1", stop: A, fromPreviousKm: null }],
      returnKm: null,
    });
    expect(sheetRoute({ index: 0, stops: [], roundTrip: true })).toEqual({ stops: [], returnKm: null });
  });
});

describe("travelTime", () => {
  it("rounds the domain's estimate to 5 minutes and keeps its assumptions", () => {
    // 40 km × 1.3 at 40 km/h = 78 min → 1 h 20 min.
    expect(travelTime(40)).toEqual({ hours: 1, minutes: 20, detourFactor: 1.3, speedKmh: 40 });
    const { detourFactor, speedKmh } = estimateTravel(1);
    expect(travelTime(10)).toMatchObject({ detourFactor, speedKmh });
    // 10 km → 19.5 min → 20 min.
    expect(travelTime(10)).toMatchObject({ hours: 0, minutes: 20 });
    // 92.31 km → 180 min.
    expect(travelTime(92.31)).toMatchObject({ hours: 3, minutes: 0 });
  });

  it("says at least 5 minutes for any distance, and nothing for none", () => {
    expect(travelTime(0.2)).toMatchObject({ hours: 0, minutes: 5 });
    expect(travelTime(0)).toMatchObject({ hours: 0, minutes: 0 });
    expect(travelTime(Number.NaN)).toMatchObject({ hours: 0, minutes: 0 });
  });
});

describe("formatKm", () => {
  it("prints one decimal", () => {
    expect(formatKm(12.345)).toBe("12.3");
    expect(formatKm(0)).toBe("0.0");
    expect(formatKm(Number.POSITIVE_INFINITY)).toBe("—");
  });
});
