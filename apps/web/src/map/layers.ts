// The map style and layer specs as module constants: built once, never restyled on render.
import type { AppInfoDto } from "@beltmap/api";
import type { Tier } from "@beltmap/domain";
import type {
  CircleLayerSpecification,
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
  RasterLayerSpecification,
  RasterSourceSpecification,
  StyleSpecification,
  SymbolLayerSpecification,
} from "maplibre-gl";
import {
  COUNTY_FILL_COLOR,
  COUNTY_LINE_COLOR,
  NON_COMPETITOR_COLOR,
  PARK_COLOR,
  TIER_COLORS,
  UNGRADED_COLOR,
} from "./palette.ts";
import { CLUSTER_SOURCE, clusterLayers, clusterSource, heatLayers } from "./tier-overlays.ts";

export const SOURCES = {
  basemap: "basemap",
  basemapLabels: "basemap-labels",
  counties: "counties",
  countyLabels: "county-labels",
  townships: "townships",
  townshipLabels: "township-labels",
  organizations: "organizations",
  beltLines: "belt-lines",
  beltStops: "belt-stops",
  beltFlow: "belt-flow",
  serviceCenters: "service-centers",
} as const;

export const LAYERS = {
  basemap: "basemap",
  basemapLabels: "basemap-labels",
  countyFill: "county-fill",
  countyLine: "county-line",
  countyLabel: "county-label",
  townshipLine: "township-line",
  townshipLabel: "township-label",
  beltCasing: "belt-casing",
  beltLine: "belt-line",
  beltFlow: "belt-flow",
  organizations: "organizations",
  specialTowns: "special-towns",
  provisionalMarks: "provisional-marks",
  beltStopNumbers: "belt-stop-numbers",
  serviceCenters: "service-centers",
} as const;

