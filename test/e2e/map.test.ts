// The whole app in a real browser: the built server on a fresh PGlite with the demo data (current
// cycle 2026), Debian's Chromium drawing the MapLibre map with WebGL, signed in as the city (whole
// region). The organisations that are not 争创对象 are drawn as hollow grey rings, listed apart in the
// legend, and their panel says why; a grade's panel says where it comes from.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DashboardSummaryDto, MeDto } from "@beltmap/api";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchTestBrowser } from "../support/app.ts";
import { login, query, sessionCookie, signInContext } from "../support/auth.ts";
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
  server = await startServer({ databaseUrl: dataDir, env: { DEMO_CLOCK: "2026-11-20T09:00:00+08:00" } });
  browser = await launchTestBrowser();
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

type Listed = { id: number; name: string; competitor: boolean };
/** The organisations that are not 争创对象, as map.organizations lists them. */
async function nonCompetitors(): Promise<Listed[]> {
  return (await query<Listed[]>(server.url, cookie, "map.organizations")).filter((o) => !o.competitor);
}

describe("the map", () => {
  it("draws every organisation of map.organizations, labelled as demo data in Chinese", async () => {
    const expected = await countOrganizations(server.url, cookie);
    expect(expected).toBeGreaterThan(1200);
    expect(new URL(page.url()).pathname).toBe("/");
    await waitForMapIdle(page, expected);
    // The sidebar comes with the map (its own chunk, loaded alongside).
    await page.getByTestId("tier-count-NON_COMPETITOR").waitFor();
    expect(await page.getByTestId("demo-badge").textContent()).toBe("示例数据");
    expect(await page.locator("h1").textContent()).toBe("百企示范、千企争先");
    expect(await page.getByTestId("status-line").textContent()).toContain(`${expected} / ${expected}`);
    const legendTotal = await page.$$eval('[data-testid^="tier-count-"]', (cells) =>
      cells.reduce((sum, cell) => sum + Number(cell.textContent), 0),
    );
    expect(legendTotal).toBe(expected);
    // The organisations not scored: counted apart in the legend, drawn, marked in no tier.
    const all = await query<{ competitor: boolean }[]>(server.url, cookie, "map.organizations");
    const others = all.filter((o) => !o.competitor).length;
    expect(others).toBeGreaterThan(0);
    expect(await page.getByTestId("tier-count-NON_COMPETITOR").textContent()).toBe(String(others));
    expect(await page.getByTestId("map-cycle").textContent()).toBe("2026 年度");
    expect(await page.getByTestId("summary-title").textContent()).toBe("2026 年度 · 示范点（优秀）");
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
    // The non-competitors off (they have no tier or score): the point hovered is a 争创对象.
    await page.getByTestId("tier-count-NON_COMPETITOR").click();
    await waitForMapIdle(
      page,
      (await countOrganizations(server.url, cookie)) - (await nonCompetitors()).length,
    );
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
    expect(await page.getByTestId("org-setup-kind").textContent()).toBe("单建");
    expect(await page.getByTestId("org-entity-operated").textContent()).toBe("是");
    await page.screenshot({ path: path.join(ARTIFACTS, "map-panel.png") });
    await page.getByTestId("tier-count-NON_COMPETITOR").click();
    await waitForMapIdle(page, await countOrganizations(server.url, cookie));
  }, 30_000);

  it("marks an organisation that is not a 争创对象 and says why in its panel", async () => {
    const [other] = await nonCompetitors();
    if (!other) throw new Error("the demo has no non-competitor");
    await page.getByTestId("search").fill(other.name);
    await expect.poll(() => page.getByTestId("org-name").textContent()).toBe(other.name);
    await page.waitForFunction(
      () => (window.beltmap?.map.getZoom() ?? 0) >= 12 && !window.beltmap?.map.isMoving(),
    );
    expect(await page.getByTestId("org-not-competitor").textContent()).toBe("非争创对象");
    expect(await page.getByTestId("org-not-competitor-reason").textContent()).toMatch(
      /^该党组织为(联建|非实体运作|联建、非实体运作)，不是“百企示范、千企争先”争创对象，不参加评分$/,
    );
    expect(await page.getByTestId("org-setup-kind").textContent()).toMatch(/^(单建|联建)$/);
    expect(await page.getByTestId("org-entity-operated").textContent()).toMatch(/^(是|否)$/);
    // Not scored: no scores table, no grade.
    expect(await page.getByTestId("org-panel").locator("table.stages").count()).toBe(0);
    // Drawn as a hollow ring: its point carries the non-competitor mark, not a tier.
    const drawn = await page.evaluate((id) => {
      const map = window.beltmap?.map;
      const feature = map
        ?.queryRenderedFeatures({ layers: ["organizations", "special-towns"] })
        .find((f) => f.id === id);
      return feature?.properties.tier;
    }, other.id);
    expect(drawn).toBe("NON_COMPETITOR");
    const popup = page.locator(".maplibregl-popup");
    const at = await page.evaluate((id) => {
      const map = window.beltmap?.map;
      const feature = map
        ?.queryRenderedFeatures({ layers: ["organizations", "special-towns"] })
        .find((f) => f.id === id);
      if (!map || !feature || feature.geometry.type !== "Point") throw new Error("not drawn");
      const point = map.project(feature.geometry.coordinates as [number, number]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    }, other.id);
    await page.mouse.move(at.x, at.y);
    await expect
      .poll(() => popup.locator(".tooltip-line").textContent())
      .toBe("非争创对象（联建或非实体运作）· 不参加评分");
    await page.screenshot({ path: path.join(ARTIFACTS, "map-non-competitor.png") });
    await page.mouse.move(5, 5);
  }, 30_000);

  it("says where an official grade comes from: this year's 评定, a re-review, or the year before", async () => {
    for (const [id, source] of [
      [212, "动态管理调整"],
      [5, "沿用上一年度评定"],
      [497, "本年度市级评定"],
    ] as const) {
      const organization = await query<{ name: string; gradeSource: string }>(
        server.url,
        cookie,
        "map.organization",
        {
          id,
        },
      );
      await page.getByTestId("search").fill(organization.name);
      await expect.poll(() => page.getByTestId("org-name").textContent()).toBe(organization.name);
      await expect.poll(() => page.getByTestId("org-grade-source").textContent()).toBe(`等级来源：${source}`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, "map-grade-source.png") });
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
    await page.getByTestId("search").fill("");
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

describe("the map opens on the user's own unit", () => {
  it("for a township's and an organisation's user on a phone: its own 示范点, 柯城区's quota use apart", async () => {
    // What 柯城区's county user sees: all of the unit's 示范点 against its quota.
    const county = await query<DashboardSummaryDto>(
      server.url,
      await sessionCookie(server.url, "demo-county"),
      "dashboard.summary",
    );
    const kecheng = county.perUnit.find((u) => u.unitId === "KECHENG");
    expect(kecheng?.quotaUsed).toBe(kecheng?.excellent);
    for (const user of ["demo-county", "demo-township", "demo-org"] as const) {
      const userCookie = await sessionCookie(server.url, user);
      const me = await query<MeDto>(server.url, userCookie, "auth.me");
      const summary = await query<DashboardSummaryDto>(server.url, userCookie, "dashboard.summary");
      const own = summary.perUnit.find((u) => u.unitId === "KECHENG");
      // The quota is used by the whole unit, whoever reads it; the count is of the reader's region.
      expect(own?.quotaUsed, user).toBe(kecheng?.quotaUsed);
      const partOfUnit = user !== "demo-county";
      expect(summary.region, user).toEqual({ level: me.region.level, name: me.regionName, partOfUnit });
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
      try {
        const phone = await context.newPage();
        await login(phone, server.url, user, { next: "/" });
        await expect
          .poll(() => phone.getByTestId("unit-filter").inputValue(), { message: user })
          .toBe("KECHENG");
        const card = phone.getByTestId("summary-card");
        await expect
          .poll(() => card.getByTestId("summary-title").textContent(), { message: user })
          .toMatch(new RegExp(`^${partOfUnit ? me.regionName : "柯城区"} · `));
        const figure = await card.locator("strong").first().textContent();
        expect(Number(figure), user).toBe(own?.excellent);
        expect(await card.getByTestId("summary-of").textContent(), user).toBe(
          partOfUnit
            ? ` / 柯城区名额 ${kecheng?.quota} 个，已用 ${kecheng?.quotaUsed} 个`
            : ` / 名额 ${kecheng?.quota} 个`,
        );
        if (user === "demo-township")
          await phone.screenshot({ path: path.join(ARTIFACTS, "map-township-390x844.png") });
      } finally {
        await context.close();
      }
    }
  }, 120_000);
});

describe("the map at every size", () => {
  it("draws at 390×844, 1366×768, 1920×1080 and 3840×2160", async () => {
    const expected = await countOrganizations(server.url, cookie);
    for (const [width, height] of [
      [390, 844],
      [1366, 768],
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height }, locale: "zh-CN" });
      await signInContext(context, server.url, "demo-city");
      const sized = await context.newPage();
      await sized.goto(`${server.url}/`);
      await sized.waitForFunction(
        () => document.querySelector('[data-testid="map"]')?.getAttribute("data-map-idle") === "true",
      );
      // The whole region in view, legend and all.
      await sized.getByTestId("tier-count-NON_COMPETITOR").waitFor();
      if (width > 390) await waitForMapIdle(sized, expected);
      await sized.screenshot({ path: path.join(ARTIFACTS, `map-${width}x${height}.png`) });
      await context.close();
    }
  }, 120_000);
});
