// 附件2报送 through the pages, on the demo's reference date (DEMO_CLOCK): the county submits its
// 初评结果汇总表 after reading the warnings; the city sees every unit's status (柯城区 on time beside
// the demo's 龙游县 received, 江山市 waiting, 市绿色产业集聚区 returned, the others not submitted),
// returns 柯城区's with a reason; the county submits again (已重新报送), the city receives it, and a
// further submission is refused with the server's message. Every version downloads; 2017 is
// history, read-only.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { login, query, sessionCookie } from "../support/auth.ts";

type Appendix2Status = {
  deadline: string;
  units: { unitId: string; status: string; versions: { version: number }[] }[];
};

let app: TestApp;
let county: { page: Page; errors: string[] };
let city: { page: Page; errors: string[] };
const REASON = "黄家乡两个党组织初评意见缺失，请补充后重新报送";

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: "2026-11-20T09:00:00+08:00" } });
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

/** The text of one unit's cell in the city's table. */
async function cell(page: Page, unitId: string, testId: string): Promise<string> {
  return (await page.getByTestId(`a2-row-${unitId}`).getByTestId(testId).textContent()) ?? "";
}

describe("the county submits", () => {
  it("reaches 附件2报送 from the queue and sees where it stands: not submitted, 30 days left", async () => {
    county = await app.newPage();
    const { page } = county;
    await login(page, app.server.url, "demo-county");
    await page.getByTestId("appendix2-link").click();
    await page.waitForURL("**/appendix2");
    await expect.poll(() => page.getByTestId("a2-own-status").textContent()).toBe("未报送");
    expect(await page.getByTestId("a2-deadline").textContent()).toBe("报送截止：2026/12/20");
    expect(await page.getByTestId("a2-own-timeliness").textContent()).toBe("剩 30 天");
    expect(await page.getByTestId("a2-own").textContent()).toContain("尚未报送");
    await app.screenshot(page, "appendix2-county.png");
  });

  it("reads the warnings before it confirms, then submits version 1 on time", async () => {
    const { page, errors } = county;
    const cookie = await sessionCookie(app.server.url, "demo-county");
    const warnings = await query<string[]>(app.server.url, cookie, "appendix2.warnings", {
      unitId: "KECHENG",
    });
    expect(warnings.length).toBeGreaterThan(0);

    await page.getByTestId("a2-submit").click();
    const dialog = page.getByTestId("a2-submit-dialog");
    await expect.poll(() => dialog.getByTestId("a2-warnings").textContent()).toContain(warnings[0] ?? "");
    expect(await dialog.textContent()).toContain("报送前请注意");
    expect(await dialog.textContent()).toContain("第 1 版");
    await app.screenshot(page, "appendix2-warnings.png");
    await dialog.getByTestId("confirm-button").click();

    await expect.poll(() => page.getByTestId("a2-notice").textContent()).toContain("已报送第 1 版");
    await expect.poll(() => page.getByTestId("a2-own-status").textContent()).toBe("已报送待接收");
    expect(await page.getByTestId("a2-own-timeliness").textContent()).toBe("按期报送");
    // Nothing more to submit while the city has it.
    expect(await page.getByTestId("a2-submit").isDisabled()).toBe(true);
    expect(await page.getByTestId("a2-cannot-submit").textContent()).toBe(
      "附件2已报送，正在等待市委两新工委接收",
    );

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("a2-version-1").getByTestId("a2-download").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^附件2_初评结果汇总表_柯城区_2026年度_.*_第1版\.xlsx$/);
    expect((await readFile(await download.path())).subarray(0, 2).toString("latin1")).toBe("PK");
    expect(errors).toEqual([]);
  });
});

