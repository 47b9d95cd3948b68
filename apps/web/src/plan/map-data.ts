// Pure transforms from the planner's state to the planner map's GeoJSON: no map, no DOM, unit-tested.
import type { BeltDto, CountyDto, PlanCandidateDto } from "@beltmap/api";
import { beltColor, isDemonstrationSite, type PlanSnapshot, stopLabel } from "@beltmap/domain";
import type { PlanDraft } from "./draft.ts";

/** Belts of other units, in the city's overview. */
export const OTHER_BELT_COLOR = "#6f7d91";

export type PlannedBelt = {
  key: string;
  /** Its place in the unit's plan: its letter and colour (beltIdentity). */
  index: number;
  name: string;
  color: string;
  active: boolean;
  roundTrip: boolean;
  stops: { id: number; name: string; lng: number; lat: number }[];
};

/** The draft's belts located through the candidates (a stop not among them is left out). */
export function plannedBelts(
  draft: PlanDraft,
  candidates: ReadonlyMap<number, Pick<PlanCandidateDto, "name" | "lng" | "lat">>,
  activeKey: string | null,
): PlannedBelt[] {
  return draft.belts.map((belt, index) => ({
    key: belt.key,
    index,
    name: belt.name,
    color: beltColor(index),
    active: belt.key === activeKey,
    roundTrip: belt.roundTrip,
    stops: belt.stopIds.flatMap((id) => {
      const site = candidates.get(id);
      return site ? [{ id, name: site.name, lng: site.lng, lat: site.lat }] : [];
    }),
  }));
}

/** A submitted version's belts, drawn like the draft's (none active). */
export function snapshotBelts(snapshot: PlanSnapshot): PlannedBelt[] {
  return snapshot.belts.map((belt, index) => ({
    key: `v-${belt.id ?? index}`,
    index,
    name: belt.name,
    color: beltColor(index),
    active: false,
    roundTrip: belt.roundTrip,
    stops: belt.stops.map((s) => ({ id: s.organizationId, name: s.name, lng: s.lng, lat: s.lat })),
  }));
}

type LineProps = { key: string; name: string; color: string; active: boolean; other: boolean };

function line(coordinates: [number, number][], roundTrip: boolean): GeoJSON.LineString | null {
  if (coordinates.length < 2) return null;
  const first = coordinates[0];
  return { type: "LineString", coordinates: roundTrip && first ? [...coordinates, first] : coordinates };
}

/**
 * The unit's belts (coloured, the active one on top) and other units' belts: grey around a unit
 * being planned, and in their own colours in the city's overview, where no unit is (`othersInColour`).
 */
export function beltLines(
  planned: readonly PlannedBelt[],
  others: readonly BeltDto[],
  othersInColour = false,
): GeoJSON.FeatureCollection<GeoJSON.LineString, LineProps> {
  const features: GeoJSON.Feature<GeoJSON.LineString, LineProps>[] = [];
  for (const belt of others) {
    const geometry = line(
      belt.stops.map((s) => [s.lng, s.lat]),
      belt.roundTrip,
    );
    if (geometry)
      features.push({
        type: "Feature",
        geometry,
        properties: {
          key: `other-${belt.id}`,
          name: belt.name,
          color: othersInColour ? beltColor(belt.index) : OTHER_BELT_COLOR,
          active: false,
          other: true,
        },
      });
  }
  // Drawn in order: the active belt last, so it lies on top.
  const ordered = [...planned.filter((b) => !b.active), ...planned.filter((b) => b.active)];
  for (const belt of ordered) {
    const geometry = line(
      belt.stops.map((s) => [s.lng, s.lat]),
      belt.roundTrip,
    );
    if (geometry)
      features.push({
        type: "Feature",
        geometry,
        properties: { key: belt.key, name: belt.name, color: belt.color, active: belt.active, other: false },
      });
  }
  return { type: "FeatureCollection", features };
}

