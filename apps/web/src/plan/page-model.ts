// What the 示范带 page works out from its data: pure, unit-tested, no React.
import type { PlanCandidateDto, PlanDto, UnitDto } from "@beltmap/api";
import type { PlanSnapshot } from "@beltmap/domain";
import type { PlanDraft } from "./draft.ts";

export type Point = { lng: number; lat: number };

/** A site the planner can show: a candidate, or a saved stop the unit may no longer use. */
export type PlannerSite = PlanCandidateDto & { unavailable?: true };

/**
 * The candidates, plus every saved stop that is not among them (it left the unit, or was never
 * allowed): such a stop stays visible and removable, marked unavailable, rather than vanishing.
 */
export function plannerSites(plan: Pick<PlanDto, "candidates" | "belts">): Map<number, PlannerSite> {
  const sites = new Map<number, PlannerSite>(plan.candidates.map((c) => [c.id, c]));
  for (const belt of plan.belts) {
    for (const stop of belt.stops) {
      if (sites.has(stop.organizationId)) continue;
      sites.set(stop.organizationId, {
        id: stop.organizationId,
        name: stop.name,
        kind: stop.kind,
        unitId: stop.unitId,
        countyCode: "",
        townshipName: "",
        lng: stop.lng,
        lat: stop.lat,
        officialGrade: null,
        tier: null,
        unavailable: true,
      });
    }
  }
  return sites;
}

/** The draft as a version snapshot would hold it, so the two can be compared. */
export function snapshotOf(
  draft: PlanDraft,
  sites: ReadonlyMap<number, Point & { name: string }>,
): PlanSnapshot {
  return {
    belts: draft.belts.map((b) => ({
      id: b.id,
      name: b.name,
      theme: b.theme,
      kind: b.kind,
      roundTrip: b.roundTrip,
      stops: b.stopIds.map((id) => {
        const site = sites.get(id);
        return {
          organizationId: id,
          name: site?.name ?? String(id),
          lng: site?.lng ?? 0,
          lat: site?.lat ?? 0,
        };
      }),
    })),
    serviceCenter: draft.serviceCenter,
  };
}

/** "柯城区示范带N" with the first N no belt of the draft is named yet (names are Chinese data). */
export function newBeltName(unitName: string, draft: PlanDraft): string {
  const taken = new Set(draft.belts.map((b) => b.name.trim()));
  for (let n = draft.belts.length + 1; ; n++) {
    const name = `${unitName}示范带${n}`;
    if (!taken.has(name)) return name;
  }
}

/**
 * Where a failure is: the stops of the offending belts and the offending sites; for a rule about
 * the unit as a whole (number of belts, the center, the deadline), all of the unit's sites.
 */
export function focusPoints(
  belts: readonly { stops: readonly Point[] }[],
  siteIds: readonly number[],
  sites: ReadonlyMap<number, Point>,
): Point[] {
  const points = [
    ...belts.flatMap((b) => b.stops),
    ...siteIds.map((id) => sites.get(id)).filter((p): p is Point => p !== undefined),
  ];
  return points.length > 0 ? points : [...sites.values()];
}

/**
 * Each county's status on the map: a county fails when any unit planning in it fails (the county
 * itself, or a zone it hosts); a county no unit of the list plans in is left untinted.
 */
export function countyStatuses(
  compliance: readonly { unitId: string; passed: boolean }[],
  units: readonly Pick<UnitDto, "id" | "kind" | "countyCode">[],
): Map<string, "pass" | "fail"> {
  const countyOf = new Map(
    units.filter((u) => u.kind !== "DEPARTMENT" && u.countyCode).map((u) => [u.id, u.countyCode as string]),
  );
  const status = new Map<string, "pass" | "fail">();
  for (const unit of compliance) {
    const county = countyOf.get(unit.unitId);
    if (!county) continue;
    status.set(county, status.get(county) === "fail" || !unit.passed ? "fail" : "pass");
  }
  return status;
}
