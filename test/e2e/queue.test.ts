// The county's and the city's work through the queue: bulk adopt with an opinion on the filtered
// rows, bulk return with a reason, per-row results; the city's 优秀 beyond a unit's quota only
// with an override reason, and the quota use shown on the queue and the sheet.
import { ITEM_KEYS } from "@beltmap/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { login, query, sessionCookie } from "../support/auth.ts";

type QueueRow = { organizationId: number; name: string; unitId: string; status: string };
type Queue = {
  rows: QueueRow[];
  counts: Record<string, number>;
  quotas: { unitId: string; quota: number; used: number; reached: boolean }[];
};
type Sheet = {
  stages: { stage: string; status: string; items: Record<string, number>; opinion: string | null }[];
};

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

const rowsOf = (page: Page) => page.locator('[data-testid^="queue-row-"]');

describe("county bulk actions on 待初评", () => {
  let page: Page;
  let cookie: string;
  let before: Queue;

  it("adopts the 复核 scores for the one organisation the search leaves, with the opinion", async () => {
    cookie = await sessionCookie(app.server.url, "demo-county");
    before = await query<Queue>(app.server.url, cookie, "queue.list");
    expect(before.rows.length).toBeGreaterThanOrEqual(2);
    const target = before.rows[0] as QueueRow;

    ({ page } = await app.newPage());
    await login(page, app.server.url, "demo-county");
    await expect.poll(() => rowsOf(page).count()).toBe(before.rows.length);
    await page.getByTestId("queue-search").fill(target.name);
    await expect.poll(() => rowsOf(page).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get("q")).toBe(target.name);

    await page.getByTestId("bulk-open").click();
    expect(await page.getByTestId("bulk-open").textContent()).toBe("对筛选出的 1 个组织…");
    const dialog = page.getByTestId("bulk-dialog");
    expect(await dialog.getByTestId("bulk-opinion").inputValue()).toBe("同意复核结果");
    await dialog.getByTestId("bulk-next").click();
    expect(await dialog.getByTestId("bulk-confirm-text").textContent()).toContain("筛选出的 1 个组织");
    await app.screenshot(page, "bulk-confirm.png");
    await dialog.getByTestId("bulk-confirm").click();
    await expect
      .poll(() => dialog.getByTestId("bulk-summary").textContent())
      .toBe("处理完成：成功 1 个，未完成 0 个");
    expect(await dialog.getByTestId("bulk-results").textContent()).toContain(`${target.name}已完成`);
    await app.screenshot(page, "bulk-results.png");
    await dialog.getByTestId("bulk-close").click();
    await expect.poll(() => page.getByTestId("queue-empty").count()).toBe(1);

    const sheet = await query<Sheet>(app.server.url, cookie, "sheet.get", {
      organizationId: target.organizationId,
    });
    const county = sheet.stages.find((s) => s.stage === "COUNTY_INITIAL");
    const township = sheet.stages.find((s) => s.stage === "TOWNSHIP_REVIEW");
    expect(county?.status).toBe("SUBMITTED");
    expect(county?.opinion).toBe("同意复核结果");
    expect(county?.items).toEqual(township?.items);
  });

  it("asks for a reason to return, then returns the 复核 of every filtered row", async () => {
    await page.getByTestId("queue-search").fill("");
    const remaining = before.rows.length - 1;
    await expect.poll(() => rowsOf(page).count()).toBe(remaining);
    await page.getByTestId("bulk-open").click();
    const dialog = page.getByTestId("bulk-dialog");
    await dialog.getByTestId("bulk-action-return").check();
    await dialog.getByTestId("bulk-next").click();
    expect(await dialog.locator(".form-error").textContent()).toBe("退回须填写理由");
    expect(await dialog.getByTestId("bulk-reason").getAttribute("aria-invalid")).toBe("true");
    await dialog.getByTestId("bulk-reason").fill("复核材料不全，请补充后重新复核");
    await dialog.getByTestId("bulk-next").click();
    expect(await dialog.getByTestId("bulk-confirm-text").textContent()).toContain(
      `将把筛选出的 ${remaining} 个组织的复核退回`,
    );
    await dialog.getByTestId("bulk-confirm").click();
    await expect
      .poll(() => dialog.getByTestId("bulk-summary").textContent())
      .toBe(`处理完成：成功 ${remaining} 个，未完成 0 个`);
    await dialog.getByTestId("bulk-close").click();
    await page.getByTestId("tab-TOWNSHIP_REVIEW").click();
    const returned = page.locator('[data-testid="return-reason"]');
    await expect.poll(() => returned.count()).toBe(remaining);
    expect(await returned.first().textContent()).toBe("退回理由：复核材料不全，请补充后重新复核");
  });
});

