/**
 * Conversion between the coordinate systems used in China (gcoord):
 * WGS84 (GPS, 天地图 CGCS2000 to within centimetres, OSM), GCJ-02 (高德, 腾讯) and BD-09 (百度).
 * Beltmap stores WGS84; convert on import with `toWgs84`, and with `fromWgs84` for a map in GCJ-02.
 */
import gcoord from "gcoord";

export type CoordSystem = "WGS84" | "GCJ02" | "BD09";

export const COORD_SYSTEMS: readonly CoordSystem[] = Object.freeze(["WGS84", "GCJ02", "BD09"]);

const CRS = { WGS84: gcoord.WGS84, GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

function convert(lng: number, lat: number, from: CoordSystem, to: CoordSystem): [number, number] {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90)
    throw new Error(`invalid coordinate: lng ${lng}, lat ${lat}`);
  if (!(from in CRS)) throw new Error(`unknown coordinate system "${from}"`);
  if (!(to in CRS)) throw new Error(`unknown coordinate system "${to}"`);
  if (from === to) return [lng, lat];
  const [x, y] = gcoord.transform<[number, number]>([lng, lat], CRS[from], CRS[to]);
  return [x, y];
}

/** Converts a point given in `from` to WGS84. */
export function toWgs84(lng: number, lat: number, from: CoordSystem): [number, number] {
  return convert(lng, lat, from, "WGS84");
}

/** Converts a WGS84 point to `to`. */
export function fromWgs84(lng: number, lat: number, to: CoordSystem): [number, number] {
  return convert(lng, lat, "WGS84", to);
}
