// The dashboard (看板) in a browser: a leader lands on it; the map and every chart draw; the
// headline equals dashboard.summary; a click on a unit's bar filters the map and the figures to it
// and back; the view (unit, heatmaps, clusters) lives in the URL.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, startApp, type TestApp } from "../support/app.ts";
import { login, query, sessionCookie } from "../support/auth.ts";
import { waitForDashboardReady } from "../support/map.ts";
import { pngColours } from "../support/png.ts";

type Summary = {
  excellentOfficial: number;
  perUnit: { unitId: string; excellent: number; quota: number }[];
};

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
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
    expect(await page.getByTestId("progress-number").textContent()).toBe(String(summary.excellentOfficial));
    expect(await page.getByTestId("data-time").textContent()).toMatch(/数据时间：\d{4}\/\d{2}\/\d{2}/);
    await app.screenshot(page, "dashboard.png");
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
    expect(download.suggestedFilename()).toMatch(/^工作进度-全市-\d{4}-\d{2}-\d{2}\.png$/);
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
    expect(errors).toEqual([]);
  }, 60_000);
});
