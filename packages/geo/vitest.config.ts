import { defineConfig } from "vitest/config";

// Geometry over the vendored outlines (src/data): pure and offline, read from disk once per file.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
