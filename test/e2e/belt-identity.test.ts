// Belts told apart and phones in the field (issue 14), in a browser on the demo's reference date:
// every belt has one colour and one letter on the planner, its map, the main map and the keys;
// stop labels are unique within a unit; the city accepting a plan that breaks rules is shown the
// failures and must give a reason; and on a 390×844 phone a township records a re-review and a
// county follows its rules (every page fitting a phone is every-page.test.ts's).

import { readFile } from "node:fs/promises";
import path from "node:path";
import { beltIdentity, stopLabel } from "@beltmap/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, startApp, type TestApp } from "../support/app.ts";
import { type DemoUser, mutate, query, sessionCookie, signInContext } from "../support/auth.ts";
import { pngColours } from "../support/png.ts";

type Belt = { id: number; unitId: string; index: number; name: string; stops: unknown[] };
type LineProps = {
  beltId?: number;
  key?: string;
  name: string;
  color: string;
  letter?: string;
  other?: boolean;
};

const CLOCK = "2026-11-20T09:00:00+08:00";
let app: TestApp;
let belts: Belt[];

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: CLOCK } });
  const cookie = await sessionCookie(app.server.url, "demo-city");
  belts = await query<Belt[]>(app.server.url, cookie, "belt.list");
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

async function idle(page: Page, testId: "map" | "plan-map"): Promise<void> {
  await page.waitForFunction(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute("data-map-idle") === "true",
    testId,
    { timeout: 30_000, polling: 50 },
  );
}

/**
 * The features' properties of a GeoJSON source of the live map: what its layers draw, whether or
 * not the zoom shows them now (stop labels appear from zoom 9).
 */
function sourceFeatures<T>(page: Page, source: string): Promise<T[]> {
  return page.evaluate(async (source) => {
    const map = window.beltmap?.map;
    const geojson = map?.getSource(source) as
      | { getData: () => Promise<GeoJSON.FeatureCollection> }
      | undefined;
    if (!geojson) throw new Error(`no source ${source}`);
    return (await geojson.getData()).features.map((f) => f.properties) as T[];
  }, source);
}

