import { describe, expect, it } from "vitest";
import { safeFileNamePart } from "./file-name.ts";

describe("safeFileNamePart", () => {
  it("keeps an ordinary Chinese name as written", () => {
    expect(safeFileNamePart("柯城区 组织（2026）", "x")).toBe("柯城区 组织（2026）");
  });

  it("keeps only the last path segment, and no line breaks", () => {
    expect(safeFileNamePart("../../../../etc/passwd\r\n", "x")).toBe("passwd");
    expect(safeFileNamePart("C:\\Users\\a\\组织.xlsx", "x")).toBe("组织.xlsx");
    expect(safeFileNamePart("组织\r\nSet-Cookie: a=b", "x")).toBe("组织Set-Cookie_ a=b");
  });

  it("drops direction overrides, zero-width characters and lone surrogates", () => {
    expect(safeFileNamePart("报告\u202Excod.exe", "x")).toBe("报告xcod.exe");
    expect(safeFileNamePart("组\u200B织\uFEFF", "x")).toBe("组织");
    expect(safeFileNamePart("组织\uD800", "x")).toBe("组织");
  });

  it("replaces what Windows refuses and leading dots; falls back when nothing is left", () => {
    expect(safeFileNamePart('a:b*c?"d<e>f|g', "x")).toBe("a_b_c__d_e_f_g");
    expect(safeFileNamePart("..hidden", "x")).toBe("hidden");
    expect(safeFileNamePart("../..", "未命名")).toBe("未命名");
    expect(safeFileNamePart("\r\n", "未命名")).toBe("未命名");
  });

  it("cuts long names by characters, never inside one", () => {
    expect([...safeFileNamePart("党".repeat(300), "x")]).toHaveLength(80);
    expect(safeFileNamePart("😀".repeat(100), "x", 3)).toBe("😀😀😀");
  });
});
