// 年度回放 (time playback) in a browser, on the demo's reference date. On the map the playback steps
// 2026 → 2017 → 2026 and the map's own data follows: 浙江博兴汽配 (upgraded to 示范 by a re-review in
// 2026) is drawn 巩固 in 2017 and 示范 in 2026, its panel says so with where the grade comes from, and
// the belts and service centers drawn are each cycle's own; stepping updates the sources' data and
// never touches the style. Playing runs through the years by itself and stops on the newest. On the
// dashboard the whole page follows the year and the line over the years draws (both years on its
// axis, every point marked). A screenshot per cycle and per page, each looked at.
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, startApp, type TestApp } from "../support/app.ts";
import { login, query, sessionCookie, signInContext } from "../support/auth.ts";
import { waitForDashboardReady } from "../support/map.ts";

const CLOCK = "2026-11-20T09:00:00+08:00";
/** 浙江博兴汽配股份有限公司党委 (柯城区): 巩固 in 2017, upgraded to 示范 (备案) in March 2026. */
const UPGRADED = 212;

type Cycle = { id: number; year: number; isCurrent: boolean };
type Organization = { id: number; name: string; tier: string | null; competitor: boolean };
type Belt = { id: number; stops: unknown[] };
type Center = { id: number };
type Summary = { practicesTotal: number; excellentOfficial: number };

let app: TestApp;
let cookie: string;
let cycles: Cycle[];
const byYear = (year: number) => {
  const cycle = cycles.find((c) => c.year === year);
  if (!cycle) throw new Error(`no cycle ${year}`);
  return cycle;
};
const inputOf = (year: number) => (byYear(year).isCurrent ? {} : { cycleId: byYear(year).id });

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: CLOCK } });
  cookie = await sessionCookie(app.server.url, "demo-city");
  cycles = await query<Cycle[]>(app.server.url, cookie, "cycle.list");
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

/** What the map has now: an organisation's tier as drawn, the belts' and the centers' ids in its sources. */
function drawn(page: Page, organizationId: number) {
  return page.evaluate(async (id) => {
    const map = window.beltmap?.map;
    if (!map) throw new Error("map not exposed");
    const organization = map.querySourceFeatures("organizations").find((f) => f.id === id);
    const ids = async (source: string) => {
      const data = (await map.getSource<import("maplibre-gl").GeoJSONSource>(source)?.getData()) as
        | GeoJSON.FeatureCollection
        | undefined;
      return [...new Set((data?.features ?? []).map((f) => Number(f.id)))].sort((a, b) => a - b);
    };
    return {
      tier: organization?.properties.tier as string | undefined,
      belts: await ids("belt-lines"),
      centers: await ids("service-centers"),
    };
  }, organizationId);
}

/** Waits until the map has drawn what it was given (wherever it looks: a linked organisation zooms in). */
async function mapIdle(page: Page) {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="map"]')?.getAttribute("data-map-idle") === "true",
    undefined,
    { timeout: 30_000, polling: 50 },
  );
}

/** Waits until the page shows `year`'s data (not the previous cycle's kept while it loads). */
async function shows(page: Page, testId: string, year: number) {
  await page.waitForFunction(
    ({ testId, year }) => {
      const element = document.querySelector(`[data-testid="${testId}"]`);
      return (
        element?.getAttribute("data-cycle-year") === String(year) &&
        element.getAttribute("data-cycle-loading") === "false"
      );
    },
    { testId, year },
    { timeout: 20_000, polling: 50 },
  );
}

