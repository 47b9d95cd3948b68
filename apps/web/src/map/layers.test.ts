import type { AppInfoDto } from "@beltmap/api";
import { createExpression, validateStyleMin } from "@maplibre/maplibre-gl-style-spec";
import type { RasterSourceSpecification } from "maplibre-gl";
import { describe, expect, it } from "vitest";
import {
  basemapLayers,
  baseStyle,
  COUNTY_FILL_OPACITY,
  HOLLOW,
  LAYER_GROUP_NAMES,
  LAYER_GROUPS,
  LAYERS,
  SOURCES,
} from "./layers.ts";
import { NON_COMPETITOR_COLOR, TIER_COLORS } from "./palette.ts";

const COUNTIES = "http://localhost/geo/quzhou-counties.geojson";

const TIANDITU: NonNullable<AppInfoDto["basemap"]> = {
  tiles: [0, 1].map(
    (n) => `https://t${n}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=k`,
  ),
  labelTiles: [0, 1].map(
    (n) => `https://t${n}.tianditu.gov.cn/cva_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=k`,
  ),
  attribution: "© 天地图",
  maxZoom: 18,
};

const ids = (style: ReturnType<typeof baseStyle>) => style.layers.map((l) => l.id);
const fillOpacity = (style: ReturnType<typeof baseStyle>) =>
  style.layers.find((l) => l.id === LAYERS.countyFill)?.paint as Record<string, unknown>;

describe("baseStyle", () => {
  it("without a basemap has no raster layer, no remote source and no attribution: fully offline", () => {
    const style = baseStyle(COUNTIES);
    expect(style.layers.some((l) => l.type === "raster")).toBe(false);
    expect(Object.values(style.sources).some((s) => s.type === "raster")).toBe(false);
    expect(JSON.stringify(style)).not.toMatch(/attribution|https?:\/\/(?!localhost)/);
    expect(fillOpacity(style)["fill-opacity"]).toBe(COUNTY_FILL_OPACITY.alone);
    expect(baseStyle(COUNTIES, null)).toEqual(style);
  });

  it("puts the basemap and its labels right above the background, beneath every county layer", () => {
    const style = baseStyle(COUNTIES, TIANDITU);
    const order = ids(style);
    expect(order.slice(0, 4)).toEqual([
      "background",
      LAYERS.basemap,
      LAYERS.basemapLabels,
      LAYERS.countyFill,
    ]);
    for (const county of [LAYERS.countyFill, LAYERS.countyLine, LAYERS.countyLabel])
      expect(order.indexOf(LAYERS.basemapLabels)).toBeLessThan(order.indexOf(county));
    // The county fill becomes a light tint so the basemap shows; the outlines stay.
    expect(fillOpacity(style)["fill-opacity"]).toBe(COUNTY_FILL_OPACITY.overBasemap);
    expect(COUNTY_FILL_OPACITY.overBasemap).toBeLessThanOrEqual(0.2);
    expect(style.layers.find((l) => l.id === LAYERS.countyLine)).toEqual(
      baseStyle(COUNTIES).layers.find((l) => l.id === LAYERS.countyLine),
    );
  });

  it("gives the base source the tiles, the zoom range and the attribution MapLibre shows", () => {
    const style = baseStyle(COUNTIES, TIANDITU);
    const base = style.sources[SOURCES.basemap] as RasterSourceSpecification;
    expect(base).toMatchObject({ type: "raster", tiles: TIANDITU.tiles, tileSize: 256, maxzoom: 18 });
    expect(base.attribution).toBe("© 天地图");
    const labels = style.sources[SOURCES.basemapLabels] as RasterSourceSpecification;
    expect(labels).toMatchObject({ type: "raster", tiles: TIANDITU.labelTiles, maxzoom: 18 });
    expect(labels.attribution).toBeUndefined(); // said once
  });

  it("has one raster layer for a basemap without labels", () => {
    const xyz = { ...TIANDITU, tiles: ["https://x.example/{z}/{x}/{y}.png"], labelTiles: null };
    const parts = basemapLayers(xyz);
    expect(Object.keys(parts.sources)).toEqual([SOURCES.basemap]);
    expect(parts.layers.map((l) => l.id)).toEqual([LAYERS.basemap]);
    expect(ids(baseStyle(COUNTIES, xyz)).slice(0, 3)).toEqual([
      "background",
      LAYERS.basemap,
      LAYERS.countyFill,
    ]);
  });
});

