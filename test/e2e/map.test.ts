// The whole app in a real browser: the built server on a fresh PGlite with the demo data,
// Debian's Chromium drawing the MapLibre map with WebGL, signed in as the city (whole region).
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, query, sessionCookie } from "../support/auth.ts";
import { launchChromium } from "../support/browser.ts";
import { countOrganizations, organizationOnScreen, renderedCounts, waitForMapIdle } from "../support/map.ts";
import { REPO_ROOT, type RunningServer, startServer } from "../support/server.ts";

const ARTIFACTS = path.join(REPO_ROOT, "test/artifacts");
let server: RunningServer;
let browser: Browser;
let page: Page;
let dataDir: string;
/** The city's session for the API calls that tell what the map must show. */
let cookie: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "beltmap-e2e-"));
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startServer({ databaseUrl: dataDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  cookie = await sessionCookie(server.url, "demo-city");
  await login(page, server.url, "demo-city", { next: "/" });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  const code = await server?.stop();
  expect(code).toBe(0); // graceful shutdown on SIGTERM
  await rm(dataDir, { recursive: true, force: true });
});

describe("the map", () => {
  it("draws every organisation of map.organizations, labelled as demo data in Chinese", async () => {
    const expected = await countOrganizations(server.url, cookie);
    expect(expected).toBeGreaterThan(1200);
    expect(new URL(page.url()).pathname).toBe("/");
    await waitForMapIdle(page, expected);
    expect(await page.getByTestId("demo-badge").textContent()).toBe("示例数据");
    expect(await page.locator("h1").textContent()).toBe("百企示范、千企争先");
    expect(await page.getByTestId("status-line").textContent()).toContain(`${expected} / ${expected}`);
    const legendTotal = await page.$$eval('[data-testid^="tier-count-"]', (cells) =>
      cells.reduce((sum, cell) => sum + Number(cell.textContent), 0),
    );
    expect(legendTotal).toBe(expected);
    const centers = (await query<unknown[]>(server.url, cookie, "map.serviceCenters")).length;
    const drawn = await renderedCounts(page, [
      "service-centers",
      "special-towns",
      "belt-line",
      "county-label",
    ]);
    expect(drawn["service-centers"]).toBe(centers);
    expect(drawn["special-towns"]).toBeGreaterThanOrEqual(2 * 7);
    expect(drawn["belt-line"]).toBeGreaterThanOrEqual(20);
    expect(drawn["county-label"]).toBe(6);
    await page.screenshot({ path: path.join(ARTIFACTS, "map.png") });
  }, 60_000);

  it("shows a tooltip with the name, tier and score on hover", async () => {
    const target = await organizationOnScreen(page);
    await page.mouse.move(target.x, target.y);
    const popup = page.locator(".maplibregl-popup");
    await popup.waitFor({ timeout: 5_000 });
    expect(await popup.locator("strong").textContent()).toBe(target.name);
    expect(await popup.locator(".tooltip-line").textContent()).toMatch(/梯队 · [\d.]+ 分$/);
    await page.mouse.move(5, 5);
  }, 30_000);

  it("opens the side panel with stage scores when an organisation is clicked", async () => {
    const target = await organizationOnScreen(page);
    await page.mouse.click(target.x, target.y);
    const panel = page.getByTestId("org-panel");
    await panel.waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId("org-name").textContent()).toBe(target.name);
    const stages = await panel.locator("table.stages tbody tr").allTextContents();
    expect(stages).toHaveLength(4);
    expect(stages[0]).toContain("自评");
    expect(stages[3]).toContain("评定");
    await page.screenshot({ path: path.join(ARTIFACTS, "map-panel.png") });
  }, 30_000);

  it("finds an organisation by name, flies to it and opens its panel", async () => {
    const organizations = await query<{ name: string }[]>(server.url, cookie, "map.organizations");
    const name = organizations.find((o) => o.name.includes("小镇"))?.name ?? "";
    expect(name).not.toBe("");
    await page.getByTestId("search").fill(name);
    await expect.poll(() => page.getByTestId("org-name").textContent()).toBe(name);
    await page.waitForFunction(
      () => (window.beltmap?.map.getZoom() ?? 0) >= 12 && !window.beltmap?.map.isMoving(),
    );
    await page.screenshot({ path: path.join(ARTIFACTS, "map-search.png") });
  }, 30_000);

  it("filters by unit and tier, and switches to English", async () => {
    await page.getByTestId("unit-filter").selectOption("KAIHUA");
    const kaihua = await countOrganizations(server.url, cookie, { unitId: "KAIHUA" });
    await waitForMapIdle(page, kaihua);
    const numbers = await renderedCounts(page, ["belt-stop-numbers"]);
    expect(numbers["belt-stop-numbers"]).toBeGreaterThan(5); // numbered stops once zoomed to a county
    // Hide the 示范梯队 (the first tier checkbox): exactly its organisations leave the map.
    const demonstration = await countOrganizations(server.url, cookie, {
      unitId: "KAIHUA",
      tiers: ["DEMONSTRATION"],
    });
    await page.getByRole("checkbox").first().uncheck();
    await waitForMapIdle(page, kaihua - demonstration);
    expect(await page.getByTestId("status-line").textContent()).toContain(`${kaihua - demonstration} / `);
    await page.getByRole("checkbox").first().check();
    await waitForMapIdle(page, kaihua);
    await page.getByTestId("unit-filter").selectOption("");
    const zoomIn = page.locator(".maplibregl-ctrl-zoom-in");
    expect(await zoomIn.getAttribute("title")).toBe("放大");
    await page.getByRole("button", { name: "English" }).click();
    // English loads on demand (its own chunk): the page switches once it has come.
    await expect.poll(() => page.locator("h1").textContent()).toBe("Hundred Models, Thousand Contenders");
    await expect.poll(() => zoomIn.getAttribute("title")).toBe("Zoom in"); // the map's own controls too
    await page.getByRole("button", { name: "中文" }).click();
    expect(await page.locator("h1").textContent()).toBe("百企示范、千企争先");
    await expect.poll(() => zoomIn.getAttribute("title")).toBe("放大");
  }, 60_000);

  it("logged no errors in the browser console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
