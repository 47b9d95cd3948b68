import { type Belt, MIN_GAIN, maxBy } from "./belt-costs.ts";
import {
  beltsNeeded,
  type DistanceProvider,
  type Infeasibility,
  type ProposalInput,
  proposalInfeasibilities,
  STRAIGHT_LINE_DISTANCE,
} from "./belt-proposal.ts";
import { BeltSearch } from "./belt-search.ts";

// 一键生成示范带方案: proposeBeltPlan answers the problem of belt-proposal.ts with the search of
// belt-search.ts, from as few belts as the rules allow. The same input gives the same plan.

export type ProposedBelt = {
  /** The locked or anchored belt's name; null for a belt the proposal adds. */
  name: string | null;
  locked: boolean;
  stopIds: number[];
  km: number;
};

export type Proposal =
  | { ok: true; belts: ProposedBelt[]; totalKm: number }
  | { ok: false; reasons: Infeasibility[] };

export function proposeBeltPlan(
  input: ProposalInput,
  distance: DistanceProvider = STRAIGHT_LINE_DISTANCE,
): Proposal {
  const reasons = proposalInfeasibilities(input, distance);
  if (reasons.length > 0) return { ok: false, reasons };
  // More belts than needed only where the needed number would run over the longest allowed.
  const towns = input.candidates.filter((c) => c.specialTown).length;
  let answer = solveWith(input, distance, beltsNeeded(input));
  for (let belts = beltsNeeded(input) + 1; !answer.ok && belts <= towns; belts++) {
    const more = solveWith(input, distance, belts);
    if (more.ok) answer = more;
  }
  return answer;
}

function solveWith(input: ProposalInput, distance: DistanceProvider, beltCount: number): Proposal {
  const solver = new BeltSearch(input, distance, beltCount);
  let best: Belt[] | null = null;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const start of solver.startTowns()) {
    const belts = solver.construct(start);
    if (!belts) continue;
    solver.improve(belts);
    const cost = solver.planCost(belts);
    if (cost < bestCost - MIN_GAIN) {
      best = belts;
      bestCost = cost;
    }
  }
  if (best) best = solver.ruinAndRecreate(best);
  if (!best)
    return {
      ok: false,
      reasons: [
        {
          code: "TOO_FEW_STOPS",
          message: `示范点多于 ${beltCount} 条示范带能容纳的站数：提高每条示范带的最多站数`,
        },
      ],
    };
  return proposalOf(input, solver, best);
}

/** The plan found, or why it breaks the longest allowed (a penalty the search could not avoid). */
function proposalOf(input: ProposalInput, search: BeltSearch, belts: readonly Belt[]): Proposal {
  const { maxBeltKm } = input.preferences;
  const id = (i: number) => input.candidates[i]?.id ?? -1;
  const proposed = belts.map((b) => ({
    name: b.name,
    locked: b.locked,
    stopIds: b.stops.map(id),
    km: search.km(b.stops),
  }));
  const tooLong = proposed.filter((b) => !b.locked && b.km > maxBeltKm + 1e-6);
  if (tooLong.length > 0) {
    const longest = maxBy(tooLong, (b) => b.km) as ProposedBelt;
    return {
      ok: false,
      reasons: [
        {
          code: "SITE_OUT_OF_REACH",
          message: `找不到每条不超过 ${maxBeltKm} 公里的方案（最短的方案中最长一条 ${longest.km.toFixed(1)} 公里）：放宽最长里程，或减少每条示范带的最少站数`,
        },
      ],
    };
  }
  return { ok: true, belts: proposed, totalKm: proposed.reduce((sum, b) => sum + b.km, 0) };
}
