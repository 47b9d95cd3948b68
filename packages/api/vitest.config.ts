import { defineConfig } from "vitest/config";

// These tests open real databases (PGlite in memory, PostgreSQL): seconds each, more on a busy CI
// machine, so the 5 s default would fail them for being slow, not wrong. The demo database is
// migrated and seeded once per run (test/global-setup.ts) and copied into each test file.
export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // The files of a worker share their imports (the API, Prisma's client): loading them again for
    // each of 32 files was a third of the run (258 → 183 s on 2 cores). Each file still opens its own
    // database; the API's caches that outlive a request are keyed by the data they were cut from.
    isolate: false,
  },
});
