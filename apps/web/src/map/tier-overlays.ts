// Tier heatmaps and clusters over the organisations: layer specs as constants, switched on and
// off through visibility, so the style is never rebuilt.
import { TIERS, type Tier } from "@beltmap/domain";
import type {
  ExpressionSpecification,
  HeatmapLayerSpecification,
  LayerSpecification,
  SourceSpecification,
} from "maplibre-gl";
import { TIER_COLORS } from "./palette.ts";

export const CLUSTER_SOURCE = "organization-clusters";
/** Above this zoom the clusters open into single points. */
export const CLUSTER_MAX_ZOOM = 10;
/** Heatmaps fade out by this zoom, where the single points take over. */
export const HEAT_FADE_ZOOM = 13;

export const heatLayerId = (tier: Tier) => `heat-${tier}`;

/** With a heatmap on, the points step back at low zoom and come forward as the heat fades. */
export const POINT_OPACITY_UNDER_HEAT: ExpressionSpecification = [
  "interpolate",
  ["linear"],
  ["zoom"],
  9,
  0.15,
  HEAT_FADE_ZOOM - 1,
  1,
];
export const CLUSTER_LAYERS = {
  circles: "cluster-circles",
  labels: "cluster-labels",
  points: "cluster-points",
} as const;

/** Per-tier counts summed into every cluster (clusterProperties). */
const clusterProperties = Object.fromEntries(
  TIERS.map((tier) => [tier, ["+", ["case", ["==", ["get", "tier"], tier], 1, 0]]]),
) as Record<Tier, unknown>;

export function clusterSource(): SourceSpecification {
  return {
    type: "geojson",
    data: { type: "FeatureCollection", features: [] },
    cluster: true,
    clusterRadius: 48,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterProperties,
  };
}

/** Weighted by score: a 95-point organisation weighs more than a 62-point one. */
export const scoreWeight: ExpressionSpecification = [
  "interpolate",
  ["linear"],
  ["coalesce", ["get", "total"], 60],
  0,
  0.1,
  60,
  0.4,
  100,
  1,
];

/** A ramp from transparent to the tier's colour: tiers can be seen side by side. */
function heatLayer(tier: Tier, source: string): HeatmapLayerSpecification {
  const color = TIER_COLORS[tier];
  return {
    id: heatLayerId(tier),
    type: "heatmap",
    source,
    filter: ["==", ["get", "tier"], tier],
    maxzoom: HEAT_FADE_ZOOM,
    layout: { visibility: "none" },
    paint: {
      "heatmap-weight": scoreWeight,
      "heatmap-intensity": ["interpolate", ["linear"], ["zoom"], 7, 1.4, 12, 3],
      "heatmap-radius": ["interpolate", ["linear"], ["zoom"], 7, 22, 12, 40],
      "heatmap-color": [
        "interpolate",
        ["linear"],
        ["heatmap-density"],
        0,
        "rgba(255,255,255,0)",
        0.2,
        withAlpha(color, 0.35),
        0.6,
        withAlpha(color, 0.7),
        1,
        color,
      ],
      "heatmap-opacity": ["interpolate", ["linear"], ["zoom"], 10, 0.85, HEAT_FADE_ZOOM, 0],
    },
  };
}

/** Heatmap layers, one per tier, drawn from the organisations source. */
export function heatLayers(source: string): LayerSpecification[] {
  return TIERS.map((tier) => heatLayer(tier, source));
}

const isCluster: ExpressionSpecification = ["has", "point_count"];
const tierColor = [
  "match",
  ["get", "tier"],
  ...Object.entries(TIER_COLORS).flat(),
  // A non-competitor: hollow, its grey ring drawn by the stroke.
  "NON_COMPETITOR",
  "rgba(255,255,255,0)",
  "#9a9a9a",
] as unknown as ExpressionSpecification;

/**
 * Cluster bubbles: the count, and below it each tier's count after a dot in its colour, in tier
 * order (示范, 巩固, 提高, 预警) as the legend lists them.
 */
export function clusterLayers(): LayerSpecification[] {
  return [
    {
      // An organisation with no neighbour close enough forms no cluster: drawn on its own, until
      // the single-point layers take over above the clusters' zoom.
      id: CLUSTER_LAYERS.points,
      type: "circle",
      source: CLUSTER_SOURCE,
      filter: ["!", isCluster],
      maxzoom: CLUSTER_MAX_ZOOM + 1,
      layout: { visibility: "none" },
      paint: {
        "circle-color": tierColor,
        "circle-radius": 5,
        "circle-stroke-color": ["case", ["==", ["get", "tier"], "NON_COMPETITOR"], "#7a7a7a", "#333333"],
        "circle-stroke-width": ["case", ["==", ["get", "tier"], "NON_COMPETITOR"], 2, 0.8],
      },
    },
    {
      id: CLUSTER_LAYERS.circles,
      type: "circle",
      source: CLUSTER_SOURCE,
      filter: isCluster,
      layout: { visibility: "none" },
      paint: {
        "circle-color": "#ffffff",
        "circle-opacity": 0.92,
        "circle-stroke-color": "#3d4654",
        "circle-stroke-width": 1.5,
        "circle-radius": ["interpolate", ["linear"], ["get", "point_count"], 2, 16, 50, 26, 300, 40],
      },
    },
    {
      id: CLUSTER_LAYERS.labels,
      type: "symbol",
      source: CLUSTER_SOURCE,
      filter: isCluster,
      layout: {
        visibility: "none",
        "text-field": clusterLabel(),
        "text-size": 11,
        "text-allow-overlap": true,
        "text-ignore-placement": true,
        "text-line-height": 1.25,
      },
      paint: { "text-color": "#1f2933" },
    },
  ];
}

/** "37" over "●3 ●12 ●18 ●4", each dot in its tier's colour. */
export function clusterLabel(): ExpressionSpecification {
  const parts: unknown[] = [
    "format",
    ["to-string", ["get", "point_count"]],
    { "font-scale": 1.35 },
    "\n",
    {},
  ];
  TIERS.forEach((tier, i) => {
    parts.push(
      "●",
      { "text-color": TIER_COLORS[tier] },
      ["concat", ["to-string", ["get", tier]], i < 3 ? " " : ""],
      {},
    );
  });
  return parts as ExpressionSpecification;
}

function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}