describe("the organisations' layers", () => {
  const style = baseStyle(COUNTIES);
  const paint = (id: string) => style.layers.find((l) => l.id === id)?.paint as Record<string, unknown>;
  const filterOf = (id: string) =>
    style.layers.find((l) => l.id === id && "filter" in l) as { filter: unknown };
  /** Evaluates a paint or filter expression as MapLibre would, for an organisation's properties. */
  function evaluate(expression: unknown, properties: Record<string, unknown>, state = {}): unknown {
    const parsed = createExpression(expression, "test");
    if (parsed.result !== "success") throw new Error(JSON.stringify(parsed.value));
    return parsed.value.evaluate({ zoom: 10 }, { type: "Point", properties }, state);
  }

  it("form a valid MapLibre style", () => {
    expect(
      validateStyleMin({ ...style, glyphs: "http://localhost/{fontstack}/{range}.pbf" } as Parameters<
        typeof validateStyleMin
      >[0]),
    ).toEqual([]);
  });

  it("draw an organisation that is not a 争创对象 as a hollow grey ring, never in a tier's colour", () => {
    const circles = paint(LAYERS.organizations);
    const other = { tier: "NON_COMPETITOR", kind: "ENTERPRISE", official: false };
    expect(evaluate(circles["circle-color"], other)).toBe(HOLLOW);
    expect(evaluate(circles["circle-stroke-width"], other)).toBe(2);
    expect(evaluate(circles["circle-stroke-color"], other)).toBe(NON_COMPETITOR_COLOR);
    // A tier keeps its colour, filled; the selected ring stays red for both.
    expect(evaluate(circles["circle-color"], { tier: "WARNING" })).toBe(TIER_COLORS.WARNING);
    expect(evaluate(circles["circle-stroke-color"], other, { selected: true })).toBe("#c8102e");
    const stars = paint(LAYERS.specialTowns);
    expect(evaluate(stars["icon-color"], { ...other, kind: "SPECIAL_TOWN" })).toBe(HOLLOW);
    expect(evaluate(stars["icon-halo-color"], { ...other, kind: "SPECIAL_TOWN" })).toBe(NON_COMPETITOR_COLOR);
  });

  it("put no 'provisional' dot on a non-competitor, which has no grade", () => {
    const { filter } = filterOf(LAYERS.provisionalMarks);
    expect(evaluate(filter, { tier: "NON_COMPETITOR", official: false })).toBe(false);
    expect(evaluate(filter, { tier: "WARNING", official: false })).toBe(true);
    expect(evaluate(filter, { tier: "WARNING", official: true })).toBe(false);
  });
});

describe("the dark 大屏 style and the layer panel's groups", () => {
  it("validates in both themes; the dark one keeps the data's colours and writes stop labels white on the belt's colour", () => {
    const dark = baseStyle(COUNTIES, null, "dark");
    expect(validateStyleMin(dark)).toEqual([]);
    const light = baseStyle(COUNTIES);
    const layer = (style: typeof dark, id: string) => style.layers.find((l) => l.id === id);
    expect(layer(dark, LAYERS.organizations)?.paint).toMatchObject({
      "circle-color": ((layer(light, LAYERS.organizations)?.paint ?? {}) as Record<string, unknown>)[
        "circle-color"
      ],
    });
    expect(layer(dark, LAYERS.beltLine)?.paint).toEqual({ "line-color": ["get", "color"], "line-width": 3 });
    expect(layer(dark, LAYERS.beltStopNumbers)?.paint).toMatchObject({
      "text-color": "#ffffff",
      "text-halo-color": ["get", "color"],
    });
    expect(layer(light, LAYERS.beltStopNumbers)?.paint).toMatchObject({ "text-color": ["get", "color"] });
    expect(layer(dark, "background")?.paint).not.toEqual(layer(light, "background")?.paint);
  });

  it("names only layers the style has, each in one group", () => {
    const style = ids(baseStyle(COUNTIES));
    const grouped = LAYER_GROUP_NAMES.flatMap((group) => [...LAYER_GROUPS[group]]);
    for (const layer of grouped) expect(style).toContain(layer);
    expect(new Set(grouped).size).toBe(grouped.length);
  });
});
