// The scale benchmark's data: a throwaway database (PostgreSQL, or a PGlite directory) holding the
// demo data plus N synthetic organisations, each a copy of a demo organisation (its township, a point
// near it, its sheets of both cycles through all four stages, its grade records), so the data has
// the demo's shape at N times its size; then its stored grades rebuilt.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, openDatabase, rebuildStoredGrades, seedDemoIfEmpty } from "@beltmap/db";
import pg from "pg";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/postgres";

/** Plain SQL on the benchmark's database: the floors, and what the browser half reads. */
export type Sql = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export type BenchDatabase = {
  kind: "PostgreSQL" | "PGlite";
  /** What the server's DATABASE_URL is set to. */
  url: string;
  /** Open while measuring in-process; PGlite's must be closed before a server opens the directory. */
  db: Database | null;
  sql: Sql;
  /** Closes this process's connections (the data stays). */
  close(): Promise<void>;
  /** Removes the database (not one given with --database, nor with --keep). */
  remove(): Promise<void>;
};

export async function openBenchDatabase(options: {
  kind: "PostgreSQL" | "PGlite";
  /** A database kept by an earlier run (PostgreSQL URL or PGlite directory): measured as it is. */
  reuse?: string | undefined;
}): Promise<BenchDatabase> {
  if (options.kind === "PGlite") {
    const dir = options.reuse ?? (await mkdtemp(path.join(tmpdir(), "beltmap-scale-")));
    const db = await openDatabase(dir);
    const bench: BenchDatabase = {
      kind: "PGlite",
      url: dir,
      db,
      sql: (text, params = []) => db.prisma.$queryRawUnsafe(text, ...params),
      async close() {
        await bench.db?.close();
        bench.db = null;
      },
      async remove() {
        if (!options.reuse) await rm(dir, { recursive: true, force: true });
      },
    };
    return bench;
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  const name = `beltmap_scale_${process.pid}_${Date.now()}`;
  const url = new URL(options.reuse ?? ADMIN_URL);
  if (!options.reuse) {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    url.pathname = `/${name}`;
  }
  const db = await openDatabase(url.toString());
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    kind: "PostgreSQL",
    url: url.toString(),
    db,
    sql: async (text, params) => (await client.query(text, params)).rows,
    async close() {
      await client.end();
      await db.close();
    },
    async remove() {
      if (options.reuse) return;
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Copies of the demo organisations, their sheets and grade records, `extra` organisations in all. */
async function addSyntheticOrganisations(db: Database, extra: number): Promise<void> {
  // One transaction on one connection (the mapping table is a temporary one), as long as it takes.
  await db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`
        CREATE TEMP TABLE copy_map ON COMMIT DROP AS
        SELECT g AS n, src.id AS source_id, NULL::int AS new_id
        FROM generate_series(1, ${Math.trunc(extra)}) g
        JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS total
              FROM "Organization") src
          ON src.i = (g - 1) % src.total`);
      await tx.$executeRawUnsafe(`
        WITH inserted AS (
          INSERT INTO "Organization" (name, kind, "unitId", "townshipId", "countyCode", lng, lat, address,
                                      "memberCount", "setupKind", "entityOperated")
          SELECT o.name || '（规模测试' || m.n || '）', o.kind, o."unitId", o."townshipId", o."countyCode",
                 o.lng + ((m.n::bigint * 7919) % 200 - 100) * 0.00005,
                 o.lat + ((m.n::bigint * 104729) % 200 - 100) * 0.00005,
                 o.address, o."memberCount", o."setupKind", o."entityOperated"
          FROM copy_map m JOIN "Organization" o ON o.id = m.source_id
          ORDER BY m.n
          RETURNING id
        )
        UPDATE copy_map m SET new_id = numbered.id
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM inserted) numbered
        WHERE numbered.n = m.n`);
      await tx.$executeRawUnsafe(`
        INSERT INTO "ScoreSheet" ("organizationId", "cycleId", stage, items, total, opinion, status, version,
                                  "submittedAt", "updatedAt")
        SELECT m.new_id, s."cycleId", s.stage, s.items, s.total, s.opinion, s.status, s.version,
               s."submittedAt", now()
        FROM copy_map m JOIN "ScoreSheet" s ON s."organizationId" = m.source_id`);
      await tx.$executeRawUnsafe(`
        INSERT INTO "GradeRecord" ("organizationId", "cycleId", grade, total, source, official, "effectiveAt")
        SELECT m.new_id, r."cycleId", r.grade, r.total, r.source, r.official, r."effectiveAt"
        FROM copy_map m JOIN "GradeRecord" r ON r."organizationId" = m.source_id`);
    },
    { timeout: 1_800_000, maxWait: 60_000 },
  );
}

/** The demo data, `extra` synthetic organisations, and their stored grades; says what it made. */
export async function generate(bench: BenchDatabase, extra: number): Promise<void> {
  const db = bench.db;
  if (!db) throw new Error("the benchmark's database is closed");
  let started = performance.now();
  await seedDemoIfEmpty(db.prisma);
  if (extra > 0) await addSyntheticOrganisations(db, extra);
  const [counts] = await bench.sql(
    `SELECT (SELECT count(*) FROM "Organization")::int AS organisations,
            (SELECT count(*) FROM "ScoreSheet")::int AS sheets`,
  );
  console.log(
    `data on ${bench.kind}: ${counts?.organisations} organisations, ${counts?.sheets} score sheets, 2 cycles` +
      ` (${((performance.now() - started) / 1000).toFixed(2)} s)`,
  );
  await bench.sql("ANALYZE");
  started = performance.now();
  const rebuilt = await rebuildStoredGrades(db.prisma);
  console.log(
    `stored grades rebuilt in ${((performance.now() - started) / 1000).toFixed(2)} s: ` +
      rebuilt.cycles.map((c) => `${c.year} ${c.rows} rows`).join(", "),
  );
}
