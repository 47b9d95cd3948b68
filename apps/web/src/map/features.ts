// Pure transforms from API DTOs to map data: no map, no DOM, unit-tested.
import type { BeltDto, CountyDto, MapOrganizationDto, ServiceCenterDto, TownshipAreaDto } from "@beltmap/api";
import {
  beltColor,
  beltLetter,
  emptyMapCategoryCounts,
  MAP_CATEGORIES,
  type MapCategory,
  mapCategoryOf,
  stopLabel,
} from "@beltmap/domain";
import type { ExpressionSpecification } from "maplibre-gl";

// The browser takes the geo package's parts, not its index (which reads files on the server).
export { boundsOf, unitBounds } from "@beltmap/geo/unit-bounds";

export type { MapCategory };
export { MAP_CATEGORIES };
/** Every category shown: the filters' starting point. */
export const ALL_CATEGORIES: ReadonlySet<MapCategory> = new Set(MAP_CATEGORIES);

export function categoryOf(o: Pick<MapOrganizationDto, "tier" | "competitor">): MapCategory {
  return mapCategoryOf(o);
}

export type OrganizationProperties = {
  id: number;
  name: string;
  kind: string;
  unitId: string;
  /** The category (see MapCategory): a tier code, "NONE" or "NON_COMPETITOR" (keeps expressions simple). */
  tier: MapCategory;
  official: boolean;
  total: number | null;
};

export function organizationsToGeoJSON(
  organizations: readonly MapOrganizationDto[],
): GeoJSON.FeatureCollection<GeoJSON.Point, OrganizationProperties> {
  return {
    type: "FeatureCollection",
    features: organizations.map((o) => ({
      type: "Feature",
      id: o.id,
      geometry: { type: "Point", coordinates: [o.lng, o.lat] },
      properties: {
        id: o.id,
        name: o.name,
        kind: o.kind,
        unitId: o.unitId,
        tier: categoryOf(o),
        official: o.gradeIsOfficial,
        total: o.total,
      },
    })),
  };
}

export function beltLinesToGeoJSON(belts: readonly BeltDto[]): GeoJSON.FeatureCollection<
  GeoJSON.LineString,
  {
    beltId: number;
    unitId: string;
    name: string;
    lengthKm: number;
    letter: string;
    color: string;
    stops: number;
  }
> {
  return {
    type: "FeatureCollection",
    features: belts
      .filter((b) => b.stops.length >= 2)
      .map((b) => {
        const coordinates = b.stops.map((s) => [s.lng, s.lat]);
        const first = coordinates[0];
        if (b.roundTrip && first) coordinates.push(first);
        return {
          type: "Feature",
          id: b.id,
          geometry: { type: "LineString", coordinates },
          properties: {
            beltId: b.id,
            unitId: b.unitId,
            name: b.name,
            lengthKm: b.lengthKm,
            letter: beltLetter(b.index),
            color: beltColor(b.index),
            stops: b.stops.length,
          },
        };
      }),
  };
}

export function beltStopsToGeoJSON(
  belts: readonly BeltDto[],
): GeoJSON.FeatureCollection<
  GeoJSON.Point,
  { beltId: number; unitId: string; number: number; label: string; color: string; name: string }
> {
  return {
    type: "FeatureCollection",
    features: belts.flatMap((b) =>
      b.stops.map((s) => ({
        type: "Feature" as const,
        geometry: { type: "Point" as const, coordinates: [s.lng, s.lat] },
        properties: {
          beltId: b.id,
          unitId: b.unitId,
          number: s.position + 1,
          label: stopLabel(b.index, s.position),
          color: beltColor(b.index),
          name: s.name,
        },
      })),
    ),
  };
}

export function serviceCentersToGeoJSON(
  centers: readonly ServiceCenterDto[],
): GeoJSON.FeatureCollection<GeoJSON.Point, { id: number; unitId: string; name: string }> {
  return {
    type: "FeatureCollection",
    features: centers.map((c) => ({
      type: "Feature",
      id: c.id,
      geometry: { type: "Point", coordinates: [c.lng, c.lat] },
      properties: { id: c.id, unitId: c.unitId, name: c.name },
    })),
  };
}

