import { defineConfig } from "vitest/config";

// These tests open real databases (PGlite in memory, PostgreSQL) and seed the demo data: seconds
// each, more on a busy CI machine, so the 5 s default would fail them for being slow, not wrong.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
