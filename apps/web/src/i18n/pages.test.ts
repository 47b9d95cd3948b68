import { describe, expect, it } from "vitest";
import { i18next } from "./index.ts";

describe("page strings loaded with their page", () => {
  it("join both languages when the page's module runs", async () => {
    expect(i18next.exists("rereview.title")).toBe(false);
    await Promise.all([import("./rereview.ts"), import("./sites.ts"), import("./users.ts")]);
    for (const [key, zh, en] of [
      ["rereview.tab.overdue", "已逾期", "Overdue"],
      ["sites.duty.ON_A_BELT", "排进示范带", "On a belt"],
      ["users.disableWarning", "停用后该用户立即退出登录，在重新启用前不能登录。", null],
    ] as const) {
      expect(i18next.t(key, { lng: "zh-CN" })).toBe(zh);
      const english = i18next.t(key, { lng: "en" });
      expect(english).not.toBe(key);
      if (en) expect(english).toBe(en);
      else expect(english).not.toMatch(/[\u4e00-\u9fff]/);
    }
    // The app's own strings are still there.
    expect(i18next.t("nav.rereviews", { lng: "zh-CN" })).toBe("动态管理");
  });
});
