// Scale benchmark (issue 15): the demo data plus N synthetic organisations on a throwaway PostgreSQL
// database, each a copy of a demo organisation (its township, a point near it, its sheets of both
// cycles through all four stages, its grade records), so the data has the demo's shape at N times
// its size. Then the API's procedures are timed in-process as the city (no HTTP: this measures the
// queries and the work on them), each against a floor measured in the same run: plain SQL reading
// the rows the procedure is about.
//
// Usage: npm run bench:scale [-- --orgs 10000 --runs 5 --page-runs 3 --keep]
//   Database on TEST_POSTGRES_URL (default postgres://root@127.0.0.1:5432/postgres), dropped at the
//   end unless --keep; --page-runs 0 skips the browser.
//
// Then the compiled server on that database, in headless Chromium (scale/pages.ts): the map page
// and the dashboard as the city, against a bare MapLibre page drawing the same organisations.
//
// What it does not measure yet (issue 15, still to build): two server instances under load, and
// PGlite at 10k.
import { parseArgs } from "node:util";
import { createCaller, createContextInner } from "@beltmap/api";
import { openDatabase, rebuildStoredGrades, seedDemoIfEmpty } from "@beltmap/db";
import pg from "pg";
import { createSession } from "../../packages/api/src/auth/sessions.ts";
import { measurePages } from "./scale/pages.ts";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/postgres";
const DEMO_CLOCK = new Date("2026-11-20T09:00:00+08:00");

