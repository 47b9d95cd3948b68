import { check } from "@placemarkio/check-geojson";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Feature, LineString, Point } from "geojson";
import { describe, expect, it } from "vitest";
import { beltsToGeoJSON, beltsToKml, type ExportBelt } from "./index.ts";

const NASTY = `A&B <公司> "引号" '单引号'`;

/** Three stops in 柯城区, one with every character XML escapes and one with control characters. */
const LINE: ExportBelt = {
  name: `柯城区示范带一 ${NASTY}`,
  letter: "A",
  color: "#7B2D8E",
  theme: "共同富裕",
  kindLabel: "特色小镇示范带",
  unitName: "柯城区",
  roundTrip: false,
  lengthKm: 12.34,
  stops: [
    { name: "衢州市柯城区石梁镇", lng: 118.8712345678, lat: 28.9412344444 },
    { name: NASTY, lng: 118.88, lat: 28.95 },
    { name: "控制\u0001字符\u0007\u001F\u007F结束", lng: 118.9, lat: 28.96 },
  ],
};

const LOOP: ExportBelt = {
  name: "江山市示范带二",
  letter: "B",
  color: "#0072B2",
  theme: "",
  kindLabel: "示范带",
  unitName: "江山市",
  roundTrip: true,
  lengthKm: 8,
  stops: [
    { name: "江山港", lng: 118.63, lat: 28.74 },
    { name: "清湖镇", lng: 118.6, lat: 28.68 },
    { name: "贺村镇", lng: 118.67, lat: 28.7 },
  ],
};

const SINGLE: ExportBelt = {
  name: "开化县示范带三",
  letter: "C",
  color: "#D55E00",
  theme: "生态",
  kindLabel: "示范带",
  unitName: "开化县",
  roundTrip: true,
  lengthKm: 0,
  stops: [{ name: "芹阳办事处", lng: 118.41, lat: 29.14 }],
};

const EMPTY: ExportBelt = { ...SINGLE, name: "龙游县示范带四", letter: "D", color: "#009E73", stops: [] };

const BELTS: readonly ExportBelt[] = [LINE, LOOP, SINGLE, EMPTY];

