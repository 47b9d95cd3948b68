// The dashboard (看板) in a browser, on the demo's reference date (2026-11-20, current cycle 2026): a
// leader lands on it; the map and every chart draw; the headline (the cycle, 示范点 against 100,
// 典型做法 against 50, the non-competitors apart) equals dashboard.summary; each unit's state for the
// belt plan and 附件2 replaces the old countdowns (常山县 overdue, 衢江区 late, and no "已截止" for
// anybody); the 委员联系点 count; a county user sees its own unit's states; a click on a unit's bar
// filters the map and the figures to it and back; the view (unit, heatmaps, clusters) lives in the
// URL; the PNG export names the cycle.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, startApp, type TestApp } from "../support/app.ts";
import { login, query, sessionCookie, signInContext } from "../support/auth.ts";
import { waitForDashboardReady } from "../support/map.ts";
import { pngColours } from "../support/png.ts";

type Summary = {
  cycle: { year: number };
  excellentOfficial: number;
  excellentDetermined: number;
  excellentProvisional: number;
  practicesTotal: number;
  nonCompetitors: number;
  perUnit: { unitId: string; excellent: number; quota: number }[];
  roster: { sites: number; sitesWithContact: number; membersWithoutSite: number };
};

let app: TestApp;

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: "2026-11-20T09:00:00+08:00" } });
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

