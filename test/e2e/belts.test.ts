// The belt planner in a browser, on the demo's reference date (2026, the current cycle): 柯城区's
// plan came back with 2 belts and its new 示范点 on none, so its county planner draws the missing
// third belt by clicking three sites on the map (that 示范点 and a 特色小镇 among them), optimises
// and saves it, and watches the unit turn from ✗ to ✓ without a reload; undo and redo; the exported
// KML and GeoJSON and the A4 print sheet, named after the cycle; the city's matrix (开化县 awaiting
// the city, 衢江区 late, 常山县 not submitted, 江山市 and 常山县 breaking the roster rule, 龙游县 a
// 示范点 off every belt) flying to a failure and returning a plan; 2017's belts and plan, read only.
import { readFile } from "node:fs/promises";
import { orderStops } from "@beltmap/domain";
import { check as checkGeoJSON } from "@placemarkio/check-geojson";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { login, query, sessionCookie } from "../support/auth.ts";

type Compliance = {
  unitId: string;
  passed: boolean;
  planStatus: string | null;
  rules: { rule: string; passed: boolean; offendingSiteIds: number[] }[];
}[];
type Plan = {
  revision: number;
  status: string;
  belts: { id: number; name: string; stops: { name: string; lng: number; lat: number }[] }[];
};

const CLOCK = "2026-11-20T09:00:00+08:00";

let app: TestApp;

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: CLOCK } });
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="plan-map"]')?.getAttribute("data-map-idle") === "true",
    undefined,
    { timeout: 30_000, polling: 50 },
  );
}

/** Sites of the planner map's source: id, kind, and whether they are a stop of some belt. */
function mapSites(page: Page) {
  return page.evaluate(() => {
    const map = window.beltmap?.map;
    if (!map) throw new Error("no map");
    const seen = new Map<number, { id: number; kind: string; onBelt: boolean; name: string }>();
    for (const f of map.querySourceFeatures("sites")) {
      const p = f.properties as { id: number; kind: string; onBelt: boolean; name: string };
      seen.set(p.id, p);
    }
    return [...seen.values()];
  });
}

/** Clicks a site where the map draws it. */
async function clickSite(page: Page, id: number): Promise<void> {
  const at = await page.evaluate((id) => {
    const map = window.beltmap?.map;
    const feature = map?.querySourceFeatures("sites").find((f) => f.properties.id === id);
    if (!map || !feature || feature.geometry.type !== "Point") throw new Error(`site ${id} not on the map`);
    const point = map.project(feature.geometry.coordinates as [number, number]);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  }, id);
  await page.mouse.click(at.x, at.y);
}

const stopNames = (page: Page) => page.getByTestId("belt-2").getByTestId("stop-item").locator(".stop-name");

