// The synthetic organisations of the transport benchmark and the two payloads the page fetches whole.
import { mulberry32, ORG_KINDS, type OrgKind, TIERS } from "@beltmap/domain";
import { TOWNSHIPS } from "@beltmap/geo";

/** Roughly 衢州市 (west, south, east, north); the view is fitted to it. */
export const BOX: [number, number, number, number] = [118.0, 28.25, 119.35, 29.5];
export const TIER_CODES = [...TIERS, "NONE"] as const;
export type TierCode = (typeof TIER_CODES)[number];

export type Organization = {
  id: number;
  lng: number;
  lat: number;
  tier: TierCode;
  official: boolean;
  total: number | null;
  unitId: string;
  kind: OrgKind;
  name: string;
};

/** What the map needs of an organisation to draw it and to filter it: everything but the name. */
export type DrawnProperties = Omit<Organization, "lng" | "lat" | "name">;

const NAME_PARTS = ["智能", "新材料", "电子", "机械", "化工", "食品", "纺织", "建设", "物流", "科技", "医药"];
const NAME_ENDS = ["有限公司", "股份公司", "合作社", "事务所"];

/**
 * `count` organisations around the 100 real townships of Quzhou, each given a seat inside BOX and a
 * weight, so some towns are dense and the points cluster as real sites do. The same seed every run.
 */
export function syntheticOrganizations(count: number): Organization[] {
  const rng = mulberry32(20_260_501);
  const [west, south, east, north] = BOX;
  const seats = TOWNSHIPS.map((township) => ({
    township,
    lng: west + 0.05 + rng() * (east - west - 0.1),
    lat: south + 0.05 + rng() * (north - south - 0.1),
    // Spread in degrees: a town centre is tight, a rural township loose.
    spread: 0.01 + rng() * 0.04,
    weight: rng() ** 2,
  }));
  const totalWeight = seats.reduce((sum, seat) => sum + seat.weight, 0);
  const pickSeat = () => {
    let target = rng() * totalWeight;
    for (const seat of seats) {
      target -= seat.weight;
      if (target <= 0) return seat;
    }
    return seats[seats.length - 1] as (typeof seats)[number];
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
  const pickFrom = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

  return Array.from({ length: count }, (_, index): Organization => {
    const seat = pickSeat();
    const tier = rng() < 0.3 ? "NONE" : pickFrom(TIERS);
    return {
      id: index + 1,
      lng: clamp(seat.lng + gaussian() * seat.spread, west, east),
      lat: clamp(seat.lat + gaussian() * seat.spread, south, north),
      tier,
      official: tier !== "NONE" && rng() < 0.4,
      total: tier === "NONE" ? null : Math.round(100 + rng() * 100) / 2,
      unitId: seat.township.countyCode,
      kind: pickFrom(ORG_KINDS),
      // About 12 characters: the township's first two, two parts of a trade, an ending.
      name: `${seat.township.name.slice(0, 2)}${pickFrom(NAME_PARTS)}${pickFrom(NAME_PARTS)}${pickFrom(NAME_ENDS)}`,
    };
  });
}

/** Today's payload: a FeatureCollection with every property, names included. */
export function toGeoJSON(organizations: readonly Organization[]): string {
  return JSON.stringify({
    type: "FeatureCollection",
    features: organizations.map(({ lng, lat, ...properties }) => ({
      type: "Feature",
      id: properties.id,
      geometry: { type: "Point", coordinates: [lng, lat] },
      properties,
    })),
  });
}

/** Where each column starts in the binary payload; page.ts reads it from the header. */
export type BinaryHeader = {
  count: number;
  box: [number, number, number, number];
  tiers: readonly string[];
  kinds: readonly string[];
  units: string[];
  offsets: { id: number; lng: number; lat: number; total: number; unit: number; tier: number; flags: number };
};

/** No score: a total is stored as twice its value (scores go in steps of 0.5). */
export const NO_TOTAL = 0xffff;

/**
 * The columnar payload: a Uint32 header length, the JSON header (dictionaries and column offsets),
 * then the columns, widest first so each typed array starts aligned. Positions are quantised to
 * 1/65535 of BOX (about 2 m), kind and official share a byte; names are left out (fetched on click).
 */
export function toBinary(organizations: readonly Organization[]): Buffer {
  const count = organizations.length;
  const units = [...new Set(organizations.map((o) => o.unitId))];
  const columns = { id: 4, lng: 2, lat: 2, total: 2, unit: 2, tier: 1, flags: 1 } as const;
  const layout = (start: number) => {
    let at = start;
    const offsets = {} as BinaryHeader["offsets"];
    for (const [name, width] of Object.entries(columns)) {
      offsets[name as keyof typeof columns] = at;
      at += width * count;
    }
    return { offsets, end: at };
  };
  // The header holds the offsets, which depend on the header's length: lay out twice.
  const header: BinaryHeader = {
    count,
    box: BOX,
    tiers: TIER_CODES,
    kinds: ORG_KINDS,
    units,
    offsets: layout(0).offsets,
  };
  const headerLength = Buffer.byteLength(JSON.stringify(header)) + 64;
  const { offsets, end } = layout(Math.ceil((4 + headerLength) / 4) * 4);
  header.offsets = offsets;
  const buffer = Buffer.alloc(end);
  buffer.writeUInt32LE(headerLength, 0);
  buffer.write(JSON.stringify(header).padEnd(headerLength), 4, "utf8");

  const ids = new Int32Array(buffer.buffer, buffer.byteOffset + offsets.id, count);
  const lngs = new Uint16Array(buffer.buffer, buffer.byteOffset + offsets.lng, count);
  const lats = new Uint16Array(buffer.buffer, buffer.byteOffset + offsets.lat, count);
  const totals = new Uint16Array(buffer.buffer, buffer.byteOffset + offsets.total, count);
  const unitIndexes = new Uint16Array(buffer.buffer, buffer.byteOffset + offsets.unit, count);
  const [west, south, east, north] = BOX;
  organizations.forEach((o, i) => {
    ids[i] = o.id;
    lngs[i] = Math.round(((o.lng - west) / (east - west)) * 65535);
    lats[i] = Math.round(((o.lat - south) / (north - south)) * 65535);
    totals[i] = o.total === null ? NO_TOTAL : o.total * 2;
    unitIndexes[i] = units.indexOf(o.unitId);
    buffer[offsets.tier + i] = TIER_CODES.indexOf(o.tier);
    buffer[offsets.flags + i] = (o.official ? 1 : 0) | (ORG_KINDS.indexOf(o.kind) << 1);
  });
  return buffer;
}