/** Code points XML 1.0 forbids (and DEL), as "U+XXXX", to name them in a failure. */
const illegalInXml = (s: string): string[] =>
  [...s]
    .map((c) => c.codePointAt(0) ?? 0)
    .filter(
      (cp) =>
        (cp < 0x20 && cp !== 0x9 && cp !== 0xa && cp !== 0xd) ||
        cp === 0x7f ||
        cp === 0xfffe ||
        cp === 0xffff,
    )
    .map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`);

// -------------------------------------------------------------------------------------------- GeoJSON

type Geo = ReturnType<typeof beltsToGeoJSON>;
const lines = (fc: Geo) =>
  fc.features.filter((f): f is Feature<LineString> => f.geometry.type === "LineString");
const points = (fc: Geo) => fc.features.filter((f): f is Feature<Point> => f.geometry.type === "Point");

describe("beltsToGeoJSON", () => {
  it("passes a GeoJSON validator, which rejects a broken collection", () => {
    const fc = beltsToGeoJSON(BELTS);
    expect(check(JSON.stringify(fc))).toEqual(fc);

    // The validator is not a no-op: a one-position LineString (what a 1-stop belt would naively give)
    // and non-numeric positions are rejected.
    const oneStop = structuredClone(fc);
    const line = lines(oneStop)[0];
    if (line === undefined) throw new Error("no LineString");
    line.geometry.coordinates = line.geometry.coordinates.slice(0, 1);
    expect(() => check(JSON.stringify(oneStop))).toThrow();
    const badPoint = { ...fc, features: [{ type: "Feature", geometry: { type: "Point" }, properties: {} }] };
    expect(() => check(JSON.stringify(badPoint))).toThrow();
  });

  it("gives one LineString per belt with ≥ 2 stops, coordinates in stop order, rounded to 6 decimals", () => {
    const fc = beltsToGeoJSON(BELTS);
    const ls = lines(fc);
    expect(ls.map((f) => f.properties?.name)).toEqual([LINE.name, LOOP.name]);
    expect(ls[0]?.geometry.coordinates).toEqual([
      [118.871235, 28.941234],
      [118.88, 28.95],
      [118.9, 28.96],
    ]);
    expect(ls[0]?.properties).toEqual({
      name: LINE.name,
      letter: "A",
      stroke: "#7B2D8E",
      "stroke-width": 4,
      theme: "共同富裕",
      kind: "特色小镇示范带",
      unit: "柯城区",
      lengthKm: 12.34,
      stops: LINE.stops.map((s) => s.name),
      roundTrip: false,
    });
  });

  it("closes a round trip back to the first stop", () => {
    const loop = lines(beltsToGeoJSON([LOOP]))[0];
    expect(loop?.geometry.coordinates).toEqual([
      [118.63, 28.74],
      [118.6, 28.68],
      [118.67, 28.7],
      [118.63, 28.74],
    ]);
    expect(loop?.properties?.roundTrip).toBe(true);
    // Stops that already end where they start are not closed a second time.
    const first = LOOP.stops[0];
    if (first === undefined) throw new Error("no stop");
    const closed = lines(beltsToGeoJSON([{ ...LOOP, stops: [...LOOP.stops, first] }]))[0];
    expect(closed?.geometry.coordinates).toHaveLength(4);
    // A 2-stop round trip is out and back.
    const twoStops = lines(beltsToGeoJSON([{ ...LOOP, stops: LOOP.stops.slice(0, 2) }]))[0];
    expect(twoStops?.geometry.coordinates).toEqual([
      [118.63, 28.74],
      [118.6, 28.68],
      [118.63, 28.74],
    ]);
  });

  it("gives a Point per stop with belt, 1-based order and name; a 1-stop belt only its Point", () => {
    const fc = beltsToGeoJSON(BELTS);
    const ps = points(fc);
    expect(ps).toHaveLength(LINE.stops.length + LOOP.stops.length + 1);
    expect(ps.filter((f) => f.properties?.belt === LOOP.name).map((f) => f.properties)).toEqual([
      { belt: LOOP.name, order: 1, label: "B1", "marker-color": "#0072B2", name: "江山港" },
      { belt: LOOP.name, order: 2, label: "B2", "marker-color": "#0072B2", name: "清湖镇" },
      { belt: LOOP.name, order: 3, label: "B3", "marker-color": "#0072B2", name: "贺村镇" },
    ]);
    const single = beltsToGeoJSON([SINGLE]);
    expect(single.features).toEqual([
      {
        type: "Feature",
        geometry: { type: "Point", coordinates: [118.41, 29.14] },
        properties: {
          belt: SINGLE.name,
          order: 1,
          label: "C1",
          "marker-color": "#D55E00",
          name: "芹阳办事处",
        },
      },
    ]);
    expect(() => check(JSON.stringify(single))).not.toThrow();
  });

  it("gives an empty, valid collection for no belts", () => {
    const fc = beltsToGeoJSON([]);
    expect(fc).toEqual({ type: "FeatureCollection", features: [] });
    expect(() => check(JSON.stringify(fc))).not.toThrow();
  });

  it("refuses an invalid coordinate rather than writing null into the file", () => {
    const bad = { ...LOOP, stops: [{ name: "坏点", lng: Number.NaN, lat: 28 }, ...LOOP.stops] };
    expect(() => beltsToGeoJSON([bad])).toThrow(/坏点/);
    expect(() => beltsToKml("x", [{ ...LOOP, stops: [{ name: "远", lng: 200, lat: 28 }] }])).toThrow(/远/);
  });
});

// ------------------------------------------------------------------------------------------------ KML

type KmlPlacemark = {
  name: string;
  description?: string;
  styleUrl?: string;
  LineString?: { tessellate: string; coordinates: string };
  Point?: { coordinates: string };
};
type KmlFolder = { name: string; Placemark?: KmlPlacemark[] };
type Kml = {
  kml: {
    "@_xmlns": string;
    Document: {
      name: string;
      Style: { "@_id": string; LineStyle: { color: string } }[];
      Folder?: KmlFolder[];
    };
  };
};

const ALWAYS_ARRAYS = new Set(["Folder", "Placemark", "Style"]);

/** Validates and parses with fast-xml-parser; text stays text (a name "123" is not a number). */
function parseKml(xml: string): Kml["kml"] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (tagName) => ALWAYS_ARRAYS.has(tagName),
  });
  return (parser.parse(xml) as Kml).kml;
}

const positions = (coordinates: string | undefined): number[][] =>
  (coordinates ?? "")
    .trim()
    .split(/\s+/)
    .map((p) => p.split(",").map(Number));

describe("beltsToKml", () => {
  it("is well-formed KML 2.2 in UTF-8 with a named Document and a line Style per belt in its colour", () => {
    const xml = beltsToKml(`衢州市 ${NASTY}`, BELTS);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const kml = parseKml(xml);
    expect(kml["@_xmlns"]).toBe("http://www.opengis.net/kml/2.2");
    expect(kml.Document.name).toBe(`衢州市 ${NASTY}`);
    // KML colours are aabbggrr: #7B2D8E is ff8e2d7b.
    expect(kml.Document.Style.map((s) => [s["@_id"], s.LineStyle.color])).toEqual([
      ["belt-A", "ff8e2d7b"],
      ["belt-B", "ffb27200"],
      ["belt-C", "ff005ed5"],
      ["belt-D", "ff739e00"],
    ]);
    expect(kml.Document.Folder?.map((f) => f.name)).toEqual(BELTS.map((b) => `${b.letter} · ${b.name}`));
  });

  it("gives exactly one LineString per belt with ≥ 2 stops, in stop order, tessellated", () => {
    const xml = beltsToKml("衢州市", BELTS);
    expect(xml.match(/<LineString>/g)).toHaveLength(2);
    const folders = parseKml(xml).Document.Folder ?? [];
    const lineCounts = folders.map((f) => (f.Placemark ?? []).filter((p) => p.LineString).length);
    expect(lineCounts).toEqual([1, 1, 0, 0]);

    const line = folders[0]?.Placemark?.[0];
    expect(line?.name).toBe(LINE.name);
    expect(line?.styleUrl).toBe("#belt-A");
    expect(line?.LineString?.tessellate).toBe("1");
    expect(positions(line?.LineString?.coordinates)).toEqual([
      [118.871235, 28.941234],
      [118.88, 28.95],
      [118.9, 28.96],
    ]);
    expect(line?.description).toBe("主题：共同富裕；类型：特色小镇示范带；单位：柯城区；全长：12.3 公里");
  });

  it("closes a round trip back to the first stop and leaves an empty theme out of the description", () => {
    const line = parseKml(beltsToKml("衢州市", [LOOP])).Document.Folder?.[0]?.Placemark?.[0];
    expect(positions(line?.LineString?.coordinates)).toEqual([
      [118.63, 28.74],
      [118.6, 28.68],
      [118.67, 28.7],
      [118.63, 28.74],
    ]);
    expect(line?.description).toBe("类型：示范带；单位：江山市；全长：8.0 公里（环线）");
  });

  it("gives a Point Placemark per stop, labelled as on the map; a 1-stop belt only its Point", () => {
    const folders = parseKml(beltsToKml("衢州市", BELTS)).Document.Folder ?? [];
    const stops = (folders[1]?.Placemark ?? []).filter((p) => p.Point);
    expect(stops.map((p) => p.name)).toEqual(["B1. 江山港", "B2. 清湖镇", "B3. 贺村镇"]);
    expect(stops.map((p) => positions(p.Point?.coordinates))).toEqual([
      [[118.63, 28.74]],
      [[118.6, 28.68]],
      [[118.67, 28.7]],
    ]);
    expect(folders[2]?.Placemark).toEqual([
      { name: "C1. 芹阳办事处", Point: { coordinates: "118.41,29.14" } },
    ]);
    expect(folders[3]?.Placemark).toBeUndefined();
  });

  it("escapes & < > \" ' and keeps Chinese text as UTF-8", () => {
    const xml = beltsToKml(NASTY, [LINE]);
    expect(xml).toContain("A&amp;B &lt;公司&gt; &quot;引号&quot; &apos;单引号&apos;");
    expect(xml).not.toContain("<公司>");
    const placemarks = parseKml(xml).Document.Folder?.[0]?.Placemark ?? [];
    expect(placemarks.map((p) => p.name)).toEqual([
      LINE.name,
      "A1. 衢州市柯城区石梁镇",
      `A2. ${NASTY}`,
      "A3. 控制字符结束",
    ]);
    // No numeric character references or mojibake: the bytes are the UTF-8 of the Chinese text.
    expect(xml).not.toMatch(/&#/);
    expect(Buffer.from(xml, "utf8").toString("utf8")).toContain("衢州市柯城区石梁镇");
  });

  it("strips characters that are illegal in XML 1.0", () => {
    expect(illegalInXml(LINE.stops[2]?.name ?? "")).toEqual(["U+0001", "U+0007", "U+001F", "U+007F"]);
    const xml = beltsToKml("名\u0000称\uFFFE", [LINE, { ...LOOP, theme: "主题\u0008\u000B\u000C" }]);
    expect(illegalInXml(xml)).toEqual([]);
    const kml = parseKml(xml);
    expect(kml.Document.name).toBe("名称");
    expect(kml.Document.Folder?.[0]?.Placemark?.[3]?.name).toBe("A3. 控制字符结束");
    expect(kml.Document.Folder?.[1]?.Placemark?.[0]?.description).toMatch(/^主题：主题；/);
  });

  it("gives a valid Document without Folders for no belts", () => {
    const kml = parseKml(beltsToKml("空", []));
    expect(kml.Document.name).toBe("空");
    expect(kml.Document.Folder).toBeUndefined();
  });
});
