// Benchmark of issue 16's acceptance figures for 一键生成示范带方案 (the belt proposal):
//   1. every unit of the demo data: the proposal keeps every binding rule; its total length against
//      the demo's hand-drawn plan (where that one keeps every rule, the proposal must be no longer);
//   2. random feasible instances of 8–14 candidate stops: the heuristic against HiGHS's optimum
//      (bars: 2% on average, 5% at worst), the floor measured in the same run;
//   3. instances of 60 and 150 candidate stops: time (bars 1 s and 3 s), and every rule kept.
// Usage: npm run bench:plan [-- --instances 200]
import { DEMO_REFERENCE_DATE, generateDemoData } from "@beltmap/db/seed";
import {
  type BeltSite,
  beltPlanMip,
  beltsNeeded,
  checkUnitCompliance,
  DEFAULT_PREFERENCES,
  mulberry32,
  type Proposal,
  type ProposalInput,
  proposalCandidates,
  proposeBeltPlan,
  STRAIGHT_LINE_DISTANCE,
  unitPasses,
} from "@beltmap/domain";
import highsLoader from "highs";

const instances = Number(process.argv[process.argv.indexOf("--instances") + 1]) || 200;
const BARS = { averageGap: 0.02, worstGap: 0.05, ms60: 1000, ms150: 3000 };
const failures: string[] = [];

/** A gap as a percentage; a solution a rounding error under the optimum reads 0.00, not -0.00. */
const percent = (gap: number) => (Math.max(0, gap) * 100).toFixed(2);

function timed<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

function pathKm(
  stopIds: readonly number[],
  positions: ReadonlyMap<number, readonly [number, number]>,
): number {
  let km = 0;
  for (let i = 1; i < stopIds.length; i++) {
    const a = positions.get(stopIds[i - 1] ?? -1);
    const b = positions.get(stopIds[i] ?? -1);
    if (a && b) km += STRAIGHT_LINE_DISTANCE.km(a, b);
  }
  return km;
}

function demoUnits(): void {
  const demo = generateDemoData();
  const grades = new Map(demo.grades.filter((g) => g.cycleId === 1).map((g) => [g.organizationId, g.grade]));
  const departments = new Set(demo.units.filter((u) => u.kind === "DEPARTMENT").map((u) => u.id));
  const sites = demo.organizations.map((o) => ({
    id: o.id,
    unitId: o.unitId,
    kind: o.kind,
    countyCode: o.countyCode,
    grade: grades.get(o.id) ?? null,
    name: o.name,
    position: [o.lng, o.lat] as const,
  }));
  const siteMap = new Map<number, BeltSite>(sites.map((s) => [s.id, s]));
  const positions = new Map(sites.map((s) => [s.id, s.position]));
  const plan = {
    deadline: DEMO_REFERENCE_DATE,
    firstSubmittedAt: DEMO_REFERENCE_DATE,
    now: DEMO_REFERENCE_DATE,
  };
  const rows = [];
  for (const unit of demo.units.filter((u) => u.minBelts > 0)) {
    const input: ProposalInput = {
      candidates: proposalCandidates(unit, sites, departments),
      minBelts: unit.minBelts,
      serviceCenter: null,
      preferences: DEFAULT_PREFERENCES,
      lockedBelts: [],
      lockedStops: [],
    };
    const { ms, value: proposal } = timed(() => proposeBeltPlan(input));
    const handDrawn = demo.belts.filter((b) => b.unitId === unit.id && b.cycleId === 1);
    const others = demo.belts
      .filter((b) => b.unitId !== unit.id && b.cycleId === 1)
      .flatMap((b) => b.stopIds);
    const rules = (belts: { stopIds: number[] }[]) =>
      unitPasses(
        checkUnitCompliance({
          unit,
          belts: belts.map((b, i) => ({ id: i + 1, unitId: unit.id, name: `${i + 1}`, stopIds: b.stopIds })),
          sites: siteMap,
          onAnyBelt: new Set([...others, ...belts.flatMap((b) => b.stopIds)]),
          hasServiceCenter: true,
          departmentUnitIds: departments,
          plan,
        }),
      );
    const handKm = handDrawn.reduce((sum, b) => sum + pathKm(b.stopIds, positions), 0);
    const handPasses = rules(handDrawn);
    if (!proposal.ok) {
      failures.push(`${unit.name}: no proposal (${proposal.reasons.map((r) => r.message).join("; ")})`);
      rows.push({ unit: unit.name, proposal: proposal.reasons[0]?.message ?? "—", ms: ms.toFixed(0) });
      continue;
    }
    const passes = rules(proposal.belts);
    if (!passes) failures.push(`${unit.name}: the proposal breaks a binding rule`);
    if (handPasses && proposal.totalKm > handKm + 1e-6)
      failures.push(
        `${unit.name}: the proposal (${proposal.totalKm.toFixed(1)} km) is longer than the hand-drawn plan`,
      );
    rows.push({
      unit: unit.name,
      candidates: input.candidates.length,
      "proposal belts": proposal.belts.map((b) => b.stopIds.length).join("+"),
      "proposal km": proposal.totalKm.toFixed(1),
      "proposal rules": passes ? "✓" : "✗",
      "hand-drawn belts": handDrawn.map((b) => b.stopIds.length).join("+"),
      "hand-drawn km": handKm.toFixed(1),
      "hand-drawn rules": handPasses ? "✓" : "✗",
      ms: ms.toFixed(0),
    });
  }
  console.log("1. The demo's units (straight-line ×1.3 km, 3–8 stops a belt, at most 80 km):");
  console.table(rows);
}