const { values } = parseArgs({
  options: {
    orgs: { type: "string", default: "10000" },
    runs: { type: "string", default: "5" },
    "page-runs": { type: "string", default: "3" },
    /** Leave the database for a closer look (its URL is printed); drop it by hand afterwards. */
    keep: { type: "boolean", default: false },
  },
});
const EXTRA = Number(values.orgs);
const RUNS = Number(values.runs);
const PAGE_RUNS = Number(values["page-runs"]);
if (
  !Number.isInteger(EXTRA) ||
  EXTRA < 0 ||
  !Number.isInteger(RUNS) ||
  RUNS < 1 ||
  !Number.isInteger(PAGE_RUNS) ||
  PAGE_RUNS < 0
) {
  console.error(
    "usage: npm run bench:scale -- --orgs <count ≥ 0> --runs <count ≥ 1> --page-runs <count ≥ 0 (0: no browser)>",
  );
  process.exit(2);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

function percentile(sorted: number[], p: number): number {
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

/** Copies of the demo organisations, their sheets and grade records, `extra` organisations in all. */
async function addSyntheticOrganisations(client: pg.Client, extra: number): Promise<void> {
  await client.query("BEGIN");
  await client.query(
    `
    CREATE TEMP TABLE copy_map AS
    SELECT g AS n, src.id AS source_id
    FROM generate_series(1, $1::int) g
    JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS total FROM "Organization") src
      ON src.i = (g - 1) % src.total`,
    [extra],
  );
  await client.query(`
    ALTER TABLE copy_map ADD COLUMN new_id int;
    WITH inserted AS (
      INSERT INTO "Organization" (name, kind, "unitId", "townshipId", "countyCode", lng, lat, address,
                                  "memberCount", "setupKind", "entityOperated")
      SELECT o.name || '（规模测试' || m.n || '）', o.kind, o."unitId", o."townshipId", o."countyCode",
             o.lng + ((m.n::bigint * 7919) % 200 - 100) * 0.00005, o.lat + ((m.n::bigint * 104729) % 200 - 100) * 0.00005,
             o.address, o."memberCount", o."setupKind", o."entityOperated"
      FROM copy_map m JOIN "Organization" o ON o.id = m.source_id
      ORDER BY m.n
      RETURNING id
    )
    UPDATE copy_map m SET new_id = numbered.id
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM inserted) numbered
    WHERE numbered.n = m.n`);
  await client.query(`
    INSERT INTO "ScoreSheet" ("organizationId", "cycleId", stage, items, total, opinion, status, version,
                              "submittedAt", "updatedAt")
    SELECT m.new_id, s."cycleId", s.stage, s.items, s.total, s.opinion, s.status, s.version, s."submittedAt", now()
    FROM copy_map m JOIN "ScoreSheet" s ON s."organizationId" = m.source_id`);
  await client.query(`
    INSERT INTO "GradeRecord" ("organizationId", "cycleId", grade, total, source, official, "effectiveAt")
    SELECT m.new_id, r."cycleId", r.grade, r.total, r.source, r.official, r."effectiveAt"
    FROM copy_map m JOIN "GradeRecord" r ON r."organizationId" = m.source_id`);
  await client.query("COMMIT");
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = `beltmap_scale_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase(url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    let started = performance.now();
    await seedDemoIfEmpty(db.prisma);
    await addSyntheticOrganisations(client, EXTRA);
    const organisations = Number((await client.query(`SELECT count(*) FROM "Organization"`)).rows[0].count);
    const sheets = Number((await client.query(`SELECT count(*) FROM "ScoreSheet"`)).rows[0].count);
    console.log(
      `data: ${organisations} organisations, ${sheets} score sheets, 2 cycles (${seconds(performance.now() - started)})`,
    );
    await client.query("ANALYZE");
    started = performance.now();
    const rebuilt = await rebuildStoredGrades(db.prisma);
    console.log(
      `stored grades rebuilt in ${seconds(performance.now() - started)}: ` +
        rebuilt.cycles.map((c) => `${c.year} ${c.rows} rows`).join(", "),
    );

    const city = await db.prisma.user.findUniqueOrThrow({ where: { username: "demo-city" } });
    const token = await createSession(db.prisma, {
      userId: city.id,
      ip: "127.0.0.1",
      userAgent: "bench",
      now: DEMO_CLOCK,
    });
    // A fresh context per call, as the server makes one per request (no per-request cache carries over).
    const call = () =>
      createCaller(createContextInner({ prisma: db.prisma, sessionToken: token, now: () => DEMO_CLOCK }));
    const anyOrganisation = Number(
      (await client.query(`SELECT max(id) AS id FROM "Organization"`)).rows[0].id,
    );

    const figures: [string, () => Promise<unknown>, string, () => Promise<unknown>][] = [
      [
        "dashboard.summary",
        () => call().dashboard.summary(),
        "SELECT organisations with their stored grade",
        () =>
          client.query(`SELECT o.id, o."unitId", o."setupKind", o."entityOperated", g.* FROM "Organization" o
                            LEFT JOIN "OrganizationGrade" g ON g."organizationId" = o.id AND g."cycleId" = 2`),
      ],
      [
        "belt.compliance",
        () => call().belt.compliance(),
        "SELECT belts with their stops",
        () =>
          client.query(
            `SELECT b.*, s.* FROM "Belt" b JOIN "BeltStop" s ON s."beltId" = b.id WHERE b."cycleId" = 2`,
          ),
      ],
      [
        "queue.list",
        () => call().queue.list(),
        "SELECT the current cycle's sheets",
        () =>
          client.query(`SELECT "organizationId", stage, status, total FROM "ScoreSheet" WHERE "cycleId" = 2`),
      ],
      [
        "sheet.get",
        () => call().sheet.get({ organizationId: anyOrganisation }),
        "SELECT one organisation's sheets",
        () =>
          client.query(`SELECT * FROM "ScoreSheet" WHERE "organizationId" = $1 AND "cycleId" = 2`, [
            anyOrganisation,
          ]),
      ],
      [
        "map.organizations",
        () => call().map.organizations(),
        "SELECT organisations with their stored grade",
        () =>
          client.query(`SELECT o.*, g.* FROM "Organization" o
                            LEFT JOIN "OrganizationGrade" g ON g."organizationId" = o.id AND g."cycleId" = 2`),
      ],
    ];
    console.log(
      `\n${organisations} organisations on PostgreSQL, ${RUNS} runs each after one warm-up, in-process as demo-city:`,
    );
    for (const [label, run, floorLabel, floor] of figures) {
      const measured = await time(RUNS, run);
      const base = await time(RUNS, floor);
      const size = JSON.stringify(measured.result).length / 1024;
      console.log(
        `  ${label.padEnd(18)} p50 ${millis(measured.p50)}  p95 ${millis(measured.p95)}  (${size.toFixed(0)} KB of JSON)` +
          `   floor, ${floorLabel}: p95 ${millis(base.p95)}  → ${(measured.p95 / base.p95).toFixed(1)}× floor`,
      );
    }
    if (PAGE_RUNS > 0) await printPages(url.toString(), client, organisations);
  } finally {
    await client.end();
    await db.close();
    if (values.keep) console.log(`\nkept: DATABASE_URL=${url.toString()}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function printPages(databaseUrl: string, client: pg.Client, organisations: number): Promise<void> {
  const [current] = (await client.query(`SELECT id FROM "EvaluationCycle" ORDER BY year DESC LIMIT 1`)).rows;
  const figures = await measurePages({ databaseUrl, client, cycleId: Number(current.id), runs: PAGE_RUNS });
  const ratio = (value: number, floor: number, bar: number) =>
    `${(value / floor).toFixed(2)}× floor (bar ${bar}×)`;
  console.log(
    `\n${organisations} organisations, the compiled server on PostgreSQL, headless Chromium 1440×900, medians of ${PAGE_RUNS}:`,
  );
  console.log(
    `  map page: navigation → idle with all ${figures.total} drawn ${seconds(figures.mapIdleMs)}` +
      `   floor, a bare MapLibre page with the same points as GeoJSON: ${seconds(figures.floorIdleMs)}` +
      `  → ${ratio(figures.mapIdleMs, figures.floorIdleMs, 1.5)}`,
  );
  console.log(
    `  map page: frame p95 over ten moves ${millis(figures.mapFrameP95Ms)}` +
      `   floor: ${millis(figures.floorFrameP95Ms)}  → ${ratio(figures.mapFrameP95Ms, figures.floorFrameP95Ms, 2)}`,
  );
  console.log(
    `  dashboard: navigation → map idle and every chart drawn ${seconds(figures.dashboardReadyMs)} (bar 2 s)`,
  );
}

await main();
