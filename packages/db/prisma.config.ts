// Prisma CLI configuration. The JS schema engine keeps the CLI offline (DESIGN.md section 3);
// its adapter is an in-memory PGlite, used only by CLI commands such as `migrate diff`.
// At run time the app applies migrations itself (src/migrate.ts).
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join(import.meta.dirname, "../../prisma/schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "../../prisma/migrations") },
  adapter: async () => new PrismaPGlite(new PGlite()),
});