describe("the county planner", () => {
  it("draws the missing belt on the map, optimises, saves, and the unit turns ✓ without a reload", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-county");
    const before = await query<Compliance>(app.server.url, cookie, "belt.compliance");
    const kecheng = before.find((u) => u.unitId === "KECHENG");
    expect(kecheng?.passed).toBe(false);
    expect(kecheng?.planStatus).toBe("RETURNED");
    expect(kecheng?.rules.filter((r) => !r.passed).map((r) => r.rule)).toEqual(
      expect.arrayContaining(["MIN_BELTS", "EVERY_SITE_ON_A_BELT"]),
    );
    // 柯城区's 示范点 upgraded in March is on no belt yet.
    const [offSite] = kecheng?.rules.find((r) => r.rule === "EVERY_SITE_ON_A_BELT")?.offendingSiteIds ?? [];

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/belts" });
    await expect.poll(() => page.getByTestId("saved-compliance").getAttribute("data-passed")).toBe("false");
    await expect.poll(() => page.getByTestId("rule-MIN_BELTS").getAttribute("data-state")).toBe("fail");
    await expect.poll(() => page.getByTestId("plan-status").getAttribute("data-status")).toBe("RETURNED");
    await expect.poll(() => page.getByTestId("belt-1").count()).toBe(1);
    expect(await page.getByTestId("belt-2").count()).toBe(0);
    // The roster's rule is the server's (the live checks know no roster): 柯城区 keeps it.
    expect(await page.getByTestId("rule-COMMITTEE_CONTACTS").getAttribute("data-state")).toBe("pass");

    await page.getByTestId("add-belt").click();
    await mapIdle(page);
    const sites = await mapSites(page);
    const town = sites.find((s) => s.kind === "SPECIAL_TOWN");
    const site = sites.find((s) => s.id === offSite);
    const other = sites.find((s) => s.kind !== "SPECIAL_TOWN" && !s.onBelt && s.id !== offSite);
    if (!town || !site || !other) throw new Error("the demo county lacks sites to draw with");
    const clicked = [site, town, other];
    for (const site of clicked) {
      if (!site) continue;
      await clickSite(page, site.id);
      await expect
        .poll(() => stopNames(page).allTextContents())
        .toEqual(expect.arrayContaining([expect.stringContaining(site.name)]));
    }
    await expect(stopNames(page).count()).resolves.toBe(3);
    // The rules follow the draft as it is drawn, before anything is saved.
    await expect.poll(() => page.getByTestId("rule-MIN_BELTS").getAttribute("data-state")).toBe("pass");
    await expect
      .poll(() => page.getByTestId("rule-SPECIAL_TOWN_IN_EVERY_BELT").getAttribute("data-state"))
      .toBe("pass");
    await expect
      .poll(() => page.getByTestId("rule-EVERY_SITE_ON_A_BELT").getAttribute("data-state"))
      .toBe("pass");

    // Undo takes the last stop away, redo brings it back.
    await page.getByTestId("undo").click();
    await expect.poll(() => stopNames(page).count()).toBe(2);
    await page.getByTestId("redo").click();
    await expect.poll(() => stopNames(page).count()).toBe(3);

    // Optimising gives the order the domain finds shortest for the stops as clicked.
    const { candidates } = await query<{
      candidates: { id: number; name: string; lng: number; lat: number }[];
    }>(app.server.url, cookie, "plan.get", { unitId: "KECHENG" });
    const located = clicked.map((site) => candidates.find((c) => c.id === site?.id));
    const expected = orderStops(located.map((c) => [c?.lng ?? 0, c?.lat ?? 0] as const)).map(
      (i) => located[i]?.name ?? "",
    );
    const shown = async () =>
      (await stopNames(page).allTextContents()).map((text) => expected.find((name) => text.startsWith(name)));
    await page.getByTestId("optimise").click();
    await expect.poll(shown).toEqual(expected);
    // Dragging the last stop to the top reorders; undo brings the optimised order back.
    const items = page.getByTestId("belt-2").getByTestId("stop-item");
    await items.nth(2).dragTo(items.nth(0));
    await expect.poll(shown).toEqual([expected[2], expected[0], expected[1]]);
    await page.getByTestId("undo").click();
    await expect.poll(shown).toEqual(expected);
    await expect(page.getByTestId("travel-estimate").textContent()).resolves.toMatch(/估算.*×1\.3.*时速 40/);
    const orderedNames = await stopNames(page).allTextContents();

    await page.getByTestId("save-plan").click();
    await expect.poll(() => page.getByTestId("plan-notice").textContent()).toBe("已保存");
    await expect.poll(() => page.getByTestId("saved-compliance").getAttribute("data-passed")).toBe("true");
    await mapIdle(page);
    await app.screenshot(page, "belts-county-fixed.png");

    const after = await query<Compliance>(app.server.url, cookie, "belt.compliance");
    expect(after.find((u) => u.unitId === "KECHENG")?.passed).toBe(true);
    const plan = await query<Plan>(app.server.url, cookie, "plan.get", { unitId: "KECHENG" });
    expect(plan.belts).toHaveLength(3);
    const drawn = plan.belts[2]?.stops.map((s) => s.name);
    expect(orderedNames.map((text) => drawn?.find((name) => text.startsWith(name)))).toEqual(drawn);
    expect(errors).toEqual([]);
  }, 120_000);

  it("refuses a service center placed outside the county, naming it, and undo puts it back", async () => {
    const { page } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/belts" });
    await mapIdle(page);
    const placedAt = () => page.getByTestId("center-editor").locator(".field-hint").first().textContent();
    const before = await placedAt();
    await page.getByTestId("place-center").click();
    // A point in 常山县, west of 柯城区.
    const at = await page.evaluate(() => {
      const map = window.beltmap?.map;
      if (!map) throw new Error("no map");
      map.jumpTo({ center: [118.62, 28.95], zoom: 9 });
      const point = map.project([118.55, 28.95]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    });
    await page.mouse.click(at.x, at.y);
    await expect.poll(placedAt).toMatch(/设在所点位置 · 118\.5\d+, 28\.9\d+/);
    await page.getByTestId("save-plan").click();
    await expect
      .poll(() => page.getByTestId("plan-notice").textContent())
      .toContain("区域性党群服务中心须位于柯城区境内");
    await page.getByTestId("undo").click();
    await expect.poll(placedAt).toBe(before);
    await expect.poll(() => page.getByTestId("save-plan").isDisabled()).toBe(true);
  }, 60_000);

  it("submits the plan as version 2 and shows what changed since version 1", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/belts" });
    await page.getByTestId("submit-plan").click();
    await page.getByTestId("submit-dialog").getByTestId("confirm-button").click();
    await expect.poll(() => page.getByTestId("plan-status").textContent()).toContain("第 2 版");
    await expect.poll(() => page.getByTestId("plan-status").getAttribute("data-status")).toBe("SUBMITTED");
    // Frozen while the city checks it.
    await expect.poll(() => page.getByTestId("add-belt").count()).toBe(0);
    await page.getByTestId("compare-1").click();
    await page.getByTestId("compare-target").selectOption("2");
    await expect
      .poll(() => page.getByTestId("diff-summary").textContent())
      .toContain("新增示范带“柯城区示范带3”");
    await mapIdle(page);
    await app.screenshot(page, "belts-version-diff.png");
    expect(errors).toEqual([]);
  }, 60_000);

  it("exports the belts as KML with one LineString per belt, stops in order, and as valid GeoJSON", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-county");
    const plan = await query<Plan>(app.server.url, cookie, "plan.get", { unitId: "KECHENG" });
    const { page } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/belts" });
    const [kmlDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-kml").click(),
    ]);
    // The file names the cycle the belts are of.
    expect(kmlDownload.suggestedFilename()).toMatch(/^柯城区-2026年度示范带-\d{4}-\d{2}-\d{2}\.kml$/);
    const kml = await readFile((await kmlDownload.path()) ?? "", "utf8");
    expect(XMLValidator.validate(kml)).toBe(true);
    const doc = new XMLParser({ isArray: (name) => ["Folder", "Placemark"].includes(name) }).parse(kml) as {
      kml: {
        Document: {
          name: string;
          Folder: { name: string; Placemark: { LineString?: { coordinates: string } }[] }[];
        };
      };
    };
    expect(doc.kml.Document.name).toBe("柯城区2026年度示范带");
    const folders = doc.kml.Document.Folder;
    // Named as on the maps: the belt's letter, then its name.
    expect(folders.map((f) => f.name)).toEqual(
      plan.belts.map((b, i) => `${String.fromCharCode(65 + i)} · ${b.name}`),
    );
    folders.forEach((folder, i) => {
      const lines = folder.Placemark.filter((p) => p.LineString);
      expect(lines).toHaveLength(1);
      const coordinates = String(lines[0]?.LineString?.coordinates).trim().split(/\s+/);
      const expected = plan.belts[i]?.stops.map((s) => [s.lng, s.lat]) ?? [];
      expect(coordinates.map((c) => c.split(",").map(Number).slice(0, 2))).toEqual(
        expected.map(([lng, lat]) => [Number(lng?.toFixed(6)), Number(lat?.toFixed(6))]),
      );
    });

    const [jsonDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-geojson").click(),
    ]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^柯城区-2026年度示范带-\d{4}-\d{2}-\d{2}\.geojson$/);
    const geojson = await readFile((await jsonDownload.path()) ?? "", "utf8");
    const collection = checkGeoJSON(geojson);
    if (collection.type !== "FeatureCollection")
      throw new Error(`a ${collection.type}, not a FeatureCollection`);
    const lines = collection.features.filter((f) => f.geometry?.type === "LineString");
    expect(lines).toHaveLength(plan.belts.length);
    // Each line in its belt's colour on the maps (simplestyle's stroke), as the planner's cards show it.
    const cards = await page
      .locator(".belt-card .belt-badge")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-belt-color")));
    expect(lines.map((l) => l.properties?.stroke)).toEqual(cards);
  }, 60_000);

  it("prints an A4 sheet per belt with its map drawn", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/belts/print?unit=KECHENG" });
    await page.waitForSelector('[data-testid="belt-print"][data-ready="true"]', { timeout: 60_000 });
    // Every sheet's heading names the cycle.
    expect(await page.locator(".belt-sheet-plan").allTextContents()).toEqual(
      Array(3).fill("柯城区2026年度示范带创建方案"),
    );
    const images = await page.getByTestId("belt-map-image").evaluateAll((imgs) =>
      imgs.map((img) => {
        const image = img as HTMLImageElement;
        const canvas = document.createElement("canvas");
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        const ctx = canvas.getContext("2d");
        ctx?.drawImage(image, 0, 0);
        const data = ctx?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        const colours = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 97)
          colours.add((data[i] ?? 0) * 65536 + (data[i + 1] ?? 0) * 256 + (data[i + 2] ?? 0));
        return { width: image.naturalWidth, colours: colours.size };
      }),
    );
    expect(images).toHaveLength(3);
    // A drawn map, not a blank canvas: outlines, fill, route and stops make many colours.
    for (const image of images) expect(image.colours).toBeGreaterThan(10);
    await app.screenshot(page, "belts-print.png");
    expect(errors).toEqual([]);
  }, 90_000);
});

