// Seeds the demo data once for the whole run; each browser test's server starts on a copy of it
// (startApp), not on an empty database it seeds itself: that took 10–20 s per file on a busy 2-core
// machine. First-start seeding is still what the benchmark's first start and the map test's server do.
//
// The copy is a PostgreSQL database made from a seeded template (CREATE DATABASE … TEMPLATE), the
// production path, on TEST_POSTGRES_URL; with E2E_DATABASE=pglite, a copy of a seeded PGlite directory.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, seedDemoIfEmpty } from "@beltmap/db";
import type { TestProject } from "vitest/node";
import { adminQuery, databaseUrl, e2eDatabaseKind } from "./databases.ts";
import { startVirtualDisplay } from "./display.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The seeded PGlite directory, or the seeded PostgreSQL template database's name. */
    seeded: { kind: "pglite"; dir: string } | { kind: "postgres"; template: string };
    /** The X display the tests' Chromium draws on (display.ts), or null for headless SwiftShader. */
    display: string | null;
  }
}

async function seed(url: string): Promise<void> {
  const database = await openDatabase(url);
  try {
    await seedDemoIfEmpty(database.prisma);
  } finally {
    await database.close();
  }
}

export default async function setup(project: TestProject) {
  // E2E_GL=swiftshader: headless Chromium, as the benchmarks run it (no Xvfb needed, more CPU).
  const display = process.env.E2E_GL === "swiftshader" ? null : await startVirtualDisplay();
  project.provide("display", display?.display ?? null);
  let removeSeeded: () => Promise<void>;
  try {
    removeSeeded = await provideSeeded(project);
  } catch (error) {
    await display?.stop();
    throw error;
  }
  return async () => {
    await removeSeeded();
    await display?.stop();
  };
}

/** Seeds the demo data once and provides where it is; returns how to remove it. */
async function provideSeeded(project: TestProject): Promise<() => Promise<void>> {
  if (e2eDatabaseKind() === "pglite") {
    const dir = await mkdtemp(path.join(tmpdir(), "beltmap-e2e-seeded-"));
    await seed(dir);
    project.provide("seeded", { kind: "pglite", dir });
    return () => rm(dir, { recursive: true, force: true });
  }
  const template = `beltmap_e2e_${process.pid}_${Date.now()}`;
  const drop = () => adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${template}"`);
  try {
    await seed(databaseUrl(template));
  } catch (error) {
    await drop(); // no half-seeded database left behind on the server
    throw error;
  }
  project.provide("seeded", { kind: "postgres", template });
  return drop;
}
