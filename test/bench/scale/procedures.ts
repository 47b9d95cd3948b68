// The scale benchmark's in-process half: the API's procedures timed as the city, without HTTP (the
// queries and the work on them), each against a floor measured in the same run: plain SQL reading
// the rows the procedure is about. A fresh context per call, as the server makes one per request,
// and no shared reads: this is what one computation costs.
import { createCaller, createContextInner } from "@beltmap/api";
import type { Database } from "@beltmap/db";
import { createSession } from "../../../packages/api/src/auth/sessions.ts";
import { QUEUE_PAGE_SIZE } from "../../../packages/api/src/services/queue.ts";
import type { Sql } from "./data.ts";

const DEMO_CLOCK = new Date("2026-11-20T09:00:00+08:00");

export type ProcedureFigure = {
  label: string;
  p50Ms: number;
  p95Ms: number;
  jsonKb: number;
  floorLabel: string;
  floorP95Ms: number;
};

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function time<T>(runs: number, fn: () => Promise<T>): Promise<{ p50: number; p95: number; result: T }> {
  let result = await fn(); // the first call warms the query plans; not counted
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    result = await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), result };
}

export async function measureProcedures(db: Database, sql: Sql, runs: number): Promise<ProcedureFigure[]> {
  const city = await db.prisma.user.findUniqueOrThrow({ where: { username: "demo-city" } });
  const token = await createSession(db.prisma, {
    userId: city.id,
    ip: "127.0.0.1",
    userAgent: "bench",
    now: DEMO_CLOCK,
  });
  const call = () =>
    createCaller(createContextInner({ prisma: db.prisma, sessionToken: token, now: () => DEMO_CLOCK }));
  const [current] = await sql(`SELECT id FROM "EvaluationCycle" ORDER BY year DESC LIMIT 1`);
  const cycle = Number(current?.id);
  const [last] = await sql(`SELECT id, "unitId" FROM "Organization" ORDER BY id DESC LIMIT 1`);
  const organisation = Number(last?.id);
  const withGrade = `FROM "Organization" o
    LEFT JOIN "OrganizationGrade" g ON g."organizationId" = o.id AND g."cycleId" = ${cycle}`;

  const procedures: [string, () => Promise<unknown>, string, () => Promise<unknown>][] = [
    [
      "dashboard.summary",
      () => call().dashboard.summary(),
      "SELECT organisations with their stored grade",
      () => sql(`SELECT o.id, o."unitId", o."setupKind", o."entityOperated", g.* ${withGrade}`),
    ],
    [
      "belt.compliance",
      () => call().belt.compliance(),
      "SELECT belts with their stops, and the sites the rules look at",
      async () => {
        await sql(
          `SELECT b.*, s.* FROM "Belt" b JOIN "BeltStop" s ON s."beltId" = b.id WHERE b."cycleId" = $1`,
          [cycle],
        );
        await sql(`SELECT o.id, o."unitId", o.kind, o."countyCode", g.grade ${withGrade} AND g.official
                   WHERE o.kind = 'SPECIAL_TOWN' OR g.grade = 'EXCELLENT'`);
      },
    ],
    [
      "queue.list",
      () => call().queue.list(),
      "SELECT the stage counts, and the first page at 待评定 with its sheets",
      async () => {
        const competitor = `o."setupKind" = 'SINGLE' AND o."entityOperated"`;
        await sql(
          `SELECT g."pendingStage", count(*)::int AS n FROM "OrganizationGrade" g
           JOIN "Organization" o ON o.id = g."organizationId" WHERE g."cycleId" = $1 AND ${competitor} GROUP BY 1`,
          [cycle],
        );
        await sql(`SELECT count(*)::int AS n FROM "Organization" o WHERE ${competitor}`, []);
        await sql(
          `SELECT p.id, p.name, p."unitId", p."townshipId", s.stage, s.status, s.version, s.total, s."updatedAt"
           FROM (SELECT o.id, o.name, o."unitId", o."townshipId" FROM "Organization" o
                 JOIN "OrganizationGrade" g ON g."organizationId" = o.id AND g."cycleId" = $1
                 WHERE g."pendingStage" = 'CITY_FINAL' AND ${competitor} ORDER BY o.id LIMIT $2) p
           LEFT JOIN "ScoreSheet" s ON s."organizationId" = p.id AND s."cycleId" = $1`,
          [cycle, QUEUE_PAGE_SIZE + 1],
        );
      },
    ],
    [
      "sheet.get",
      () => call().sheet.get({ organizationId: organisation }),
      "SELECT the organisation, its sheets, its official record and its unit's 示范点 count",
      async () => {
        await sql(`SELECT * FROM "Organization" WHERE id = $1`, [organisation]);
        await sql(`SELECT * FROM "ScoreSheet" WHERE "organizationId" = $1 AND "cycleId" = $2`, [
          organisation,
          cycle,
        ]);
        await sql(
          `SELECT * FROM "GradeRecord" WHERE "organizationId" = $1 AND "cycleId" = $2 AND official
           ORDER BY "effectiveAt" DESC, id DESC LIMIT 1`,
          [organisation, cycle],
        );
        await sql(
          `SELECT count(*)::int AS n FROM "OrganizationGrade" g JOIN "Organization" o ON o.id = g."organizationId"
           WHERE g."cycleId" = $1 AND g.grade = 'EXCELLENT' AND g.official AND o."unitId" = $2`,
          [cycle, last?.unitId],
        );
      },
    ],
    [
      "map.organizations",
      () => call().map.organizations(),
      "SELECT organisations with their stored grade",
      () => sql(`SELECT o.*, g.* ${withGrade}`),
    ],
  ];
  const figures: ProcedureFigure[] = [];
  for (const [label, run, floorLabel, floor] of procedures) {
    const measured = await time(runs, run);
    const base = await time(runs, floor);
    figures.push({
      label,
      p50Ms: measured.p50,
      p95Ms: measured.p95,
      jsonKb: JSON.stringify(measured.result).length / 1024,
      floorLabel,
      floorP95Ms: base.p95,
    });
  }
  return figures;
}
