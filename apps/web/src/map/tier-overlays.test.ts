// The tier heatmaps' and clusters' layer specs, checked by MapLibre's own style validator and their
// expressions evaluated by MapLibre's expression engine on sample organisations.

import { TIERS, type Tier } from "@beltmap/domain";
import { createExpression, featureFilter, validateStyleMin } from "@maplibre/maplibre-gl-style-spec";
import { describe, expect, it } from "vitest";
import { TIER_COLORS } from "./palette.ts";
import {
  CLUSTER_LAYERS,
  CLUSTER_MAX_ZOOM,
  CLUSTER_SOURCE,
  clusterLabel,
  clusterLayers,
  clusterSource,
  HEAT_FADE_ZOOM,
  heatLayerId,
  heatLayers,
  POINT_OPACITY_UNDER_HEAT,
} from "./tier-overlays.ts";

const ORGANIZATIONS = "organizations";
type Properties = Record<string, string | number>;
const feature = (properties: Properties) => ({ type: "Point" as const, properties });

/** Evaluates an expression as MapLibre would, at a zoom, for an organisation's properties. */
function evaluate(expression: unknown, properties: Properties = {}, zoom = 8): unknown {
  const parsed = createExpression(expression, "test");
  if (parsed.result !== "success") throw new Error(JSON.stringify(parsed.value));
  return parsed.value.evaluate({ zoom }, feature(properties));
}

const heat = (tier: Tier) => {
  const layer = heatLayers(ORGANIZATIONS).find((l) => l.id === heatLayerId(tier));
  if (layer?.type !== "heatmap") throw new Error(`no heatmap for ${tier}`);
  return layer;
};

describe("the tier overlays", () => {
  it("are valid MapLibre layers over their sources", () => {
    const style = {
      version: 8 as const,
      glyphs: "http://localhost/fonts/{fontstack}/{range}.pbf",
      sources: {
        [ORGANIZATIONS]: { type: "geojson" as const, data: { type: "FeatureCollection", features: [] } },
        [CLUSTER_SOURCE]: clusterSource(),
      },
      layers: [...heatLayers(ORGANIZATIONS), ...clusterLayers()],
    };
    expect(validateStyleMin(style as Parameters<typeof validateStyleMin>[0])).toEqual([]);
  });

  it("start hidden: switched on by visibility, one heatmap per tier", () => {
    const layers = [...heatLayers(ORGANIZATIONS), ...clusterLayers()];
    expect(layers.map((l) => l.layout?.visibility)).toEqual(layers.map(() => "none"));
    expect(heatLayers(ORGANIZATIONS).map((l) => l.id)).toEqual(TIERS.map(heatLayerId));
  });
});

describe("a tier's heatmap", () => {
  it("draws only its own tier's organisations", () => {
    for (const tier of TIERS) {
      const filter = featureFilter(heat(tier).filter, "layers.heat.filter");
      for (const other of TIERS) {
        expect(filter.filter({ zoom: 8 }, feature({ tier: other })), `${tier} ← ${other}`).toBe(
          tier === other,
        );
      }
      expect(filter.filter({ zoom: 8 }, feature({}))).toBe(false); // ungraded
    }
  });

  it("weighs an organisation by its score; one not yet scored as 60", () => {
    const weight = heat("DEMONSTRATION").paint?.["heatmap-weight"];
    const of = (total?: number) => evaluate(weight, total === undefined ? {} : { total }) as number;
    expect(of(95)).toBeGreaterThan(of(62));
    expect(of(62)).toBeGreaterThan(of(30));
    expect(of(100)).toBe(1);
    expect(of()).toBeCloseTo(of(60));
    expect(of(0)).toBeGreaterThan(0); // still seen
  });

  it("ramps from transparent to the tier's own colour", () => {
    for (const tier of TIERS) {
      const ramp = heat(tier).paint?.["heatmap-color"] as unknown[];
      expect(ramp.at(-1)).toBe(TIER_COLORS[tier]);
      expect(ramp[4]).toBe("rgba(255,255,255,0)");
    }
  });

  it("fades out as the single points take over", () => {
    const opacity = heat("WARNING").paint?.["heatmap-opacity"];
    expect(evaluate(opacity, {}, 9)).toBeGreaterThan(0.5);
    expect(evaluate(opacity, {}, HEAT_FADE_ZOOM)).toBe(0);
    expect(heat("WARNING").maxzoom).toBe(HEAT_FADE_ZOOM);
    // The points, faint under the heat, are whole again before it has gone.
    expect(evaluate(POINT_OPACITY_UNDER_HEAT, {}, 8)).toBeLessThan(0.5);
    expect(evaluate(POINT_OPACITY_UNDER_HEAT, {}, HEAT_FADE_ZOOM - 1)).toBe(1);
  });
});

describe("the clusters", () => {
  it("sum each tier's organisations into every cluster", () => {
    const properties = clusterSource() as { clusterProperties: Record<Tier, [string, unknown]> };
    expect(Object.keys(properties.clusterProperties)).toEqual([...TIERS]);
    for (const tier of TIERS) {
      const [operator, map] = properties.clusterProperties[tier];
      expect(operator).toBe("+");
      const counts = TIERS.map((t) => evaluate(map, { tier: t }));
      expect(counts).toEqual(TIERS.map((t) => (t === tier ? 1 : 0)));
      expect(evaluate(map, {})).toBe(0); // ungraded counts in no tier
    }
    expect((clusterSource() as { clusterMaxZoom: number }).clusterMaxZoom).toBe(CLUSTER_MAX_ZOOM);
  });

  it("label a cluster with its count over each tier's count after a dot in the tier's colour", () => {
    const formatted = evaluate(clusterLabel(), {
      point_count: 37,
      DEMONSTRATION: 3,
      CONSOLIDATION: 12,
      IMPROVEMENT: 18,
      WARNING: 4,
    }) as { sections: { text: string; textColor: { toString(): string } | null }[] };
    expect(formatted.sections.map((s) => s.text).join("")).toBe("37\n●3 ●12 ●18 ●4");
    const dots = formatted.sections.filter((s) => s.text === "●");
    expect(dots).toHaveLength(4);
    for (const [i, dot] of dots.entries()) {
      const colour = TIER_COLORS[TIERS[i] as Tier];
      const expected = evaluate(["to-color", colour]) as { toString(): string };
      expect(dot.textColor?.toString()).toBe(expected.toString());
    }
  });

  it("draw a lone organisation in its tier's colour until the single points take over", () => {
    const points = clusterLayers().find((l) => l.id === CLUSTER_LAYERS.points);
    if (points?.type !== "circle") throw new Error("no lone-point layer");
    expect(points.maxzoom).toBe(CLUSTER_MAX_ZOOM + 1);
    const colour = (tier?: string) => evaluate(points.paint?.["circle-color"], tier ? { tier } : {});
    expect(colour("WARNING")).toBe(TIER_COLORS.WARNING);
    expect(colour()).toBe("#9a9a9a");
    expect(
      featureFilter(points.filter, "layers.cluster-points.filter").filter(
        { zoom: 8 },
        feature({ point_count: 5 }),
      ),
    ).toBe(false);
  });
});
