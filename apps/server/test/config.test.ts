import { describe, expect, it } from "vitest";
import {
  basemapOf,
  ConfigError,
  clockOf,
  loadConfig,
  TIANDITU_ATTRIBUTION,
  wantsDemoData,
} from "../src/config.ts";

describe("loadConfig", () => {
  it("has defaults for a fresh machine", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", LOG_LEVEL: "info", DEMO_DATA: "auto" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable in its message", () => {
    const attempt = () => loadConfig({ PORT: "eighty", LOG_LEVEL: "loud" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  });

  it("refuses a DATABASE_URL of another database, naming it", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://root@localhost/x" })).toThrow(
      /DATABASE_URL: unsupported scheme/,
    );
  });

  it("refuses a port out of range", () => {
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
  });
});

describe("basemap settings", () => {
  it("has no basemap by default: the map stays offline", () => {
    const config = loadConfig({});
    expect(config.BASEMAP).toBe("none");
    expect(basemapOf(config)).toBeNull();
    // Whatever else is set, none means none.
    expect(basemapOf(loadConfig({ TIANDITU_KEY: "abc123", BASEMAP_URL: "nonsense" }))).toBeNull();
  });

  it("refuses 天地图 without its key, naming TIANDITU_KEY", () => {
    for (const env of [{ BASEMAP: "tianditu" }, { BASEMAP: "tianditu", TIANDITU_KEY: "  " }]) {
      const attempt = () => loadConfig(env);
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/TIANDITU_KEY: required when BASEMAP=tianditu/);
    }
    expect(() => loadConfig({ BASEMAP: "tianditu", TIANDITU_KEY: "abc&tk=x" })).toThrow(/TIANDITU_KEY/);
  });

  it("gives 天地图's vector map and annotations in Web Mercator on t0 to t7, with its attribution", () => {
    const basemap = basemapOf(loadConfig({ BASEMAP: "tianditu", TIANDITU_KEY: "0123abcdef" }));
    expect(basemap).not.toBeNull();
    if (!basemap) return;
    expect(basemap.tiles).toHaveLength(8);
    expect(basemap.tiles[0]).toBe(
      "https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec" +
        "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=0123abcdef",
    );
    expect(basemap.tiles[7]).toMatch(/^https:\/\/t7\.tianditu\.gov\.cn\/vec_w\//);
    expect(basemap.labelTiles).toHaveLength(8);
    expect(basemap.labelTiles?.[3]).toMatch(
      /^https:\/\/t3\.tianditu\.gov\.cn\/cva_w\/wmts\?.*&LAYER=cva&.*&tk=0123abcdef$/,
    );
    expect(basemap.attribution).toBe(TIANDITU_ATTRIBUTION);
    expect(basemap.attribution).toContain("天地图");
    expect(basemap.maxZoom).toBe(18);
    // A newer 审图号 replaces the built-in line.
    const renamed = basemapOf(
      loadConfig({ BASEMAP: "tianditu", TIANDITU_KEY: "k1", BASEMAP_ATTRIBUTION: "© 天地图 GS(2099)1号" }),
    );
    expect(renamed?.attribution).toBe("© 天地图 GS(2099)1号");
  });

  it("takes an XYZ template with its attribution", () => {
    const config = loadConfig({
      BASEMAP: "xyz",
      BASEMAP_URL: "https://tiles.example.org/{z}/{x}/{y}.png",
      BASEMAP_ATTRIBUTION: "© Example",
      BASEMAP_MAX_ZOOM: "16",
    });
    expect(basemapOf(config)).toEqual({
      tiles: ["https://tiles.example.org/{z}/{x}/{y}.png"],
      labelTiles: null,
      attribution: "© Example",
      maxZoom: 16,
    });
  });

  it("refuses an XYZ basemap without its attribution, URL or placeholders, or not over HTTP", () => {
    const url = "https://tiles.example.org/{z}/{x}/{y}.png";
    expect(() => loadConfig({ BASEMAP: "xyz", BASEMAP_URL: url })).toThrow(
      /BASEMAP_ATTRIBUTION: required when BASEMAP=xyz/,
    );
    expect(() => loadConfig({ BASEMAP: "xyz", BASEMAP_ATTRIBUTION: "© Example" })).toThrow(
      /BASEMAP_URL: required when BASEMAP=xyz/,
    );
    const bad = (BASEMAP_URL: string) => () =>
      loadConfig({ BASEMAP: "xyz", BASEMAP_URL, BASEMAP_ATTRIBUTION: "© Example" });
    expect(bad("ftp://tiles.example.org/{z}/{x}/{y}.png")).toThrow(/BASEMAP_URL: must be an https/);
    expect(bad("javascript:alert(1)//{z}/{x}/{y}")).toThrow(/BASEMAP_URL: must be an https/);
    expect(bad("https://tiles.example.org/{z}/{x}.png")).toThrow(/BASEMAP_URL: must contain \{y\}/);
    expect(bad("tiles/{z}/{x}/{y}.png")).toThrow(/BASEMAP_URL: not a URL/);
    expect(bad(url.replace("https:", "http:"))).not.toThrow();
  });

  it("reports a basemap problem alongside other bad variables", () => {
    expect(() => loadConfig({ PORT: "eighty", BASEMAP: "tianditu" })).toThrow(/PORT[\s\S]*TIANDITU_KEY/);
  });

  it("refuses an unknown basemap", () => {
    expect(() => loadConfig({ BASEMAP: "osm" })).toThrow(/BASEMAP/);
  });
});

describe("wantsDemoData", () => {
  it("loads demo data into the embedded database by default, never into PostgreSQL unless asked", () => {
    expect(wantsDemoData("auto", "pglite")).toBe(true);
    expect(wantsDemoData("auto", "pglite-memory")).toBe(true);
    expect(wantsDemoData("auto", "postgres")).toBe(false);
    expect(wantsDemoData("on", "postgres")).toBe(true);
    expect(wantsDemoData("off", "pglite")).toBe(false);
  });
});

describe("DEMO_CLOCK", () => {
  it("starts the clock at the given instant and lets it run on", () => {
    let real = Date.parse("2030-01-01T00:00:00Z");
    const now = clockOf("2026-11-20T09:00:00+08:00", () => real);
    expect(now().toISOString()).toBe("2026-11-20T01:00:00.000Z");
    real += 90_000;
    expect(now().toISOString()).toBe("2026-11-20T01:01:30.000Z");
  });

  it("is the real clock when unset, and refuses what is not a date", () => {
    expect(clockOf(undefined, () => 5)().getTime()).toBe(5);
    expect(() => loadConfig({ DEMO_CLOCK: "next tuesday" })).toThrow(/DEMO_CLOCK: not a date and time/);
  });
});
