// What a belt's print sheet states besides its map: the legs between stops and the travel time.
// Pure: BeltPrintPage renders these.
import type { BeltDto, BeltStopDto } from "@beltmap/api";
import { estimateTravel, haversineKm, stopLabel } from "@beltmap/domain";
import { stopsInOrder } from "./exports.ts";

export type SheetStop = {
  /** 1-based, as on the map. */
  number: number;
  /** The stop's label on every map and list: the belt's letter and the number (A1). */
  label: string;
  stop: BeltStopDto;
  /** Straight-line km from the stop before; null for the first. */
  fromPreviousKm: number | null;
};

export type SheetRoute = {
  stops: SheetStop[];
  /** A round trip's way back from the last stop to the first, in km; null otherwise. */
  returnKm: number | null;
};

export function sheetRoute(belt: Pick<BeltDto, "index" | "stops" | "roundTrip">): SheetRoute {
  const ordered = stopsInOrder(belt.stops);
  const stops = ordered.map((stop, i): SheetStop => {
    const previous = ordered[i - 1];
    return {
      number: i + 1,
      label: stopLabel(belt.index, i),
      stop,
      fromPreviousKm:
        previous === undefined ? null : haversineKm([previous.lng, previous.lat], [stop.lng, stop.lat]),
    };
  });
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  const returnKm =
    belt.roundTrip && ordered.length >= 2 && first && last
      ? haversineKm([last.lng, last.lat], [first.lng, first.lat])
      : null;
  return { stops, returnKm };
}

export type TravelTime = {
  hours: number;
  /** 0–55, in steps of 5. */
  minutes: number;
  detourFactor: number;
  speedKmh: number;
};

/**
 * The estimated driving time of `lengthKm` (straight line), to the nearest 5 minutes (at least 5
 * for any length): an estimate, with the assumptions it rests on for the sheet to state.
 */
export function travelTime(lengthKm: number): TravelTime {
  const estimate = estimateTravel(Math.max(0, Number.isFinite(lengthKm) ? lengthKm : 0));
  const rounded = estimate.roundedMinutes;
  return {
    hours: Math.floor(rounded / 60),
    minutes: rounded % 60,
    detourFactor: estimate.detourFactor,
    speedKmh: estimate.speedKmh,
  };
}

/** Kilometres with one decimal, as the sheet prints them. */
export function formatKm(km: number): string {
  return Number.isFinite(km) ? km.toFixed(1) : "—";
}
