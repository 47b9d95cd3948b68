import type { DistanceProvider, ProposalInput } from "./belt-proposal.ts";
import type { ProposedBelt } from "./belt-solver.ts";
import type { LngLat } from "./route.ts";

// The belt proposal as a mixed-integer programme, for an exact solver (HiGHS) to answer: the floor
// the heuristic is measured against on small inputs (tests, npm run bench:plan). Written in CPLEX
// LP format, which HiGHS reads. `beltCount` belts, each an open path (from the service center when
// belts start there); no locks, which only the heuristic handles.
//
// Variables, for candidate i, j and belt k: y_i_k (i is on belt k), x_i_j_k (belt k goes from i to
// j), s_i_k and e_i_k (belt k starts or ends at i), u_i_k (i's position on belt k, Miller–Tucker–
// Zemlin: with x_i_j_k = 1, u_j_k ≥ u_i_k + 1, so no belt closes a loop apart from its path).

export type BeltMip = {
  lp: string;
  /** The belts of a solution, from its variables' values (as HiGHS reports its columns). */
  decode: (value: (name: string) => number) => ProposedBelt[];
};

export function beltPlanMip(input: ProposalInput, distance: DistanceProvider, beltCount: number): BeltMip {
  if (input.lockedBelts.length > 0 || input.lockedStops.length > 0)
    throw new RangeError("the programme has no locks; only the heuristic keeps them");
  const { candidates, preferences: p } = input;
  const n = candidates.length;
  const center = p.startFromCenter ? input.serviceCenter : null;
  const d = (i: number, j: number) => distance.km(position(input, i), position(input, j));
  const fromCenter = (i: number) => (center ? distance.km(center, position(input, i)) : 0);
  const nodes = [...Array(n).keys()];
  const belts = [...Array(beltCount).keys()];
  const pairs = nodes.flatMap((i) => nodes.filter((j) => j !== i).map((j) => [i, j] as const));
  const sum = (terms: string[]) => (terms.length > 0 ? terms.join(" + ") : "0 y_0_0");
  const lengthTerms = (k: number) => [
    ...pairs.map(([i, j]) => `${num(d(i, j))} x_${i}_${j}_${k}`),
    ...(center ? nodes.map((i) => `${num(fromCenter(i))} s_${i}_${k}`) : []),
  ];

  const rows: string[] = [];
  // Belts are interchangeable: number them by their first candidate, so candidate i is on belt i at
  // the latest. Each plan stays possible once, not beltCount! times over.
  for (const i of nodes)
    for (const k of belts) if (k > i) rows.push(`order_belts_${i}_${k}: y_${i}_${k} <= 0`);
  for (const i of nodes) {
    const on = belts.map((k) => `y_${i}_${k}`).join(" + ");
    rows.push(`cover_${i}: ${on} ${candidates[i]?.required ? "=" : "<="} 1`);
  }
  for (const k of belts) {
    for (const i of nodes) {
      const into = nodes.filter((j) => j !== i).map((j) => `x_${j}_${i}_${k}`);
      const out = nodes.filter((j) => j !== i).map((j) => `x_${i}_${j}_${k}`);
      rows.push(`in_${i}_${k}: ${sum([...into, `s_${i}_${k}`])} - y_${i}_${k} = 0`);
      rows.push(`out_${i}_${k}: ${sum([...out, `e_${i}_${k}`])} - y_${i}_${k} = 0`);
    }
    rows.push(`start_${k}: ${nodes.map((i) => `s_${i}_${k}`).join(" + ")} = 1`);
    rows.push(`end_${k}: ${nodes.map((i) => `e_${i}_${k}`).join(" + ")} = 1`);
    const stops = nodes.map((i) => `y_${i}_${k}`).join(" + ");
    rows.push(`fewest_${k}: ${stops} >= ${p.minStops}`);
    rows.push(`most_${k}: ${stops} <= ${p.maxStops}`);
    const towns = nodes.filter((i) => candidates[i]?.specialTown).map((i) => `y_${i}_${k}`);
    rows.push(`town_${k}: ${sum(towns)} >= 1`);
    rows.push(`longest_${k}: ${sum(lengthTerms(k))} <= ${num(p.maxBeltKm)}`);
    for (const [i, j] of pairs)
      rows.push(`order_${i}_${j}_${k}: u_${j}_${k} - u_${i}_${k} - ${n} x_${i}_${j}_${k} >= ${1 - n}`);
  }
  const binaries = belts.flatMap((k) => [
    ...nodes.flatMap((i) => [`y_${i}_${k}`, `s_${i}_${k}`, `e_${i}_${k}`]),
    ...pairs.map(([i, j]) => `x_${i}_${j}_${k}`),
  ]);
  const lp = [
    "Minimize",
    ` total: ${belts.flatMap(lengthTerms).join(" + ")}`,
    "Subject To",
    ...rows.map((row) => ` ${row}`),
    "Bounds",
    ...belts.flatMap((k) => nodes.map((i) => ` 0 <= u_${i}_${k} <= ${n}`)),
    "Binary",
    ...binaries.map((name) => ` ${name}`),
    "End",
  ].join("\n");

  const decode = (value: (name: string) => number): ProposedBelt[] =>
    belts.map((k) => {
      const on = (name: string) => value(name) > 0.5;
      let at = nodes.find((i) => on(`s_${i}_${k}`));
      const order: number[] = [];
      while (at !== undefined && order.length < n) {
        order.push(at);
        const from: number = at;
        at = nodes.find((j) => j !== from && on(`x_${from}_${j}_${k}`));
      }
      let km = order.length > 0 ? fromCenter(order[0] ?? 0) : 0;
      for (let m = 1; m < order.length; m++) km += d(order[m - 1] ?? 0, order[m] ?? 0);
      return { name: null, locked: false, stopIds: order.map((i) => candidates[i]?.id ?? -1), km };
    });
  return { lp, decode };
}

function position(input: ProposalInput, i: number): LngLat {
  const candidate = input.candidates[i];
  if (!candidate) throw new RangeError(`no candidate ${i}`);
  return candidate.position;
}

/** A coefficient as LP text: enough digits for metres, no exponent. */
function num(value: number): string {
  return value.toFixed(6);
}
