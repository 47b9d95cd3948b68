import { type BeltSite, isEligibleStop, type UnitInput } from "./belts.ts";
import { TIERS } from "./codes.ts";
import { tierOfGrade } from "./grade.ts";
import { haversineKm, type LngLat, ROAD_DETOUR_FACTOR } from "./route.ts";
import { isDemonstrationSite } from "./rules.ts";

// 一键生成示范带方案 (issue 16): the problem of proposing a unit's whole belt plan, stated once.
// The solver (belt-solver.ts) answers it; the planner, the API and the benchmark only fill it in.

/** A site that may be a stop of the unit's belts: its own, or a 市经信委 site in its county. */
export type ProposalCandidate = {
  id: number;
  name: string;
  position: LngLat;
  /** A 特色小镇 site: every belt needs one of its own. */
  specialTown: boolean;
  /** A demonstration site of the unit (its official grade is 优秀): it must be on some belt. */
  required: boolean;
  /** Its tier, 1 (示范梯队) to 4: between plans of one length, stops of better tiers are preferred. */
  tier: number;
};

/**
 * The stops a unit's plan may use: its demonstration sites (each must be on a belt), its 特色小镇
 * of any grade (every belt needs one), and the demonstration sites of 市经信委 in its county, which
 * may ride on its belts (belts.ts, isEligibleStop). Other organisations are no demonstration.
 */
export function proposalCandidates(
  unit: UnitInput,
  sites: Iterable<BeltSite & { name: string; position: LngLat }>,
  departmentUnitIds: ReadonlySet<string>,
): ProposalCandidate[] {
  const candidates: ProposalCandidate[] = [];
  for (const site of sites) {
    const demonstration = isDemonstrationSite(site.grade);
    const town = site.kind === "SPECIAL_TOWN";
    if (!isEligibleStop(unit, site, departmentUnitIds) || !(demonstration || town)) continue;
    if (site.unitId !== unit.id && !demonstration) continue;
    candidates.push({
      id: site.id,
      name: site.name,
      position: site.position,
      specialTown: town,
      required: demonstration && site.unitId === unit.id,
      tier: site.grade ? TIERS.indexOf(tierOfGrade(site.grade)) + 1 : TIERS.length,
    });
  }
  return candidates.sort((a, b) => a.id - b.id);
}

/** The unit's wishes, each with a default a county can keep (see DEFAULT_PREFERENCES). */
export type ProposalPreferences = {
  /** Stops per belt, the service center not counted: about a half-day visit. */
  minStops: number;
  maxStops: number;
  /** The longest belt, in road kilometres by the distance provider. */
  maxBeltKm: number;
  /** Every belt starts from the service center (its way there counts towards the length). */
  startFromCenter: boolean;
};

/**
 * 3–8 stops: a half-day visit at most, and at least three, which every unit of the demo data can
 * give each of its belts (a county of 11 demonstration sites could not give three belts four each).
 */
export const DEFAULT_PREFERENCES: ProposalPreferences = {
  minStops: 3,
  maxStops: 8,
  maxBeltKm: 80,
  startFromCenter: false,
};

export type ProposalInput = {
  candidates: readonly ProposalCandidate[];
  /** The unit's minimum number of belts (3; 市西区 1). */
  minBelts: number;
  /** The service center's place, where one is given. */
  serviceCenter: LngLat | null;
  preferences: ProposalPreferences;
  /** Belts kept exactly as they are, stops in order (e.g. ones already built). */
  lockedBelts: readonly { name: string; stopIds: readonly number[] }[];
  /** Stops that must stay on the named belt of the current draft; the rest of that belt may change. */
  lockedStops: readonly { stopId: number; beltName: string }[];
};

/** Road kilometres between two places: straight-line ×1.3 today, a routing service's matrix later. */
export type DistanceProvider = { label: string; km: (a: LngLat, b: LngLat) => number };

export const STRAIGHT_LINE_DISTANCE: DistanceProvider = {
  label: `直线距离×${ROAD_DETOUR_FACTOR}`,
  km: (a, b) => haversineKm(a, b) * ROAD_DETOUR_FACTOR,
};

/** Why no plan can satisfy every rule, and what would make one possible. */
export type Infeasibility = { code: InfeasibilityCode; message: string };

export type InfeasibilityCode =
  | "PREFERENCES"
  | "TOO_FEW_TOWNS"
  | "TOO_FEW_STOPS"
  | "SITE_OUT_OF_REACH"
  | "LOCK_CONFLICT";

/** How many belts a plan needs: the unit's minimum, more if its sites do not fit in that many. */
export function beltsNeeded(input: ProposalInput): number {
  const required = input.candidates.filter((c) => c.required).length;
  const fromSites = Math.ceil(required / Math.max(1, input.preferences.maxStops));
  return Math.max(input.minBelts, input.lockedBelts.length, fromSites, lockedBeltNames(input).size);
}