describe("one colour and one name per belt", () => {
  it("the main map colours and letters each belt by its place in its unit's plan, and labels stops uniquely within a unit", async () => {
    expect(belts.length).toBeGreaterThan(20);
    const { page, errors } = await app.newPage();
    await page.context().addCookies([]);
    await signInContext(page.context(), app.server.url, "demo-city");
    await page.goto(`${app.server.url}/`);
    await idle(page, "map");
    const lines = await sourceFeatures<LineProps & { beltId: number }>(page, "belt-lines");
    const byId = new Map(lines.map((l) => [l.beltId, l]));
    for (const belt of belts.filter((b) => b.stops.length >= 2)) {
      const { color, letter } = beltIdentity(belt.index);
      expect(byId.get(belt.id), belt.name).toMatchObject({ color, letter, name: belt.name });
    }
    // Within a unit, two belts never share a colour (the demo's units have at most seven).
    for (const unitId of new Set(belts.map((b) => b.unitId))) {
      const colors = belts.filter((b) => b.unitId === unitId).map((b) => beltIdentity(b.index).color);
      expect(new Set(colors).size, unitId).toBe(colors.length);
    }
    const stops = await sourceFeatures<{ beltId: number; unitId: string; number: number; label: string }>(
      page,
      "belt-stops",
    );
    const labelsOf = new Map<string, Map<string, string>>();
    for (const s of stops) {
      const unit = labelsOf.get(s.unitId) ?? new Map<string, string>();
      labelsOf.set(s.unitId, unit);
      const stop = `${s.beltId}#${s.number}`;
      // One label names one stop of one belt in its unit.
      expect(unit.get(s.label) ?? stop, `${s.unitId} ${s.label}`).toBe(stop);
      unit.set(s.label, stop);
    }
    expect(labelsOf.size).toBeGreaterThan(5);
    expect(errors).toEqual([]);
  }, 90_000);

  it("the planner's cards and map give every belt of every unit the colour and letter the main map gives it", async () => {
    const { page, errors } = await app.newPage();
    await signInContext(page.context(), app.server.url, "demo-city");
    const units = [...new Set(belts.map((b) => b.unitId))];
    for (const unitId of units) {
      const own = belts.filter((b) => b.unitId === unitId);
      await page.goto(`${app.server.url}/belts?unit=${unitId}`);
      await page.getByTestId("belt-0").waitFor();
      await idle(page, "plan-map");
      // The cards, in plan order: each belt's name with its badge.
      const cards = await page.locator(".belt-card").evaluateAll((els) =>
        els.map((el) => ({
          name: el.getAttribute("aria-label"),
          letter: el.querySelector(".belt-badge")?.getAttribute("data-belt-letter"),
          color: el.querySelector(".belt-badge")?.getAttribute("data-belt-color"),
        })),
      );
      expect(cards, unitId).toEqual(
        [...own]
          .sort((a, b) => a.index - b.index)
          .map((b) => ({ name: b.name, ...pick(beltIdentity(b.index)) })),
      );
      // The planner's map draws each with the same colour.
      const lines = await sourceFeatures<LineProps>(page, "belt-lines");
      for (const belt of own.filter((b) => b.stops.length >= 2)) {
        const drawn = lines.find((l) => !l.other && l.name === belt.name);
        expect(drawn?.color, `${unitId} ${belt.name}`).toBe(beltIdentity(belt.index).color);
      }
    }
    expect(errors).toEqual([]);
  }, 180_000);

  it("the map's key names each of the unit's belts by letter, colour, length and stops", async () => {
    const { page, errors } = await app.newPage();
    await signInContext(page.context(), app.server.url, "demo-county");
    await page.goto(`${app.server.url}/`);
    const rows = page.getByTestId("belt-key-row");
    const own = belts.filter((b) => b.unitId === "KECHENG").sort((a, b) => a.index - b.index);
    await expect.poll(() => rows.count()).toBe(own.length);
    for (const [i, belt] of own.entries()) {
      const row = rows.nth(i);
      expect(await row.textContent()).toContain(belt.name);
      expect(await row.locator(".belt-badge").getAttribute("data-belt-color")).toBe(
        beltIdentity(belt.index).color,
      );
    }
    expect(await page.getByTestId("belt-key").textContent()).toContain(stopLabel(0, 0));
    await app.screenshot(page, "belt-key-county.png");
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("the way into the 大屏", () => {
  it("opens from the dashboard, for the city, a county and a leader", async () => {
    for (const user of ["demo-city", "demo-county", "demo-leader"] as const) {
      const { page, context } = await app.newPage();
      await signInContext(context, app.server.url, user);
      await page.goto(`${app.server.url}/dashboard`);
      const link = page.getByTestId("open-briefing");
      expect(await link.getAttribute("href"), user).toBe("/briefing");
      const [briefing] = await Promise.all([context.waitForEvent("page"), link.click()]);
      await briefing.getByTestId("briefing-stage").waitFor();
      await context.close();
    }
  }, 90_000);
});

describe("the map page", () => {
  it("saves the map shown as a picture, named after the year and the unit", async () => {
    const { page, errors } = await app.newPage();
    await signInContext(page.context(), app.server.url, "demo-county");
    await page.goto(`${app.server.url}/`);
    await idle(page, "map");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-map-image").click(),
    ]);
    expect(download.suggestedFilename()).toBe("示范带地图-2026-柯城区-2026-11-20.png");
    await download.saveAs(path.join(ARTIFACTS, "map-export.png"));
    const png = await readFile((await download.path()) ?? "");
    const decoded = await pngColours(page, png, { map: { x: 40, y: 140, width: 2300, height: 1000 } });
    expect(decoded.width).toBe(2400);
    expect(decoded.colours.map).toBeGreaterThan(50);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("the townships on the map", () => {
  it("draws each township's estimated area from a unit's zoom, named, and the layer panel hides them", async () => {
    const { page, errors } = await app.newPage();
    await signInContext(page.context(), app.server.url, "demo-county");
    await page.goto(`${app.server.url}/`);
    await idle(page, "map");
    const areas = await query<{ unitId: string; townshipId: string }[]>(
      app.server.url,
      await sessionCookie(app.server.url, "demo-county"),
      "map.townshipAreas",
    );
    expect(areas.length).toBeGreaterThan(10);
    // The county's user opens on its unit, zoomed in: the outlines and names are drawn.
    const drawn = () =>
      page.evaluate(() => {
        const map = window.beltmap?.map;
        if (!map) throw new Error("map not exposed");
        const ids = (layer: string) =>
          new Set(map.queryRenderedFeatures({ layers: [layer] }).map((f) => f.properties.townshipId));
        return { lines: ids("township-line").size, labels: ids("township-label").size };
      });
    // Waited for as drawn, not for an idle map: the idle mark may still be the last render's.
    await expect
      .poll(async () => {
        const shown = await drawn();
        return shown.lines > 5 && shown.labels > 3;
      })
      .toBe(true);
    await page.getByTestId("layer-townships").uncheck();
    await expect.poll(drawn).toEqual({ lines: 0, labels: 0 });
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("测距 on the map page", () => {
  it("measures the straight-line distance along clicked points, and clicks no longer open organisations", async () => {
    const { page, errors } = await app.newPage();
    await signInContext(page.context(), app.server.url, "demo-county");
    await page.goto(`${app.server.url}/`);
    await idle(page, "map");
    await page.getByTestId("measure-toggle").click();
    const readout = page.getByTestId("measure-readout");
    expect(await readout.textContent()).toContain("依次点击");
    const box = await page.getByTestId("map").boundingBox();
    if (!box) throw new Error("no map");
    const at = [
      { x: box.x + box.width * 0.4, y: box.y + box.height * 0.5 },
      { x: box.x + box.width * 0.7, y: box.y + box.height * 0.6 },
    ];
    for (const p of at) await page.mouse.click(p.x, p.y);
    // The distance between the two places clicked, as the map turns pixels into places.
    const expected = await page.evaluate((at) => {
      const map = window.beltmap?.map;
      if (!map) throw new Error("no map");
      const rect = map.getCanvas().getBoundingClientRect();
      const [a, b] = at.map((p) => map.unproject([p.x - rect.left, p.y - rect.top]));
      if (!a || !b) throw new Error("no points");
      return a.distanceTo(b) / 1000;
    }, at);
    await expect.poll(() => readout.textContent()).toContain("直线距离");
    const km = Number((await readout.textContent())?.match(/([\d.]+) 公里/)?.[1]);
    expect(km).toBeCloseTo(expected, 1);
    expect(await page.getByTestId("org-panel").count()).toBe(0);
    await app.screenshot(page, "map-measure.png");
    await page.getByTestId("measure-toggle").click();
    expect(await readout.count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});

function pick({ letter, color }: { letter: string; color: string }) {
  return { letter, color };
}

describe("accepting a plan that breaks rules", () => {
  it("shows the city what fails and asks for a reason before it accepts", async () => {
    // 柯城区 resubmits its returned plan as it is: still two belts where three are required.
    const county = await sessionCookie(app.server.url, "demo-county");
    const plan = await query<{ revision: number }>(app.server.url, county, "plan.get", { unitId: "KECHENG" });
    await mutate(app.server.url, county, "plan.submit", { unitId: "KECHENG", revision: plan.revision });

    const { page, errors } = await app.newPage();
    await signInContext(page.context(), app.server.url, "demo-city");
    await page.goto(`${app.server.url}/belts?unit=KECHENG`);
    await page.getByTestId("accept-plan").click();
    const dialog = page.getByTestId("accept-dialog");
    const failures = dialog.getByTestId("accept-failures");
    await failures.waitFor();
    expect(await failures.textContent()).toContain("示范带数量达到要求");
    expect(await failures.textContent()).toContain("示范带 2 条，至少 3 条");
    // No reason, no acceptance.
    await dialog.getByTestId("plan-accept-confirm").click();
    await expect.poll(() => dialog.textContent()).toContain("请填写通过理由");
    const city = await sessionCookie(app.server.url, "demo-city");
    const waiting = await query<{ status: string }>(app.server.url, city, "plan.get", { unitId: "KECHENG" });
    expect(waiting.status).toBe("SUBMITTED");
    await app.screenshot(page, "plan-accept-failing.png");
    await dialog.getByTestId("plan-accept-reason").fill("第三条示范带年内建成，先行通过");
    await dialog.getByTestId("plan-accept-confirm").click();
    await expect.poll(() => page.getByTestId("plan-status").getAttribute("data-status")).toBe("ACCEPTED");
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("on a 390×844 phone", () => {
  async function phone(user: DemoUser) {
    const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await signInContext(context, app.server.url, user);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    return { context, page, errors };
  }

  it("a township user records a re-review at the enterprise", async () => {
    const { context, page, errors } = await phone("demo-township");
    await page.goto(`${app.server.url}/rereviews`);
    const row = page.locator('[data-testid^="rereview-row-"]').first();
    await row.getByTestId("record-open").click();
    const dialog = page.getByTestId("record-dialog");
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await dialog.getByTestId("suggestion-NONE").check();
    await dialog.getByTestId("record-notes").fill("现场查看，党建阵地运行正常");
    await app.screenshot(page, "phone-rereview-record.png");
    await dialog.getByTestId("record-confirm").click();
    await expect.poll(() => page.getByTestId("rereview-notice").textContent()).toContain("下次复查");
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("a county user follows its rules and the city's matrix shows on a phone", async () => {
    const county = await phone("demo-county");
    await county.page.goto(`${app.server.url}/belts`);
    const rules = county.page.getByTestId("rule-list");
    await rules.waitFor();
    const box = await rules.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await rules.textContent()).toContain("示范带数量达到要求");
    await app.screenshot(county.page, "phone-county-rules.png");
    expect(county.errors).toEqual([]);
    await county.context.close();

    const city = await phone("demo-city");
    await city.page.goto(`${app.server.url}/belts`);
    const matrix = city.page.getByTestId("compliance-matrix");
    await matrix.waitFor();
    // The matrix scrolls inside its own box; the page does not.
    const overflow = await city.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const cell = matrix.locator('[data-state="fail"]').first();
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    await app.screenshot(city.page, "phone-city-matrix.png");
    expect(city.errors).toEqual([]);
    await city.context.close();
  }, 90_000);
});
