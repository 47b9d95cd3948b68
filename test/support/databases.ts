// The browser tests' databases: PostgreSQL (TEST_POSTGRES_URL) unless E2E_DATABASE=pglite.
import pg from "pg";

export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/postgres";

export function e2eDatabaseKind(): "postgres" | "pglite" {
  return process.env.E2E_DATABASE === "pglite" ? "pglite" : "postgres";
}

/** The URL of `database` on the test server. */
export function databaseUrl(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One statement as the server's administrator (CREATE and DROP DATABASE), on a connection of its own. */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect().catch((error: unknown) => {
    throw new Error(
      `PostgreSQL is needed for the browser tests at ${ADMIN_URL} (set TEST_POSTGRES_URL to another server, or E2E_DATABASE=pglite): ${String(error)}`,
    );
  });
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