/** The names of the belts that locked stops hold on to (and the locked belts themselves). */
export function lockedBeltNames(input: ProposalInput): Set<string> {
  return new Set([...input.lockedBelts.map((b) => b.name), ...input.lockedStops.map((s) => s.beltName)]);
}

/**
 * Every reason the rules and preferences cannot all hold, each with the fix to try; empty when a
 * plan may exist (the solver still says so if it finds none).
 */
export function proposalInfeasibilities(input: ProposalInput, distance: DistanceProvider): Infeasibility[] {
  const { preferences: p } = input;
  const reasons: Infeasibility[] = [];
  if (
    !(
      Number.isInteger(p.minStops) &&
      p.minStops >= 1 &&
      Number.isInteger(p.maxStops) &&
      p.maxStops >= p.minStops
    )
  )
    return [
      {
        code: "PREFERENCES",
        message: `每条示范带的站数须为 1 以上的整数，且最少不多于最多（现为 ${p.minStops}–${p.maxStops} 站）`,
      },
    ];
  if (!(p.maxBeltKm > 0)) return [{ code: "PREFERENCES", message: "每条示范带的最长里程须大于 0 公里" }];
  if (p.startFromCenter && input.serviceCenter === null)
    reasons.push({ code: "PREFERENCES", message: "示范带从服务中心出发，需先确定区域性党群服务中心的位置" });
  reasons.push(...lockConflicts(input));
  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  const belts = beltsNeeded(input);
  const towns = input.candidates.filter((c) => c.specialTown).length;
  if (towns < belts)
    reasons.push({
      code: "TOO_FEW_TOWNS",
      message: `${belts} 条示范带需要至少 ${belts} 个特色小镇示范点，本单位只有 ${towns} 个：可借用本县（市、区）市经信委的特色小镇示范点，或在评定中增加特色小镇示范点${input.minBelts > 1 ? "" : "，或减少示范带条数"}`,
    });
  if (input.candidates.length < belts * p.minStops)
    reasons.push({
      code: "TOO_FEW_STOPS",
      message: `${belts} 条示范带每条至少 ${p.minStops} 站，共需 ${belts * p.minStops} 个站点，可选站点只有 ${input.candidates.length} 个：减少每条示范带的最少站数`,
    });
  const townPlaces = input.candidates.filter((c) => c.specialTown).map((c) => c.position);
  for (const site of input.candidates.filter((c) => c.required && !c.specialTown)) {
    const nearest = Math.min(...townPlaces.map((t) => distance.km(site.position, t)));
    const fromCenter =
      p.startFromCenter && input.serviceCenter ? distance.km(input.serviceCenter, site.position) : 0;
    const shortest = Math.max(nearest, fromCenter);
    if (townPlaces.length > 0 && shortest > p.maxBeltKm)
      reasons.push({
        code: "SITE_OUT_OF_REACH",
        message: `示范点“${site.name}”${fromCenter > nearest ? "距服务中心" : "距最近的特色小镇示范点"} ${shortest.toFixed(1)} 公里，超过每条示范带最长 ${p.maxBeltKm} 公里：放宽最长里程`,
      });
  }
  for (const belt of input.lockedBelts) {
    if (!belt.stopIds.some((id) => byId.get(id)?.specialTown))
      reasons.push({
        code: "LOCK_CONFLICT",
        message: `锁定的示范带“${belt.name}”没有特色小镇示范点：为它添加一个，或解除锁定`,
      });
  }
  return reasons;
}

function lockConflicts(input: ProposalInput): Infeasibility[] {
  const reasons: Infeasibility[] = [];
  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  const nameOf = (id: number) => byId.get(id)?.name ?? `组织 ${id}`;
  const holder = new Map<number, string>();
  const hold = (id: number, belt: string) => {
    const earlier = holder.get(id);
    if (earlier !== undefined && earlier !== belt)
      reasons.push({
        code: "LOCK_CONFLICT",
        message: `站点“${nameOf(id)}”同时锁定在示范带“${earlier}”和“${belt}”上：只保留一处锁定`,
      });
    else holder.set(id, belt);
  };
  const lockedNames = new Set<string>();
  for (const belt of input.lockedBelts) {
    if (lockedNames.has(belt.name))
      reasons.push({
        code: "LOCK_CONFLICT",
        message: `锁定的示范带“${belt.name}”重名：每条示范带名称须不同`,
      });
    lockedNames.add(belt.name);
    for (const id of belt.stopIds) hold(id, belt.name);
  }
  for (const stop of input.lockedStops) hold(stop.stopId, stop.beltName);
  for (const id of holder.keys()) {
    if (!byId.has(id))
      reasons.push({
        code: "LOCK_CONFLICT",
        message: `锁定的站点“${nameOf(id)}”不是本单位可用的站点：解除锁定`,
      });
  }
  return reasons;
}
