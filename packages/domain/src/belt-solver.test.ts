import { describe, expect, it } from "vitest";
import {
  DEFAULT_PREFERENCES,
  type ProposalCandidate,
  type ProposalInput,
  proposalCandidates,
  STRAIGHT_LINE_DISTANCE,
} from "./belt-proposal.ts";
import { type Proposal, proposeBeltPlan } from "./belt-solver.ts";
import { mulberry32 } from "./random.ts";
import type { LngLat } from "./route.ts";

const km = (a: LngLat, b: LngLat) => STRAIGHT_LINE_DISTANCE.km(a, b);

function candidate(id: number, position: LngLat, kind: "town" | "site" | "other"): ProposalCandidate {
  return {
    id,
    name: `站点${id}`,
    position,
    specialTown: kind === "town",
    required: kind !== "other",
    tier: kind === "other" ? 2 : 1,
  };
}

function problem(candidates: ProposalCandidate[], overrides: Partial<ProposalInput> = {}): ProposalInput {
  return {
    candidates,
    minBelts: 3,
    serviceCenter: null,
    preferences: { ...DEFAULT_PREFERENCES, minStops: 3, maxStops: 5 },
    lockedBelts: [],
    lockedStops: [],
    ...overrides,
  };
}

/** Three clusters round three towns, 0.05° (about 5 km) apart inside each, 0.5° between them. */
function threeClusters(): ProposalCandidate[] {
  const centres: LngLat[] = [
    [118.6, 28.9],
    [119.1, 28.9],
    [118.85, 29.3],
  ];
  return centres.flatMap(([lng, lat], c) => [
    candidate(c * 10 + 1, [lng, lat], "town"),
    candidate(c * 10 + 2, [lng + 0.05, lat], "site"),
    candidate(c * 10 + 3, [lng, lat + 0.05], "site"),
    candidate(c * 10 + 4, [lng - 0.04, lat - 0.03], "other"),
  ]);
}

function plannedBelts(proposal: Proposal) {
  if (!proposal.ok) throw new Error(proposal.reasons.map((r) => r.message).join("; "));
  return proposal.belts;
}

/** Every binding rule and preference the proposal must keep, checked from scratch. */
function expectValid(input: ProposalInput, proposal: Proposal): void {
  const belts = plannedBelts(proposal);
  const byId = new Map(input.candidates.map((c) => [c.id, c]));
  const { minStops, maxStops, maxBeltKm } = input.preferences;
  expect(belts.length).toBeGreaterThanOrEqual(input.minBelts);
  const all = belts.flatMap((b) => b.stopIds);
  expect(new Set(all).size, "no stop on two belts").toBe(all.length);
  for (const c of input.candidates.filter((c) => c.required)) expect(all).toContain(c.id);
  for (const belt of belts) {
    expect(belt.stopIds.every((id) => byId.has(id))).toBe(true);
    expect(
      belt.stopIds.some((id) => byId.get(id)?.specialTown),
      "a 特色小镇 on every belt",
    ).toBe(true);
    if (belt.locked) continue;
    expect(belt.stopIds.length).toBeGreaterThanOrEqual(minStops);
    expect(belt.stopIds.length).toBeLessThanOrEqual(maxStops);
    expect(belt.km).toBeLessThanOrEqual(maxBeltKm);
  }
}

