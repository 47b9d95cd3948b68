import path from "node:path";
import { fileURLToPath } from "node:url";
import { type AppInfoDto, DEFAULT_MAP_TILES_ABOVE, DEFAULT_SHARED_READ_MS } from "@beltmap/api";
import { resolveDatabaseLocation } from "@beltmap/db";
import { z } from "zod";

const WEB_DIST_DEFAULT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

/** An optional text variable: set to an empty string counts as unset. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

const variables = z.object({
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
  /**
   * A raster basemap beneath the boundaries. none: the map stays offline, boundaries only;
   * tianditu: 天地图's vector map with its annotations (TIANDITU_KEY); xyz: any {z}/{x}/{y} tile
   * server (BASEMAP_URL, BASEMAP_ATTRIBUTION). Our coordinates are WGS84/CGCS2000, as are 天地图's
   * tiles, so nothing is shifted; a GCJ-02 basemap (高德, 腾讯) would sit a few hundred metres off.
   */
  BASEMAP: z.enum(["none", "tianditu", "xyz"]).default("none"),
  /** 天地图's key (tk) for BASEMAP=tianditu; every browser sees it in the tile requests. */
  TIANDITU_KEY: optionalText,
  /** BASEMAP=xyz: the tile URL template, e.g. https://tiles.example.org/{z}/{x}/{y}.png */
  BASEMAP_URL: optionalText,
  /** The basemap's copyright line shown on the map: required for xyz, replaces 天地图's own. */
  BASEMAP_ATTRIBUTION: optionalText,
  /** The deepest zoom the tile server has (the map enlarges those tiles beyond it). */
  BASEMAP_MAX_ZOOM: z.coerce.number().int().min(1).max(22).default(18),
  /**
   * The map sends a region's organisations whole up to this many, and as vector tiles (clustered
   * on the server) beyond it: measured by `npm run bench:transport` (README, "The map at any size").
   */
  MAP_TILES_ABOVE: z.coerce.number().int().min(0).default(DEFAULT_MAP_TILES_ABOVE),
  /**
   * How long, at most, the answers everyone of a region shares (the dashboard's figures, the belt
   * rules, the tile set) are kept after they come, in milliseconds. A write through any instance
   * makes them out of date at once (the database's data version); this bounds only what a
   * command-line tool writes behind the servers' backs. 0 keeps none, but callers in flight together
   * still share one computation.
   */
  SHARED_READ_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_SHARED_READ_MS),
  /**
   * For demonstrations and tests only: the server's clock starts at this instant (ISO 8601, e.g.
   * 2026-11-20T09:00:00+08:00) and runs on from there, so deadlines and due dates read as they did
   * on that day. Never set it on a real installation.
   */
  DEMO_CLOCK: optionalText.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), {
    message: "not a date and time (ISO 8601, e.g. 2026-11-20T09:00:00+08:00)",
  }),
});

/**
 * Cross-variable rules: each issue names the variable to set or correct. They run even when another
 * variable is bad (`when`), so one start reports every problem; they only compare strings.
 */
const schema = variables.superRefine(
  (config, ctx) => {
    const issue = (variable: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [variable], message });
    if (config.BASEMAP === "tianditu") {
      if (!config.TIANDITU_KEY)
        issue("TIANDITU_KEY", "required when BASEMAP=tianditu (the key of a 天地图 browser application)");
      else if (!/^[0-9A-Za-z]+$/.test(config.TIANDITU_KEY))
        issue("TIANDITU_KEY", "letters and digits only, as 天地图 issues it");
    }
    if (config.BASEMAP === "xyz") {
      if (!config.BASEMAP_URL)
        issue("BASEMAP_URL", "required when BASEMAP=xyz (a {z}/{x}/{y} tile URL template)");
      else {
        const problem = tileTemplateProblem(config.BASEMAP_URL);
        if (problem) issue("BASEMAP_URL", problem);
      }
      if (!config.BASEMAP_ATTRIBUTION)
        issue("BASEMAP_ATTRIBUTION", "required when BASEMAP=xyz (the tile provider's copyright line)");
    }
  },
  { when: () => true },
);

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

function tileTemplateProblem(template: string): string | null {
  let url: URL;
  try {
    url = new URL(template);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an https:// (or http://) URL";
  const missing = ["{z}", "{x}", "{y}"].filter((p) => !template.includes(p));
  return missing.length > 0 ? `must contain ${missing.join(", ")} (a {z}/{x}/{y} tile URL template)` : null;
}

export type Basemap = NonNullable<AppInfoDto["basemap"]>;

/**
 * 天地图's attribution: its copyright and the map approval number (审图号) it shows on its own
 * maps; BASEMAP_ATTRIBUTION replaces it when 天地图 publishes a new number.
 */
export const TIANDITU_ATTRIBUTION = "© 天地图 (国家地理信息公共服务平台) GS(2024)0568号";

/** 天地图's tile servers t0 … t7, mirrors of one another. */
const TIANDITU_SERVERS = [0, 1, 2, 3, 4, 5, 6, 7];

/**
 * One 天地图 layer in Web Mercator (`_w`) through its WMTS GetTile, addressed as XYZ tiles: vec is
 * the vector map, cva its annotations (place and road names).
 */
function tiandituTiles(layer: "vec" | "cva", key: string): string[] {
  return TIANDITU_SERVERS.map(
    (n) =>
      `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
      `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
      `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  );
}

export type BasemapSettings = Partial<
  Pick<Config, "BASEMAP" | "TIANDITU_KEY" | "BASEMAP_URL" | "BASEMAP_ATTRIBUTION" | "BASEMAP_MAX_ZOOM">
>;

/** The basemap the browsers draw, from validated settings; null: none (offline, boundaries only). */
export function basemapOf(config: BasemapSettings): Basemap | null {
  const maxZoom = config.BASEMAP_MAX_ZOOM ?? 18;
  switch (config.BASEMAP ?? "none") {
    case "none":
      return null;
    case "tianditu": {
      const key = config.TIANDITU_KEY ?? "";
      return {
        tiles: tiandituTiles("vec", key),
        labelTiles: tiandituTiles("cva", key),
        attribution: config.BASEMAP_ATTRIBUTION ?? TIANDITU_ATTRIBUTION,
        maxZoom,
      };
    }
    case "xyz":
      return {
        tiles: [config.BASEMAP_URL ?? ""],
        labelTiles: null,
        attribution: config.BASEMAP_ATTRIBUTION ?? "",
        maxZoom,
      };
  }
}

/** The server's clock: the real one, or with DEMO_CLOCK one that started at that instant and runs on. */
export function clockOf(demoClock: string | undefined, realNow: () => number = Date.now): () => Date {
  if (demoClock === undefined) return () => new Date(realNow());
  const offset = Date.parse(demoClock) - realNow();
  return () => new Date(realNow() + offset);
}
