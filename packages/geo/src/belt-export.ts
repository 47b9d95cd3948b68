/**
 * Export of a unit's demonstration belts (示范带) for GIS tools (GeoJSON, RFC 7946) and for phones and
 * 2-way radios (KML 2.2, which most of them import). Pure functions: the caller serializes and
 * downloads. Coordinates are WGS84, as Beltmap stores them and as both formats require.
 */
import type { Feature, FeatureCollection, LineString, Point } from "geojson";

/** A stop of a belt, WGS84 degrees. */
export type ExportStop = { name: string; lng: number; lat: number };

export type ExportBelt = {
  /** In Chinese, e.g. "柯城区示范带一". */
  name: string;
  /** Its letter in the unit's plan (A, B…), which starts its stops' labels (A1, A2…). */
  letter: string;
  /** Its colour on every map, as #rrggbb. */
  color: string;
  /** May be "". */
  theme: string;
  /** E.g. "特色小镇示范带" or "示范带". */
  kindLabel: string;
  /** E.g. "柯城区". */
  unitName: string;
  /** The route returns to the first stop. */
  roundTrip: boolean;
  lengthKm: number;
  /** In visiting order. */
  stops: ExportStop[];
};

export type BeltLineProperties = {
  name: string;
  letter: string;
  /** simplestyle-spec: the line's colour in GIS tools and geojson.io, as on Beltmap's maps. */
  stroke: string;
  "stroke-width": number;
  theme: string;
  kind: string;
  unit: string;
  lengthKm: number;
  /** Stop names in visiting order. */
  stops: string[];
  roundTrip: boolean;
};

export type BeltStopProperties = {
  /** The belt's name. */
  belt: string;
  /** 1-based position in the visiting order. */
  order: number;
  /** As on Beltmap's maps: the belt's letter and the order, e.g. "A1". */
  label: string;
  "marker-color": string;
  name: string;
};

export type BeltFeature = Feature<LineString, BeltLineProperties> | Feature<Point, BeltStopProperties>;

/** Six decimals is ~0.1 m, well below GPS accuracy, and keeps files small (RFC 7946 §11.2). */
function round6(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? 0 : r; // no "-0" in the output
}

/** The stop as [lng, lat]; throws rather than writing a file that GIS tools reject (NaN becomes null). */
function positionOf(belt: ExportBelt, stop: ExportStop): [number, number] {
  const { lng, lat } = stop;
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90)
    throw new Error(`belt "${belt.name}", stop "${stop.name}": invalid coordinate lng ${lng}, lat ${lat}`);
  return [round6(lng), round6(lat)];
}

/**
 * The route's positions in visiting order, closed back to the first stop for a round trip (unless the
 * stops already end where they start, so the closing segment is not doubled).
 */
function routeOf(belt: ExportBelt): [number, number][] {
  const route = belt.stops.map((s) => positionOf(belt, s));
  const first = route[0];
  const last = route[route.length - 1];
  if (belt.roundTrip && route.length >= 2 && first !== undefined && last !== undefined) {
    if (first[0] !== last[0] || first[1] !== last[1]) route.push([first[0], first[1]]);
  }
  return route;
}

/**
 * The belts as one GeoJSON FeatureCollection: per belt a LineString of its route, then a Point per stop.
 * A belt with fewer than 2 stops gets only its Points: a LineString needs two or more positions
 * (RFC 7946 §3.1.4), and an invalid geometry would make GIS tools reject the whole file.
 */