describe("the city checker", () => {
  it("sees every unit in the matrix, flies to a failure, and returns a submitted plan with a reason", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/belts" });
    const row = (unit: string) => page.getByTestId(`compliance-row-${unit}`);
    const cell = (unit: string, rule: string) => page.getByTestId(`cell-${unit}-${rule}`);
    const status = (unit: string) => page.getByTestId(`compliance-status-${unit}`);
    await expect.poll(() => row("KECHENG").getAttribute("data-passed")).toBe("true"); // fixed above
    await expect.poll(() => status("KECHENG").getAttribute("data-status")).toBe("SUBMITTED"); // v2 above
    for (const unit of ["KAIHUA", "LONGYOU", "QUJIANG", "JIANGSHAN", "CHANGSHAN"])
      await expect.poll(() => row(unit).getAttribute("data-passed")).toBe("false");
    await expect.poll(() => row("GREEN_ZONE").getAttribute("data-passed")).toBe("true");
    // 开化县 awaits the city; 衢江区 submitted late; 常山县 has not submitted.
    expect(await status("KAIHUA").getAttribute("data-status")).toBe("SUBMITTED");
    expect(await cell("QUJIANG", "PLAN_ON_TIME").getAttribute("data-state")).toBe("fail");
    expect(await status("QUJIANG").getAttribute("data-status")).toBe("ACCEPTED");
    expect(await cell("CHANGSHAN", "PLAN_ON_TIME").getAttribute("data-state")).toBe("fail");
    expect(await status("CHANGSHAN").getAttribute("data-status")).toBe("DRAFT");
    expect(await cell("LONGYOU", "EVERY_SITE_ON_A_BELT").getAttribute("data-state")).toBe("fail");
    // The roster's column: 江山市 and 常山县 break 每位委员联系一家示范点，每个示范点有联系委员.
    for (const unit of ["JIANGSHAN", "CHANGSHAN"])
      expect(await cell(unit, "COMMITTEE_CONTACTS").getAttribute("data-state")).toBe("fail");
    expect(await cell("KECHENG", "COMMITTEE_CONTACTS").getAttribute("data-state")).toBe("pass");
    expect(await page.locator("th.cm-rule-head").last().getAttribute("title")).toBe(
      "每位委员联系一家示范点，每个示范点有联系委员",
    );

    // The sites LONGYOU left off (the seed's, and one upgraded this year): a click flies the map to
    // them, all in view and closer than the city's view.
    await page.getByTestId("cell-LONGYOU-EVERY_SITE_ON_A_BELT").locator("button").click();
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const compliance = await query<Compliance>(app.server.url, cookie, "belt.compliance");
    const siteIds =
      compliance.find((u) => u.unitId === "LONGYOU")?.rules.find((r) => r.rule === "EVERY_SITE_ON_A_BELT")
        ?.offendingSiteIds ?? [];
    expect(siteIds.length).toBeGreaterThan(0);
    const plan = await query<{ candidates: { id: number; lng: number; lat: number }[] }>(
      app.server.url,
      cookie,
      "plan.get",
      { unitId: "LONGYOU" },
    );
    const offending = siteIds.map((id) => {
      const site = plan.candidates.find((c) => c.id === id);
      if (!site) throw new Error(`LONGYOU's offending site ${id} is not among its candidates`);
      return [site.lng, site.lat] as [number, number];
    });
    await expect
      .poll(
        () =>
          page.evaluate((points) => {
            const map = window.beltmap?.map;
            return map
              ? map.getZoom() >= 9.5 && points.every((point) => map.getBounds().contains(point))
              : false;
          }, offending),
        { timeout: 15_000 },
      )
      .toBe(true);
    await mapIdle(page);
    await app.screenshot(page, "belts-city-matrix.png");

    // KAIHUA's plan waits for the city: return it, a reason required.
    await page.getByTestId("compliance-unit-KAIHUA").click();
    await page.getByTestId("return-plan").click();
    await page.getByTestId("plan-return-confirm").click();
    await expect
      .poll(() => page.getByTestId("return-plan-dialog").getByText("请填写退回理由").isVisible())
      .toBe(true);
    await page.getByTestId("plan-return-reason").fill("第三条示范带缺少特色小镇，请补充");
    await page.getByTestId("plan-return-confirm").click();
    await expect.poll(() => page.getByTestId("plan-status").getAttribute("data-status")).toBe("RETURNED");
    await expect
      .poll(() => page.getByTestId("compliance-status-KAIHUA").getAttribute("data-status"))
      .toBe("RETURNED");
    expect(errors).toEqual([]);
  }, 120_000);
});

