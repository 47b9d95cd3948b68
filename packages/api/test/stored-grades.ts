// Random stage histories through the API, the same on PGlite and on PostgreSQL: organisations of the
// demo township are saved, submitted, returned and determined in a random order by whoever owns
// each stage (most attempts out of order are refused, as they would be), and after every step the
// stored grade of the organisation equals a recomputation from its sheets and grade records.
import { computeStoredGrades, type Database, hashPassword } from "@beltmap/db";
import {
  isStage,
  mulberry32,
  pendingStage,
  type SheetStages,
  type SheetStatus,
  STAGE_OWNER,
  STAGES,
  type Stage,
} from "@beltmap/domain";
import { expect } from "vitest";
import type { QueueDto } from "../src/dto.ts";
import { QUEUE_PAGE_SIZE } from "../src/services/queue.ts";
import { type Caller, expectStoredGradesMatch, outcome, sheetOf, signIn } from "./support.ts";

const TOTALS = [45, 62, 75, 84, 91, 97.5];

export type HistoryReport = { steps: number; outcomes: Record<string, number>; determined: number };

/** `steps` random actions over ten organisations of demo-township's township, from `seed`. */
export async function runRandomStageHistories(
  db: Database,
  seed: number,
  steps: number,
): Promise<HistoryReport> {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const cycle = await db.prisma.evaluationCycle.findFirstOrThrow({ where: { isCurrent: true } });
  const townshipUser = await db.prisma.user.findUniqueOrThrow({ where: { username: "demo-township" } });
  const organizations = await db.prisma.organization.findMany({
    where: { townshipId: townshipUser.townshipId ?? "", setupKind: "SINGLE", entityOperated: true },
    orderBy: { id: "asc" },
    take: 10,
  });
  expect(organizations).toHaveLength(10);

  // Each organisation's own account fills its 自评; the demo's levels do the rest.
  const passwordHash = await hashPassword("unused-password");
  const ownerOf = new Map<number, string>();
  for (const org of organizations) {
    const existing = await db.prisma.user.findFirst({ where: { role: "ORG", organizationId: org.id } });
    const username = existing?.username ?? `history-org-${org.id}`;
    if (!existing)
      await db.prisma.user.create({
        data: { username, displayName: org.name, role: "ORG", organizationId: org.id, passwordHash },
      });
    ownerOf.set(org.id, username);
  }
  const callers = new Map<string, Caller>();
  const as = async (username: string) => {
    const known = callers.get(username);
    if (known) return known;
    const caller = (await signIn(db, username)).call();
    callers.set(username, caller);
    return caller;
  };
  const levelUser = { TOWNSHIP: "demo-township", COUNTY: "demo-county", CITY: "demo-city" } as const;
  const userFor = (stage: Stage, orgId: number) => {
    const role = STAGE_OWNER[stage];
    return role === "ORG" ? (ownerOf.get(orgId) ?? "") : levelUser[role as keyof typeof levelUser];
  };

  const outcomes: Record<string, number> = {};
  const determined = new Set<number>();
  for (let step = 0; step < steps; step += 1) {
    const unfinished = organizations.filter((o) => !determined.has(o.id));
    const org = pick(unfinished.length > 0 && random() < 0.9 ? unfinished : organizations);
    const city = await as("demo-city");
    const sheet = await city.sheet.get({ organizationId: org.id });
    const lastSubmitted = sheet.stages.filter((s) => s.status === "SUBMITTED").at(-1)?.stage;
    // Mostly what the workflow allows next (so histories go somewhere), sometimes anything at all.
    const roll = random();
    const [stage, action] =
      roll < 0.65 && sheet.pendingStage
        ? [sheet.pendingStage, pick(["save", "submit", "submit"] as const)]
        : roll < 0.85 && lastSubmitted
          ? [lastSubmitted, "return" as const]
          : [pick(STAGES), pick(["save", "submit", "return"] as const)];
    const version = sheet.stages.find((s) => s.stage === stage)?.version ?? 0;
    let result: string;
    if (action === "return") {
      const next = STAGES[STAGES.indexOf(stage) + 1];
      const returner = next ? userFor(next, org.id) : "demo-city";
      result = await outcome(
        (await as(returner)).sheet.return({
          organizationId: org.id,
          stage,
          version,
          reason: "请核实后重新填写",
        }),
      );
    } else {
      const write = {
        organizationId: org.id,
        stage,
        version,
        items: sheetOf(pick(TOTALS)),
        ...(stage === "COUNTY_INITIAL" ? { opinion: "同意" } : {}),
        ...(stage === "CITY_FINAL" ? { overrideReason: "随机历史：超出名额的评定须说明理由" } : {}),
      };
      const caller = await as(userFor(stage, org.id));
      result = await outcome(action === "save" ? caller.sheet.save(write) : caller.sheet.submit(write));
    }
    if (stage === "CITY_FINAL" && action === "submit" && result === "OK") determined.add(org.id);
    const key = `${action} ${result}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;

    const [expected, stored] = await Promise.all([
      computeStoredGrades(db.prisma, cycle.id, [org.id]),
      db.prisma.organizationGrade.findMany({ where: { cycleId: cycle.id, organizationId: org.id } }),
    ]);
    expect(stored, `step ${step}: ${action} ${stage} of ${org.id} → ${result}`).toEqual(expected);
  }
  await expectStoredGradesMatch(db, `after ${steps} random steps`);
  return { steps, outcomes, determined: determined.size };
}

/** The history did real work: submissions, returns and determinations went through, not only refusals. */
export function expectAHistoryThatWorked(report: HistoryReport): void {
  console.log(`random stage history: ${JSON.stringify(report.outcomes)}; determined ${report.determined}`);
  expect(report.outcomes["submit OK"] ?? 0).toBeGreaterThanOrEqual(15);
  expect(report.outcomes["save OK"] ?? 0).toBeGreaterThanOrEqual(5);
  expect(report.outcomes["return OK"] ?? 0).toBeGreaterThanOrEqual(3);
  expect(report.determined).toBeGreaterThanOrEqual(1);
}

/**
 * The city's queue (counted from the stored pending stages) against the pending stage the domain
 * gives each 争创对象's sheets, read afresh: every stage's count, the determined, and the rows.
 */
export async function expectQueueMatchesSheets(db: Database): Promise<void> {
  const cycle = await db.prisma.evaluationCycle.findFirstOrThrow({ where: { isCurrent: true } });
  const organizations = await db.prisma.organization.findMany({
    where: { setupKind: "SINGLE", entityOperated: true },
    select: { id: true, sheets: { where: { cycleId: cycle.id }, select: { stage: true, status: true } } },
    orderBy: { id: "asc" },
  });
  const waiting = new Map<Stage | null, number[]>();
  for (const org of organizations) {
    const facts: SheetStages = {};
    for (const sheet of org.sheets)
      if (isStage(sheet.stage)) facts[sheet.stage] = { status: sheet.status as SheetStatus, version: 0 };
    const pending = pendingStage(facts);
    waiting.set(pending, [...(waiting.get(pending) ?? []), org.id]);
  }
  const city = (await signIn(db, "demo-city")).call();
  for (const stage of STAGES) {
    const queue = await city.queue.list({ stage });
    expect(queue.counts, stage).toEqual(
      Object.fromEntries(STAGES.map((s) => [s, waiting.get(s)?.length ?? 0])),
    );
    expect(queue.determined, stage).toBe(waiting.get(null)?.length ?? 0);
    expect(queue.total, stage).toBe(organizations.length);
    expect(await everyPage(city, stage, queue), stage).toEqual(waiting.get(stage) ?? []);
  }
  // The demo's city has a stage of several pages: the walk above crossed pages.
  expect(Math.max(...STAGES.map((s) => waiting.get(s)?.length ?? 0))).toBeGreaterThan(QUEUE_PAGE_SIZE);
}

/** The organisations of every page of a stage's queue, page after page from `first`, checking each page's place. */
async function everyPage(caller: Caller, stage: Stage, first: QueueDto): Promise<number[]> {
  const ids: number[] = [];
  for (let page = first; ; ) {
    expect(page.page.before, `${stage} page ${ids.length / QUEUE_PAGE_SIZE + 1}`).toBe(ids.length);
    ids.push(...page.rows.map((r) => r.organizationId));
    if (page.page.nextAfter === null) return ids;
    expect(page.rows).toHaveLength(QUEUE_PAGE_SIZE);
    page = await caller.queue.list({ stage, after: page.page.nextAfter });
  }
}
