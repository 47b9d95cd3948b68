// The committee roster (两新工委委员) in a browser, on the demo's reference date. The county
// deactivates a member who alone links a 示范点 (warned that the site is left without contact: the
// rule turns ✗), adds a member and links it to that site (the choice marks the sites already
// linked; the rule turns ✓ again, in the compliance matrix too); on the sites page a member who
// links another site is refused with the server's Chinese message. The city reads every unit's
// roster and the city-level members, sees 江山市 and 常山县 fail the rule in the matrix (a ✗ flies
// the map to the site without contact), links 江山市's member without site to its site without
// contact, and the matrix's column turns ✓ for 江山市. 2017 (a past cycle) is read-only history.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { login, query, sessionCookie } from "../support/auth.ts";

type Member = {
  id: number;
  name: string;
  title: string;
  level: "CITY" | "COUNTY";
  unitId: string | null;
  active: boolean;
  sites: { organizationId: number; name: string }[];
};
type RosterUnit = {
  unitId: string;
  activeMembers: number;
  sites: number;
  sitesWithContact: number;
  membersWithoutSite: number[];
  membersWithSeveralSites: number[];
  sitesWithoutContact: { organizationId: number; name: string }[];
  passed: boolean;
};
type Roster = { members: Member[]; units: RosterUnit[] };
type Compliance = {
  unitId: string;
  passed: boolean;
  rules: {
    rule: string;
    passed: boolean;
    applicable: boolean;
    offendingSiteIds: number[];
    offendingMemberIds: number[];
  }[];
}[];
type SiteList = { rows: { organizationId: number; name: string; unitId: string }[] };
type SiteMember = {
  id: number;
  name: string;
  level: string;
  linkedSites: { organizationId: number; name: string }[];
};

const CLOCK = "2026-11-20T09:00:00+08:00";

let app: TestApp;

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: CLOCK } });
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

const api = async <T>(user: "demo-city" | "demo-county", path: string, input?: unknown) =>
  query<T>(app.server.url, await sessionCookie(app.server.url, user), path, input);

/** The roster rule's result for a unit, as the compliance matrix reads it. */
async function contactsRule(user: "demo-city" | "demo-county", unitId: string) {
  const compliance = await api<Compliance>(user, "belt.compliance");
  return compliance.find((u) => u.unitId === unitId)?.rules.find((r) => r.rule === "COMMITTEE_CONTACTS");
}

const unitCard = (page: Page, unitId: string) => page.getByTestId(`roster-unit-${unitId}`);

async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="plan-map"]')?.getAttribute("data-map-idle") === "true",
    undefined,
    { timeout: 30_000, polling: 50 },
  );
}

