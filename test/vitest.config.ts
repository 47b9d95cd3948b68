import { defineConfig } from "vitest/config";

// End-to-end tests: each file starts its own server (on its own copy of the seeded data) and its own
// Chromium. One file at a time: two at once took 685 s where one took 996 s on this 2-core machine,
// but in one of three runs a roster test then waited over 30 s for the page to show a new member
// (it takes 2 s alone). Until that is understood, the suite runs one file at a time.
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