describe("年度回放 on the map", () => {
  it("steps 2026 → 2017 → 2026: tiers, belts and centers of each cycle, the style untouched", async () => {
    const [orgs2017, orgs2026] = await Promise.all(
      [2017, 2026].map((year) =>
        query<Organization[]>(app.server.url, cookie, "map.organizations", inputOf(year)),
      ),
    );
    const tierOf = (orgs: Organization[] | undefined) => orgs?.find((o) => o.id === UPGRADED)?.tier;
    expect([tierOf(orgs2017), tierOf(orgs2026)]).toEqual(["CONSOLIDATION", "DEMONSTRATION"]);
    const belts = Object.fromEntries(
      await Promise.all(
        [2017, 2026].map(async (year) => [
          year,
          // A belt of one stop draws no line.
          (await query<Belt[]>(app.server.url, cookie, "belt.list", inputOf(year)))
            .filter((b) => b.stops.length >= 2)
            .map((b) => b.id),
        ]),
      ),
    ) as Record<number, number[]>;
    const centers = Object.fromEntries(
      await Promise.all(
        [2017, 2026].map(async (year) => [
          year,
          (await query<Center[]>(app.server.url, cookie, "map.serviceCenters", inputOf(year))).map(
            (c) => c.id,
          ),
        ]),
      ),
    ) as Record<number, number[]>;
    // Each cycle has belts and centers of its own (carried over as copies).
    expect(belts[2017]?.some((id) => belts[2026]?.includes(id))).toBe(false);

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: `/?org=${UPGRADED}` });
    await mapIdle(page);
    expect(await page.getByTestId("map-cycle").textContent()).toBe("2026 年度");
    await expect.poll(() => page.getByTestId("org-tier").textContent()).toBe("示范梯队");
    expect(await page.getByTestId("org-grade-source").textContent()).toBe("等级来源：动态管理调整");

    await page.getByTestId("playback-open").click();
    expect(await page.getByTestId("playback-year").textContent()).toBe("2026 年度");
    const style = await page.evaluate(() => {
      const map = window.beltmap?.map;
      if (!map) throw new Error("map not exposed");
      // Stepping sets the sources' data; no call may restyle the map (layers, filters, paint, style).
      const counted = window as unknown as { styleChanges: string[] };
      counted.styleChanges = [];
      const spied = map as unknown as Record<string, (...args: unknown[]) => unknown>;
      for (const name of [
        "setStyle",
        "addLayer",
        "removeLayer",
        "setFilter",
        "setPaintProperty",
        "setLayoutProperty",
        "addSource",
        "removeSource",
      ]) {
        const original = spied[name]?.bind(map);
        spied[name] = (...args: unknown[]) => {
          counted.styleChanges.push(name);
          return original?.(...args);
        };
      }
      return map.getStyle().layers.map((l) => l.id);
    });

    for (const year of [2017, 2026]) {
      await page.getByTestId(year === 2017 ? "playback-prev" : "playback-next").click();
      await shows(page, "map-workspace", year);
      const tier = year === 2017 ? "CONSOLIDATION" : "DEMONSTRATION";
      await expect.poll(() => drawn(page, UPGRADED).then((d) => d.tier), { timeout: 10_000 }).toBe(tier);
      const now = await drawn(page, UPGRADED);
      expect(now.belts).toEqual([...(belts[year] ?? [])].sort((a, b) => a - b));
      expect(now.centers).toEqual([...(centers[year] ?? [])].sort((a, b) => a - b));
      expect(await page.getByTestId("map-cycle").textContent()).toBe(`${year} 年度 · 回放`);
      expect(await page.getByTestId("summary-title").textContent()).toBe(`${year} 年度 · 示范点（优秀）`);
      // The side panel follows the year: 巩固 by the city's 2017 determination, then 示范.
      await expect
        .poll(() => page.getByTestId("org-tier").textContent())
        .toBe(year === 2017 ? "巩固梯队" : "示范梯队");
      expect(await page.getByTestId("org-grade-source").textContent()).toBe(
        year === 2017 ? "等级来源：本年度市级评定" : "等级来源：动态管理调整",
      );
      await mapIdle(page);
      await app.screenshot(page, `playback-map-${year}.png`);
    }
    const after = await page.evaluate(() => ({
      layers: window.beltmap?.map.getStyle().layers.map((l) => l.id),
      changes: (window as unknown as { styleChanges: string[] }).styleChanges,
    }));
    expect(after.layers).toEqual(style);
    expect(after.changes).toEqual([]);
    // The spy does see a restyle: a tier filter changed sets the layers' filters.
    await page.getByTestId("tier-count-WARNING").click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { styleChanges: string[] }).styleChanges))
      .toContain("setFilter");
    await page.getByTestId("tier-count-WARNING").click();

    // The line over the years, in the sidebar while playback is on.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="map-series"]')?.getAttribute("data-rendered") === "true",
    );
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it("plays through the years by itself and stops on the newest", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/" });
    await page.getByTestId("playback-open").click();
    const year = page.getByTestId("playback-year");
    const play = page.getByTestId("playback-play");
    // From the newest, playing starts over at the oldest…
    await play.click();
    await expect.poll(() => year.textContent()).toBe("2017 年度");
    expect(await play.getAttribute("aria-pressed")).toBe("true");
    expect(await play.textContent()).toBe("暂停");
    // …and moves on by itself once the interval has passed, then stops.
    await expect.poll(() => year.textContent(), { timeout: 15_000 }).toBe("2026 年度");
    await expect.poll(() => play.getAttribute("aria-pressed")).toBe("false");
    expect(await play.textContent()).toBe("播放");
    await shows(page, "map-workspace", 2026);
    // Ending playback shows the header's cycle again.
    await page.getByTestId("playback-close").click();
    await expect.poll(() => page.getByTestId("map-cycle").textContent()).toBe("2026 年度");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe("年度回放 on the dashboard", () => {
  it("draws the line over the years and takes the whole page back to 2017", async () => {
    const [s2017, s2026] = await Promise.all(
      [2017, 2026].map((year) => query<Summary>(app.server.url, cookie, "dashboard.summary", inputOf(year))),
    );
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/dashboard" });
    await waitForDashboardReady(page);
    // The line chart (its own lazily loaded chunk) draws: both years, three lines, every point marked.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="chart-series"]')?.getAttribute("data-rendered") === "true",
      undefined,
      { timeout: 20_000 },
    );
    const line = await page.evaluate(() => {
      const chart = window.beltmapCharts?.["chart-series"] as unknown as
        | { getOption: () => unknown }
        | undefined;
      if (!chart) throw new Error("no line chart");
      const option = chart.getOption() as {
        xAxis: { data: (string | { value: string })[] }[];
        series: { type: string; showSymbol: boolean; data: unknown[] }[];
      };
      return {
        years: option.xAxis[0]?.data.map((d) => (typeof d === "string" ? d : d.value)),
        series: option.series.map((s) => [s.type, s.showSymbol, s.data.length]),
      };
    });
    expect(line.years).toEqual(["2017 年度", "2026 年度"]);
    expect(line.series).toEqual([
      ["line", true, 2],
      ["line", true, 2],
      ["line", true, 2],
    ]);
    await page.getByTestId("chart-series").scrollIntoViewIfNeeded();
    await app.screenshot(page, "playback-dashboard-series.png");

    expect(await page.getByTestId("dashboard-cycle").textContent()).toBe("2026 年度 · 全市");
    await page.getByTestId("playback-open").click();
    await page.getByTestId("playback-prev").click();
    await shows(page, "dashboard", 2017);
    await waitForDashboardReady(page);
    expect(await page.getByTestId("dashboard-cycle").textContent()).toBe("2017 年度 · 全市（年度回放）");
    expect(await page.getByTestId("practices-number").textContent()).toBe(String(s2017?.practicesTotal));
    expect(await page.getByTestId("map-cycle").textContent()).toBe("2017 年度 · 回放");
    await page.getByTestId("dashboard-cycle").scrollIntoViewIfNeeded();
    await app.screenshot(page, "playback-dashboard-2017.png");
    await page.getByTestId("playback-next").click();
    await shows(page, "dashboard", 2026);
    expect(await page.getByTestId("practices-number").textContent()).toBe(String(s2026?.practicesTotal));
    expect(s2017?.practicesTotal).not.toBe(s2026?.practicesTotal); // 摘牌 released one in 2026
    await app.screenshot(page, "playback-dashboard-2026.png");
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it("looks right at 390×844, 1366×768, 1920×1080 and 3840×2160 while playing back", async () => {
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
      await page.goto(`${app.server.url}/`);
      await page.getByTestId("playback-open").click();
      await page.getByTestId("playback-prev").click();
      await shows(page, "map-workspace", 2017);
      // Every control of the bar is on screen.
      for (const id of ["playback-prev", "playback-next", "playback-play", "playback-close"]) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width, `${id} at ${width}`).toBe(true);
      }
      await mapIdle(page);
      await page.screenshot({ path: path.join(ARTIFACTS, `playback-map-${width}x${height}.png`) });
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