describe("the city", () => {
  it("sees every unit: 柯城区 on time and waiting, beside the demo's received, waiting, returned and not submitted", async () => {
    city = await app.newPage();
    const { page } = city;
    await login(page, app.server.url, "demo-city", { next: "/appendix2" });
    await page.getByTestId("a2-table").waitFor();
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const status = await query<Appendix2Status>(app.server.url, cookie, "appendix2.status");
    expect(await page.locator('[data-testid^="a2-row-"]').count()).toBe(status.units.length);

    expect(await cell(page, "KECHENG", "a2-status")).toBe("已报送待接收");
    expect(await cell(page, "KECHENG", "a2-timeliness")).toBe("按期");
    expect(await cell(page, "LONGYOU", "a2-status")).toBe("已接收");
    expect(await cell(page, "JIANGSHAN", "a2-status")).toContain("待接收");
    expect(await cell(page, "GREEN_ZONE", "a2-status")).toMatch(/^已退回（.+）$/);
    const others = status.units.filter(
      (u) => !["KECHENG", "LONGYOU", "JIANGSHAN", "GREEN_ZONE"].includes(u.unitId),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const unit of others) {
      expect(await cell(page, unit.unitId, "a2-status")).toBe("未报送");
      expect(await cell(page, unit.unitId, "a2-timeliness")).toBe("未报送剩 30 天");
    }
    // Only the ones waiting can be received or returned.
    expect(await page.getByTestId("a2-row-LONGYOU").getByTestId("a2-receive").count()).toBe(0);
    expect(await page.getByTestId("a2-row-JIANGSHAN").getByTestId("a2-receive").count()).toBe(1);
    expect(await page.getByTestId("a2-tally").textContent()).toBe(
      `已接收 1 个 · 待接收 2 个 · 已退回 1 个 · 未报送 ${others.length} 个`,
    );
    await app.screenshot(page, "appendix2-city.png");
  });

  it("returns 柯城区's with a reason (asked for first)", async () => {
    const { page, errors } = city;
    await page.getByTestId("a2-row-KECHENG").getByTestId("a2-return").click();
    const dialog = page.getByTestId("a2-return-dialog");
    await dialog.getByTestId("a2-return-confirm").click();
    expect(await dialog.locator(".form-error").textContent()).toBe("退回须填写理由");
    expect(await dialog.getByTestId("a2-return-reason").getAttribute("aria-invalid")).toBe("true");
    await dialog.getByTestId("a2-return-reason").fill(REASON);
    await dialog.getByTestId("a2-return-confirm").click();
    await expect.poll(() => page.getByTestId("a2-notice").textContent()).toBe("已退回柯城区附件2第 1 版。×");
    expect(await cell(page, "KECHENG", "a2-status")).toBe(`已退回（${REASON}）`);
    expect(await page.getByTestId("a2-row-KECHENG").getByTestId("a2-return").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("resubmission and receipt", () => {
  let stale: { page: Page; errors: string[] };

  it("the county sees the return with its reason and submits again", async () => {
    const { page, errors } = county;
    await page.reload();
    await expect.poll(() => page.getByTestId("a2-own-status").textContent()).toBe(`已退回（${REASON}）`);
    // A second county window, opened now, stays as it is (to try again after the city's receipt).
    stale = await app.newPage();
    await login(stale.page, app.server.url, "demo-county", { next: "/appendix2" });
    await expect.poll(() => stale.page.getByTestId("a2-submit").isEnabled()).toBe(true);

    expect(await page.getByTestId("a2-submit").textContent()).toBe("重新报送附件2");
    await page.getByTestId("a2-submit").click();
    const dialog = page.getByTestId("a2-submit-dialog");
    expect(await dialog.textContent()).toContain("第 2 版");
    await expect.poll(() => dialog.getByTestId("confirm-button").isEnabled()).toBe(true);
    await dialog.getByTestId("confirm-button").click();
    await expect.poll(() => page.getByTestId("a2-own-status").textContent()).toBe("已报送待接收");
    expect(await page.getByTestId("a2-own").textContent()).toContain("已重新报送");
    // The first submission was on time: still on time.
    expect(await page.getByTestId("a2-own-timeliness").textContent()).toBe("按期报送");
    expect(await page.getByTestId("a2-version-1").textContent()).toContain(REASON);
    expect(await page.getByTestId("a2-version-2").textContent()).toContain("待接收");
    expect(errors).toEqual([]);
  });

  it("the city sees it resubmitted and receives it", async () => {
    const { page, errors } = city;
    await page.reload();
    await expect.poll(() => cell(page, "KECHENG", "a2-timeliness")).toBe("按期已重新报送");
    expect(await cell(page, "KECHENG", "a2-status")).toBe("已报送待接收");
    await app.screenshot(page, "appendix2-resubmitted.png");
    await page.getByTestId("a2-row-KECHENG").getByTestId("a2-receive").click();
    const dialog = page.getByTestId("a2-receive-dialog");
    expect(await dialog.textContent()).toContain("柯城区附件2第 2 版");
    await dialog.getByTestId("confirm-button").click();
    await expect.poll(() => cell(page, "KECHENG", "a2-status")).toBe("已接收");
    expect(await page.getByTestId("a2-versions-KECHENG").textContent()).toContain("已接收");
    expect(errors).toEqual([]);
  });

  it("a further submission is refused with the server's message", async () => {
    // The window opened before the receipt still offers 报送: the server refuses it.
    const { page, errors } = stale;
    await page.getByTestId("a2-submit").click();
    const dialog = page.getByTestId("a2-submit-dialog");
    await expect.poll(() => dialog.getByTestId("confirm-button").isEnabled()).toBe(true);
    await dialog.getByTestId("confirm-button").click();
    await expect
      .poll(() => dialog.locator(".form-error").textContent())
      .toBe("附件2已被市委两新工委接收，不能再次报送");
    await app.screenshot(page, "appendix2-refused.png");
    await dialog.getByRole("button", { name: "取消" }).click();
    // The page has caught up: received, nothing more to submit, and why.
    await expect.poll(() => page.getByTestId("a2-own-status").textContent()).toBe("已接收");
    expect(await page.getByTestId("a2-cannot-submit").textContent()).toBe(
      "附件2已被市委两新工委接收，不能再次报送",
    );
    expect(errors.filter((e) => !e.includes("412"))).toEqual([]);
  });

  it("2017 is history: its reports are shown, nothing can be done", async () => {
    const { page, errors } = county;
    await page.goto(`${app.server.url}/appendix2?cycle=2017`);
    await page.getByTestId("a2-history").waitFor();
    expect(await page.getByTestId("a2-history").textContent()).toContain("2017 年度已结束");
    await expect.poll(() => page.getByTestId("a2-deadline").textContent()).toBe("报送截止：2017/09/20");
    expect(await page.getByTestId("a2-submit").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
