import { describe, expect, it } from "vitest";
import { COUNTIES, TOWNSHIPS, townshipsOfCounty } from "./index.ts";

describe("townships", () => {
  it("has the ~100 townships of Quzhou with unique 9-digit codes in code order", () => {
    expect(TOWNSHIPS.length).toBe(100);
    const codes = TOWNSHIPS.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const t of TOWNSHIPS) {
      expect(t.code).toMatch(/^3308\d{5}$/);
      expect(t.code.startsWith(t.countyCode)).toBe(true);
      expect(t.name.length).toBeGreaterThan(0);
      expect(Object.keys(t).sort()).toEqual(["code", "countyCode", "name"]);
    }
  });

  it("puts every township in one of the six counties, and every county has townships", () => {
    const countyCodes = new Set(COUNTIES.map((c) => c.code));
    for (const t of TOWNSHIPS) expect(countyCodes.has(t.countyCode)).toBe(true);
    const total = COUNTIES.reduce((n, c) => {
      const list = townshipsOfCounty(c.code);
      expect(list.length).toBeGreaterThan(0);
      for (const t of list) expect(t.countyCode).toBe(c.code);
      return n + list.length;
    }, 0);
    expect(total).toBe(TOWNSHIPS.length);
  });

  it("knows some townships by name", () => {
    const names = (code: string) => townshipsOfCounty(code).map((t) => t.name);
    expect(names("330802")).toContain("府山街道");
    expect(TOWNSHIPS.find((t) => t.code === "330802005")).toEqual({
      code: "330802005",
      name: "新新街道",
      countyCode: "330802",
    });
    expect(() => townshipsOfCounty("330800")).toThrow(/unknown county/);
  });
});