/** Labelled stops of the unit's belts (A1, B3…; the labels of the active belt are always shown). */
export function beltStops(
  planned: readonly PlannedBelt[],
): GeoJSON.FeatureCollection<
  GeoJSON.Point,
  { key: string; number: number; label: string; color: string; active: boolean }
> {
  return {
    type: "FeatureCollection",
    features: planned.flatMap((belt) =>
      belt.stops.map((stop, i) => ({
        type: "Feature" as const,
        geometry: { type: "Point" as const, coordinates: [stop.lng, stop.lat] },
        properties: {
          key: belt.key,
          number: i + 1,
          label: stopLabel(belt.index, i),
          color: belt.color,
          active: belt.active,
        },
      })),
    ),
  };
}

export type SiteProps = {
  id: number;
  name: string;
  kind: string;
  tier: string;
  /** An official 优秀: must be on a belt. */
  demonstration: boolean;
  onBelt: boolean;
  /** A stop of the active belt: clicking removes it rather than adds. */
  onActive: boolean;
  highlighted: boolean;
};

export function sitesToGeoJSON(
  candidates: readonly PlanCandidateDto[],
  draft: PlanDraft | null,
  activeKey: string | null,
  highlighted: ReadonlySet<number>,
): GeoJSON.FeatureCollection<GeoJSON.Point, SiteProps> {
  const onBelt = new Set(draft?.belts.flatMap((b) => b.stopIds) ?? []);
  const onActive = new Set(draft?.belts.find((b) => b.key === activeKey)?.stopIds ?? []);
  return {
    type: "FeatureCollection",
    features: candidates.map((c) => ({
      type: "Feature",
      id: c.id,
      geometry: { type: "Point", coordinates: [c.lng, c.lat] },
      properties: {
        id: c.id,
        name: c.name,
        kind: c.kind,
        tier: c.tier ?? "NONE",
        demonstration: isDemonstrationSite(c.officialGrade),
        onBelt: onBelt.has(c.id),
        onActive: onActive.has(c.id),
        highlighted: highlighted.has(c.id),
      },
    })),
  };
}

/** County labels with ✓ or ✗ after the name: a mark of shape, not only of colour. */
export function countyLabels(
  counties: readonly CountyDto[],
  status: ReadonlyMap<string, "pass" | "fail">,
): GeoJSON.FeatureCollection<GeoJSON.Point, { code: string; label: string }> {
  return {
    type: "FeatureCollection",
    features: counties.map((c) => {
      const mark = status.get(c.code);
      return {
        type: "Feature",
        geometry: { type: "Point", coordinates: [c.labelLng, c.labelLat] },
        properties: { code: c.code, label: mark ? `${c.name} ${mark === "pass" ? "✓" : "✗"}` : c.name },
      };
    }),
  };
}

/** An earlier version's belts, drawn dashed beneath the draft to show what changed. */
export function versionLines(snapshot: PlanSnapshot | null): GeoJSON.FeatureCollection<GeoJSON.LineString> {
  if (!snapshot) return { type: "FeatureCollection", features: [] };
  return {
    type: "FeatureCollection",
    features: snapshot.belts.flatMap((belt) => {
      const geometry = line(
        belt.stops.map((s) => [s.lng, s.lat]),
        belt.roundTrip,
      );
      return geometry ? [{ type: "Feature" as const, geometry, properties: { name: belt.name } }] : [];
    }),
  };
}

/** Stops added (+) or removed (−) since the compared version. */
export function changedStops(
  added: readonly { lng: number; lat: number }[],
  removed: readonly { lng: number; lat: number }[],
): GeoJSON.FeatureCollection<GeoJSON.Point, { change: "added" | "removed" }> {
  const point = (p: { lng: number; lat: number }, change: "added" | "removed") => ({
    type: "Feature" as const,
    geometry: { type: "Point" as const, coordinates: [p.lng, p.lat] },
    properties: { change },
  });
  return {
    type: "FeatureCollection",
    features: [...added.map((p) => point(p, "added")), ...removed.map((p) => point(p, "removed"))],
  };
}
