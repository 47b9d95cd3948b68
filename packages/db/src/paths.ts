import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (packages/db/src → ../../..), so paths do not depend on the working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const MIGRATIONS_DIR = path.join(REPO_ROOT, "prisma/migrations");
export const DEFAULT_PGLITE_DIR = path.join(REPO_ROOT, "data/pglite");
