import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client.ts";
import { type DatabaseLocation, describeLocation, resolveDatabaseLocation } from "./location.ts";
import { lockDirectory, prepareDataDirectory } from "./lock.ts";
import { applyMigrations, type MigrationReport } from "./migrate.ts";
import { rebuildStoredGrades } from "./repositories/stored-grades.ts";
import { pgClientRunner, pgliteRunner } from "./sql-runner.ts";

const STORED_GRADES_MIGRATION = "20261206030000_stored_grades";

export type Database = {
  prisma: PrismaClient;
  location: DatabaseLocation;
  /** e.g. "PGlite /repo/data/pglite" — for logs; passwords are hidden. */
  description: string;
  migrations: MigrationReport;
  close(): Promise<void>;
  /**
   * PGlite only: the whole data directory as one tar, for `openDatabase("memory:", { image })`.
   * Tests migrate and seed once and open copies of the result in about a second each.
   */
  image?: () => Promise<Blob>;
};

export type OpenOptions = {
  migrate?: boolean;
  /** An in-memory PGlite starts as a copy of this image (from `Database.image`). */
  image?: Blob;
};

/**
 * The one way to get a database: PGlite (embedded, the default) or PostgreSQL, chosen by
 * DATABASE_URL (see resolveDatabaseLocation). Pending migrations are applied first.
 */
export async function openDatabase(url: string | undefined, options: OpenOptions = {}): Promise<Database> {
  const location = resolveDatabaseLocation(url);
  const migrate = options.migrate ?? true;
  if (options.image && location.kind !== "pglite-memory")
    throw new Error(
      `an image opens only as an in-memory PGlite ("memory:"), not ${describeLocation(location)}`,
    );
  return location.kind === "postgres"
    ? openPostgres(location, migrate)
    : openPglite(location, migrate, options.image);
}

async function openPglite(
  location: Extract<DatabaseLocation, { kind: "pglite" | "pglite-memory" }>,
  migrate: boolean,
  image: Blob | undefined,
): Promise<Database> {
  let unlock = async () => {};
  if (location.kind === "pglite") {
    await prepareDataDirectory(location.dir); // not writable: says so now, not PGlite's "unreachable" later
    unlock = await lockDirectory(location.dir);
  }
  const pglite =
    location.kind === "pglite" ? new PGlite(location.dir) : new PGlite(image ? { loadDataDir: image } : {});
  try {
    await pglite.waitReady;
    const prisma = new PrismaClient({ adapter: pgliteAdapter(pglite) });
    const migrations = migrate
      ? await applyMigrations(pgliteRunner(pglite), undefined, (report) => fillNewTables(prisma, report))
      : noMigrations();
    return {
      prisma,
      location,
      description: describeLocation(location),
      migrations,
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        await unlock();
      },
      image: () => pglite.dumpDataDir("none"),
    };
  } catch (error) {
    await pglite.close().catch(() => {});
    await unlock();
    throw error;
  }
}

async function openPostgres(location: Extract<DatabaseLocation, { kind: "postgres" }>, migrate: boolean) {
  let migrations = noMigrations();
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: location.url }) });
  if (migrate) {
    const client = new pg.Client({ connectionString: location.url });
    await client.connect();
    try {
      // Instances starting together: the one that migrates fills the new tables before the others
      // (waiting on the migration lock) go on to serve from them.
      migrations = await applyMigrations(pgClientRunner(client), undefined, (report) =>
        fillNewTables(prisma, report),
      );
    } catch (error) {
      await prisma.$disconnect();
      throw error;
    } finally {
      await client.end();
    }
  }
  const database: Database = {
    prisma,
    location,
    description: describeLocation(location),
    migrations,
    close: () => prisma.$disconnect(),
  };
  return database;
}

type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"];

// pglite-prisma-adapter 0.6 (the last line for Prisma 6) is typed against driver-adapter-utils 6.10.
// The part that changed by 6.19 is `argTypes`, which this adapter never reads (it hands values to
// PGlite as they are), so the runtime contract holds and only the type needs the cast.
function pgliteAdapter(pglite: PGlite): AdapterFactory {
  return new PrismaPGlite(pglite) as unknown as AdapterFactory;
}

/**
 * Tables whose rows the domain computes (a migration can only create them empty) are filled once,
 * right after the migration that created them, from the data already there.
 */
async function fillNewTables(prisma: PrismaClient, migrations: MigrationReport): Promise<void> {
  if (migrations.applied.includes(STORED_GRADES_MIGRATION)) await rebuildStoredGrades(prisma);
}

function noMigrations(): MigrationReport {
  return { applied: [], alreadyApplied: 0 };
}
