import { describe, expect, it } from "vitest";
import { withCycleYear } from "./files.ts";

describe("withCycleYear", () => {
  it("puts the year before the day and the version", () => {
    expect(withCycleYear("附件2_初评结果汇总表_柯城区_2026-11-20.xlsx", 2026)).toBe(
      "附件2_初评结果汇总表_柯城区_2026年度_2026-11-20.xlsx",
    );
    expect(withCycleYear("附件2_初评结果汇总表_柯城区_2026-11-20_第2版.xlsx", 2026)).toBe(
      "附件2_初评结果汇总表_柯城区_2026年度_2026-11-20_第2版.xlsx",
    );
  });
  it("leaves a name that says the year already, or when no year is known", () => {
    expect(withCycleYear("附件2_2017年度_全市.xlsx", 2017)).toBe("附件2_2017年度_全市.xlsx");
    expect(withCycleYear("a.xlsx", undefined)).toBe("a.xlsx");
  });
  it("adds it before the extension of any other name, or at the end of one without", () => {
    expect(withCycleYear("汇总.xlsx", 2017)).toBe("汇总_2017年度.xlsx");
    expect(withCycleYear("汇总", 2017)).toBe("汇总_2017年度");
  });
});
