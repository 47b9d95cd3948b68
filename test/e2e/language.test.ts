// One language at a time (issue 14): every page of every role in Chinese shows no English word
// outside names, units and codes (MapLibre's controls included), and the English UI's chrome (the
// header, navigation and buttons) carries no Chinese but the data's own names.
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

const PAGES: Record<DemoUser, readonly string[]> = {
  ...NAV_PAGES,
  "demo-city": [...NAV_PAGES["demo-city"], ...CITY_INNER_PAGES, "/briefing"],
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

async function settle(page: Page): Promise<void> {
  await page
    .getByTestId("current-user")
    .or(page.getByTestId("briefing"))
    .first()
    .waitFor({ state: "attached" });
  await waitForPageSettled(page);
}

describe("the Chinese UI", () => {
  it("shows no English word on any page of any role, but names, formats and codes", async () => {
    const found: string[] = [];
    for (const [user, paths] of Object.entries(PAGES) as [DemoUser, readonly string[]][]) {
      const { context, page, errors } = await app.newPage();
      await signInContext(context, app.server.url, user);
      for (const path of paths) {
        await page.goto(`${app.server.url}${path}`);
        await settle(page);
        const words = (await latinWords(page)).filter((w) => !ALLOWED.some((re) => re.test(w)));
        for (const word of new Set(words)) found.push(`${user} ${path}: ${word}`);
      }
      expect(errors, user).toEqual([]);
      await context.close();
    }
    expect(found).toEqual([]);
  }, 300_000);
});

describe("the English UI", () => {
  it("keeps Chinese out of the header, the navigation and the buttons (but the data's names)", async () => {
    const { context, page, errors } = await app.newPage();
    await signInContext(context, app.server.url, "demo-city");
    await page.goto(`${app.server.url}/`);
    await settle(page);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("link", { name: "Map" }).waitFor();
    const found: string[] = [];
    for (const path of PAGES["demo-city"].filter((p) => p !== "/briefing")) {
      await page.goto(`${app.server.url}${path}`);
      await settle(page);
      // The chrome: the text the app itself writes in its header, navigation, buttons and tabs.
      // Names are data, in the language they were given in, and say so (translate="no"); the
      // switch back to Chinese is marked as Chinese (lang).
      const chrome = await page.evaluate(() => {
        const texts: string[] = [];
        for (const root of Array.from(document.querySelectorAll("header, nav, button, [role=tab]"))) {
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!parent || parent.closest('[translate="no"]')) continue;
            if (parent.closest("[lang]")?.getAttribute("lang")?.startsWith("zh")) continue;
            if (!parent.checkVisibility()) continue;
            if (node.textContent?.trim()) texts.push(node.textContent.trim());
          }
        }
        return texts;
      });
      for (const text of new Set(chrome)) if (/[\u4e00-\u9fff]/.test(text)) found.push(`${path}: ${text}`);
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
