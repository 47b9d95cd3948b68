// Nothing overflows or is cut off (issue 14): every page of the city and of a county, in Chinese and
// in English, at 1366×768, 1920×1080 and 3840×2160 — no sideways scroll, and no text clipped by
// its box (measured: an element with text whose content is wider than the box that hides it).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { type DemoUser, signInContext } from "../support/auth.ts";
import { CITY_INNER_PAGES, NAV_PAGES, waitForPageSettled } from "../support/pages.ts";

const CLOCK = "2026-11-20T09:00:00+08:00";
let app: TestApp;

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: CLOCK } });
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

const PAGES: Partial<Record<DemoUser, readonly string[]>> = {
  "demo-city": [...NAV_PAGES["demo-city"], CITY_INNER_PAGES[0] as string],
  "demo-county": ["/", "/dashboard", "/queue", "/belts"],
};

/**
 * Text cut off: an element holding text whose content is wider (or taller) than its box while the
 * box hides what overflows. Input fields scroll their own text and are left out; a table inside a
 * scrolling box is not cut off, it scrolls.
 */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      if (el.closest(".maplibregl-map, svg, canvas, input, textarea, select, [aria-hidden=true]")) continue;
      const hasText = Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "",
      );
      if (!hasText || !el.checkVisibility()) continue;
      // Text for screen readers only (a 1-pixel box) is hidden on purpose.
      if (el.clientWidth <= 1 && el.clientHeight <= 1) continue;
      const style = getComputedStyle(el);
      const hidesX = ["hidden", "clip"].includes(style.overflowX);
      const hidesY = ["hidden", "clip"].includes(style.overflowY);
      const cutX = hidesX && el.scrollWidth > el.clientWidth + 1;
      const cutY = hidesY && el.scrollHeight > el.clientHeight + 1;
      if (cutX || cutY)
        found.push(
          `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? "").trim().slice(0, 30)}`,
        );
    }
    return found;
  });
}

const SIZES = [
  [1366, 768],
  [1920, 1080],
  [3840, 2160],
] as const;

/**
 * After a resize: the page has the new width, and two frames have passed, so what listens for the
 * size (the map, the charts: ResizeObserver, run before a frame is drawn) has laid out again. It
 * waits for those events themselves, not for a time.
 */
async function afterResize(page: Page, width: number): Promise<void> {
  await page.waitForFunction((w) => window.innerWidth === w, width, { polling: "raf" });
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await waitForPageSettled(page);
}

describe("every page fits its screen", () => {
  // Each page is opened once and looked at in each size in turn, as a window is resized: the same
  // checks as opening it at each size, at a third of the page loads.
  for (const language of ["zh-CN", "en"] as const)
    it(`at ${SIZES.map(([w, h]) => `${w}×${h}`).join(", ")} in ${language}`, async () => {
      const found: string[] = [];
      let looked = 0;
      for (const [user, paths] of Object.entries(PAGES) as [DemoUser, readonly string[]][]) {
        const [first] = SIZES;
        const context = await app.browser.newContext({
          viewport: { width: first[0], height: first[1] },
          locale: language,
        });
        await signInContext(context, app.server.url, user);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        if (language === "en")
          await page.addInitScript(() => window.localStorage.setItem("beltmap.language", "en"));
        for (const path of paths) {
          await page.setViewportSize({ width: first[0], height: first[1] });
          await page.goto(`${app.server.url}${path}`);
          await page.getByTestId("current-user").waitFor({ state: "attached" });
          await waitForPageSettled(page);
          for (const [width, height] of SIZES) {
            if (width !== first[0]) {
              await page.setViewportSize({ width, height });
              await afterResize(page, width);
            }
            const at = `${user} ${path} at ${width}×${height}`;
            const sideways = await page.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
            );
            if (sideways > 0) found.push(`${at}: scrolls sideways by ${sideways} px`);
            for (const cut of await clipped(page)) found.push(`${at}: ${cut}`);
            looked += 1;
          }
        }
        expect(errors, user).toEqual([]);
        await context.close();
      }
      expect(looked).toBe(SIZES.length * Object.values(PAGES).flat().length);
      expect(found).toEqual([]);
    }, 480_000);
});
