import { defineConfig } from "vitest/config";

// The domain's rules are pure functions: no database, network or clock (a rule takes "today" as an
// argument), so every test runs in Node in milliseconds and the default timeouts hold on a busy
// machine. The randomised tests seed their own generator (random.ts) and repeat exactly.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
