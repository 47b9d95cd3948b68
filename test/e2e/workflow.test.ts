// The scoring workflow through the pages, each user in a browser context of their own: the township
// reviews a self-assessment and submits it, the county returns it with a reason, the township sees
// why. And a sheet keeps what its user typed when someone else saved first.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { login } from "../support/auth.ts";

let app: TestApp;
let township: { page: Page; errors: string[] };
let organizationId: number;
let organizationName: string;
const REASON = "1.1 项复核打分偏高，请对照佐证材料重新核实";

beforeAll(async () => {
  app = await startApp();
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

async function scoreOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent())?.trim() ?? "";
}

describe("township review → county return", () => {
  it("the township opens its queue at 待复核 and the waiting organisation's sheet", async () => {
    township = await app.newPage();
    const { page } = township;
    await login(page, app.server.url, "demo-township");
    expect(new URL(page.url()).pathname).toBe("/queue");
    expect(await page.getByTestId("current-user").textContent()).toContain("信安街道");
    const tab = page.getByTestId("tab-TOWNSHIP_REVIEW");
    expect(await tab.getAttribute("aria-selected")).toBe("true");
    expect(await tab.textContent()).toContain("待复核");
    const rows = page.locator('[data-testid^="queue-row-"]');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("未填写");
    organizationId = Number((await rows.first().getAttribute("data-testid"))?.replace("queue-row-", ""));
    organizationName = (await rows.first().getByRole("link").textContent()) ?? "";
    expect(await page.getByTestId("quota-KECHENG").textContent()).toMatch(/柯城区\s*\d+ \/ 12/);
    await app.screenshot(page, "queue-township.png");

    await rows.first().getByRole("link").click();
    await page.waitForURL(`**/sheet/${organizationId}`);
    await page.getByTestId("score-table").waitFor();
    expect(await page.getByTestId("sheet-org-name").textContent()).toBe(organizationName);
    expect(await page.getByTestId("stage-head-TOWNSHIP_REVIEW").textContent()).toContain("本级填写");
    // Only the 复核 column takes input; the 自评 column is read-only and submitted.
    expect(await page.locator("input.score-input").count()).toBe(25);
    expect(await page.getByTestId("stage-status-SELF").textContent()).toContain("已提交");
  });

  it("fills the 复核 column from 自评, changes one score with live totals, and submits", async () => {
    const { page } = township;
    const selfTotal = Number(await scoreOf(page, "total-SELF"));
    const self11 = Number(await scoreOf(page, "cell-SELF-1.1"));
    await page.getByTestId("copy-previous").click();
    expect(await page.getByTestId("score-1.1").inputValue()).toBe(String(self11));
    expect(await scoreOf(page, "total-TOWNSHIP_REVIEW")).toBe(String(selfTotal));

    // A wrong score is marked on its cell and not counted; the right one is.
    const cell = page.getByTestId("score-1.1");
    await cell.fill("4.2");
    expect(await cell.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(".cell-error").first().textContent()).toContain("0.5 的整数倍");
    const changed = self11 >= 3 ? self11 - 1 : self11 + 1;
    await cell.fill(String(changed));
    expect(await cell.getAttribute("aria-invalid")).toBeNull();
    // The one score changed from 自评 is marked as it is typed.
    const mark = changed > self11 ? "▲" : "▼";
    expect(await page.getByTestId("score-change").allTextContents()).toEqual([mark]);
    const reviewTotal = selfTotal - self11 + changed;
    expect(Number(await scoreOf(page, "total-TOWNSHIP_REVIEW"))).toBe(reviewTotal);
    expect(Number(await scoreOf(page, "subtotal-TOWNSHIP_REVIEW-1"))).toBe(
      Number(await scoreOf(page, "subtotal-SELF-1")) - self11 + changed,
    );
    expect(await page.getByTestId("live-total").textContent()).toContain(String(reviewTotal));
    // Enter moves down the column, as in a spreadsheet.
    await cell.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("score-1.2");
    await app.screenshot(page, "sheet-township.png");

    await page.getByTestId("submit").click();
    const dialog = page.getByTestId("submit-dialog");
    await dialog.getByTestId("submit-confirm").waitFor();
    expect(await dialog.textContent()).toContain("提交后将锁定");
    await dialog.getByTestId("submit-confirm").click();
    await expect.poll(() => page.getByTestId("sheet-notice").textContent()).toContain("已提交");
    expect(await page.getByTestId("stage-status-TOWNSHIP_REVIEW").textContent()).toContain("已提交");
    expect(await page.locator("input.score-input").count()).toBe(0);
    // Submitted, the 复核 column keeps the mark, with 自评's score on hover.
    const reviewed = page.getByTestId("cell-TOWNSHIP_REVIEW-1.1");
    expect(await scoreOf(page, "cell-TOWNSHIP_REVIEW-1.1")).toBe(`${mark}${changed}`);
    expect(await reviewed.getByTestId("score-change").getAttribute("title")).toContain(String(self11));
  });

  it("the county finds it at 待初评 and returns the 复核 with a reason", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county");
    expect(new URL(page.url()).pathname).toBe("/queue");
    expect(await page.getByTestId("tab-COUNTY_INITIAL").getAttribute("aria-selected")).toBe("true");
    const row = page.getByTestId(`queue-row-${organizationId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(organizationName);
    await app.screenshot(page, "queue-county.png");

    await row.getByRole("link").click();
    await page.waitForURL(`**/sheet/${organizationId}`);
    await page.getByTestId("score-table").waitFor();
    // The county fills in 初评, with its opinion, or returns the 复核.
    expect(await page.getByTestId("stage-head-COUNTY_INITIAL").textContent()).toContain("本级填写");
    expect(await page.getByLabel("初评意见").count()).toBe(1);
    expect(await page.getByTestId("cell-TOWNSHIP_REVIEW-1.1").textContent()).not.toBe("—");
    await app.screenshot(page, "sheet-county.png");
    await page.getByTestId("return-TOWNSHIP_REVIEW").click();
    const dialog = page.getByTestId("return-dialog");
    // A return needs a reason.
    await dialog.getByTestId("return-confirm").click();
    expect(await dialog.locator(".form-error").textContent()).toBe("退回须填写理由");
    await dialog.getByLabel("退回理由").fill(REASON);
    await dialog.getByTestId("return-confirm").click();
    await expect
      .poll(() => page.getByTestId("stage-status-TOWNSHIP_REVIEW").textContent())
      .toContain("已退回");
    expect(await page.getByTestId("stage-status-TOWNSHIP_REVIEW").textContent()).toContain(REASON);
    expect(await page.getByTestId("return-TOWNSHIP_REVIEW").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("the township sees 已退回 with the reason, in the queue and on the sheet", async () => {
    const { page, errors } = township;
    await page.getByRole("navigation").getByRole("link", { name: "工作台" }).click();
    await page.waitForURL("**/queue");
    const row = page.getByTestId(`queue-row-${organizationId}`);
    await expect.poll(() => row.textContent()).toContain("已退回");
    expect(await row.getByTestId("return-reason").textContent()).toBe(`退回理由：${REASON}`);
    await app.screenshot(page, "returned.png");

    await row.getByRole("link").click();
    await page.waitForURL(`**/sheet/${organizationId}`);
    await page.getByTestId("score-table").waitFor();
    expect(await page.getByTestId("returned-banner").textContent()).toBe(`复核已退回：${REASON}`);
    // The returned scores stay in the column, editable again.
    expect(await page.locator("input.score-input").count()).toBe(25);
    await app.screenshot(page, "returned-sheet.png");
    expect(errors).toEqual([]);
  });
});

describe("a stale save", () => {
  it("keeps what the user typed after a CONFLICT, then loads the server's version on request", async () => {
    // The organisation account's own 自评 draft, open in two browsers of the same user.
    const first = await app.newPage();
    const second = await app.newPage();
    await login(first.page, app.server.url, "demo-org");
    await login(second.page, app.server.url, "demo-org");
    await first.page.getByTestId("score-table").waitFor();
    await second.page.getByTestId("score-table").waitFor();
    const path = new URL(first.page.url()).pathname;
    expect(path).toMatch(/^\/sheet\/\d+$/);
    expect(new URL(second.page.url()).pathname).toBe(path);
    expect(await first.page.getByTestId("stage-head-SELF").textContent()).toContain("本级填写");

    await first.page.getByTestId("score-1.1").fill("0.5");
    await first.page.getByTestId("save").click();
    await expect.poll(() => first.page.getByTestId("sheet-notice").textContent()).toContain("草稿已保存");

    const { page } = second;
    await page.getByTestId("score-1.1").fill("1.5");
    await page.getByTestId("score-2.3").fill("2");
    await page.getByTestId("save").click();
    const notice = page.getByTestId("sheet-notice");
    await expect.poll(() => notice.textContent()).toContain("已被他人更新");
    expect(await page.getByTestId("score-1.1").inputValue()).toBe("1.5");
    expect(await page.getByTestId("score-2.3").inputValue()).toBe("2");
    await app.screenshot(page, "conflict.png");

    await notice.getByRole("button", { name: "载入最新版本（放弃我的填写）" }).click();
    await expect.poll(() => page.getByTestId("score-1.1").inputValue()).toBe("0.5");
    expect(await notice.textContent()).toBe("");
    // The browser logs the 409 answer itself; nothing else went wrong.
    expect(second.errors.filter((e) => !e.includes("409"))).toEqual([]);
    expect(first.errors).toEqual([]);
  });

  it("asks before leaving a sheet with unsaved scores", async () => {
    const { page } = await app.newPage();
    await login(page, app.server.url, "demo-org");
    await page.getByTestId("score-table").waitFor();
    const sheetPath = new URL(page.url()).pathname;
    await page.getByTestId("score-3.3").fill("1");
    const queueLink = page.getByRole("navigation").getByRole("link", { name: "工作台" });
    await queueLink.click();
    const dialog = page.getByTestId("unsaved-dialog");
    await dialog.getByRole("button", { name: "留在此页" }).click();
    expect(new URL(page.url()).pathname).toBe(sheetPath);
    expect(await page.getByTestId("score-3.3").inputValue()).toBe("1");
    await queueLink.click();
    await dialog.getByRole("button", { name: "离开" }).click();
    await page.waitForURL("**/queue");
  });
});