describe("the city and the 优秀 quota", () => {
  it("shows each unit's quota use in the queue, reached ones marked", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const queue = await query<Queue>(app.server.url, cookie, "queue.list");
    const { page } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/queue" });
    expect(await page.getByTestId("tab-CITY_FINAL").getAttribute("aria-selected")).toBe("true");
    await expect.poll(() => rowsOf(page).count()).toBe(queue.rows.length);
    for (const quota of queue.quotas) {
      const chip = page.getByTestId(`quota-${quota.unitId}`);
      expect(await chip.textContent()).toContain(`${quota.used} / ${quota.quota}`);
      expect(await chip.getAttribute("class")).toContain(quota.reached ? "reached" : "quota");
      if (quota.reached) expect(await chip.textContent()).toContain("名额已满");
    }
    await app.screenshot(page, "queue-city.png");
  });

  it("determines 优秀 in a unit whose quota is used up only with an override reason", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const queue = await query<Queue>(app.server.url, cookie, "queue.list");
    const full = new Set(queue.quotas.filter((q) => q.reached).map((q) => q.unitId));
    const target = queue.rows.find((r) => full.has(r.unitId));
    expect(target).toBeDefined();
    if (!target) return;
    const quota = queue.quotas.find((q) => q.unitId === target.unitId);

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/queue" });
    await page.getByTestId("queue-unit").selectOption(target.unitId);
    await expect.poll(() => new URL(page.url()).searchParams.get("unit")).toBe(target.unitId);
    const row = page.getByTestId(`queue-row-${target.organizationId}`);
    await row.getByRole("link").click();
    await page.getByTestId("score-table").waitFor();
    expect(await page.getByTestId("sheet-quota").textContent()).toContain("名额已满");

    await page.getByTestId("copy-previous").click();
    for (const key of ITEM_KEYS) await page.getByTestId(`score-${key}`).fill("4");
    expect(await page.getByTestId("total-CITY_FINAL").textContent()).toBe("100");
    expect(await page.getByTestId("grade-CITY_FINAL").textContent()).toContain("优秀");
    const reason = page.getByTestId("override-reason");
    await reason.waitFor();

    await page.getByTestId("submit").click();
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByTestId("sheet-notice").textContent()).toContain("须填写超额理由");
    await reason.fill("该组织党建成效突出，经市委两新工委研究同意超额评定");
    await app.screenshot(page, "sheet-city-override.png");
    await page.getByTestId("submit").click();
    await page.getByTestId("submit-confirm").click();
    await expect.poll(() => page.getByTestId("sheet-notice").textContent()).toContain("已提交");
    expect(await page.getByTestId("sheet-grade").textContent()).toBe("等级：优秀（已评定，100 分）");
    expect(await page.getByTestId("sheet-quota").textContent()).toContain(
      `${(quota?.used ?? 0) + 1} / ${quota?.quota}`,
    );
    expect(await page.getByTestId("sheet-quota").textContent()).toContain("已超额");
    expect(errors).toEqual([]);
  });
});
