// Pure transforms from API DTOs to map data: no map, no DOM, unit-tested.
import type { BeltDto, CountyDto, MapOrganizationDto, ServiceCenterDto, TownshipAreaDto } from "@beltmap/api";
import { beltColor, beltLetter, stopLabel, TIERS, type Tier } from "@beltmap/domain";
import type { ExpressionSpecification } from "maplibre-gl";

/**
 * What the map draws an organisation as: its tier, "NONE" while ungraded, or "NON_COMPETITOR" for
 * an organisation that is not a 争创对象 (联建 or not 实体运作): marked apart, never in a tier.
 */
export type MapCategory = Tier | "NONE" | "NON_COMPETITOR";
export const MAP_CATEGORIES: readonly MapCategory[] = [...TIERS, "NONE", "NON_COMPETITOR"];
/** Every category shown: the filters' starting point. */
export const ALL_CATEGORIES: ReadonlySet<MapCategory> = new Set(MAP_CATEGORIES);

export function categoryOf(o: Pick<MapOrganizationDto, "tier" | "competitor">): MapCategory {
  if (o.competitor === false) return "NON_COMPETITOR";
  return o.tier ?? "NONE";
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

/** [west, south, east, north] around the points, or null for none. */
/**
 * Where a unit's view goes: the bounds of its organisations that lie within their own county's box.
 * A point placed in another county (a mistyped coordinate, which 数据 lists) would otherwise pull
 * the view away from the unit; with no such county data, all its points count.
 */
export function unitBounds(
  organizations: readonly Pick<MapOrganizationDto, "unitId" | "countyCode" | "lng" | "lat">[],
  unitId: string,
  counties: readonly Pick<CountyDto, "code" | "bbox">[],
): [number, number, number, number] | null {
  const boxes = new Map(counties.map((c) => [c.code, c.bbox]));
  const own = organizations.filter((o) => o.unitId === unitId);
  const placed = own.filter((o) => {
    const box = boxes.get(o.countyCode);
    return !box || (o.lng >= box[0] && o.lat >= box[1] && o.lng <= box[2] && o.lat <= box[3]);
  });
  return boundsOf(placed.length > 0 ? placed : own);
}

export function boundsOf(
  points: readonly { lng: number; lat: number }[],
): [number, number, number, number] | null {
  if (points.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    w = Math.min(w, p.lng);
    s = Math.min(s, p.lat);
    e = Math.max(e, p.lng);
    n = Math.max(n, p.lat);
  }
  return [w, s, e, n];
}
