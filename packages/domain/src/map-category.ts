import { TIERS, type Tier } from "./codes.ts";

// What the map colours an organisation by, and what its filters and cluster counts group on: its
// tier, "NONE" while it has no grade, and "NON_COMPETITOR" for one the campaign does not score
// (whatever grade it might carry). One definition for the page's points and the server's tiles.

export type MapCategory = Tier | "NONE" | "NON_COMPETITOR";
export const MAP_CATEGORIES: readonly MapCategory[] = [...TIERS, "NONE", "NON_COMPETITOR"];

export function isMapCategory(value: string): value is MapCategory {
  return (MAP_CATEGORIES as readonly string[]).includes(value);
}

export function mapCategoryOf(organization: { tier: Tier | null; competitor: boolean }): MapCategory {
  if (!organization.competitor) return "NON_COMPETITOR";
  return organization.tier ?? "NONE";
}

export type MapCategoryCounts = Record<MapCategory, number>;

export function emptyMapCategoryCounts(): MapCategoryCounts {
  return Object.fromEntries(MAP_CATEGORIES.map((c) => [c, 0])) as MapCategoryCounts;
}
