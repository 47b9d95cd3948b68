import { defineConfig } from "vitest/config";

// End-to-end tests: one file at a time, each starting the real server and Chromium.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
