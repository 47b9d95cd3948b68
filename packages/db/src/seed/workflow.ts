// The part of the demo data that is still being scored: a few organisations per unit sit at each
// step of the four stages, so every role finds work in its queue, and one account per role.
import { type Grade, type Stage, shuffle } from "@beltmap/domain";
import type { DemoOrganization, DemoTownship } from "./generate.ts";

/** How far an unfinished organisation has come: how many stages it has submitted, or a draft. */
const PROGRESS_STEPS = ["NOT_STARTED", "SELF_DRAFT", 1, 2, 3] as const;
type Progress = (typeof PROGRESS_STEPS)[number];

/** Share of each unit's non-优秀 organisations behind the rest of their unit (at least one per step). */
const IN_PROGRESS_SHARE = 0.07;

/** The demo accounts' password. The README says it is for the demo only. */
export const DEMO_PASSWORD = "demo-only-2026";

export type DemoUser = {
  id: number;
  username: string;
  displayName: string;
  role: "CITY" | "COUNTY" | "TOWNSHIP" | "ORG" | "LEADER";
  unitId: string | null;
  townshipId: string | null;
  organizationId: number | null;
};

/** The unit whose county, township and organisation accounts the demo hands out. */
export const DEMO_ACCOUNT_UNIT = "KECHENG";

/**
 * The organisations of the current cycle that are behind the rest of their unit, and how far each
 * has come: a few of every unit's non-优秀 ones at each step before the unit's reach, so every role
 * finds work in its queue; the demo township gets one at each step for the demo accounts. `reserved`
 * organisations (the story's) are left at their unit's reach.
 */
export function workInProgress(
  rng: () => number,
  competitors: readonly DemoOrganization[],
  gradeOf: ReadonlyMap<number, Grade>,
  demoTownship: DemoTownship,
  reachOf: Readonly<Record<string, number>>,
  reserved: ReadonlySet<number>,
): Map<number, Progress> {
  const progress = new Map<number, Progress>();
  const unitIds = [...new Set(competitors.map((o) => o.unitId))];
  for (const unitId of unitIds) {
    const reach = reachOf[unitId] ?? 2;
    const steps = PROGRESS_STEPS.filter((step) => typeof step !== "number" || step < reach);
    const candidates = competitors.filter(
      (o) =>
        o.unitId === unitId && gradeOf.get(o.id) !== ("EXCELLENT" satisfies Grade) && !reserved.has(o.id),
    );
    const inDemoTownship = candidates.filter((o) => o.townshipId === demoTownship.id).slice(0, steps.length);
    const others = shuffle(
      rng,
      candidates.filter((o) => !inDemoTownship.includes(o)),
    );
    const count = Math.max(steps.length, Math.round(candidates.length * IN_PROGRESS_SHARE));
    const chosen = [...inDemoTownship, ...others].slice(0, count);
    chosen.forEach((org, i) => {
      progress.set(org.id, steps[i % steps.length] as Progress);
    });
  }
  return progress;
}

/** The KECHENG township with the most organisations: where the demo township account works. */
export function demoTownshipOf(townships: DemoTownship[], organizations: DemoOrganization[]): DemoTownship {
  const counts = new Map<string, number>();
  for (const o of organizations) {
    if (o.unitId === DEMO_ACCOUNT_UNIT) counts.set(o.townshipId, (counts.get(o.townshipId) ?? 0) + 1);
  }
  const best = townships
    .filter((t) => t.unitId === DEMO_ACCOUNT_UNIT)
    .sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0) || a.id.localeCompare(b.id))[0];
  if (!best) throw new Error(`no township in ${DEMO_ACCOUNT_UNIT}`);
  return best;
}

/** One account per role; the organisation account belongs to the demo township's unstarted one. */
export function demoUsers(
  demoTownship: DemoTownship,
  organizations: DemoOrganization[],
  progress: Map<number, Progress>,
): DemoUser[] {
  const selfDraft = organizations.find(
    (o) => o.townshipId === demoTownship.id && progress.get(o.id) === "SELF_DRAFT",
  );
  if (!selfDraft) throw new Error("the demo township has no organisation with a self-assessment draft");
  const none = { unitId: null, townshipId: null, organizationId: null };
  return [
    { id: 1, username: "demo-city", displayName: "市委两新工委（示例）", role: "CITY", ...none },
    {
      id: 2,
      username: "demo-county",
      displayName: "柯城区两新工委（示例）",
      role: "COUNTY",
      ...none,
      unitId: DEMO_ACCOUNT_UNIT,
    },
    {
      id: 3,
      username: "demo-township",
      displayName: `${demoTownship.name}（示例）`,
      role: "TOWNSHIP",
      ...none,
      townshipId: demoTownship.id,
    },
    {
      id: 4,
      username: "demo-org",
      displayName: `${selfDraft.name}（示例）`,
      role: "ORG",
      ...none,
      organizationId: selfDraft.id,
    },
    { id: 5, username: "demo-leader", displayName: "市领导（示例，只读）", role: "LEADER", ...none },
  ];
}

export type { Progress, Stage };