describe("proposeBeltPlan", () => {
  it("makes one belt of each cluster, round its town, with only the stops it needs", () => {
    const input = problem(threeClusters());
    const proposal = proposeBeltPlan(input);
    expectValid(input, proposal);
    const belts = plannedBelts(proposal);
    expect(belts).toHaveLength(3);
    // Each cluster's town and two sites, and not its optional fourth: three stops are enough.
    const clusters = belts.map((b) => [...b.stopIds].sort((x, y) => x - y));
    expect(clusters.sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0))).toEqual([
      [1, 2, 3],
      [11, 12, 13],
      [21, 22, 23],
    ]);
    expect(proposal.ok && proposal.totalKm).toBeCloseTo(
      belts.reduce((sum, b) => sum + b.km, 0),
      9,
    );
  });

  it("gives the same plan for the same input", () => {
    const input = problem(randomCandidates(mulberry32(7), 30, 5));
    expect(proposeBeltPlan(input)).toEqual(proposeBeltPlan(input));
  });

  it("counts the way from the service center when belts start there", () => {
    const center: LngLat = [118.85, 29.0];
    const input = problem(threeClusters(), {
      serviceCenter: center,
      preferences: { ...DEFAULT_PREFERENCES, minStops: 3, maxStops: 5, startFromCenter: true },
    });
    const belts = plannedBelts(proposeBeltPlan(input));
    const byId = new Map(input.candidates.map((c) => [c.id, c.position]));
    for (const belt of belts) {
      const path = [center, ...belt.stopIds.map((id) => byId.get(id) as LngLat)];
      const length = path.slice(1).reduce((sum, p, i) => sum + km(path[i] as LngLat, p), 0);
      expect(belt.km).toBeCloseTo(length, 9);
    }
  });

  it("keeps a locked belt as it is and a locked stop on its belt", () => {
    const lockedBelt = { name: "已建成", stopIds: [4, 1, 2] };
    const input = problem(threeClusters(), {
      lockedBelts: [lockedBelt],
      lockedStops: [{ stopId: 14, beltName: "衢江线" }],
    });
    const proposal = proposeBeltPlan(input);
    expectValid(input, proposal);
    const belts = plannedBelts(proposal);
    expect(belts.find((b) => b.name === "已建成")).toMatchObject({ locked: true, stopIds: [4, 1, 2] });
    expect(belts.find((b) => b.name === "衢江线")?.stopIds).toContain(14);
    // Site 3 is not on the locked belt, so another belt must carry it.
    expect(belts.filter((b) => !b.locked).flatMap((b) => b.stopIds)).toContain(3);
  });

  it("adds a belt only where the unit's minimum would run over the longest allowed", () => {
    // 市西区 needs one belt; its two clusters lie 50 km apart, more than the 40 km allowed.
    const candidates = threeClusters().filter((c) => c.id < 20);
    const one = problem(candidates, {
      minBelts: 1,
      preferences: { ...DEFAULT_PREFERENCES, minStops: 3, maxStops: 8, maxBeltKm: 40 },
    });
    expectValid(one, proposeBeltPlan(one));
    expect(plannedBelts(proposeBeltPlan(one))).toHaveLength(2);
    const roomy = { ...one, preferences: { ...one.preferences, maxBeltKm: 200 } };
    expect(plannedBelts(proposeBeltPlan(roomy))).toHaveLength(1);
  });

  it("moves a stop from a belt that can spare one when no candidate is left to fill a belt", () => {
    // Every candidate is a demonstration site: 9 for 3 belts of at least 3, none to spare.
    const candidates = threeClusters().filter((c) => c.id % 10 !== 4);
    const crowded = candidates.map((c) => (c.id === 13 ? { ...c, position: [118.62, 28.92] as const } : c));
    const input = problem(crowded);
    const proposal = proposeBeltPlan(input);
    expectValid(input, proposal);
    expect(plannedBelts(proposal).map((b) => b.stopIds.length)).toEqual([3, 3, 3]);
  });

  it("says why when there are fewer 特色小镇 than belts, and proposes nothing", () => {
    const candidates = threeClusters().map((c) => (c.id === 21 ? { ...c, specialTown: false } : c));
    const proposal = proposeBeltPlan(problem(candidates));
    expect(proposal.ok).toBe(false);
    expect(!proposal.ok && proposal.reasons.map((r) => r.code)).toEqual(["TOO_FEW_TOWNS"]);
    expect(!proposal.ok && proposal.reasons[0]?.message).toMatch(
      /^3 条示范带需要至少 3 个特色小镇示范点，本单位只有 2 个：可借用/,
    );
  });

  it("names a demonstration site that no belt can reach within the longest allowed", () => {
    const far = candidate(99, [120.2, 28.9], "site");
    const proposal = proposeBeltPlan(problem([...threeClusters(), far]));
    expect(!proposal.ok && proposal.reasons.map((r) => r.message)).toEqual([
      expect.stringMatching(
        /^示范点“站点99”距最近的特色小镇示范点 1\d\d\.\d 公里，超过每条示范带最长 80 公里/,
      ),
    ]);
  });

  it("refuses locks that contradict each other, naming the stop", () => {
    const proposal = proposeBeltPlan(
      problem(threeClusters(), {
        lockedBelts: [{ name: "甲", stopIds: [1, 2, 3] }],
        lockedStops: [{ stopId: 2, beltName: "乙" }],
      }),
    );
    expect(!proposal.ok && proposal.reasons.map((r) => r.message)).toEqual([
      "站点“站点2”同时锁定在示范带“甲”和“乙”上：只保留一处锁定",
    ]);
  });

  it("refuses too few stops for the belts, and stop counts that cannot be", () => {
    const few = proposeBeltPlan(
      problem(threeClusters().slice(0, 11), { preferences: { ...DEFAULT_PREFERENCES, minStops: 4 } }),
    );
    expect(!few.ok && few.reasons.map((r) => r.code)).toEqual(["TOO_FEW_STOPS"]);
    const backwards = proposeBeltPlan(
      problem(threeClusters(), { preferences: { ...DEFAULT_PREFERENCES, minStops: 6, maxStops: 4 } }),
    );
    expect(!backwards.ok && backwards.reasons.map((r) => r.code)).toEqual(["PREFERENCES"]);
  });

  it("is within 5% of the shortest plan on small random instances, 1% on average", () => {
    const gaps: number[] = [];
    for (let seed = 1; gaps.length < 40; seed++) {
      const rng = mulberry32(seed);
      const input = problem(randomCandidates(rng, 7, 2), {
        minBelts: 2,
        preferences: { ...DEFAULT_PREFERENCES, minStops: 2, maxStops: 4 },
      });
      const optimum = shortestPlanKm(input);
      if (optimum === null) continue;
      const proposal = proposeBeltPlan(input);
      expectValid(input, proposal);
      if (proposal.ok) gaps.push(proposal.totalKm / optimum - 1);
    }
    expect(Math.max(...gaps)).toBeLessThanOrEqual(0.05);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeLessThanOrEqual(0.01);
  });
});