describe("the dashboard", () => {
  it("is a leader's first page: the map and every chart drawn, the headline as dashboard.summary says", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-leader");
    const summary = await query<Summary>(app.server.url, cookie, "dashboard.summary");
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-leader");
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    await waitForDashboardReady(page);
    expect(summary.cycle.year).toBe(2026);
    expect(await page.getByTestId("dashboard-cycle").textContent()).toBe("2026 年度 · 全市");
    expect(await page.getByTestId("map-cycle").textContent()).toBe("2026 年度");
    expect(await page.getByTestId("progress-number").textContent()).toBe(String(summary.excellentOfficial));
    expect(await page.getByTestId("progress-figure").textContent()).toContain("/ 目标 100 个");
    expect(await page.getByTestId("practices-number").textContent()).toBe(String(summary.practicesTotal));
    // This cycle's 评定 apart from the standing sites (they overlap: never added up).
    expect(await page.getByTestId("this-cycle-note").textContent()).toBe(
      `本年度已评定优秀 ${summary.excellentDetermined} 个，暂定优秀 ${summary.excellentProvisional} 个`,
    );
    expect(await page.getByTestId("practices-figure").textContent()).toContain("/ 目标 50 个");
    expect(await page.getByTestId("non-competitors").textContent()).toBe(
      `另有 ${summary.nonCompetitors} 个非争创对象（联建或非实体运作），不参加评分`,
    );
    expect(await page.getByTestId("data-time").textContent()).toMatch(/数据时间：2026\/11\/20/);
    // The tiers against the seed's counts, over all 争创对象.
    expect(await page.getByTestId("chart-tiers-card").textContent()).toContain(
      "目标约 100 / 400 / 600 / 100 个",
    );
    await app.screenshot(page, "dashboard.png");
    expect(errors).toEqual([]);
  }, 60_000);

  it("says each unit's state for the belt plan and 附件2, who is late by name, never a blanket 已截止", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const summary = await query<Summary>(app.server.url, cookie, "dashboard.summary");
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/dashboard" });
    await waitForDashboardReady(page);
    const reports = page.getByTestId("reports");
    await reports.scrollIntoViewIfNeeded();
    expect(await page.getByTestId("report-tally-beltPlan").textContent()).toBe(
      "示范带创建方案 11月10日截止按期报送 6逾期报送 1逾期未报送 1",
    );
    expect(await page.getByTestId("report-tally-appendix2").textContent()).toBe(
      "初评结果汇总表（附件2） 12月20日截止按期报送 3未到期未报送 6",
    );
    const row = (unitId: string) => page.getByTestId(`report-unit-${unitId}`).locator("td");
    expect(await row("CHANGSHAN").allTextContents()).toEqual(["逾期未报送 10 天", "未报送，剩 30 天"]);
    expect(await row("QUJIANG").allTextContents()).toEqual(["逾期 4 天报送市级已通过", "未报送，剩 30 天"]);
    expect(await row("LONGYOU").allTextContents()).toEqual(["已按期报送市级已通过", "已按期报送市级已接收"]);
    expect(await row("JINGXIN").allTextContents()).toEqual(["不建示范带", "未报送，剩 30 天"]);
    expect(await row("GREEN_ZONE").allTextContents()).toEqual([
      "已按期报送市级已通过",
      "已按期报送已退回，待重新报送",
    ]);
    expect(await page.getByTestId("dashboard").textContent()).not.toContain("已截止");
    await app.screenshot(page, "dashboard-reports.png");
    // 委员联系点, for the region and per unit.
    const roster = page.getByTestId("roster-total");
    expect(await roster.textContent()).toBe(
      `委员联系点：${summary.roster.sitesWithContact} / ${summary.roster.sites} 个示范点有联系委员；${summary.roster.membersWithoutSite} 名委员未联系示范点`,
    );
    await page.getByTestId("roster").scrollIntoViewIfNeeded();
    await app.screenshot(page, "dashboard-roster.png");
    // A unit's name in the table filters the page to it: its own states only.
    await page.getByTestId("report-unit-CHANGSHAN").getByRole("button", { name: "常山县" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("unit")).toBe("CHANGSHAN");
    await expect.poll(() => page.getByTestId("report-plan").textContent()).toBe("逾期未报送 10 天");
    expect(await page.getByTestId("report-appendix2").textContent()).toBe("未报送，剩 30 天");
    expect(await page.getByTestId("dashboard-cycle").textContent()).toBe("2026 年度 · 常山县");
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows a county user its own unit's states and count", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/dashboard" });
    await waitForDashboardReady(page);
    expect(await page.getByTestId("dashboard-cycle").textContent()).toBe("2026 年度 · 柯城区");
    // 柯城区 sent its belt plan on time (the city returned it for changes); 附件2 still open.
    await expect.poll(() => page.getByTestId("report-plan").textContent()).toBe("已按期报送已退回修改");
    expect(await page.getByTestId("report-appendix2").textContent()).toBe("未报送，剩 30 天");
    expect(await page.getByTestId("roster-total").textContent()).toBe(
      "委员联系点：12 / 12 个示范点有联系委员；12 名委员均已联系示范点",
    );
    expect(await page.getByTestId("dashboard").textContent()).not.toContain("已截止");
    await page.getByTestId("reports").scrollIntoViewIfNeeded();
    await app.screenshot(page, "dashboard-county.png");
    expect(errors).toEqual([]);
  }, 60_000);

  it("filters the map and the figures to a unit clicked in a chart, and back", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const summary = await query<Summary>(app.server.url, cookie, "dashboard.summary");
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/dashboard" });
    await waitForDashboardReady(page);
    // 龙游县 is the sixth unit of the quota chart (Appendix 3 order): click inside its bar.
    const index = summary.perUnit.findIndex((u) => u.unitId === "LONGYOU");
    await page.getByTestId("chart-quotas").scrollIntoViewIfNeeded();
    const at = await page.evaluate((index) => {
      const chart = window.beltmapCharts?.["chart-quotas"];
      const element = document.querySelector('[data-testid="chart-quotas"]');
      if (!chart || !element) throw new Error("no quota chart");
      const [x = 0, y = 0] = chart.convertToPixel({ seriesIndex: 0 }, [1, index]);
      const box = element.getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    }, index);
    // Hovering the bar names the unit and its figures (an HTML tip: no ECharts tooltip is bundled).
    await page.mouse.move(at.x, at.y);
    await expect
      .poll(() => page.getByTestId("chart-quotas-tip").textContent())
      .toBe(`龙游县 ${summary.perUnit[index]?.excellent} / ${summary.perUnit[index]?.quota}`);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => new URL(page.url()).searchParams.get("unit")).toBe("LONGYOU");
    const longyou = summary.perUnit[index];
    await expect
      .poll(() => page.getByTestId("progress-number").textContent())
      .toBe(String(longyou?.excellent));
    // The map flies to the unit: its bounds now lie within 龙游县's part of Quzhou.
    await expect
      .poll(() => page.evaluate(() => window.beltmap?.map.getCenter().lng ?? 0), { timeout: 10_000 })
      .toBeGreaterThan(119.1);
    await page.getByTestId("unit-chip").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("unit")).toBeNull();
    await expect
      .poll(() => page.getByTestId("progress-number").textContent())
      .toBe(String(summary.excellentOfficial));
    expect(errors).toEqual([]);
  }, 60_000);

  it("reopens the same view from its link: unit, heatmaps and clusters", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", {
      next: "/dashboard?unit=KECHENG&heat=DEMONSTRATION,WARNING&clusters=1",
    });
    await waitForDashboardReady(page);
    expect(await page.getByTestId("heat-DEMONSTRATION").isChecked()).toBe(true);
    expect(await page.getByTestId("heat-WARNING").isChecked()).toBe(true);
    expect(await page.getByTestId("heat-CONSOLIDATION").isChecked()).toBe(false);
    expect(await page.getByTestId("clusters").isChecked()).toBe(true);
    expect(await page.getByTestId("unit-chip").textContent()).toContain("柯城区");
    const visible = await page.evaluate(() => {
      const map = window.beltmap?.map;
      return ["heat-DEMONSTRATION", "heat-WARNING", "heat-CONSOLIDATION", "cluster-circles"].map((id) =>
        map?.getLayoutProperty(id, "visibility"),
      );
    });
    expect(visible).toEqual(["visible", "visible", "none", "visible"]);
    await app.screenshot(page, "dashboard-heat.png");
    expect(errors).toEqual([]);
  }, 60_000);

  it("exports one PNG holding the drawn map and the charts", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/dashboard" });
    await waitForDashboardReady(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-png").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^工作进度-2026年度-全市-2026-11-20\.png$/);
    await download.saveAs(path.join(ARTIFACTS, "dashboard-export.png"));
    const png = await readFile((await download.path()) ?? "");
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    // Decoded in the browser: the map's part and the charts' part each hold many colours.
    const decoded = await pngColours(page, png, {
      map: { x: 40, y: 120, width: 1200, height: 700 },
      charts: { x: 1320, y: 120, width: 1040, height: 700 },
    });
    expect(decoded.width).toBe(2400);
    expect(decoded.background).toEqual([255, 255, 255]);
    expect(decoded.colours.map).toBeGreaterThan(50);
    expect(decoded.colours.charts).toBeGreaterThan(20);
    // Below the map the charts run across the whole width: no empty half.
    const below = await pngColours(page, png, {
      left: { x: 40, y: 1300, width: 1200, height: 600 },
      right: { x: 1320, y: 1300, width: 1040, height: 600 },
    });
    expect(below.colours.left).toBeGreaterThan(20);
    expect(below.colours.right).toBeGreaterThan(20);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("the dashboard at every size", () => {
  it("shows its figures and cards at 390×844, 1366×768, 1920×1080 and 3840×2160", async () => {
    for (const [width, height] of [
      [390, 844],
      [1366, 768],
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      const context = await app.browser.newContext({ viewport: { width, height }, locale: "zh-CN" });
      await signInContext(context, app.server.url, "demo-city");
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${app.server.url}/dashboard`);
      await waitForDashboardReady(page);
      await page.getByTestId("reports").waitFor();
      // Nothing of the panels wider than the screen.
      const panels = await page.evaluate(() => {
        const element = document.querySelector(".dashboard-panels");
        return element ? { scroll: element.scrollWidth, client: element.clientWidth } : null;
      });
      expect(panels && panels.scroll <= panels.client + 1, `panels at ${width}`).toBe(true);
      // The legend starts folded on a phone, where it would cover most of the map; open elsewhere.
      const legend = page.getByTestId("map-legend").getByRole("button", { name: "图例" });
      expect(await legend.getAttribute("aria-expanded"), `legend at ${width}`).toBe(
        width === 390 ? "false" : "true",
      );
      await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${width}x${height}.png`) });
      if (width === 390) {
        await page.getByTestId("reports").scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(ARTIFACTS, "dashboard-390x844-reports.png") });
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);
});

describe("the dashboard's first load", () => {
  it("keeps the map's size while the rest of the page arrives: the map is not resized and redrawn", async () => {
    for (const [width, height] of [
      [1440, 900],
      [1366, 768],
      [1920, 1080],
    ] as const) {
      const context = await app.browser.newContext({ viewport: { width, height }, locale: "zh-CN" });
      await signInContext(context, app.server.url, "demo-city");
      const page = await context.newPage();
      // Every size the map's canvas takes, from the moment the map is made.
      await page.addInitScript(() => {
        const sizes: string[] = [];
        Object.assign(window, { mapSizes: sizes });
        const watch = () => {
          const map = window.beltmap?.map;
          if (!map) return requestAnimationFrame(watch);
          const size = () => `${map.getCanvas().width}×${map.getCanvas().height}`;
          sizes.push(size());
          map.on("resize", () => sizes.push(size()));
        };
        requestAnimationFrame(watch);
      });
      await page.goto(`${app.server.url}/dashboard`);
      await waitForDashboardReady(page);
      // What loads after the first draw: the export, the playback bar, the reports and the line.
      await page.getByTestId("export-png").waitFor();
      await page.getByTestId("playback-open").waitFor();
      await page.getByTestId("reports").waitFor();
      await page.getByTestId("chart-series").waitFor();
      const sizes = await page.evaluate(() => (window as unknown as { mapSizes: string[] }).mapSizes);
      expect(sizes, `at ${width}×${height}`).toHaveLength(1);
      await context.close();
    }
  }, 120_000);
});
