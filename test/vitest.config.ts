import { defineConfig } from "vitest/config";

// End-to-end tests: each file starts its own server (on its own copy of the seeded data) and its own
// Chromium, so two files run at once: a browser test spends much of its time waiting on the page,
// and two at a time took 685 s where one at a time took 996 s on this 2-core machine.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    globalSetup: ["support/global-setup.ts"],
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // A page on a busy 2-core machine can take seconds to show what a poll waits for: wait for the
    // thing itself, up to 15 s, not for Vitest's default second.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
