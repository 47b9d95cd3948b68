// The briefing screen (领导大屏) at 1920×1080 and 3840×2160 (and a phone, letterboxed), on the demo's
// reference date: the 16:9 stage fills the screen with no scrollbar and nothing overflowing it; it
// says the cycle (2026 年度, the current one, whatever the viewer's header chose); the tour advances
// by itself and by a clicker's keys, and space pauses it; the progress number is dashboard.summary's;
// each unit's lateness is said by name (常山县 示范带方案 逾期未报送) and a unit that submitted is
// never told "已截止 N 天". Screenshots are saved.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, startApp, type TestApp } from "../support/app.ts";
import { login, query, sessionCookie, signInContext } from "../support/auth.ts";
import { pngColours } from "../support/png.ts";

let app: TestApp;

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: "2026-11-20T09:00:00+08:00" } });
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

/** Every context a test opened is closed after it, passed or failed: a 大屏 left open keeps drawing. */
const opened: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((context) => context.close()));
});

async function openBriefing(
  width: number,
  height: number,
  search = "",
  reducedMotion: "reduce" | "no-preference" = "no-preference",
) {
  const context = await app.browser.newContext({
    viewport: { width, height },
    locale: "zh-CN",
    reducedMotion,
  });
  // The page's timers run on a clock the test can jump forward: on a busy machine, loading the
  // map can take longer than any interval, so no test waits for wall-clock time to pass.
  await context.clock.install();
  await signInContext(context, app.server.url, "demo-leader");
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(`${app.server.url}/briefing${search}`);
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="map"]')?.getAttribute("data-map-idle") === "true" &&
      ["briefing-tiers", "briefing-third"].every(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-rendered") === "true",
      ),
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  return { context, page, errors };
}

