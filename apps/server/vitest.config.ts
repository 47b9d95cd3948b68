import { defineConfig } from "vitest/config";

// These tests open real databases (PGlite in memory, PostgreSQL): seconds each, more on a busy CI
// machine, so the 5 s default would fail them for being slow, not wrong. The demo database is
// migrated and seeded once per run (test/global-setup.ts) and copied into each test file.
export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
