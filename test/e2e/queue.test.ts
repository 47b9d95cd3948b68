// The county's and the city's work through the queue: bulk adopt with an opinion on the filtered
// rows, bulk return with a reason, per-row results; the city's 优秀 beyond a unit's quota only
// with an override reason, and the quota use shown on the queue and the sheet. The queue counts
// 争创对象 and names the others apart; their sheets say why they are not scored; a 评定 below 优秀
// of a 示范点 lists its 摘牌 before it is confirmed; 2017 is history, read-only. A stage of more
// than a page is read a page at a time.
import { ITEM_KEYS } from "@beltmap/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { login, mutate, query, sessionCookie } from "../support/auth.ts";

type QueueRow = {
  organizationId: number;
  name: string;
  unitId: string;
  status: string;
  previousVersion: number;
};
type Queue = {
  rows: QueueRow[];
  total: number;
  notCompetitors: number;
  counts: Record<string, number>;
  page: { before: number; size: number; nextAfter: number | null };
  quotas: { unitId: string; quota: number; used: number; reached: boolean }[];
};
type Sheet = {
  stages: {
    stage: string;
    status: string;
    version: number;
    items: Record<string, number>;
    opinion: string | null;
  }[];
  grade: { source: string | null } | null;
  siteFacts: unknown;
  organization: { notCompetitorReason: string | null };
};
type MapOrganization = { id: number; unitId: string; grade: string | null; competitor: boolean };

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
    expect(await page.getByTestId("bulk-open").textContent()).toBe("对本页显示的 1 个组织…");
    const dialog = page.getByTestId("bulk-dialog");
    expect(await dialog.getByTestId("bulk-opinion").inputValue()).toBe("同意复核结果");
    await dialog.getByTestId("bulk-next").click();
    expect(await dialog.getByTestId("bulk-confirm-text").textContent()).toContain("本页显示的 1 个组织");
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
      `将把本页显示的 ${remaining} 个组织的复核退回`,
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

