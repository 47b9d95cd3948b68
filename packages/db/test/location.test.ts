import path from "node:path";
import { describe, expect, it } from "vitest";
import { redact, resolveDatabaseLocation } from "../src/location.ts";
import { DEFAULT_PGLITE_DIR, REPO_ROOT } from "../src/paths.ts";

describe("resolveDatabaseLocation", () => {
  it("defaults to PGlite under ./data when DATABASE_URL is unset or blank", () => {
    expect(resolveDatabaseLocation(undefined)).toEqual({ kind: "pglite", dir: DEFAULT_PGLITE_DIR });
    expect(resolveDatabaseLocation("  ")).toEqual({ kind: "pglite", dir: DEFAULT_PGLITE_DIR });
    expect(DEFAULT_PGLITE_DIR).toBe(path.join(REPO_ROOT, "data/pglite"));
  });

  it("takes postgres:// and postgresql:// as PostgreSQL", () => {
    expect(resolveDatabaseLocation("postgres://u:p@h/db")).toEqual({
      kind: "postgres",
      url: "postgres://u:p@h/db",
    });
    expect(resolveDatabaseLocation("postgresql://h/db").kind).toBe("postgres");
  });

  it("takes a path (or file:path) as a PGlite directory relative to the repository", () => {
    expect(resolveDatabaseLocation("data/other")).toEqual({
      kind: "pglite",
      dir: path.join(REPO_ROOT, "data/other"),
    });
    expect(resolveDatabaseLocation("file:/tmp/x")).toEqual({ kind: "pglite", dir: "/tmp/x" });
  });

  it("takes memory: as an in-memory PGlite", () => {
    expect(resolveDatabaseLocation("memory:")).toEqual({ kind: "pglite-memory" });
  });

  it("refuses other schemes with a message naming DATABASE_URL and hiding the password", () => {
    expect(() => resolveDatabaseLocation("mysql://root:secret@h/db")).toThrow(
      /DATABASE_URL.*mysql:\/\/root:\*\*\*@h\/db/,
    );
  });

  it("redacts passwords only", () => {
    expect(redact("postgres://root:pw@127.0.0.1/x")).toBe("postgres://root:***@127.0.0.1/x");
    expect(redact("postgres://root@127.0.0.1/x")).toBe("postgres://root@127.0.0.1/x");
  });
});
