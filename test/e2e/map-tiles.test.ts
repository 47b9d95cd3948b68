// The map of a region too large to send whole, drawn from the API's vector tiles: the demo data on
// a server told to tile from the first organisation (MAP_TILES_ABOVE=0), so the same 1,260
// organisations the whole-list map draws must come out of the tiles, clustered by the server at
// low zoom, filtered on the server, searched on the server and opened per click.
import type { AppInfoDto, MapTileSetDto } from "@beltmap/api";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { query, sessionCookie, signInContext } from "../support/auth.ts";
import { countOrganizations, waitForDashboardReady, waitForMapIdle } from "../support/map.ts";

let app: TestApp;
let page: Page;
let errors: string[];
let cookie: string;
let tileSet: MapTileSetDto;
const requests: string[] = [];

beforeAll(async () => {
  app = await startApp({ env: { MAP_TILES_ABOVE: "0", DEMO_CLOCK: "2026-11-20T09:00:00+08:00" } });
  const opened = await app.newPage();
  page = opened.page;
  errors = opened.errors;
  page.on("request", (request: Request) => requests.push(request.url()));
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInContext(opened.context, app.server.url, "demo-city");
  cookie = await sessionCookie(app.server.url, "demo-city");
  tileSet = await query<MapTileSetDto>(app.server.url, cookie, "map.tileSet");
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

/** The count the sidebar shows for the unit (null: all) and categories. */
function countOf(unitId: string | null, categories?: readonly string[]): number {
  return tileSet.units
    .filter((u) => unitId === null || u.unitId === unitId)
    .reduce(
      (sum, u) =>
        sum +
        Object.entries(u.counts)
          .filter(([category]) => !categories || categories.includes(category))
          .reduce((s, [, n]) => s + n, 0),
      0,
    );
}

/** Waits until the map has flown in past the clusters and draws the organisation as a point. */
function waitForPointDrawn(page: Page, id: number) {
  return page.waitForFunction(
    (wanted) => {
      const map = window.beltmap?.map;
      if (!map || map.isMoving() || map.getZoom() < 12) return false;
      return map
        .queryRenderedFeatures({ layers: ["organizations", "special-towns"] })
        .some((f) => f.id === wanted);
    },
    id,
    { timeout: 30_000, polling: 50 },
  );
}

describe("the tiled map", () => {
  it("draws every organisation from tiles, clustered at city zoom, without the whole list", async () => {
    const expected = await countOrganizations(app.server.url, cookie);
    expect((await query<AppInfoDto>(app.server.url, cookie, "meta.info")).mapTiled).toBe(true);
    expect(tileSet.total).toBe(expected);
    await page.goto(`${app.server.url}/`);
    await waitForMapIdle(page, expected, 60_000);
    expect(await page.getByTestId("status-line").textContent()).toContain(`${expected} / ${expected}`);
    const legendTotal = await page.$$eval('[data-testid^="tier-count-"]', (cells) =>
      cells.reduce((sum, cell) => sum + Number(cell.textContent), 0),
    );
    expect(legendTotal).toBe(expected);
    expect(requests.some((url) => url.includes("/tiles/organizations/"))).toBe(true);
    expect(requests.some((url) => url.includes("map.organizations"))).toBe(false);
    const clusters = await page.evaluate(
      () => window.beltmap?.map.queryRenderedFeatures({ layers: ["cluster-circles"] }).length ?? 0,
    );
    expect(clusters).toBeGreaterThan(0);
    expect(await page.getByTestId("clusters").isDisabled()).toBe(true);
    await app.screenshot(page, "map-tiles-1440x900.png");
  }, 90_000);

  it("filters a unit and a tier on the server: exactly those organisations are drawn", async () => {
    await page.getByTestId("unit-filter").selectOption("KAIHUA");
    const kaihua = countOf("KAIHUA");
    expect(kaihua).toBe(await countOrganizations(app.server.url, cookie, { unitId: "KAIHUA" }));
    await waitForMapIdle(page, kaihua);
    await page.getByRole("checkbox").first().uncheck(); // 示范梯队
    const withoutDemonstration = kaihua - countOf("KAIHUA", ["DEMONSTRATION"]);
    await waitForMapIdle(page, withoutDemonstration);
    expect(await page.getByTestId("status-line").textContent()).toContain(`${withoutDemonstration} / `);
    expect(requests.some((url) => /\/tiles\/organizations\/.*unit=KAIHUA/.test(url))).toBe(true);
    await page.getByRole("checkbox").first().check();
    await waitForMapIdle(page, kaihua);
    await page.getByTestId("unit-filter").selectOption("");
    await waitForMapIdle(page, countOf(null));
  }, 60_000);

  it("finds an organisation on the server, flies there and opens it", async () => {
    const hits = await query<{ id: number; name: string }[]>(app.server.url, cookie, "map.search", {
      text: "小镇",
    });
    const target = hits[0];
    if (!target) throw new Error("no 小镇 in the demo data");
    const search = page.getByTestId("search");
    await search.fill(target.name);
    await search.press("Enter");
    await expect
      .poll(() => page.getByTestId("org-name").textContent(), { timeout: 15_000 })
      .toBe(target.name);
    // Flown in past the clusters: the organisation itself is drawn as a point.
    await waitForPointDrawn(page, target.id);
    await app.screenshot(page, "map-tiles-search.png");
  }, 60_000);

  it("flies to an organisation a link names (?org=), from its details", async () => {
    const [target] = await query<{ id: number; name: string }[]>(app.server.url, cookie, "map.search", {
      text: "党委",
    });
    if (!target) throw new Error("no 党委 in the demo data");
    await page.goto(`${app.server.url}/?org=${target.id}`);
    await expect
      .poll(() => page.getByTestId("org-name").textContent(), { timeout: 30_000 })
      .toBe(target.name);
    await waitForPointDrawn(page, target.id);
    await page.goto(`${app.server.url}/`);
  }, 60_000);

  it("opens a cluster where it is clicked", async () => {
    // A unit and straight back to the city, faster than the map can fly: the last choice holds
    // (MapLibre kept the first choice's tiles when the tiles changed while they were loading).
    await page.getByTestId("unit-filter").selectOption("KECHENG");
    await page.getByTestId("unit-filter").selectOption("");
    await waitForMapIdle(page, countOf(null), 30_000);
    const before = await page.evaluate(() => window.beltmap?.map.getZoom() ?? 0);
    const bubble = await page.evaluate(() => {
      const map = window.beltmap?.map;
      if (!map) throw new Error("map not exposed");
      const canvas = map.getCanvas().getBoundingClientRect();
      const feature = map
        .queryRenderedFeatures({ layers: ["cluster-circles"] })
        .map((f) => map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]))
        .find((p) => p.x > 80 && p.y > 80 && p.x < canvas.width - 80 && p.y < canvas.height - 80);
      if (!feature) throw new Error("no cluster drawn");
      return { x: canvas.left + feature.x, y: canvas.top + feature.y };
    });
    await page.mouse.click(bubble.x, bubble.y);
    await page.waitForFunction(
      (zoom) => {
        const map = window.beltmap?.map;
        return map !== undefined && !map.isMoving() && map.getZoom() > zoom + 0.5;
      },
      before,
      { timeout: 15_000, polling: 50 },
    );
  }, 60_000);

  it("draws at 390×844, 1366×768, 1920×1080 and 3840×2160, with a tier's heat from the clusters", async () => {
    for (const [width, height] of [
      [390, 844],
      [1366, 768],
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      const { context, page: sized, errors: sizedErrors } = await app.newPage();
      await sized.setViewportSize({ width, height });
      await signInContext(context, app.server.url, "demo-city");
      await sized.goto(`${app.server.url}/`);
      await sized.getByTestId("tier-count-NON_COMPETITOR").waitFor();
      // On a phone the region does not fit whole: some organisations lie outside the view.
      if (width > 390) await waitForMapIdle(sized, countOf(null), 60_000);
      else
        await sized.waitForFunction(
          () => document.querySelector('[data-testid="map"]')?.getAttribute("data-map-idle") === "true",
        );
      await sized.getByTestId("heat-WARNING").check();
      // The heat is drawn (from points and clusters alike: the tiles are clustered at this zoom).
      await sized.waitForFunction(
        () => (window.beltmap?.map.queryRenderedFeatures({ layers: ["heat-WARNING"] }).length ?? 0) > 0,
        undefined,
        { timeout: 30_000, polling: 50 },
      );
      await sized.waitForFunction(
        () => document.querySelector('[data-testid="map"]')?.getAttribute("data-map-idle") === "true",
      );
      await app.screenshot(sized, `map-tiles-${width}x${height}.png`);
      expect(sizedErrors, `${width}×${height}`).toEqual([]);
      await context.close();
    }
  }, 180_000);

  it("draws the dashboard's and the 大屏's maps from tiles too, never the whole list", async () => {
    requests.length = 0;
    for (const path of ["/dashboard", "/briefing"]) {
      await page.goto(`${app.server.url}${path}`);
      if (path === "/dashboard") await waitForDashboardReady(page, 60_000);
      await page.waitForFunction(
        () => {
          const map = document.querySelector('[data-testid="map"]');
          return (
            map?.getAttribute("data-map-idle") === "true" &&
            Number(map.getAttribute("data-drawn-organizations")) > 0
          );
        },
        undefined,
        { timeout: 60_000, polling: 50 },
      );
      const clusters = await page.evaluate(
        () => window.beltmap?.map.queryRenderedFeatures({ layers: ["cluster-circles"] }).length ?? 0,
      );
      expect(clusters, path).toBeGreaterThan(0);
      await app.screenshot(page, `map-tiles${path.replace("/", "-")}.png`);
    }
    expect(requests.some((url) => url.includes("/tiles/organizations/"))).toBe(true);
    expect(requests.some((url) => url.includes("map.organizations"))).toBe(false);
  }, 120_000);

  it("logged no errors in the browser console", () => {
    expect(errors).toEqual([]);
  });
});