/** `n` candidates in a 60 km square, `towns` of them 特色小镇, half of the rest required. */
function randomCandidates(rng: () => number, n: number, towns: number): ProposalCandidate[] {
  return Array.from({ length: n }, (_, i) =>
    candidate(
      i + 1,
      [118.6 + rng() * 0.6, 28.7 + rng() * 0.55],
      i < towns ? "town" : rng() < 0.5 ? "site" : "other",
    ),
  );
}

/** The shortest valid plan by trying every assignment and every order: the floor for tiny inputs. */
function shortestPlanKm(input: ProposalInput): number | null {
  const { candidates, minBelts, preferences: p } = input;
  const belts = minBelts;
  let best: number | null = null;
  const assignment = new Array<number>(candidates.length).fill(0);
  const total = (belts + 1) ** candidates.length;
  for (let code = 0; code < total; code++) {
    let rest = code;
    for (let i = 0; i < candidates.length; i++) {
      assignment[i] = rest % (belts + 1); // 0: not on the plan
      rest = Math.floor(rest / (belts + 1));
    }
    let sum = 0;
    let valid = true;
    for (let b = 1; b <= belts && valid; b++) {
      const stops = candidates.filter((_, i) => assignment[i] === b);
      const length = shortestPathKm(stops.map((s) => s.position));
      valid =
        stops.length >= p.minStops &&
        stops.length <= p.maxStops &&
        stops.some((s) => s.specialTown) &&
        length <= p.maxBeltKm;
      sum += length;
    }
    if (!valid || candidates.some((c, i) => c.required && assignment[i] === 0)) continue;
    if (best === null || sum < best) best = sum;
  }
  return best;
}

function shortestPathKm(points: LngLat[]): number {
  if (points.length <= 1) return 0;
  let best = Number.POSITIVE_INFINITY;
  const visit = (path: LngLat[], left: LngLat[], length: number) => {
    if (length >= best) return;
    if (left.length === 0) {
      best = length;
      return;
    }
    left.forEach((p, i) => {
      const last = path[path.length - 1];
      visit([...path, p], [...left.slice(0, i), ...left.slice(i + 1)], length + (last ? km(last, p) : 0));
    });
  };
  visit([], points, 0);
  return best;
}

describe("proposalCandidates", () => {
  const unit = {
    id: "QUJIANG",
    kind: "COUNTY",
    countyCode: "330803",
    minBelts: 3,
    needsServiceCenter: true,
  } as const;
  const site = (
    id: number,
    unitId: string,
    kind: "ENTERPRISE" | "SPECIAL_TOWN",
    grade: "EXCELLENT" | "GOOD" | null,
    countyCode = "330803",
  ) => ({
    id,
    unitId,
    kind,
    countyCode,
    grade,
    name: `组织${id}`,
    position: [118.9, 28.9] as const,
  });

  it("takes the unit's demonstration sites and towns, and 市经信委's demonstration sites in its county", () => {
    const candidates = proposalCandidates(
      unit,
      [
        site(1, "QUJIANG", "ENTERPRISE", "EXCELLENT"),
        site(2, "QUJIANG", "ENTERPRISE", "GOOD"), // no demonstration
        site(3, "QUJIANG", "SPECIAL_TOWN", "GOOD"), // a town of any grade
        site(4, "JINGXIN", "ENTERPRISE", "EXCELLENT"), // the department's, in the county
        site(5, "JINGXIN", "ENTERPRISE", "EXCELLENT", "330881"), // the department's, elsewhere
        site(6, "JINGXIN", "SPECIAL_TOWN", "GOOD"), // the department's, no demonstration
        site(7, "KECHENG", "ENTERPRISE", "EXCELLENT"), // another unit's
      ],
      new Set(["JINGXIN"]),
    );
    expect(candidates.map((c) => [c.id, c.required, c.specialTown, c.tier])).toEqual([
      [1, true, false, 1],
      [3, false, true, 2],
      [4, false, false, 1],
    ]);
  });
});
