import path from "node:path";
import { fileURLToPath } from "node:url";
import { resolveDatabaseLocation } from "@beltmap/db";
import { z } from "zod";

const WEB_DIST_DEFAULT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port
  // Loopback by default: nothing is exposed to the network until someone decides to (HOST=0.0.0.0).
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .optional()
    .superRefine((url, ctx) => {
      try {
        resolveDatabaseLocation(url);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^DATABASE_URL: /, "") });
      }
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Demo data (示例数据) for an empty database. auto: only into the embedded PGlite, never into a
   * PostgreSQL server (which is where real data lives); on: into any empty database; off: never.
   */
  DEMO_DATA: z.enum(["auto", "on", "off"]).default("auto"),
  WEB_DIST: z.string().min(1).default(WEB_DIST_DEFAULT),
  /** A session ends after this long without a request… */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(30),
  /** …and this long after login, whatever happens. */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .positive()
    .max(7 * 24)
    .default(12),
  /**
   * Behind a reverse proxy that terminates TLS, trust the X-Forwarded-* headers (client address,
   * https) that proxy adds: "true" for a proxy on this host (loopback), or the proxies' addresses
   * or CIDR ranges, comma-separated. Only those hops are trusted: an address a client writes into
   * X-Forwarded-For itself is never taken for its own.
   */
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((v): false | string | string[] =>
      v === "false" || v === "" ? false : v === "true" ? "loopback" : v.split(",").map((a) => a.trim()),
    ),
});

export type Config = z.infer<typeof schema>;

/** Reads the configuration from the environment; a bad value stops the start with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Whether to load the demo data into an empty database of this kind. */
export function wantsDemoData(
  setting: Config["DEMO_DATA"],
  databaseKind: "postgres" | "pglite" | "pglite-memory",
): boolean {
  return setting === "on" || (setting === "auto" && databaseKind !== "postgres");
}