describe("争创对象, 摘牌 at 评定, and a past cycle", () => {
  it("the queue counts 争创对象 and says the others apart; their sheets say why they are not scored", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-county");
    const queue = await query<Queue>(app.server.url, cookie, "queue.list");
    expect(queue.notCompetitors).toBeGreaterThan(0);
    const organizations = await query<MapOrganization[]>(app.server.url, cookie, "map.organizations");
    const other = organizations.find((o) => !o.competitor);
    expect(other).toBeDefined();
    const sheet = await query<Sheet>(app.server.url, cookie, "sheet.get", { organizationId: other?.id });
    expect(sheet.organization.notCompetitorReason).toMatch(/不参加评分/);

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county");
    await expect
      .poll(() => page.getByTestId("queue-summary").textContent())
      .toMatch(new RegExp(`^本辖区共 ${queue.total} 个争创对象，已评定 \\d+ 个`));
    expect(await page.getByTestId("queue-not-competitors").textContent()).toBe(
      `；另有 ${queue.notCompetitors} 个非争创对象不参加评分`,
    );
    // The way to 附件2报送 is beside the export.
    expect(await page.getByTestId("appendix2-link").getAttribute("href")).toBe("/appendix2");

    await page.goto(`${app.server.url}/sheet/${other?.id}`);
    await page.getByTestId("not-competitor").waitFor();
    expect(await page.getByTestId("not-competitor").textContent()).toBe(
      sheet.organization.notCompetitorReason,
    );
    expect(await page.getByTestId("sheet-readonly").textContent()).toBe("非争创对象，不参加评分");
    expect(await page.locator("input.score-input").count()).toBe(0);
    expect(await page.getByTestId("submit").count()).toBe(0);
    await app.screenshot(page, "sheet-not-competitor.png");
    expect(errors).toEqual([]);
  });

  it("the city's 评定 below 优秀 of a 示范点 lists its 摘牌 before it confirms", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const queue = await query<Queue>(app.server.url, cookie, "queue.list", { unitId: "KECHENG" });
    const organizations = await query<MapOrganization[]>(app.server.url, cookie, "map.organizations");
    const excellent = new Set(organizations.filter((o) => o.grade === "EXCELLENT").map((o) => o.id));
    let site: QueueRow | undefined;
    for (const row of queue.rows.filter((r) => excellent.has(r.organizationId))) {
      const sheet = await query<Sheet>(app.server.url, cookie, "sheet.get", {
        organizationId: row.organizationId,
      });
      if (sheet.siteFacts && sheet.grade?.source === "CARRY_OVER") {
        site = row;
        break;
      }
    }
    expect(site).toBeDefined();

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: `/sheet/${site?.organizationId}` });
    await page.getByTestId("score-table").waitFor();
    // Its standing grade is last year's, carried over.
    expect(await page.getByTestId("sheet-grade").textContent()).toMatch(
      /^等级：优秀（沿用上一年度评定，[\d.]+ 分）/,
    );
    expect(await page.getByTestId("sheet-cycle").textContent()).toBe("2026 年度");
    for (const key of ITEM_KEYS) await page.getByTestId(`score-${key}`).fill("3");
    expect(await page.getByTestId("total-CITY_FINAL").textContent()).toBe("75");
    await page.getByTestId("submit").click();
    const dialog = page.getByTestId("submit-dialog");
    const list = dialog.getByTestId("delisting");
    await list.waitFor();
    expect(await list.textContent()).toContain("该组织是两新党建示范点，评定为达标将摘牌，提交后：");
    const effects = await list.locator("li").allTextContents();
    expect(effects[0]).toBe("降为达标，摘去“两新党建示范点”牌子，不再计入本单位优秀创建名额");
    expect(effects.length).toBeGreaterThan(1);
    expect(await dialog.textContent()).toContain("评定合计 75 分，等级 达标");
    await app.screenshot(page, "sheet-delisting.png");
    // Not confirmed: the site stays as it is.
    await dialog.getByRole("button", { name: "取消" }).click();
    expect(await page.getByTestId("stage-status-CITY_FINAL").textContent()).not.toContain("已提交");
    expect(errors).toEqual([]);
  });

  it("the city's bulk 评定 names the 示范点 it would delist before it confirms", async () => {
    // A 示范点 whose 初评 the county redid below 90 (the demo has none): returned, then submitted anew.
    const city = await sessionCookie(app.server.url, "demo-city");
    const county = await sessionCookie(app.server.url, "demo-county");
    const queue = await query<Queue>(app.server.url, city, "queue.list", { unitId: "KECHENG" });
    const organizations = await query<MapOrganization[]>(app.server.url, city, "map.organizations");
    const sites = new Set(organizations.filter((o) => o.grade === "EXCELLENT").map((o) => o.id));
    const site = queue.rows.find((r) => sites.has(r.organizationId));
    expect(site).toBeDefined();
    if (!site) return;
    await mutate(app.server.url, city, "sheet.return", {
      organizationId: site.organizationId,
      stage: "COUNTY_INITIAL",
      version: site.previousVersion,
      reason: "请按复查情况重新初评",
    });
    const returned = await query<Sheet>(app.server.url, county, "sheet.get", {
      organizationId: site.organizationId,
    });
    await mutate(app.server.url, county, "sheet.submit", {
      organizationId: site.organizationId,
      stage: "COUNTY_INITIAL",
      version: returned.stages.find((s) => s.stage === "COUNTY_INITIAL")?.version,
      items: Object.fromEntries(ITEM_KEYS.map((key) => [key, 3.5])),
      opinion: "党建工作有所下滑，初评为良好",
    });

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", {
      next: `/queue?unit=KECHENG&q=${encodeURIComponent(site.name)}`,
    });
    await expect.poll(() => rowsOf(page).count()).toBe(1);
    await page.getByTestId("bulk-open").click();
    const dialog = page.getByTestId("bulk-dialog");
    await dialog.getByTestId("bulk-next").click();
    const list = dialog.getByTestId("bulk-delisting");
    await list.waitFor();
    expect(await list.textContent()).toContain("其中 1 个两新党建示范点评定低于优秀，提交后摘牌");
    expect(await list.locator("li").allTextContents()).toEqual([
      `${site.name}：降为良好，摘去“两新党建示范点”牌子，不再计入本单位优秀创建名额`,
    ]);
    await app.screenshot(page, "bulk-delisting.png");
    expect(errors).toEqual([]);
  });

  it("2017 is history: the queue and the sheet show that year read-only, naming it", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-county");
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/queue?cycle=2017" });
    await page.getByTestId("queue-history").waitFor();
    expect(await page.getByTestId("queue-history").textContent()).toContain("2017 年度已结束");
    await expect.poll(() => page.getByTestId("queue-summary").textContent()).toContain("争创对象");
    expect(await page.getByTestId("bulk-open").count()).toBe(0);
    await app.screenshot(page, "queue-2017.png");

    const organizations = await query<MapOrganization[]>(app.server.url, cookie, "map.organizations", {
      cycleId: 1,
    });
    const scored = organizations.find((o) => o.competitor && o.grade !== null);
    expect(scored).toBeDefined();
    await page.goto(`${app.server.url}/sheet/${scored?.id}?cycle=2017`);
    await page.getByTestId("score-table").waitFor();
    expect(await page.getByTestId("sheet-history").textContent()).toBe(
      "2017 年度已结束，本表为历史记录，只能查看，不能修改。",
    );
    expect(await page.getByTestId("sheet-cycle").textContent()).toBe("2017 年度");
    expect(await page.getByTestId("sheet-grade").textContent()).toMatch(/^等级：.+（已评定，[\d.]+ 分）$/);
    expect(await page.locator("input.score-input").count()).toBe(0);
    expect(await page.locator('[data-testid^="return-"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("a stage of more than one page", () => {
  it("shows a page at a time: where it sits, the next page from the last row on, and back to the first", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const first = await query<Queue>(app.server.url, cookie, "queue.list", { stage: "CITY_FINAL" });
    expect(first.counts.CITY_FINAL).toBeGreaterThan(first.page.size);
    expect(first.rows).toHaveLength(first.page.size);
    const last = first.rows.at(-1) as QueueRow;
    expect(first.page.nextAfter).toBe(last.organizationId);
    const second = await query<Queue>(app.server.url, cookie, "queue.list", {
      stage: "CITY_FINAL",
      after: first.page.nextAfter,
    });

    const { page } = await app.newPage();
    await login(page, app.server.url, "demo-city");
    await page.goto(`${app.server.url}/queue?stage=CITY_FINAL`);
    await expect.poll(() => rowsOf(page).count()).toBe(first.page.size);
    const range = page.getByTestId("queue-page-range");
    const total = first.counts.CITY_FINAL?.toLocaleString("zh-CN");
    await expect.poll(() => range.textContent()).toBe(`第 1–${first.page.size} 个，共 ${total} 个`);
    await app.screenshot(page, "queue-pages.png");

    await page.getByTestId("queue-next-page").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("after")).toBe(String(last.organizationId));
    await expect
      .poll(() => rowsOf(page).first().getAttribute("data-testid"))
      .toBe(`queue-row-${second.rows[0]?.organizationId}`);
    await expect.poll(() => rowsOf(page).count()).toBe(second.rows.length);
    await expect
      .poll(() => range.textContent())
      .toBe(`第 ${first.page.size + 1}–${first.page.size + second.rows.length} 个，共 ${total} 个`);

    // Another stage starts at its own first page.
    await page.getByTestId("tab-COUNTY_INITIAL").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("after")).toBeNull();
    await page.getByTestId("tab-CITY_FINAL").click();
    await expect
      .poll(() => rowsOf(page).first().getAttribute("data-testid"))
      .toBe(`queue-row-${first.rows[0]?.organizationId}`);
    await page.getByTestId("queue-next-page").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("after")).toBe(String(last.organizationId));
    await page.getByRole("button", { name: "第一页" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("after")).toBeNull();
    await expect.poll(() => range.textContent()).toBe(`第 1–${first.page.size} 个，共 ${total} 个`);

    // Past the last row (an old link, or a page whose rows were all decided): the others are on the
    // pages before, and the first page is a click away.
    const beyond = Math.max(...[...first.rows, ...second.rows].map((r) => r.organizationId)) + 100_000;
    await page.goto(`${app.server.url}/queue?stage=CITY_FINAL&after=${beyond}`);
    await expect
      .poll(() => page.getByTestId("queue-past-end").textContent())
      .toBe(`本页已没有组织，其余 ${total} 个在前面的页：请回到第一页`);
    expect(await page.getByTestId("queue-empty").count()).toBe(0);
    expect(await range.count()).toBe(0);
    await app.screenshot(page, "queue-past-end.png");
    await page.getByRole("button", { name: "第一页" }).click();
    await expect.poll(() => rowsOf(page).count()).toBe(first.page.size);
  });
});