export function beltsToGeoJSON(belts: readonly ExportBelt[]): FeatureCollection<LineString | Point> {
  const features: BeltFeature[] = [];
  for (const belt of belts) {
    if (belt.stops.length >= 2) {
      features.push({
        type: "Feature",
        geometry: { type: "LineString", coordinates: routeOf(belt) },
        properties: {
          name: belt.name,
          letter: belt.letter,
          stroke: belt.color,
          "stroke-width": 4,
          theme: belt.theme,
          kind: belt.kindLabel,
          unit: belt.unitName,
          lengthKm: belt.lengthKm,
          stops: belt.stops.map((s) => s.name),
          roundTrip: belt.roundTrip,
        },
      });
    }
    belt.stops.forEach((stop, i) => {
      features.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: positionOf(belt, stop) },
        properties: {
          belt: belt.name,
          order: i + 1,
          label: `${belt.letter}${i + 1}`,
          "marker-color": belt.color,
          name: stop.name,
        },
      });
    });
  }
  return { type: "FeatureCollection", features };
}

/**
 * Characters XML 1.0 forbids (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE/U+FFFF),
 * plus DEL and the C1 controls, which XML 1.0 discourages (§2.2) and some importers reject. They only
 * reach a name by pasting, and one of them makes the whole file unreadable.
 */
const NOT_XML_TEXT = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const XML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** Text safe in XML content and attribute values. */
function xmlText(s: string): string {
  return s.replace(NOT_XML_TEXT, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

function kmlCoordinates(positions: readonly [number, number][]): string {
  return positions.map(([lng, lat]) => `${lng},${lat}`).join(" ");
}

/** One line of plain text: viewers differ on whether a description is HTML, so no markup or newlines. */
function beltDescription(belt: ExportBelt): string {
  const parts = [
    belt.theme === "" ? undefined : `主题：${belt.theme}`,
    `类型：${belt.kindLabel}`,
    `单位：${belt.unitName}`,
    `全长：${Number.isFinite(belt.lengthKm) ? belt.lengthKm.toFixed(1) : "—"} 公里${belt.roundTrip ? "（环线）" : ""}`,
  ];
  return parts.filter((p) => p !== undefined).join("；");
}

/** KML colours are aabbggrr: the belt's #rrggbb, opaque. */
function kmlColor(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return `ff${m[3]}${m[2]}${m[1]}`.toLowerCase();
}

const styleId = (belt: ExportBelt) => `belt-${belt.letter}`;

/**
 * The belts as a KML 2.2 document named `documentName`: per belt a Folder ("A · 名称") holding a
 * Placemark with the route (a LineString in the belt's colour, closed for a round trip) and a
 * Placemark per stop named as on the map: "A1. 站点名", "A2. …".
 * A belt with fewer than 2 stops gets only its stop Placemarks (a LineString needs two positions).
 */
export function beltsToKml(documentName: string, belts: readonly ExportBelt[]): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    "  <Document>",
    `    <name>${xmlText(documentName)}</name>`,
    // One style per belt, in the belt's colour on Beltmap's maps.
    ...belts.map(
      (belt) =>
        `    <Style id="${xmlText(styleId(belt))}"><LineStyle><color>${kmlColor(belt.color)}</color><width>4</width></LineStyle></Style>`,
    ),
  ];
  for (const belt of belts) {
    const name = xmlText(belt.name);
    lines.push("    <Folder>", `      <name>${xmlText(`${belt.letter} · ${belt.name}`)}</name>`);
    if (belt.stops.length >= 2) {
      lines.push(
        "      <Placemark>",
        `        <name>${name}</name>`,
        `        <description>${xmlText(beltDescription(belt))}</description>`,
        `        <styleUrl>#${xmlText(styleId(belt))}</styleUrl>`,
        "        <LineString>",
        "          <tessellate>1</tessellate>",
        `          <coordinates>${kmlCoordinates(routeOf(belt))}</coordinates>`,
        "        </LineString>",
        "      </Placemark>",
      );
    }
    belt.stops.forEach((stop, i) => {
      lines.push(
        "      <Placemark>",
        `        <name>${xmlText(`${belt.letter}${i + 1}. ${stop.name}`)}</name>`,
        `        <Point><coordinates>${kmlCoordinates([positionOf(belt, stop)])}</coordinates></Point>`,
        "      </Placemark>",
      );
    });
    lines.push("    </Folder>");
  }
  lines.push("  </Document>", "</kml>", "");
  return lines.join("\n");
}
