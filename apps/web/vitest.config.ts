import { defineConfig } from "vitest/config";

// The web app's unit tests cover its pure parts (formatting, layout arithmetic, map styling, the
// 大屏's timing) in Node, without React or a DOM; pages are tested in a real browser (test/e2e).
// This file keeps Vitest from loading vite.config.ts's React plugin and dev proxy for them.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
