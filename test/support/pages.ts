// The pages each demo role reaches from the navigation: what the language, layout and phone
// browser tests walk.
import type { Page } from "playwright-core";
import type { DemoUser } from "./auth.ts";

export const NAV_PAGES: Readonly<Record<DemoUser, readonly string[]>> = {
  "demo-city": [
    "/",
    "/dashboard",
    "/queue",
    "/rereviews",
    "/sites",
    "/roster",
    "/belts",
    "/import",
    "/users",
    "/cycles",
    "/appendix2",
  ],
  "demo-county": ["/", "/dashboard", "/queue", "/rereviews", "/sites", "/belts", "/import", "/appendix2"],
  "demo-township": ["/", "/queue", "/rereviews", "/sites"],
  "demo-org": ["/", "/queue"],
  "demo-leader": ["/", "/dashboard", "/rereviews", "/sites", "/belts"],
};

/** The city's pages reached from within others: a unit's plan and its print sheet. */
export const CITY_INNER_PAGES: readonly string[] = ["/belts?unit=KECHENG", "/belts/print?unit=KECHENG"];

/**
 * Waits until a page shows what it loads: its area (the app's main, or the 大屏) is no longer
 * aria-busy, which the app sets while any of its data loads; and no lazy page is still loading.
 * What the map draws on its canvas is left to the map's own tests. A page starts its queries just after it first draws, so a quiet page is
 * looked at again a frame and a task later before it counts. Playwright's "networkidle" waited
 * 500 ms after the last request of any kind on every page: most of a walk through every page.
 */
export async function waitForPageSettled(page: Page, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const settled = await page.evaluate(async () => {
      const quiet = () => {
        const area = document.querySelector("main.app-main, [data-testid=briefing]");
        if (area?.getAttribute("aria-busy") !== "false") return false;
        return !area.querySelector(".page-message[role=status]");
      };
      if (!quiet()) return false;
      await new Promise((resolve) => {
        requestAnimationFrame(() => setTimeout(resolve, 0));
        setTimeout(resolve, 100); // no frame comes to a page the browser does not draw
      });
      return quiet();
    });
    if (settled) return;
    if (Date.now() > deadline) throw new Error(`${page.url()} was still loading after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
