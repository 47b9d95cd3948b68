import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, wantsDemoData } from "../src/config.ts";

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

describe("wantsDemoData", () => {
  it("loads demo data into the embedded database by default, never into PostgreSQL unless asked", () => {
    expect(wantsDemoData("auto", "pglite")).toBe(true);
    expect(wantsDemoData("auto", "pglite-memory")).toBe(true);
    expect(wantsDemoData("auto", "postgres")).toBe(false);
    expect(wantsDemoData("on", "postgres")).toBe(true);
    expect(wantsDemoData("off", "pglite")).toBe(false);
  });
});
