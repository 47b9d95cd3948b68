import { describe, expect, it } from "vitest";
import { i18next } from "./index.ts";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe("belt print strings", () => {
  it("join both languages when their module runs", async () => {
    expect(i18next.exists("beltPrint.title")).toBe(false);
    await import("./belt-print.ts");
    expect(i18next.t("beltPrint.title", { lng: "zh-CN", unit: "柯城区", year: 2026 })).toBe(
      "柯城区2026年度示范带创建方案",
    );
    expect(
      i18next.t("beltPrint.travelValue", { lng: "zh-CN", duration: "1 小时 20 分", factor: 1.3, speed: 40 }),
    ).toBe("约 1 小时 20 分（按直线距离 ×1.3、时速 40 公里估算）");
    expect(i18next.t("beltPrint.export.kml", { lng: "zh-CN" })).toBe("导出 KML");
    expect(i18next.t("beltPrint.status.SUBMITTED", { lng: "zh-CN" })).toBe("已报送，待市里审核");

    const zh = keysOf(i18next.getResource("zh-CN", "translation", "beltPrint")).sort();
    const en = keysOf(i18next.getResource("en", "translation", "beltPrint")).sort();
    expect(en).toEqual(zh);
    for (const key of en) {
      expect(i18next.t(`beltPrint.${key}`, { lng: "en" }), key).not.toMatch(/[\u4e00-\u9fff]/);
    }
    // The app's own strings are still there.
    expect(i18next.t("nav.rereviews", { lng: "zh-CN" })).toBe("动态管理");
  });
});
