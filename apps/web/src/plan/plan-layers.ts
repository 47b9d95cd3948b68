// The planner map's style: module constants, built once; data arrives through setData.
import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  StyleSpecification,
} from "maplibre-gl";
import { COUNTY_FILL_COLOR, COUNTY_LINE_COLOR, TIER_COLORS, UNGRADED_COLOR } from "../map/palette.ts";

export const PLAN_SOURCES = {
  counties: "counties",
  countyLabels: "county-labels",
  versionLines: "version-lines",
  beltLines: "belt-lines",
  beltStops: "belt-stops",
  sites: "sites",
  changes: "changes",
  centers: "centers",
} as const;

export const PLAN_LAYERS = {
  sites: "plan-sites",
  specialTowns: "plan-special-towns",
  beltLine: "plan-belt-line",
} as const;

/** Pass and fail tints: bluish green and orange stay apart for colour-blind viewers; labels add ✓/✗. */
export const COUNTY_TINTS = { pass: "#cde8df", fail: "#f9d6bd" } as const;
const HIGHLIGHT = "#c8102e";

const tierColor = [
  "match",
  ["get", "tier"],
  ...Object.entries(TIER_COLORS).flat(),
  UNGRADED_COLOR,
] as unknown as DataDrivenPropertyValueSpecification<string>;

const empty = { type: "FeatureCollection" as const, features: [] };
const active: ExpressionSpecification = ["boolean", ["get", "active"], false];

export function planStyle(countiesUrl: string): StyleSpecification {
  const geojson = { type: "geojson" as const, data: empty };
  return {
    version: 8,
    sources: {
      // Feature ids from the county code, so the tint is a feature state and the outlines load once.
      [PLAN_SOURCES.counties]: { type: "geojson", data: countiesUrl, promoteId: "code" },
      [PLAN_SOURCES.countyLabels]: geojson,
      [PLAN_SOURCES.versionLines]: geojson,
      [PLAN_SOURCES.beltLines]: geojson,
      [PLAN_SOURCES.beltStops]: geojson,
      [PLAN_SOURCES.sites]: geojson,
      [PLAN_SOURCES.changes]: geojson,
      [PLAN_SOURCES.centers]: geojson,
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#dfe7ee" } },
      {
        id: "county-fill",
        type: "fill",
        source: PLAN_SOURCES.counties,
        paint: {
          "fill-color": [
            "match",
            ["coalesce", ["feature-state", "status"], "none"],
            "pass",
            COUNTY_TINTS.pass,
            "fail",
            COUNTY_TINTS.fail,
            COUNTY_FILL_COLOR,
          ],
        },
      },
      {
        id: "county-line",
        type: "line",
        source: PLAN_SOURCES.counties,
        paint: { "line-color": COUNTY_LINE_COLOR, "line-width": 1.4 },
      },
      {
        id: "version-lines",
        type: "line",
        source: PLAN_SOURCES.versionLines,
        layout: { "line-join": "round" },
        paint: { "line-color": "#5b5b5b", "line-width": 2.5, "line-dasharray": [2, 2], "line-opacity": 0.8 },
      },
      {
        id: "belt-casing",
        type: "line",
        source: PLAN_SOURCES.beltLines,
        layout: { "line-join": "round", "line-cap": "round" },
        paint: { "line-color": "#ffffff", "line-width": ["case", active, 9, 5], "line-opacity": 0.9 },
      },
      {
        id: PLAN_LAYERS.beltLine,
        type: "line",
        source: PLAN_SOURCES.beltLines,
        layout: { "line-join": "round", "line-cap": "round" },
        paint: {
          "line-color": ["get", "color"],
          "line-width": ["case", active, 5, ["boolean", ["get", "other"], false], 2, 3],
          "line-opacity": ["case", ["boolean", ["get", "other"], false], 0.75, 1],
        },
      },
      {
        id: PLAN_LAYERS.sites,
        type: "circle",
        source: PLAN_SOURCES.sites,
        filter: ["!=", ["get", "kind"], "SPECIAL_TOWN"],
        paint: {
          "circle-color": tierColor,
          "circle-radius": [
            "interpolate",
            ["linear"],
            ["zoom"],
            8,
            ["case", ["get", "demonstration"], 5, 3],
            12,
            ["case", ["get", "demonstration"], 9, 6],
          ],
          "circle-opacity": ["case", ["any", ["get", "demonstration"], ["get", "onBelt"]], 1, 0.7],
          "circle-stroke-color": ["case", ["get", "highlighted"], HIGHLIGHT, "#222222"],
          "circle-stroke-width": [
            "case",
            ["get", "highlighted"],
            4,
            ["get", "onActive"],
            3,
            ["get", "demonstration"],
            1.6,
            0.6,
          ],
        },
      },
      {
        id: PLAN_LAYERS.specialTowns,
        type: "symbol",
        source: PLAN_SOURCES.sites,
        filter: ["==", ["get", "kind"], "SPECIAL_TOWN"],
        layout: {
          "icon-image": "star",
          "icon-size": ["interpolate", ["linear"], ["zoom"], 8, 0.75, 12, 1.05],
          "icon-allow-overlap": true,
          "icon-ignore-placement": true,
        },
        paint: {
          "icon-color": tierColor,
          "icon-halo-color": ["case", ["get", "highlighted"], HIGHLIGHT, "#222222"],
          "icon-halo-width": ["case", ["get", "highlighted"], 3.5, ["get", "onActive"], 2.5, 1.2],
        },
      },
      {
        id: "changes",
        type: "symbol",
        source: PLAN_SOURCES.changes,
        layout: {
          "text-field": ["case", ["==", ["get", "change"], "added"], "＋", "－"],
          "text-size": 20,
          "text-offset": [-1, -1],
          "text-allow-overlap": true,
        },
        paint: {
          "text-color": ["case", ["==", ["get", "change"], "added"], "#0072B2", "#D55E00"],
          "text-halo-color": "#ffffff",
          "text-halo-width": 2,
        },
      },
      {
        id: "stop-badges",
        type: "circle",
        source: PLAN_SOURCES.beltStops,
        filter: ["any", active, [">=", ["zoom"], 10.5]],
        paint: {
          "circle-radius": ["case", active, 9, 7],
          "circle-color": "#ffffff",
          "circle-stroke-color": ["get", "color"],
          "circle-stroke-width": 2,
          "circle-translate": [12, -12],
        },
      },
      {
        id: "stop-numbers",
        type: "symbol",
        source: PLAN_SOURCES.beltStops,
        filter: ["any", active, [">=", ["zoom"], 10.5]],
        layout: {
          "text-field": ["get", "label"],
          "text-size": ["case", active, 12, 10],
          "text-allow-overlap": true,
          "text-ignore-placement": true,
        },
        paint: { "text-color": ["get", "color"], "text-translate": [12, -12] },
      },
      {
        id: "county-labels",
        type: "symbol",
        source: PLAN_SOURCES.countyLabels,
        layout: { "text-field": ["get", "label"], "text-size": 16, "text-allow-overlap": true },
        paint: {
          "text-color": "#3d4654",
          "text-halo-color": "#ffffff",
          "text-halo-width": 2,
          "text-opacity": 0.85,
        },
      },
      {
        id: "centers",
        type: "symbol",
        source: PLAN_SOURCES.centers,
        layout: {
          "icon-image": "service-center",
          "icon-size": 0.9,
          "icon-anchor": "bottom",
          "icon-allow-overlap": true,
          "icon-ignore-placement": true,
        },
      },
    ],
  };
}
