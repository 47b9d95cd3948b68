// Migrates and seeds one PGlite data directory with the demo data for the whole run; each browser
// test's server starts on a copy of it (startApp), not on an empty directory it seeds itself: that
// took 10–20 s per file on a busy 2-core machine. First-start seeding is still what the benchmark's
// first start and the map test's server do.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, seedDemoIfEmpty } from "@beltmap/db";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    seededDataDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), "beltmap-e2e-seeded-"));
  const database = await openDatabase(dir);
  try {
    await seedDemoIfEmpty(database.prisma);
  } finally {
    await database.close();
  }
  project.provide("seededDataDir", dir);
  return () => rm(dir, { recursive: true, force: true });
}
