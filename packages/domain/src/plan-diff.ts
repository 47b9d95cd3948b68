import type { PlanBelt, PlanServiceCenter, PlanSnapshot } from "./plan.ts";

// What changed between two versions of a plan (or a version and the working draft).

export type BeltChange = "ADDED" | "REMOVED" | "CHANGED" | "UNCHANGED";

export type BeltDiff = {
  /** The belt's id; belts are matched by id, so a renamed belt is the same belt. */
  beltId: number | null;
  name: string;
  change: BeltChange;
  renamedFrom: string | null;
  /** Kind, theme or round trip changed. */
  detailsChanged: boolean;
  addedStopIds: number[];
  removedStopIds: number[];
  /** The stops both versions share are visited in another order. */
  reordered: boolean;
};

export type ServiceCenterChange = "UNCHANGED" | "ADDED" | "REMOVED" | "MOVED" | "RENAMED";

export type PlanDiff = {
  belts: BeltDiff[];
  serviceCenter: ServiceCenterChange;
  /** Nothing at all changed. */
  same: boolean;
};

/** Belts of `before` and `after` paired by id, in the order of `after`, then the removed ones. */
export function diffPlans(before: PlanSnapshot, after: PlanSnapshot): PlanDiff {
  const beforeById = new Map(before.belts.filter((b) => b.id !== null).map((b) => [b.id, b]));
  const afterIds = new Set(after.belts.map((b) => b.id).filter((id) => id !== null));
  const belts: BeltDiff[] = after.belts.map((belt) => {
    const old = belt.id === null ? undefined : beforeById.get(belt.id);
    return old ? compareBelts(old, belt) : whole(belt, "ADDED");
  });
  for (const belt of before.belts) {
    if (belt.id === null || !afterIds.has(belt.id)) belts.push(whole(belt, "REMOVED"));
  }
  const serviceCenter = compareCenters(before.serviceCenter, after.serviceCenter);
  return {
    belts,
    serviceCenter,
    same: serviceCenter === "UNCHANGED" && belts.every((b) => b.change === "UNCHANGED"),
  };
}

function whole(belt: PlanBelt, change: "ADDED" | "REMOVED"): BeltDiff {
  const ids = belt.stops.map((s) => s.organizationId);
  return {
    beltId: belt.id,
    name: belt.name,
    change,
    renamedFrom: null,
    detailsChanged: false,
    addedStopIds: change === "ADDED" ? ids : [],
    removedStopIds: change === "REMOVED" ? ids : [],
    reordered: false,
  };
}

function compareBelts(before: PlanBelt, after: PlanBelt): BeltDiff {
  const beforeIds = before.stops.map((s) => s.organizationId);
  const afterIds = after.stops.map((s) => s.organizationId);
  const beforeSet = new Set(beforeIds);
  const afterSet = new Set(afterIds);
  const kept = afterIds.filter((id) => beforeSet.has(id));
  const keptBefore = beforeIds.filter((id) => afterSet.has(id));
  const diff: BeltDiff = {
    beltId: after.id,
    name: after.name,
    change: "UNCHANGED",
    renamedFrom: before.name === after.name ? null : before.name,
    detailsChanged:
      before.kind !== after.kind || before.theme !== after.theme || before.roundTrip !== after.roundTrip,
    addedStopIds: afterIds.filter((id) => !beforeSet.has(id)),
    removedStopIds: beforeIds.filter((id) => !afterSet.has(id)),
    reordered: kept.some((id, i) => keptBefore[i] !== id),
  };
  const changed =
    diff.renamedFrom !== null ||
    diff.detailsChanged ||
    diff.addedStopIds.length > 0 ||
    diff.removedStopIds.length > 0 ||
    diff.reordered;
  return { ...diff, change: changed ? "CHANGED" : "UNCHANGED" };
}

function compareCenters(
  before: PlanServiceCenter | null,
  after: PlanServiceCenter | null,
): ServiceCenterChange {
  if (!before && !after) return "UNCHANGED";
  if (!before) return "ADDED";
  if (!after) return "REMOVED";
  // Another site is another place, even when two sites share coordinates (one building).
  if (before.lng !== after.lng || before.lat !== after.lat || before.organizationId !== after.organizationId)
    return "MOVED";
  if (before.name !== after.name || before.address !== after.address) return "RENAMED";
  return "UNCHANGED";
}