describe("the county's roster (柯城区)", () => {
  let freed: { organizationId: number; name: string };

  it("deactivating the only contact of a 示范点 warns first and frees the site: the rule turns ✗", async () => {
    const before = await api<Roster>("demo-county", "roster.list");
    expect(before.units.map((u) => u.unitId)).toEqual(["KECHENG"]);
    expect(before.units[0]?.passed).toBe(true);
    expect((await contactsRule("demo-county", "KECHENG"))?.passed).toBe(true);
    // A member who alone links its site among the county's members (the rule counts theirs).
    const linkers = new Map<number, number>();
    for (const m of before.members.filter((m) => m.active && m.level === "COUNTY"))
      for (const s of m.sites) linkers.set(s.organizationId, (linkers.get(s.organizationId) ?? 0) + 1);
    const leaving = before.members.find(
      (m) =>
        m.active &&
        m.level === "COUNTY" &&
        m.sites.length === 1 &&
        linkers.get(m.sites[0]?.organizationId ?? 0) === 1,
    );
    if (!leaving?.sites[0]) throw new Error("柯城区 has no member who alone links a site");
    freed = leaving.sites[0];

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/roster" });
    await expect.poll(() => unitCard(page, "KECHENG").getAttribute("data-passed")).toBe("true");
    // Reached from 示范点: the tabs, and the header's 示范点 stays lit.
    expect(await page.getByTestId("tab-roster").getAttribute("aria-current")).toBe("page");
    const row = page.getByTestId(`member-row-${leaving.id}`);
    expect(await row.getByTestId("member-link").inputValue()).toBe(String(freed.organizationId));

    await row.getByTestId("member-toggle").click();
    const dialog = page.getByTestId("member-toggle-dialog");
    const warning = await dialog.getByTestId("deactivate-warning").textContent();
    expect(warning).toContain(`${leaving.name}现联系“${freed.name}”`);
    expect(warning).toContain("该示范点将没有联系委员");
    await dialog.getByTestId("confirm-button").click();

    // Inactive members are hidden unless asked for; the site is now listed without contact.
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => unitCard(page, "KECHENG").getAttribute("data-passed")).toBe("false");
    expect(await unitCard(page, "KECHENG").getByTestId("sites-without-contact").textContent()).toContain(
      freed.name,
    );
    // The filter lives in the address (a navigation React applies in a transition): click, then wait.
    await page.getByTestId("roster-inactive").click();
    await expect.poll(() => page.getByTestId("roster-inactive").isChecked(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => row.getByTestId("member-status").textContent()).toBe("已停用");
    const rule = await contactsRule("demo-county", "KECHENG");
    expect(rule?.passed).toBe(false);
    expect(rule?.offendingSiteIds).toEqual([freed.organizationId]);
    await app.screenshot(page, "roster-county-deactivated.png");
    expect(errors).toEqual([]);
  }, 90_000);

  it("adds a member and links it to the site without contact (the choice marks the linked ones): ✓ again", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/roster" });
    await page.getByTestId("member-add").click();
    const dialog = page.getByTestId("member-dialog");
    // The name is required: the domain's message, on the field.
    await dialog.getByTestId("member-save").click();
    await expect.poll(() => dialog.getByTestId("field-error").first().textContent()).toBe("请填写委员姓名");
    await dialog.getByTestId("member-name").fill("陈新民");
    await dialog.getByTestId("member-title").fill("柯城区委两新工委委员");
    await dialog.getByTestId("member-save").click();
    await expect.poll(() => page.getByTestId("roster-notice").textContent()).toContain("已新增委员陈新民");

    const added = (await api<Roster>("demo-county", "roster.list")).members.find((m) => m.name === "陈新民");
    if (!added) throw new Error("the new member is not on the roster");
    expect(added).toMatchObject({
      title: "柯城区委两新工委委员",
      level: "COUNTY",
      unitId: "KECHENG",
      active: true,
    });
    // A member without a site breaks the rule too, until linked.
    await expect
      .poll(() => unitCard(page, "KECHENG").getByTestId("members-without-site").textContent())
      .toContain("陈新民");

    const row = page.getByTestId(`member-row-${added.id}`);
    const choice = row.getByTestId("member-link");
    await expect.poll(() => choice.isEnabled()).toBe(true);
    const options = await choice.locator("option").allTextContents();
    expect(options).toContain(`${freed.name}（无联系委员）`);
    // Every other site of the unit is there, marked with the member who links it.
    expect(options.filter((o) => o.includes("（已有联系委员："))).not.toHaveLength(0);
    await choice.selectOption(String(freed.organizationId));
    await expect.poll(() => unitCard(page, "KECHENG").getAttribute("data-passed")).toBe("true");
    expect(await page.getByTestId("roster-notice").textContent()).toContain(`陈新民现联系“${freed.name}”`);

    const after = await api<Roster>("demo-county", "roster.list");
    expect(after.units[0]).toMatchObject({ passed: true, membersWithoutSite: [], sitesWithoutContact: [] });
    expect((await contactsRule("demo-county", "KECHENG"))?.passed).toBe(true);
    await app.screenshot(page, "roster-county-linked.png");
    expect(errors).toEqual([]);
  }, 90_000);

  it("on the sites page, a member who already links another site is refused on the row", async () => {
    const sites = await api<SiteList>("demo-county", "site.list");
    const members = await api<SiteMember[]>("demo-county", "site.members", { unitId: "KECHENG" });
    const site = sites.rows.find((r) => r.organizationId === freed.organizationId);
    const busy = members.find(
      (m) =>
        m.level === "COUNTY" &&
        m.linkedSites.length === 1 &&
        m.linkedSites[0]?.organizationId !== site?.organizationId,
    );
    const elsewhere = busy?.linkedSites[0];
    if (!site || !busy || !elsewhere) throw new Error("no member linking another site");

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/sites" });
    const row = page.getByTestId(`site-row-${site.organizationId}`);
    const select = row.getByTestId("contact-select");
    // Each member in the picker says which site it links already.
    const option = select.locator(`option[value="${busy.id}"]`);
    await expect.poll(() => option.textContent()).toBe(`${busy.name}（已联系：${elsewhere.name}）`);
    const current = await select.inputValue();
    await select.selectOption(String(busy.id));
    await expect
      .poll(() => row.getByTestId("row-error").textContent())
      .toContain(`${busy.name}已联系“${elsewhere.name}”，每位委员只联系一家示范点`);
    expect(await select.inputValue()).toBe(current);
    await app.screenshot(page, "roster-sites-refused.png");
    // The refusal is the server's (a 4xx in the console), nothing else went wrong.
    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  }, 60_000);
});