/** Scrollbars, and any element of the stage drawn outside it. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const stage = document.querySelector('[data-testid="briefing-stage"]')?.getBoundingClientRect();
    if (!stage) throw new Error("no stage");
    const outside = Array.from(document.querySelectorAll('[data-testid="briefing-stage"] *'))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        // MapLibre's canvas container and popups are clipped by the map's own box, the ranking's
        // rows (scrolling past) by the ranking's window.
        if (element.closest(".maplibregl-canvas-container, .maplibregl-popup, .ranking-window")) return false;
        return (
          box.left < stage.left - 1 ||
          box.top < stage.top - 1 ||
          box.right > stage.right + 1 ||
          box.bottom > stage.bottom + 1
        );
      })
      .map((element) => element.className || element.tagName);
    return {
      scrollbars: root.scrollWidth > window.innerWidth || root.scrollHeight > window.innerHeight,
      stage: { width: stage.width, height: stage.height },
      outside,
    };
  });
}

describe("the briefing screen", () => {
  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
    [1366, 768],
    [390, 844],
  ] as const) {
    it(`fills ${width}×${height} with no scrollbar and nothing overflowing`, async () => {
      const { context, page, errors } = await openBriefing(width, height, "?interval=600");
      const result = await overflow(page);
      expect(result.scrollbars).toBe(false);
      // 16:9, letterboxed on a screen of another shape.
      const scale = Math.min(width / 1920, height / 1080);
      expect(result.stage.width).toBeCloseTo(1920 * scale, 0);
      expect(result.stage.height).toBeCloseTo(1080 * scale, 0);
      expect(result.outside).toEqual([]);
      await app.screenshot(page, `briefing-${width}x${height}.png`);
      expect(errors).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it("says the cycle and who is late, by name, and never 已截止 to a unit that submitted", async () => {
    // The viewer had chosen 2017 in the app's header: the briefing still shows the current cycle.
    const { context, page, errors } = await openBriefing(1920, 1080, "?interval=600&cycle=2017");
    expect(await page.getByTestId("briefing-cycle").textContent()).toBe("2026 年度");
    const plan = page.getByTestId("briefing-report-beltPlan");
    expect(await plan.textContent()).toBe(
      "示范带方案11月10日截止常山县 逾期未报送 10 天衢江区 逾期 4 天报送按期报送 6",
    );
    expect(await page.getByTestId("briefing-report-appendix2").textContent()).toBe(
      "附件212月20日截止按期报送 36 个单位未报送，剩 30 天",
    );
    expect(await page.getByTestId("briefing-practices-number").textContent()).toBe("43");
    expect(await page.getByTestId("briefing-targets").textContent()).toContain(
      "梯队目标 约 100 / 400 / 600 / 100 个",
    );
    const stage = page.getByTestId("briefing-stage");
    expect(await stage.textContent()).not.toContain("已截止");
    // Each unit's slide: its own state. 常山县 never sent its plan; 龙游县 sent both on time.
    const visit = async (unitId: string) => {
      for (let i = 0; i < 12 && (await stage.getAttribute("data-unit")) !== unitId; i++)
        await page.keyboard.press("PageDown");
      expect(await stage.getAttribute("data-unit")).toBe(unitId);
    };
    await visit("LONGYOU");
    await expect
      .poll(() => page.getByTestId("briefing-report-beltPlan").textContent())
      .toBe("示范带方案11月10日截止已按期报送市级已通过");
    expect(await page.getByTestId("briefing-report-appendix2").textContent()).toBe(
      "附件212月20日截止已按期报送市级已接收",
    );
    expect(await stage.textContent()).not.toContain("已截止");
    await visit("CHANGSHAN");
    await expect
      .poll(() => page.getByTestId("briefing-report-beltPlan").textContent())
      .toBe("示范带方案11月10日截止逾期未报送 10 天");
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="briefing-third"]')?.getAttribute("data-rendered") === "true",
    );
    await app.screenshot(page, "briefing-changshan.png");
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("shows dashboard.summary's figure, tours the units by itself and by the clicker, and pauses", async () => {
    const summary = await query<{
      excellentOfficial: number;
      perUnit: { unitId: string; excellent: number }[];
    }>(app.server.url, await sessionCookie(app.server.url, "demo-leader"), "dashboard.summary");
    const { context, page, errors } = await openBriefing(1920, 1080, "?interval=600");
    const stage = page.getByTestId("briefing-stage");
    expect(await stage.getAttribute("data-unit")).toBe("CITY");
    expect(await page.getByTestId("briefing-progress-number").textContent()).toBe(
      String(summary.excellentOfficial),
    );
    // Not before the interval; by itself once it has passed: the first unit.
    const first = summary.perUnit[0];
    await page.clock.fastForward(540_000);
    expect(await stage.getAttribute("data-unit")).toBe("CITY");
    await page.clock.fastForward(60_000);
    await expect.poll(() => stage.getAttribute("data-unit")).toBe(first?.unitId);
    await expect
      .poll(() => page.getByTestId("briefing-progress-number").textContent())
      .toBe(String(first?.excellent));
    // Space pauses: the slide stays past the interval; PageDown and PageUp still step.
    await page.keyboard.press(" ");
    await page.clock.fastForward(700_000);
    expect(await stage.getAttribute("data-unit")).toBe(first?.unitId);
    await page.keyboard.press("PageDown");
    await expect.poll(() => stage.getAttribute("data-unit")).toBe(summary.perUnit[1]?.unitId);
    await page.keyboard.press("PageUp");
    await page.keyboard.press("PageUp");
    await expect.poll(() => stage.getAttribute("data-unit")).toBe("CITY");
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("runs a dot along every belt, and holds the belts still for a viewer who asks for less motion", async () => {
    const { context, page, errors } = await openBriefing(1920, 1080);
    const heads = () =>
      page.evaluate(() =>
        (window.beltmap?.map.queryRenderedFeatures({ layers: ["belt-flow"] }) ?? [])
          .filter((f) => f.properties.tail === 0)
          .map((f) => (f.geometry as GeoJSON.Point).coordinates.join())
          .sort(),
      );
    await page.waitForFunction(
      () => (window.beltmap?.map.queryRenderedFeatures({ layers: ["belt-flow"] }).length ?? 0) > 0,
      undefined,
      { timeout: 30_000, polling: 100 },
    );
    const before = await heads();
    // One head per belt of two stops or more.
    const cookie = await sessionCookie(app.server.url, "demo-leader");
    const belts = await query<{ stops: unknown[] }[]>(app.server.url, cookie, "belt.list");
    expect(before.length).toBe(belts.filter((b) => b.stops.length >= 2).length);
    // They move (the page's clock runs; the test waits for the move, not for a time).
    await page.waitForFunction(
      (earlier) =>
        (window.beltmap?.map.queryRenderedFeatures({ layers: ["belt-flow"] }) ?? [])
          .filter((f) => f.properties.tail === 0)
          .map((f) => (f.geometry as GeoJSON.Point).coordinates.join())
          .sort()
          .join("|") !== earlier,
      before.join("|"),
      { timeout: 30_000, polling: 100 },
    );
    expect(errors).toEqual([]);
    await context.close();

    const still = await openBriefing(1920, 1080, "", "reduce");
    const flow = await still.page.evaluate(async () => {
      const source = window.beltmap?.map.getSource("belt-flow") as
        | { getData: () => Promise<GeoJSON.FeatureCollection> }
        | undefined;
      return (await source?.getData())?.features.length;
    });
    expect(flow).toBe(0);
    expect(still.errors).toEqual([]);
    await still.context.close();
  }, 120_000);

  it("ranks the units by their sites against quota on the city slide, scrolling unless asked not to", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-leader");
    const summary = await query<{ perUnit: { unitId: string; excellent: number; quota: number }[] }>(
      app.server.url,
      cookie,
      "dashboard.summary",
    );
    const { context, page, errors } = await openBriefing(1920, 1080);
    const rows = await page.getByTestId("briefing-ranking-row").evaluateAll((items) =>
      items.map((li) => ({
        unitId: li.getAttribute("data-unit"),
        rank: Number(li.querySelector(".ranking-rank")?.textContent),
        figure: li.querySelector(".ranking-figure")?.textContent ?? "",
      })),
    );
    // Every unit once, each with its own figures, the shares never rising down the table.
    expect(rows.map((r) => r.unitId).sort()).toEqual(summary.perUnit.map((u) => u.unitId).sort());
    const rates = rows.map((row) => {
      const unit = summary.perUnit.find((u) => u.unitId === row.unitId);
      if (!unit) throw new Error(`unknown unit ${row.unitId}`);
      expect(row.figure).toBe(
        `${unit.excellent}/${unit.quota} · ${Math.round((unit.excellent / unit.quota) * 100)}%`,
      );
      return unit.excellent / unit.quota;
    });
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
    expect(rows[0]?.rank).toBe(1);
    expect(rows.map((r) => r.rank)).toEqual([...rows.map((r) => r.rank)].sort((a, b) => a - b));
    // Nine units, five rows in view: the table scrolls.
    const scrolling = (p: Page) =>
      p.getByTestId("briefing-ranking-rows").evaluate((el) => el.getAnimations().length);
    expect(await scrolling(page)).toBe(1);
    // Only the city's slide has it.
    await page.keyboard.press("PageDown");
    await page.getByTestId("briefing-ranking").waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await context.close();

    const still = await openBriefing(1920, 1080, "", "reduce");
    expect(await scrolling(still.page)).toBe(0);
    await still.context.close();
  }, 120_000);

  it("exports the slide on screen as one PNG, dark like the screen: the drawn map and the charts", async () => {
    const { context, page, errors } = await openBriefing(1920, 1080, "?interval=600");
    await page.keyboard.press("PageDown");
    const unit = await page.getByTestId("briefing-stage").getAttribute("data-unit");
    expect(unit).not.toBe("CITY");
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="briefing-third"]')?.getAttribute("data-rendered") === "true",
    );
    const title = await page.getByTestId("briefing-slide-title").textContent();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-png").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^大屏-2026年度-${title}-2026-11-20\\.png$`));
    await download.saveAs(path.join(ARTIFACTS, "briefing-export.png"));
    const png = await readFile((await download.path()) ?? "");
    const decoded = await pngColours(page, png, {
      map: { x: 40, y: 120, width: 1200, height: 700 },
      charts: { x: 1320, y: 120, width: 1040, height: 700 },
    });
    expect(decoded.width).toBe(2400);
    expect(decoded.colours.map).toBeGreaterThan(50);
    expect(decoded.colours.charts).toBeGreaterThan(20);
    // The screen's dark background, not the dashboard's white paper.
    expect(decoded.background.reduce((sum, channel) => sum + channel, 0)).toBeLessThan(120);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("opens from a revocable link with no personal login, for the link's unit only, until revoked", async () => {
    // The city makes the link on the users page.
    const { page: admin, errors: adminErrors } = await app.newPage();
    await login(admin, app.server.url, "demo-city", { next: "/users" });
    await admin.getByTestId("link-label").fill("柯城区会议室大屏");
    await admin.getByTestId("link-unit").selectOption("KECHENG");
    await admin.getByTestId("link-create").click();
    const address = (await admin.getByTestId("link-address").textContent()) ?? "";
    expect(address).toMatch(/\/briefing#key=/); // in the fragment: never sent, never logged
    // Copied, or (no clipboard access, as over plain http) selected for Ctrl+C: either way, said so.
    await admin.getByTestId("copy-button").click();
    expect(await admin.getByTestId("copy-outcome").textContent()).toMatch(
      /^(已复制|已选中，请按 Ctrl\+C 复制)$/,
    );
    const selected = await admin.evaluate(() => window.getSelection()?.toString() ?? "");
    if (selected) expect(selected).toBe(address);
    await app.screenshot(admin, "briefing-links.png");

    // A display with no session opens it: the briefing of 柯城区, the secret gone from the address bar.
    const display = await app.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: "zh-CN",
    });
    opened.push(display);
    const screen = await display.newPage();
    await screen.goto(address);
    await screen.getByTestId("briefing-stage").waitFor({ timeout: 30_000 });
    expect(new URL(screen.url()).pathname).toBe("/briefing");
    expect(new URL(screen.url()).hash).toBe("");
    // Its unit only: one slide, 柯城区's (once the figures have come).
    await expect.poll(() => screen.getByTestId("briefing-stage").getAttribute("data-unit")).toBe("KECHENG");
    expect(await screen.locator(".briefing-dot").count()).toBe(1);

    // Revoked: the display, reloaded, is told the link no longer opens.
    const row = admin.locator('[data-testid^="link-"]', { hasText: "柯城区会议室大屏" }).first();
    await row.getByRole("button", { name: "撤销" }).click();
    await admin.getByTestId("link-revoke-dialog").getByTestId("confirm-button").click();
    await expect.poll(() => row.textContent()).toContain("已撤销");
    await screen.reload();
    await expect
      .poll(() => screen.locator(".briefing-message").textContent())
      .toContain("大屏链接无效或已撤销");
    expect(adminErrors).toEqual([]);
    await display.close();
  }, 90_000);
});
