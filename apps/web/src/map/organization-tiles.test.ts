import { validateStyleMin } from "@maplibre/maplibre-gl-style-spec";
import { describe, expect, it } from "vitest";
import { baseStyle, LAYERS, SOURCES } from "./layers.ts";
import {
  absoluteTileUrl,
  organizationTileUrl,
  TILE_SOURCE_LAYER,
  tileHeatFilter,
  withOrganizationTiles,
} from "./organization-tiles.ts";
import { CLUSTER_LAYERS, CLUSTER_SOURCE, heatLayerId } from "./tier-overlays.ts";

const COUNTIES = "http://localhost/geo/quzhou-counties.geojson";
const URL_TEMPLATE = "http://localhost/tiles/organizations/{z}/{x}/{y}.pbf?cycle=3&v=1.2&show=WARNING";

describe("organizationTileUrl", () => {
  it("names the cycle, the data's version, the categories shown and the unit, leaving {z}/{x}/{y}", () => {
    const url = organizationTileUrl({
      cycleId: 3,
      version: "1260.-42",
      unitId: "KAIHUA",
      shown: ["DEMONSTRATION", "NONE"],
    });
    expect(url.startsWith("/tiles/organizations/{z}/{x}/{y}.pbf?")).toBe(true);
    const query = new URLSearchParams(url.split("?")[1]);
    expect(Object.fromEntries(query)).toEqual({
      cycle: "3",
      v: "1260.-42",
      show: "DEMONSTRATION,NONE",
      unit: "KAIHUA",
    });
  });

  it("leaves the unit out for the whole region, and sends an empty list when nothing is shown", () => {
    const query = new URLSearchParams(
      organizationTileUrl({ cycleId: 1, version: "0.0", unitId: null, shown: [] }).split("?")[1],
    );
    expect(query.has("unit")).toBe(false);
    expect(query.get("show")).toBe("");
  });

  it("is made absolute for MapLibre's worker with the placeholders intact", () => {
    expect(absoluteTileUrl("/tiles/organizations/{z}/{x}/{y}.pbf?v=1", "http://example.org/map")).toBe(
      "http://example.org/tiles/organizations/{z}/{x}/{y}.pbf?v=1",
    );
  });
});

describe("withOrganizationTiles", () => {
  const style = withOrganizationTiles(baseStyle(COUNTIES), { url: URL_TEMPLATE, maxZoom: 12 });

  it("is a valid style drawing the organisations from a vector source", () => {
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.sources[SOURCES.organizations]).toEqual({
      type: "vector",
      tiles: [URL_TEMPLATE],
      minzoom: 0,
      maxzoom: 12,
    });
    expect(style.sources[CLUSTER_SOURCE]).toBeUndefined();
  });

  it("reads the tiles' layer in every layer of the organisations, clusters included and always on", () => {
    const ofOrganizations = style.layers.filter((l) => "source" in l && l.source === SOURCES.organizations);
    expect(ofOrganizations.map((l) => l.id)).toEqual(
      expect.arrayContaining([
        LAYERS.organizations,
        LAYERS.specialTowns,
        CLUSTER_LAYERS.circles,
        CLUSTER_LAYERS.labels,
      ]),
    );
    for (const layer of ofOrganizations)
      expect(layer, layer.id).toHaveProperty("source-layer", TILE_SOURCE_LAYER);
    const circles = style.layers.find((l) => l.id === CLUSTER_LAYERS.circles);
    expect(circles?.layout?.visibility).toBe("visible");
    // Single organisations between clusters are points of the tiles, drawn by the point layers.
    expect(style.layers.some((l) => l.id === CLUSTER_LAYERS.points)).toBe(false);
  });

  it("heats a tier from its points and from the clusters holding any of them", () => {
    const heat = style.layers.find((l) => l.id === heatLayerId("WARNING"));
    expect(heat && "filter" in heat ? heat.filter : null).toEqual(tileHeatFilter("WARNING"));
  });
});
