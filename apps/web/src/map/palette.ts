import type { Tier } from "@beltmap/domain";

/**
 * Tier colours from the Okabe–Ito palette, chosen to stay apart for the common colour-vision
 * deficiencies: blue, bluish green, yellow and vermillion differ in hue and in lightness.
 */
export const TIER_COLORS: Record<Tier, string> = {
  DEMONSTRATION: "#0072B2",
  CONSOLIDATION: "#009E73",
  IMPROVEMENT: "#F0E442",
  WARNING: "#D55E00",
};
export const UNGRADED_COLOR = "#9a9a9a";
/** An organisation that is not a 争创对象: a hollow ring in this grey, never a tier colour. */
export const NON_COMPETITOR_COLOR = "#7a7a7a";
export const BELT_COLOR = "#7B2D8E";
export const SERVICE_CENTER_COLOR = "#1a1a1a";
export const COUNTY_LINE_COLOR = "#6b7a8f";
export const COUNTY_FILL_COLOR = "#f4f1ea";
/** A zone's parks (园区) on the map: their outlines and names. */
export const PARK_COLOR = "#d08a2e";