/** The townships' derived areas, and their names at their seats (a point each, never repeated). */
export function townshipAreasToGeoJSON(areas: readonly TownshipAreaDto[]): {
  areas: GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  labels: GeoJSON.FeatureCollection<GeoJSON.Point>;
} {
  const properties = (a: TownshipAreaDto) => ({
    townshipId: a.townshipId,
    unitId: a.unitId,
    name: a.name,
    kind: a.kind,
  });
  return {
    areas: {
      type: "FeatureCollection",
      features: areas.map((a) => ({ type: "Feature", geometry: a.geometry, properties: properties(a) })),
    },
    labels: {
      type: "FeatureCollection",
      features: areas.map((a) => ({
        type: "Feature",
        geometry: { type: "Point", coordinates: [a.labelLng, a.labelLat] },
        properties: properties(a),
      })),
    },
  };
}

export function countyLabelsToGeoJSON(
  counties: readonly CountyDto[],
): GeoJSON.FeatureCollection<GeoJSON.Point, { code: string; name: string }> {
  return {
    type: "FeatureCollection",
    features: counties.map((c) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [c.labelLng, c.labelLat] },
      properties: { code: c.code, name: c.name },
    })),
  };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The hover text of an organisation from its feature properties as the map returns them: MapLibre
 * drops null properties on the way through its worker, so "no score" arrives as a missing `total`.
 */
export function organizationTooltip(
  properties: Record<string, unknown>,
  t: Translate,
): { title: string; line: string } {
  const tier = properties.tier;
  const total = properties.total;
  if (tier === "NON_COMPETITOR")
    return { title: String(properties.name ?? ""), line: t("cycleMap.nonCompetitorTooltip") };
  const tierText =
    typeof tier === "string" && tier !== "NONE" ? t(`codes.tier.${tier}`) : t("legend.ungraded");
  const status = properties.official === true || tier === "NONE" ? "" : `（${t("panel.provisional")}）`;
  const score = typeof total === "number" ? t("tooltip.score", { total }) : t("tooltip.ungraded");
  return { title: String(properties.name ?? ""), line: `${tierText}${status} · ${score}` };
}

/** A belt's hover tip: "A · 名称" and its length and stops. */
export function beltTooltip(
  properties: Record<string, unknown>,
  t: Translate,
): { title: string; line: string } {
  const letter = String(properties.letter ?? "");
  const name = String(properties.name ?? "");
  return {
    title: letter ? `${letter} · ${name}` : name,
    line: t("legend.beltFacts", {
      km: Number(properties.lengthKm ?? 0).toFixed(1),
      count: Number(properties.stops ?? 0),
    }),
  };
}

export type TierCounts = Record<MapCategory, number>;

export function tierCounts(organizations: readonly MapOrganizationDto[], unitId: string | null): TierCounts {
  const counts: TierCounts = {
    DEMONSTRATION: 0,
    CONSOLIDATION: 0,
    IMPROVEMENT: 0,
    WARNING: 0,
    NONE: 0,
    NON_COMPETITOR: 0,
  };
  for (const o of organizations) {
    if (unitId === null || o.unitId === unitId) counts[categoryOf(o)]++;
  }
  return counts;
}

/** The same counts from the tile set's per-unit counts (the tiled map holds no organisations). */
export function tileSetCounts(
  units: readonly { unitId: string; counts: TierCounts }[],
  unitId: string | null,
): TierCounts {
  const counts = emptyMapCategoryCounts();
  for (const unit of units) {
    if (unitId !== null && unit.unitId !== unitId) continue;
    for (const category of MAP_CATEGORIES) counts[category] += unit.counts[category];
  }
  return counts;
}

/** How many organisations the filters show, of the counts per category. */
export function shownCount(counts: TierCounts, tiers: ReadonlySet<MapCategory>): number {
  return MAP_CATEGORIES.reduce((sum, category) => sum + (tiers.has(category) ? counts[category] : 0), 0);
}

/** The organisations shown for a unit filter (null = all) and a set of visible categories. */
export function organizationFilter(
  unitId: string | null,
  tiers: ReadonlySet<MapCategory>,
): ExpressionSpecification {
  const tierList = MAP_CATEGORIES.filter((t) => tiers.has(t));
  const byTier: ExpressionSpecification = ["in", ["get", "tier"], ["literal", tierList]];
  return unitId === null ? byTier : ["all", byTier, ["==", ["get", "unitId"], unitId]];
}

/** Belts, stops and service centers follow the unit filter only. */
export function unitFilter(unitId: string | null): ExpressionSpecification {
  return unitId === null ? ["boolean", true] : ["==", ["get", "unitId"], unitId];
}

export function isShown(
  o: MapOrganizationDto,
  unitId: string | null,
  tiers: ReadonlySet<MapCategory>,
): boolean {
  return (unitId === null || o.unitId === unitId) && tiers.has(categoryOf(o));
}
