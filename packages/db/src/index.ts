export { type Database, type OpenOptions, openDatabase } from "./client.ts";
export type { PrismaClient } from "./generated/prisma/client.ts";
export { type DatabaseLocation, describeLocation, redact, resolveDatabaseLocation } from "./location.ts";
export { applyMigrations, type MigrationReport, readMigrations } from "./migrate.ts";
