// A fresh database on the real PostgreSQL server for one test file (PGlite runs one transaction at a
// time; PostgreSQL runs them concurrently, which is what the race tests need): the reference data and
// a city account, dropped again afterwards.
import { type Database, hashPassword, openDatabase, seedReferenceDataIfEmpty } from "@beltmap/db";
import pg from "pg";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/postgres";

/**
 * A query sent on a connection while another runs on it: pg queues it, deprecates that, and pg 9
 * will refuse it. Inside a transaction (one connection) it comes from queries of ours side by side,
 * or from Prisma fetching one query's relations side by side. Node reports it once per process, so
 * the file where it first happens fails, in drop().
 */
const overlappingQueries: string[] = [];
process.on("warning", (warning) => {
  if (warning.message.includes("already executing a query"))
    overlappingQueries.push(warning.stack ?? warning.message);
});

export type PostgresTestDatabase = { db: Database; drop: () => Promise<void> };

/** A new database named after `purpose`, with the reference data and the account "city" (CITY). */
export async function openPostgresTestDatabase(purpose: string): Promise<PostgresTestDatabase> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect().catch((error: unknown) => {
    throw new Error(`PostgreSQL is needed at ${ADMIN_URL} (set TEST_POSTGRES_URL): ${String(error)}`);
  });
  const name = `beltmap_${purpose}_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase(url.toString());
  await seedReferenceDataIfEmpty(db.prisma);
  await db.prisma.user.create({
    data: {
      username: "city",
      displayName: "市委两新工委",
      role: "CITY",
      passwordHash: await hashPassword("unused-password"),
    },
  });
  return {
    db,
    async drop() {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      const found = overlappingQueries.splice(0);
      if (found.length > 0)
        throw new Error(`a query was sent on a connection while another ran on it:\n${found.join("\n")}`);
    },
  };
}