/** What the layer panel switches on and off, and the map's layers each covers. */
export const LAYER_GROUPS = {
  belts: [LAYERS.beltCasing, LAYERS.beltLine, LAYERS.beltFlow, LAYERS.beltStopNumbers],
  specialTowns: [LAYERS.specialTowns],
  serviceCenters: [LAYERS.serviceCenters],
  labels: [LAYERS.countyLabel],
  townships: [LAYERS.townshipLine, LAYERS.townshipLabel],
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;
export const LAYER_GROUP_NAMES = Object.keys(LAYER_GROUPS) as LayerGroup[];

/** The layers that draw organisations: counted by tests, clickable, hoverable. */
export const ORGANIZATION_LAYERS = [LAYERS.organizations, LAYERS.specialTowns];

/** Transparent: what a non-competitor's ring (or star outline) leaves inside. */
export const HOLLOW = "rgba(255,255,255,0)";
const isNonCompetitor: ExpressionSpecification = ["==", ["get", "tier"], "NON_COMPETITOR"];

const tierColor: DataDrivenPropertyValueSpecification<string> = [
  "match",
  ["get", "tier"],
  ...(Object.entries(TIER_COLORS) as [Tier, string][]).flat(),
  "NON_COMPETITOR",
  HOLLOW,
  UNGRADED_COLOR,
] as unknown as DataDrivenPropertyValueSpecification<string>;

const emptyCollection = { type: "FeatureCollection" as const, features: [] };

/**
 * The map's colours besides the data's: light for desks and print, dark for the 大屏, where a light
 * map glares on a dark stage. Tier and belt colours stay the same on both.
 */
export type MapTheme = "light" | "dark";

const THEME_COLORS = {
  light: {
    background: "#dfe7ee",
    countyFill: COUNTY_FILL_COLOR,
    countyLine: COUNTY_LINE_COLOR,
    countyLabel: "#3d4654",
    townshipLine: "#7d8a9c",
    townshipLabel: "#5d6878",
    townshipLabelSize: 11,
    halo: "#ffffff",
    pointRing: "#333333",
    casing: "#ffffff",
    centerLabel: "#1a1a1a",
    stopText: null,
    stopSize: 12,
  },
  dark: {
    background: "#050d1a",
    countyFill: "#13253d",
    countyLine: "#5c7ea8",
    countyLabel: "#d5e3f5",
    townshipLine: "#4a6690",
    townshipLabel: "#8ea6c6",
    // Read across a room.
    townshipLabelSize: 14,
    halo: "#050d1a",
    pointRing: "#0b1424",
    casing: "#c9d6e8",
    centerLabel: "#f2f6fb",
    // White on the belt's colour: the belt's own colour as text would sink into the dark.
    stopText: "#ffffff",
    stopSize: 15,
  },
} as const satisfies Record<MapTheme, Record<string, string | number | null>>;

/** A raster basemap from the server's settings (meta.info); null: none, the map is offline. */
export type Basemap = AppInfoDto["basemap"];

/**
 * The county fill's opacity: nearly opaque land on its own, a light tint over a basemap, which
 * shows through (the outlines stay as they are).
 */
export const COUNTY_FILL_OPACITY = { alone: 0.95, overBasemap: 0.15 } as const;

export function baseStyle(
  countiesUrl: string,
  basemap: Basemap = null,
  theme: MapTheme = "light",
): StyleSpecification {
  const colors = THEME_COLORS[theme];
  // No `glyphs`: MapLibre draws the (CJK) labels with local fonts. Without a basemap the map is
  // fully offline; with one, its tiles lie between the background and the counties.
  const basemapParts = basemap ? basemapLayers(basemap) : null;
  return {
    version: 8,
    sources: {
      ...basemapParts?.sources,
      [SOURCES.counties]: { type: "geojson", data: countiesUrl },
      [SOURCES.countyLabels]: { type: "geojson", data: emptyCollection },
      [SOURCES.townships]: { type: "geojson", data: emptyCollection },
      [SOURCES.townshipLabels]: { type: "geojson", data: emptyCollection },
      [SOURCES.organizations]: { type: "geojson", data: emptyCollection },
      [SOURCES.beltLines]: { type: "geojson", data: emptyCollection },
      [SOURCES.beltStops]: { type: "geojson", data: emptyCollection },
      [SOURCES.beltFlow]: { type: "geojson", data: emptyCollection },
      [SOURCES.serviceCenters]: { type: "geojson", data: emptyCollection },
      [CLUSTER_SOURCE]: clusterSource(),
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": colors.background } },
      ...(basemapParts?.layers ?? []),
      {
        id: LAYERS.countyFill,
        type: "fill",
        source: SOURCES.counties,
        paint: {
          "fill-color": colors.countyFill,
          "fill-opacity": basemap ? COUNTY_FILL_OPACITY.overBasemap : COUNTY_FILL_OPACITY.alone,
        },
      },
      {
        id: LAYERS.countyLine,
        type: "line",
        source: SOURCES.counties,
        paint: { "line-color": colors.countyLine, "line-width": 1.4 },
      },
      ...townshipLayers(theme),
      // Beneath the belts and points: the heat is the background of the sites.
      ...heatLayers(SOURCES.organizations),
      ...dataLayers(theme),
      ...clusterLayers(),
      countyLabelLayer(theme),
    ],
  };
}

/**
 * The basemap's raster sources and layers, bottom first, to lie beneath the county fill: in the
 * style from the start, or added later (MapView) before LAYERS.countyFill. The attribution sits on
 * the base source, where MapLibre's AttributionControl reads it.
 */
export function basemapLayers(basemap: NonNullable<Basemap>): {
  sources: Record<string, RasterSourceSpecification>;
  layers: RasterLayerSpecification[];
} {
  const raster = (tiles: string[]): RasterSourceSpecification => ({
    type: "raster",
    tiles,
    tileSize: 256,
    maxzoom: basemap.maxZoom,
  });
  const sources: Record<string, RasterSourceSpecification> = {
    [SOURCES.basemap]: { ...raster(basemap.tiles), attribution: basemap.attribution },
  };
  const layers: RasterLayerSpecification[] = [
    { id: LAYERS.basemap, type: "raster", source: SOURCES.basemap },
  ];
  if (basemap.labelTiles) {
    sources[SOURCES.basemapLabels] = raster(basemap.labelTiles);
    layers.push({ id: LAYERS.basemapLabels, type: "raster", source: SOURCES.basemapLabels });
  }
  return { sources, layers };
}

/**
 * What each organisation layer draws before any user filter; MapView adds the unit and tier
 * filters to these, so the split between circles, stars and marks is stated once.
 */
export const ORGANIZATION_LAYER_FILTERS = {
  // Not a cluster (tiles hold the server's clusters in the same layer as the points).
  [LAYERS.organizations]: ["all", ["!", ["has", "point_count"]], ["!=", ["get", "kind"], "SPECIAL_TOWN"]],
  [LAYERS.specialTowns]: ["all", ["!", ["has", "point_count"]], ["==", ["get", "kind"], "SPECIAL_TOWN"]],
  // Not on a non-competitor: it has no grade to be provisional about.
  [LAYERS.provisionalMarks]: [
    "all",
    ["!", ["has", "point_count"]],
    ["!", ["get", "official"]],
    ["!=", ["get", "tier"], "NON_COMPETITOR"],
  ],
} satisfies Record<string, ExpressionSpecification>;

/**
 * The townships' derived areas (an approximation, so dashed and faint), from a unit's zoom on, and a
 * zone's parks in orange; their names a zoom later, below every other label.
 */
const TOWNSHIP_MIN_ZOOM = 9;
function townshipLayers(theme: MapTheme): LayerSpecification[] {
  const colors = THEME_COLORS[theme];
  const isPark: ExpressionSpecification = ["==", ["get", "kind"], "PARK"];
  return [
    {
      id: LAYERS.townshipLine,
      type: "line",
      source: SOURCES.townships,
      minzoom: TOWNSHIP_MIN_ZOOM,
      paint: {
        "line-color": ["case", isPark, PARK_COLOR, colors.townshipLine],
        "line-width": ["case", isPark, 1.6, 1],
        "line-dasharray": [3, 2],
      },
    },
    {
      id: LAYERS.townshipLabel,
      type: "symbol",
      source: SOURCES.townshipLabels,
      minzoom: TOWNSHIP_MIN_ZOOM + 0.5,
      layout: {
        "text-field": ["get", "name"],
        "text-size": colors.townshipLabelSize,
        "text-allow-overlap": false,
        "text-padding": 6,
      },
      paint: {
        "text-color": ["case", isPark, PARK_COLOR, colors.townshipLabel],
        "text-halo-color": colors.halo,
        "text-halo-width": 1.5,
      },
    },
  ];
}

/** The 大屏's belt dots (map/belt-flow.ts): the head largest and brightest, the tail fading behind. */
const FLOW_RADIUS: ExpressionSpecification = ["match", ["get", "tail"], 0, 5, 1, 4, 2, 3, 2.2];
const FLOW_OPACITY: ExpressionSpecification = ["match", ["get", "tail"], 0, 1, 1, 0.7, 2, 0.45, 0.25];

const isSelected: ExpressionSpecification = ["boolean", ["feature-state", "selected"], false];

function dataLayers(theme: MapTheme): LayerSpecification[] {
  const colors = THEME_COLORS[theme];
  const organizations: CircleLayerSpecification = {
    id: LAYERS.organizations,
    type: "circle",
    source: SOURCES.organizations,
    filter: ORGANIZATION_LAYER_FILTERS[LAYERS.organizations],
    paint: {
      "circle-color": tierColor,
      "circle-radius": ["interpolate", ["linear"], ["zoom"], 8, 3.5, 12, 7, 15, 10],
      // A dark ring on every colour keeps the light tiers visible on the light land fill.
      // A non-competitor is a hollow grey ring: marked apart, in no tier's colour.
      "circle-stroke-color": [
        "case",
        isSelected,
        "#c8102e",
        isNonCompetitor,
        NON_COMPETITOR_COLOR,
        colors.pointRing,
      ],
      "circle-stroke-width": [
        "case",
        isSelected,
        3.5,
        ["boolean", ["feature-state", "hover"], false],
        2.5,
        isNonCompetitor,
        2,
        0.8,
      ],
    },
  };
  const specialTowns: SymbolLayerSpecification = {
    id: LAYERS.specialTowns,
    type: "symbol",
    source: SOURCES.organizations,
    filter: ORGANIZATION_LAYER_FILTERS[LAYERS.specialTowns],
    layout: {
      "icon-image": "star",
      "icon-size": ["interpolate", ["linear"], ["zoom"], 8, 0.6, 12, 0.9],
      "icon-allow-overlap": true,
      "icon-ignore-placement": true,
    },
    paint: {
      "icon-color": tierColor,
      "icon-halo-color": ["case", isSelected, "#c8102e", isNonCompetitor, NON_COMPETITOR_COLOR, "#222222"],
      "icon-halo-width": ["case", isSelected, 3, isNonCompetitor, 1.8, 1.2],
    },
  };
  return [
    {
      id: LAYERS.beltCasing,
      type: "line",
      source: SOURCES.beltLines,
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": colors.casing, "line-width": 6, "line-opacity": 0.9 },
    },
    {
      id: LAYERS.beltLine,
      type: "line",
      source: SOURCES.beltLines,
      layout: { "line-join": "round", "line-cap": "round" },
      paint: { "line-color": ["get", "color"], "line-width": 3 },
    },
    organizations,
    specialTowns,
    {
      // The 大屏's dots running along the belts (empty elsewhere): white in the belt's colour's glow.
      id: LAYERS.beltFlow,
      type: "circle",
      source: SOURCES.beltFlow,
      paint: {
        "circle-color": "#ffffff",
        "circle-radius": FLOW_RADIUS,
        "circle-opacity": FLOW_OPACITY,
        "circle-stroke-color": ["get", "color"],
        "circle-stroke-width": 2,
        "circle-stroke-opacity": FLOW_OPACITY,
      },
    },
    {
      // A white dot in the middle marks a provisional grade: a mark of shape, not of colour.
      id: LAYERS.provisionalMarks,
      type: "circle",
      source: SOURCES.organizations,
      filter: ORGANIZATION_LAYER_FILTERS[LAYERS.provisionalMarks],
      paint: {
        "circle-color": "#ffffff",
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 8, 1.3, 12, 2.5, 15, 3.5],
        "circle-stroke-color": "#333333",
        "circle-stroke-width": 0.5,
      },
    },
    {
      id: LAYERS.beltStopNumbers,
      type: "symbol",
      source: SOURCES.beltStops,
      minzoom: 9,
      layout: {
        "text-field": ["get", "label"],
        "text-size": colors.stopSize,
        // Up and right of its stop, or another corner where that is taken (a service center's pin,
        // another belt's label at a shared stop).
        "text-variable-anchor-offset": [
          "bottom-left",
          [0.5, -0.3],
          "top-left",
          [0.5, 0.3],
          "bottom-right",
          [-0.5, -0.3],
          "top-right",
          [-0.5, 0.3],
        ],
        "text-allow-overlap": false,
      },
      paint: colors.stopText
        ? { "text-color": colors.stopText, "text-halo-color": ["get", "color"], "text-halo-width": 3 }
        : { "text-color": ["get", "color"], "text-halo-color": colors.halo, "text-halo-width": 2 },
    },
    {
      id: LAYERS.serviceCenters,
      type: "symbol",
      source: SOURCES.serviceCenters,
      layout: {
        "icon-image": "service-center",
        "icon-size": 0.8,
        // Standing above its point like a pin: a center is often at a site, which stays visible.
        "icon-anchor": "bottom",
        // Clear of the site beneath, a 特色小镇's star included.
        "icon-offset": [0, -12],
        "icon-allow-overlap": true,
        // Placed first (the top layer), it keeps its room: stop labels move to another side of their
        // stop rather than under the pin.
        "icon-ignore-placement": false,
        // The long names only once zoomed in, where they no longer bury the sites.
        "text-field": ["step", ["zoom"], "", 9.5, ["get", "name"]],
        "text-size": 12,
        "text-offset": [0, -2.6],
        "text-anchor": "bottom",
        "text-optional": true,
      },
      paint: { "text-color": colors.centerLabel, "text-halo-color": colors.halo, "text-halo-width": 1.5 },
    },
  ];
}

/**
 * One label per county, at a point inside it: the top layer, above the sites and the cluster
 * bubbles, which would otherwise bury the names at the city's zoom.
 */
function countyLabelLayer(theme: MapTheme): SymbolLayerSpecification {
  const colors = THEME_COLORS[theme];
  return {
    id: LAYERS.countyLabel,
    type: "symbol",
    source: SOURCES.countyLabels,
    layout: {
      "text-field": ["get", "name"],
      // Smaller at the city's zoom, where 柯城区 and 衢江区 sit side by side; each may move to
      // another side of its point rather than run into its neighbour ("柯城区衢江区").
      "text-size": ["interpolate", ["linear"], ["zoom"], 8, 13, 10, 17],
      "text-variable-anchor": ["top", "bottom", "right", "left"],
      "text-radial-offset": 0.6,
      "text-allow-overlap": false,
      "text-padding": 4,
    },
    paint: {
      "text-color": colors.countyLabel,
      "text-halo-color": colors.halo,
      "text-halo-width": 2,
      "text-opacity": 0.8,
    },
  };
}