describe("a past cycle", () => {
  it("shows 2017's belts and plan, read only, and names 2017 in the exports", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-county");
    const cycles = await query<{ id: number; year: number }[]>(app.server.url, cookie, "cycle.list");
    const cycleId = cycles.find((c) => c.year === 2017)?.id;
    const plan2017 = await query<Plan>(app.server.url, cookie, "plan.get", { unitId: "KECHENG", cycleId });
    expect(plan2017.belts.length).toBeGreaterThan(0);

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/belts?cycle=2017" });
    await page.getByTestId("plan-past-cycle").waitFor();
    expect(await page.getByTestId("plan-past-cycle").textContent()).toContain("2017 年度已结束");
    await page.getByTestId("plan-panel").getByTestId("belt-0").waitFor();
    // 2017's belts, not 2026's.
    const belts = await page
      .locator('[data-testid^="belt-"]')
      .evaluateAll(
        (els) => els.filter((el) => /^belt-\d+$/.test(el.getAttribute("data-testid") ?? "")).length,
      );
    expect(belts).toBe(plan2017.belts.length);
    // Nothing to change, save, submit or check.
    for (const id of ["add-belt", "save-plan", "submit-plan", "undo", "place-center"])
      expect(await page.getByTestId(id).count(), id).toBe(0);
    const [kml] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-kml").click()]);
    expect(kml.suggestedFilename()).toMatch(/^柯城区-2017年度示范带-\d{4}-\d{2}-\d{2}\.kml$/);
    // The print sheet opens on 2017 too.
    expect(await page.getByTestId("print-belts").getAttribute("href")).toContain("cycle=2017");
    await mapIdle(page);
    await app.screenshot(page, "belts-2017.png");
    expect(errors).toEqual([]);

    // The city checks nothing in 2017 either.
    const city = await app.newPage();
    await login(city.page, app.server.url, "demo-city", { next: "/belts?unit=KECHENG&cycle=2017" });
    await city.page.getByTestId("plan-past-cycle").waitFor();
    expect(await city.page.getByTestId("accept-plan").count()).toBe(0);
    expect(await city.page.getByTestId("return-plan").count()).toBe(0);
    expect(city.errors).toEqual([]);
  }, 90_000);
});

describe("in English", () => {
  it("fits the city's header with six links at 1366 px and shows the page in English", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/belts?unit=KECHENG" });
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByTestId("saved-compliance").textContent()).toContain("Saved plan");
    const header = await page.locator(".header").evaluate((h) => [h.scrollWidth, h.clientWidth]);
    expect(header[0]).toBeLessThanOrEqual(header[1] ?? 0);
    expect(await page.getByTestId("rule-MIN_BELTS").textContent()).toContain("Required number of belts");
    await mapIdle(page);
    await app.screenshot(page, "belts-en.png");
    expect(errors).toEqual([]);
  }, 60_000);
});
