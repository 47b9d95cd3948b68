// One language at a time (issue 14): every page of every role in Chinese shows no English word
// outside names, units and codes (MapLibre's controls included), and the English UI's chrome (the
// header, navigation and buttons) carries no Chinese but the data's own names.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { type DemoUser, signInContext } from "../support/auth.ts";

const CLOCK = "2026-11-20T09:00:00+08:00";
let app: TestApp;

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: CLOCK } });
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

const PAGES: Record<DemoUser, string[]> = {
  "demo-city": [
    "/",
    "/dashboard",
    "/queue",
    "/rereviews",
    "/sites",
    "/roster",
    "/belts",
    "/belts?unit=KECHENG",
    "/belts/print?unit=KECHENG",
    "/import",
    "/users",
    "/cycles",
    "/appendix2",
    "/briefing",
  ],
  "demo-county": ["/", "/dashboard", "/queue", "/rereviews", "/sites", "/belts", "/import", "/appendix2"],
  "demo-township": ["/", "/queue", "/rereviews", "/sites"],
  "demo-org": ["/", "/queue"],
  "demo-leader": ["/", "/dashboard", "/rereviews", "/sites", "/belts"],
};

/**
 * What may be Latin in the Chinese UI: the switch to English (named in English on purpose), file
 * formats, the demo's usernames and organisation codes (data), and units' symbols.
 */
const ALLOWED = [
  /^English$/,
  /^(GeoJSON|KML|PNG|CSV|Excel|xlsx|csv|A4)$/,
  /^demo(-[a-z]+)+$/,
  /^[A-Z]{2,}-\d+$/,
];

/** Every word of two or more Latin letters in the page's text, labels, titles and placeholders. */
function latinWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [document.body.innerText];
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts.join("\n").match(/[A-Za-z][A-Za-z0-9.-]*[A-Za-z0-9]|[A-Za-z]{2,}/g) ?? [];
  });
}

async function settle(page: Page): Promise<void> {
  await page.getByTestId("current-user").or(page.getByTestId("briefing")).first().waitFor({ state: "attached" });
  await page.waitForLoadState("networkidle");
}

describe("the Chinese UI", () => {
  it("shows no English word on any page of any role, but names, formats and codes", async () => {
    const found: string[] = [];
    for (const [user, paths] of Object.entries(PAGES) as [DemoUser, string[]][]) {
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
      const chrome = await page.evaluate(() => {
        const texts: string[] = [];
        for (const el of document.querySelectorAll("header, nav, button, [role=tab], th, label, legend, h1, h2, h3"))
          // Units, townships, organisations and people are the data's names, in Chinese.
          if (!el.closest("[data-name], .belt-name, .org-name, .user, .cm-unit, .unit-name"))
            texts.push((el as HTMLElement).innerText);
        return texts;
      });
      for (const text of chrome)
        for (const line of text.split("\n"))
          if (/[\u4e00-\u9fff]/.test(line) && !/示例|衢州/.test(line)) found.push(`${path}: ${line}`);
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
