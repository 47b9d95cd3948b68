// The pages each demo role reaches from the navigation: what the language, layout and phone
// browser tests walk.
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
