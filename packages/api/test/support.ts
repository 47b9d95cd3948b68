// Signing in for tests: a real session row, the same path the HTTP server takes, minus the cookie.
import {
  computeStoredGrades,
  type Database,
  openDemoImage,
  readStoredGrades,
  storeGrades,
} from "@beltmap/db";
import { expect, inject } from "vitest";

export type { Database };

import { createSession } from "../src/auth/sessions.ts";
import { createCaller, createContextInner } from "../src/index.ts";

export const DEMO_USERS = ["demo-city", "demo-county", "demo-township", "demo-org", "demo-leader"] as const;
export type DemoUsername = (typeof DEMO_USERS)[number];

/** A fresh in-memory copy of the demo database (seeded once per run, see global-setup.ts). */
export function openDemoDatabase(): Promise<Database> {
  return openDemoImage(inject("demoImage"));
}

export type Caller = ReturnType<typeof createCaller>;

/** A caller signed in as `username` (a fresh context per call, as the server makes one per request). */
export async function signIn(db: Database, username: string, now: () => Date = () => new Date()) {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { username } });
  const token = await createSession(db.prisma, {
    userId: user.id,
    ip: "127.0.0.1",
    userAgent: "test",
    now: now(),
  });
  return {
    user,
    token,
    call: (): Caller => createCaller(createContextInner({ prisma: db.prisma, sessionToken: token, now })),
  };
}

export function anonymous(db: Database): Caller {
  return createCaller(createContextInner({ prisma: db.prisma }));
}

/** The code a tRPC call failed with, or "OK". */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const ITEM_KEYS = ["1", "2", "3", "4", "5"].flatMap((d) => ["1", "2", "3", "4", "5"].map((i) => `${d}.${i}`));

/** A full sheet whose total is `total` (a multiple of 0.5 up to 100). */
export function sheetOf(total: number): Record<string, number> {
  let left = total;
  return Object.fromEntries(
    ITEM_KEYS.map((key) => {
      const score = Math.min(4, left);
      left -= score;
      return [key, score];
    }),
  );
}

/** The demo's current cycle (2026); 2017 (id 1) is closed. */
export const CURRENT_CYCLE_ID = 2;

/**
 * `count` 争创对象 of a unit brought to 待评定 in the current cycle: not yet determined this cycle
 * and not 优秀 now (so a determination of 优秀 takes a new place of the quota), whose missing stages
 * up to 初评 are written as submitted (test setup, straight into the database).
 */
export async function awaitingDetermination(db: Database, unitId: string, count: number): Promise<number[]> {
  const cycleId = CURRENT_CYCLE_ID;
  const candidates = await db.prisma.organization.findMany({
    where: {
      unitId,
      setupKind: "SINGLE",
      entityOperated: true,
      sheets: { none: { stage: "CITY_FINAL", cycleId } },
      grades: { none: { cycleId, grade: "EXCELLENT" } },
    },
    include: { sheets: { where: { cycleId } } },
    orderBy: { id: "asc" },
    take: count,
  });
  for (const candidate of candidates) {
    for (const stage of ["SELF", "TOWNSHIP_REVIEW", "COUNTY_INITIAL"] as const) {
      if (candidate.sheets.some((s) => s.stage === stage && s.status === "SUBMITTED")) continue;
      const data = {
        status: "SUBMITTED",
        items: sheetOf(95),
        total: 95,
        opinion: stage === "COUNTY_INITIAL" ? "同意" : null,
      };
      await db.prisma.scoreSheet.upsert({
        where: { organizationId_cycleId_stage: { organizationId: candidate.id, cycleId, stage } },
        update: data,
        create: { ...data, organizationId: candidate.id, cycleId, stage },
      });
    }
  }
  const ids = candidates.map((c) => c.id);
  await storeGrades(db.prisma, cycleId, ids); // as every writer of sheets does
  return ids;
}

/**
 * Every cycle's stored grades (OrganizationGrade) equal a recomputation from the sheets and grade
 * records, and some organisation has one: what every write path must keep true.
 */
export async function expectStoredGradesMatch(db: Database, label: string): Promise<number> {
  const cycles = await db.prisma.evaluationCycle.findMany({ select: { id: true, year: true } });
  let rows = 0;
  for (const cycle of cycles) {
    const [expected, stored] = await Promise.all([
      computeStoredGrades(db.prisma, cycle.id),
      readStoredGrades(db.prisma, cycle.id),
    ]);
    expect(stored, `${label}: ${cycle.year}`).toEqual(expected);
    rows += stored.length;
  }
  expect(rows, label).toBeGreaterThan(0);
  return rows;
}
