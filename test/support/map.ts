// What the browser tests and the benchmark read off the running app.
import type { Page } from "playwright-core";
import { query } from "./auth.ts";

/** Waits until the map is idle with exactly `expected` organisations drawn in view. */
export async function waitForMapIdle(page: Page, expected: number, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction(
      (n) => {
        const map = document.querySelector('[data-testid="map"]');
        return (
          map?.getAttribute("data-map-idle") === "true" &&
          map.getAttribute("data-drawn-organizations") === String(n)
        );
      },
      expected,
      { timeout, polling: 10 },
    );
  } catch (error) {
    // Say what the map showed instead: a count off by some is another bug than a map never idle.
    const shown = await page
      .evaluate(() => {
        const map = document.querySelector('[data-testid="map"]');
        return `idle ${map?.getAttribute("data-map-idle")}, drawn ${map?.getAttribute("data-drawn-organizations")}`;
      })
      .catch(() => "no page");
    throw new Error(`the map did not settle with ${expected} organisations drawn (${shown})`, {
      cause: error,
    });
  }
}

/** How many organisations `map.organizations` returns to the session `cookie` for an optional input. */
export async function countOrganizations(
  baseUrl: string,
  cookie: string,
  input?: { unitId?: string; tiers?: string[] },
): Promise<number> {
  return (await query<unknown[]>(baseUrl, cookie, "map.organizations", input)).length;
}

/** How many distinct features each map layer draws in view right now. */
export function renderedCounts(page: Page, layers: string[]): Promise<Record<string, number>> {
  return page.evaluate((ids) => {
    const map = window.beltmap?.map;
    if (!map) throw new Error("map not exposed");
    return Object.fromEntries(
      ids.map((id) => {
        const features = map.queryRenderedFeatures({ layers: [id] });
        return [id, new Set(features.map((f) => f.id ?? JSON.stringify(f.geometry))).size];
      }),
    );
  }, layers);
}

/**
 * A drawn organisation well inside the canvas (clear of the controls), with its page position and
 * the name of the topmost feature there, which is what a click or a hover hits.
 */
export function organizationOnScreen(
  page: Page,
  margin = 100,
): Promise<{ x: number; y: number; name: string }> {
  return page.evaluate((inset) => {
    const map = window.beltmap?.map;
    if (!map) throw new Error("map not exposed");
    const canvas = map.getCanvas().getBoundingClientRect();
    const point = map
      .queryRenderedFeatures({ layers: ["organizations"] })
      .map((f) => map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]))
      .find((p) => p.x > inset && p.y > inset && p.x < canvas.width - inset && p.y < canvas.height - inset);
    if (!point) throw new Error("no organisation drawn");
    const top = map.queryRenderedFeatures(point, { layers: ["organizations", "special-towns"] })[0];
    return { x: canvas.left + point.x, y: canvas.top + point.y, name: String(top?.properties.name) };
  }, margin);
}

/** The charts of the dashboard (看板), by the test id suffix of each. */
export const DASHBOARD_CHARTS = ["progress", "tiers", "pipeline", "quotas", "reReviews", "compliance"];

/** Waits until the dashboard's map is idle and every chart has drawn. */
export async function waitForDashboardReady(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (charts) =>
      document.querySelector('[data-testid="map"]')?.getAttribute("data-map-idle") === "true" &&
      charts.every(
        (c) => document.querySelector(`[data-testid="chart-${c}"]`)?.getAttribute("data-rendered") === "true",
      ),
    DASHBOARD_CHARTS,
    { timeout, polling: 10 },
  );
}