function randomInstance(seed: number, stops: number): ProposalInput {
  const rng = mulberry32(seed);
  const towns = Math.max(3, Math.round(stops / 4));
  return {
    candidates: Array.from({ length: stops }, (_, i) => ({
      id: i + 1,
      name: `站点${i + 1}`,
      position: [118.5 + rng() * (stops > 20 ? 1.0 : 0.6), 28.6 + rng() * (stops > 20 ? 0.9 : 0.55)] as const,
      specialTown: i < towns,
      required: i < towns || rng() < 0.6,
      tier: 1 + Math.floor(rng() * 4),
    })),
    minBelts: 3,
    serviceCenter: null,
    preferences: { ...DEFAULT_PREFERENCES, minStops: 2, maxStops: stops > 20 ? 8 : 5 },
    lockedBelts: [],
    lockedStops: [],
  };
}

async function againstHighs(): Promise<void> {
  const highs = await highsLoader();
  const gaps: number[] = [];
  let heuristicMs = 0;
  let exactMs = 0;
  for (let seed = 1; gaps.length < instances; seed++) {
    const input = randomInstance(seed, 8 + (seed % 7));
    const mip = beltPlanMip(input, STRAIGHT_LINE_DISTANCE, beltsNeeded(input));
    const exact = timed(() => highs.solve(mip.lp, { mip_rel_gap: 1e-6 }));
    if (exact.value.Status !== "Optimal") continue; // infeasible: not one of the feasible instances
    const proposal = timed(() => proposeBeltPlan(input));
    exactMs += exact.ms;
    heuristicMs += proposal.ms;
    if (!proposal.value.ok) {
      failures.push(`instance ${seed}: no proposal where HiGHS has one`);
      continue;
    }
    gaps.push(proposal.value.totalKm / exact.value.ObjectiveValue - 1);
  }
  const average = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const worst = Math.max(...gaps);
  console.log(
    `2. ${gaps.length} random feasible instances of 8–14 stops: the heuristic ${percent(average)}% ` +
      `over HiGHS's optimum on average (bar ${BARS.averageGap * 100}%), ${percent(worst)}% at worst ` +
      `(bar ${BARS.worstGap * 100}%); ${(heuristicMs / gaps.length).toFixed(0)} ms an instance against HiGHS's ` +
      `${(exactMs / gaps.length).toFixed(0)} ms`,
  );
  if (average > BARS.averageGap) failures.push(`average gap ${percent(average)}%`);
  if (worst > BARS.worstGap) failures.push(`worst gap ${percent(worst)}%`);
}

function large(): void {
  for (const [stops, bar] of [
    [60, BARS.ms60],
    [150, BARS.ms150],
  ] as const) {
    const input = randomInstance(stops, stops);
    const { ms, value } = timed((): Proposal => proposeBeltPlan(input));
    const summary = value.ok
      ? `${value.belts.length} belts, ${value.totalKm.toFixed(1)} km`
      : value.reasons.map((r) => r.message).join("; ");
    console.log(`3. ${stops} stops: ${ms.toFixed(0)} ms (bar ${bar} ms): ${summary}`);
    if (ms > bar) failures.push(`${stops} stops took ${ms.toFixed(0)} ms`);
    if (!value.ok) failures.push(`${stops} stops: no proposal`);
    else {
      const all = value.belts.flatMap((b) => b.stopIds);
      const towns = new Set(input.candidates.filter((c) => c.specialTown).map((c) => c.id));
      const required = input.candidates.filter((c) => c.required).map((c) => c.id);
      const broken =
        new Set(all).size !== all.length ||
        required.some((id) => !all.includes(id)) ||
        value.belts.some((b) => !b.stopIds.some((id) => towns.has(id)) || b.km > input.preferences.maxBeltKm);
      if (broken) failures.push(`${stops} stops: the proposal breaks a rule`);
    }
  }
}

demoUnits();
await againstHighs();
large();
if (failures.length > 0) {
  console.log(`\nBelow the bars:\n- ${failures.join("\n- ")}`);
  process.exitCode = 1;
} else console.log("\nEvery figure is within its bar.");
