import path from "node:path";
import { DEFAULT_PGLITE_DIR, REPO_ROOT } from "./paths.ts";

/** Where the data lives, decided from DATABASE_URL alone. */
export type DatabaseLocation =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dir: string } // a directory on disk
  | { kind: "pglite-memory" };

/**
 * `DATABASE_URL` unset or empty → embedded PGlite under ./data/;
 * `postgres://…` / `postgresql://…` → PostgreSQL; `memory:` → in-memory PGlite (tests);
 * anything else is a path (relative to the repository root), optionally written `file:<path>`.
 */
export function resolveDatabaseLocation(url: string | undefined): DatabaseLocation {
  const value = url?.trim() ?? "";
  if (value === "") return { kind: "pglite", dir: DEFAULT_PGLITE_DIR };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: "postgres", url: value };
  if (value === "memory:" || value === "memory://") return { kind: "pglite-memory" };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(
      `DATABASE_URL: unsupported scheme in "${redact(value)}"; use postgres://…, a directory path, or memory:`,
    );
  }
  const raw = value.startsWith("file:") ? value.slice("file:".length) : value;
  return { kind: "pglite", dir: path.resolve(REPO_ROOT, raw) };
}

/** Hide a password in a connection string before it is logged. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, "//$1:***@");
}

export function describeLocation(location: DatabaseLocation): string {
  switch (location.kind) {
    case "postgres":
      return `PostgreSQL ${redact(location.url)}`;
    case "pglite":
      return `PGlite ${location.dir}`;
    case "pglite-memory":
      return "PGlite (in memory)";
  }
}
