import { defineConfig } from "vitest/config";

// End-to-end tests: one file at a time, each starting the real server and Chromium.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    globalSetup: ["support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // A page on a busy 2-core machine can take seconds to show what a poll waits for: wait for the
    // thing itself, up to 15 s, not for Vitest's default second.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
