// Every page of every role, walked once per language (issue 14): on a 390×844 phone it fits and its
// map keeps a usable width, and the menu reaches every link and the account's buttons; at 1366×768,
// 1920×1080 and 3840×2160 nothing scrolls sideways or is cut off; in Chinese no English word shows
// outside names, units and codes; in English the header, navigation and buttons carry no Chinese but
// the data's own names. Each page is opened once and resized from the phone to the wall screen, as a
// window is: the same checks as opening it for each (three walks did, once), at a third of the loads.
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

const PHONE = [390, 844] as const;
const SCREENS = [
  [1366, 768],
  [1920, 1080],
  [3840, 2160],
] as const;

/** Read for English words in Chinese: every page of every role, the city's inner pages and its 大屏. */
const WALKED: Record<DemoUser, readonly string[]> = {
  ...NAV_PAGES,
  "demo-city": [...NAV_PAGES["demo-city"], ...CITY_INNER_PAGES, "/briefing"],
};
/** Looked at on the desktop and wall screens, in both languages (the print sheet is for paper). */
const SCREEN_PAGES: Partial<Record<DemoUser, readonly string[]>> = {
  "demo-city": [...NAV_PAGES["demo-city"], CITY_INNER_PAGES[0] as string],
  "demo-county": ["/", "/dashboard", "/queue", "/belts"],
};

/**
 * What may be Latin in the Chinese UI: the switch to English (named in English on purpose), file
 * formats and the programs that open them, keys of the keyboard, units' symbols and coordinate
 * systems, the demo's usernames and organisation codes (data), and stop labels (A1, B3).
 */
const ALLOWED = [
  /^English$/,
  /^(GeoJSON|KML|PNG|CSV|Excel|xlsx|csv|A4|GIS|Google)$/,
  /^(Ctrl|Shift|Enter|Esc)$/,
  /^(MB|KB|km|WGS84|GCJ-02|BD-09|GPS)$/,
  /^demo(-[a-z]+)+$/,
  /^[A-Z]{2,}-\d+$/,
  /^[A-Z]{1,2}\d{1,3}$/,
];

/** Every word of two or more Latin letters in the page's text, labels, titles and placeholders. */
function latinWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: what is shown, not hidden text (a folded menu)
    const texts: string[] = [document.body.innerText];
    for (const el of Array.from(document.querySelectorAll("[aria-label], [title], [placeholder], [alt]"))) {
      if (el.closest("[aria-hidden=true]")) continue;
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts.join("\n").match(/[A-Za-z][A-Za-z0-9.-]*[A-Za-z0-9]|[A-Za-z]{2,}/g) ?? [];
  });
}

/**
 * The English UI's chrome with Chinese in it: the text the app itself writes in its header,
 * navigation, buttons and tabs. Names are data, in the language they were given in, and say so
 * (translate="no"); the switch back to Chinese is marked as Chinese (lang).
 */
function chineseInChrome(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    for (const root of Array.from(document.querySelectorAll("header, nav, button, [role=tab]"))) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('[translate="no"]')) continue;
        if (parent.closest("[lang]")?.getAttribute("lang")?.startsWith("zh")) continue;
        if (!parent.checkVisibility()) continue;
        const text = node.textContent?.trim();
        if (text && /[\u4e00-\u9fff]/.test(text)) texts.push(text);
      }
    }
    return texts;
  });
}

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

function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Opened and shown: the app's shell (or the 大屏) is there and the page has loaded what it shows. */
async function settle(page: Page): Promise<void> {
  await page
    .getByTestId("current-user")
    .or(page.getByTestId("briefing"))
    .first()
    .waitFor({ state: "attached" });
  await waitForPageSettled(page);
}

/**
 * To a new size: the page has the new width, and two frames have passed, so what listens for the
 * size (the map, the charts: ResizeObserver, run before a frame is drawn) has laid out again. It
 * waits for those events themselves, not for a time.
 */
async function resize(page: Page, [width, height]: readonly [number, number]): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.waitForFunction((w) => window.innerWidth === w, width, { polling: "raf" });
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await waitForPageSettled(page);
}

/** A signed-in page of `user` at `size`, in `language`, with what it reports going wrong. */
async function open(user: DemoUser, language: "zh-CN" | "en", size: readonly [number, number]) {
  const opened = await app.newPage({ viewport: { width: size[0], height: size[1] }, locale: language });
  await signInContext(opened.context, app.server.url, user);
  return opened;
}

/** On the desktop and wall screens in turn: nothing scrolls sideways, no text is cut off. */
async function looksRightOnScreens(page: Page, at: string, found: string[]): Promise<void> {
  for (const size of SCREENS) {
    await resize(page, size);
    const where = `${at} at ${size[0]}×${size[1]}`;
    const sideways = await sidewaysScroll(page);
    if (sideways > 0) found.push(`${where}: scrolls sideways by ${sideways} px`);
    for (const cut of await clipped(page)) found.push(`${where}: ${cut}`);
  }
}