describe("the city", () => {
  it("reads every unit's roster, fixes 江山市's gap, and the matrix's 委员联系 column turns ✓", async () => {
    const roster = await api<Roster>("demo-city", "roster.list");
    const jiangshan = roster.units.find((u) => u.unitId === "JIANGSHAN");
    const changshan = roster.units.find((u) => u.unitId === "CHANGSHAN");
    expect(jiangshan).toMatchObject({ passed: false });
    expect(jiangshan?.membersWithoutSite).toHaveLength(1);
    expect(jiangshan?.sitesWithoutContact).toHaveLength(1);
    expect(changshan?.passed).toBe(false);
    const [memberId] = jiangshan?.membersWithoutSite ?? [];
    const [site] = jiangshan?.sitesWithoutContact ?? [];
    const member = roster.members.find((m) => m.id === memberId);
    if (!member || !site) throw new Error("江山市's gap is not in the demo");

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/belts" });
    const cell = (unit: string) => page.getByTestId(`cell-${unit}-COMMITTEE_CONTACTS`);
    await expect.poll(() => cell("JIANGSHAN").getAttribute("data-state")).toBe("fail");
    await expect.poll(() => cell("CHANGSHAN").getAttribute("data-state")).toBe("fail");
    await expect.poll(() => cell("GREEN_ZONE").getAttribute("data-state")).toBe("pass");
    // The explanation names the member without a site.
    expect(await cell("JIANGSHAN").getAttribute("title")).toContain(member.name);
    // A ✗ flies the map to the site without contact.
    await cell("JIANGSHAN").locator("button").click();
    const plan = await api<{ candidates: { id: number; lng: number; lat: number }[] }>(
      "demo-city",
      "plan.get",
      {
        unitId: "JIANGSHAN",
      },
    );
    const at = plan.candidates.find((c) => c.id === site.organizationId);
    if (!at) throw new Error("江山市's site without contact is not among its candidates");
    await expect
      .poll(
        () =>
          page.evaluate(
            ([lng, lat]) => {
              const map = window.beltmap?.map;
              return map ? map.getZoom() >= 11 && map.getBounds().contains([lng, lat]) : false;
            },
            [at.lng, at.lat] as const,
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    await expect
      .poll(() => page.getByTestId("rule-COMMITTEE_CONTACTS").textContent())
      .toContain(`无联系委员：${site.name}`);
    await mapIdle(page);
    await app.screenshot(page, "roster-city-matrix.png");

    // The roster of every unit, and the city-level members.
    await page.getByTestId("matrix-roster-link").click();
    await page.waitForURL((url) => url.pathname === "/roster");
    for (const unit of roster.units) await unitCard(page, unit.unitId).waitFor();
    await expect.poll(() => unitCard(page, "JIANGSHAN").getAttribute("data-passed")).toBe("false");
    const cityMember = roster.members.find((m) => m.level === "CITY");
    if (!cityMember) throw new Error("no city-level member in the demo");
    expect(await page.getByTestId(`member-row-${cityMember.id}`).textContent()).toContain("市级");
    await app.screenshot(page, "roster-city.png");

    // 江山市's member links its site without contact.
    await page.getByTestId("roster-unit").selectOption("JIANGSHAN");
    const row = page.getByTestId(`member-row-${member.id}`);
    await expect.poll(() => row.getByTestId("member-link").isEnabled()).toBe(true);
    await row.getByTestId("member-link").selectOption(String(site.organizationId));
    await expect.poll(() => unitCard(page, "JIANGSHAN").getAttribute("data-passed")).toBe("true");
    expect((await contactsRule("demo-city", "JIANGSHAN"))?.passed).toBe(true);

    await page.goto(`${app.server.url}/belts`);
    await expect.poll(() => cell("JIANGSHAN").getAttribute("data-state")).toBe("pass");
    await expect.poll(() => cell("CHANGSHAN").getAttribute("data-state")).toBe("fail");
    expect(errors).toEqual([]);
  }, 120_000);

  it("fits the roster on a phone and on large screens", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/roster" });
    for (const [width, height] of [
      [390, 844],
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      await page.setViewportSize({ width, height });
      await unitCard(page, "JIANGSHAN").waitFor();
      const overflow = await page.locator(".roster-page").evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
      await app.screenshot(page, `roster-city-${width}.png`);
    }
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("a past cycle", () => {
  it("shows 2017's roster and sites read-only, saying the year is history", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/roster?cycle=2017" });
    await expect.poll(() => page.getByTestId("roster-past-cycle").textContent()).toContain("2017 年度已结束");
    await page.getByTestId("roster-table").locator("tbody tr").first().waitFor();
    expect(await page.getByTestId("member-add").count()).toBe(0);
    expect(await page.getByTestId("member-link").count()).toBe(0);
    expect(await page.getByTestId("member-toggle").count()).toBe(0);
    // The links of 2017: the site freed above in 2026 still had its contact then.
    const cycles = await api<{ id: number; year: number }[]>("demo-county", "cycle.list");
    const cycleId = cycles.find((c) => c.year === 2017)?.id;
    const roster2017 = await api<Roster>("demo-county", "roster.list", { cycleId });
    expect(roster2017.members.some((m) => m.name === "陈新民")).toBe(false);
    await app.screenshot(page, "roster-2017.png");

    await page.getByTestId("tab-sites").click();
    await page.waitForURL((url) => url.pathname === "/sites");
    await expect.poll(() => page.getByTestId("sites-past-cycle").textContent()).toContain("2017 年度已结束");
    await page.getByTestId("sites-table").locator("tbody tr").first().waitFor();
    expect(await page.getByTestId("contact-select").count()).toBe(0);
    expect(await page.getByTestId("dual-toggle").count()).toBe(0);
    expect(await page.getByTestId("practice-quotas").textContent()).toContain("2017 年度典型做法名额");
    expect(errors).toEqual([]);
  }, 60_000);
});