/** On the phone: the links and the account's buttons are folded into the menu and reachable. */
async function menuReachesEverything(page: Page, user: DemoUser): Promise<void> {
  expect(await page.getByTestId("logout").isVisible()).toBe(false);
  await page.getByTestId("menu-toggle").click();
  for (const id of ["logout", "change-password", "current-user"])
    expect(await page.getByTestId(id).isVisible(), `${user} ${id}`).toBe(true);
  const links = page.getByRole("navigation", { name: "主导航" }).getByRole("link");
  for (const link of await links.all()) {
    const box = await link.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE[0], `${user} ${await link.textContent()}`).toBe(
      true,
    );
  }
  // Following a link closes the menu.
  await links.last().click();
  await expect.poll(() => page.getByTestId("logout").isVisible()).toBe(false);
}

describe("every page of every role, in Chinese", () => {
  it("fits a phone, has no English word but names, formats and codes, and fits each screen", async () => {
    const english: string[] = [];
    const misfits: string[] = [];
    let screened = 0;
    for (const [user, paths] of Object.entries(WALKED) as [DemoUser, readonly string[]][]) {
      const { context, page, errors } = await open(user, "zh-CN", PHONE);
      for (const path of paths) {
        const at = `${user} ${path}`;
        await page.setViewportSize({ width: PHONE[0], height: PHONE[1] });
        await page.goto(`${app.server.url}${path}`);
        await settle(page);
        if (NAV_PAGES[user].includes(path)) {
          expect(await sidewaysScroll(page), `${at} on a phone`).toBeLessThanOrEqual(0);
          const map = page.locator('[data-testid="map"], [data-testid="plan-map"]').first();
          if ((await map.count()) > 0) {
            // The planner's map takes its width once the page around it has laid out.
            await expect
              .poll(async () => (await map.boundingBox())?.width ?? 0, { timeout: 15_000 })
              .toBeGreaterThanOrEqual(300);
          }
        }
        await resize(page, SCREENS[0]);
        const words = (await latinWords(page)).filter((w) => !ALLOWED.some((re) => re.test(w)));
        for (const word of new Set(words)) english.push(`${at}: ${word}`);
        if (SCREEN_PAGES[user]?.includes(path)) {
          await looksRightOnScreens(page, at, misfits);
          screened += 1;
        }
      }
      await page.setViewportSize({ width: PHONE[0], height: PHONE[1] });
      await page.goto(`${app.server.url}/`);
      await settle(page);
      await menuReachesEverything(page, user);
      await app.screenshot(page, `phone-${user}.png`);
      expect(errors, user).toEqual([]);
      await context.close();
    }
    expect(screened).toBe(Object.values(SCREEN_PAGES).flat().length);
    expect(english).toEqual([]);
    expect(misfits).toEqual([]);
  }, 600_000);
});

describe("every page, in English", () => {
  it("keeps Chinese out of the city's header, navigation and buttons, and fits each screen", async () => {
    const chinese: string[] = [];
    const misfits: string[] = [];
    let screened = 0;
    // The city switches with the button in the header; the county's pages open in English already.
    const city = await open("demo-city", "en", SCREENS[0]);
    await city.page.goto(`${app.server.url}/`);
    await settle(city.page);
    await city.page.getByRole("button", { name: "English" }).click();
    await city.page.getByRole("link", { name: "Map" }).waitFor();
    const county = await open("demo-county", "en", SCREENS[0]);
    await county.page.addInitScript(() => window.localStorage.setItem("beltmap.language", "en"));
    const walks = [
      { user: "demo-city" as const, ...city, paths: [...NAV_PAGES["demo-city"], ...CITY_INNER_PAGES] },
      { user: "demo-county" as const, ...county, paths: SCREEN_PAGES["demo-county"] ?? [] },
    ];
    for (const { user, page, context, errors, paths } of walks) {
      for (const path of paths) {
        const at = `${user} ${path}`;
        await page.setViewportSize({ width: SCREENS[0][0], height: SCREENS[0][1] });
        await page.goto(`${app.server.url}${path}`);
        await settle(page);
        if (user === "demo-city")
          for (const text of new Set(await chineseInChrome(page))) chinese.push(`${at}: ${text}`);
        if (SCREEN_PAGES[user]?.includes(path)) {
          await looksRightOnScreens(page, at, misfits);
          screened += 1;
        }
      }
      expect(errors, user).toEqual([]);
      await context.close();
    }
    expect(screened).toBe(Object.values(SCREEN_PAGES).flat().length);
    expect(chinese).toEqual([]);
    expect(misfits).toEqual([]);
  }, 480_000);
});
