// Campaign cycles (年度) in a browser, on the demo's reference date: the header's switcher lists
// 2026 (current) and 2017 (history); 2017 shows on the map, the queue, a sheet, the belts page and
// the dashboard with its own figures, read-only, under the past-cycle banner, and back to 2026.
// Then the city opens 2027 on 年度管理: bad input is refused by its field in the server's own words
// and creates nothing; valid input opens it, says what carried over, and 2026 becomes history
// while 2027's queue starts with nobody scored and 柯城区's plan is a draft copied from its last plan.
import { carryOverPlanVersion, type PlanSnapshot } from "@beltmap/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { login, query, sessionCookie } from "../support/auth.ts";

type Cycle = { id: number; year: number; name: string; isCurrent: boolean; startsOn: string; endsOn: string };
type Queue = {
  counts: Record<string, number>;
  determined: number;
  total: number;
  rows: { organizationId: number; name: string; stage: string }[];
};
type Summary = { excellentOfficial: number; practicesTotal: number; cycle: Cycle };
type Plan = {
  status: string;
  belts: { name: string; stops: { organizationId: number }[] }[];
  versions: { version: number; decision: "ACCEPTED" | "RETURNED" | null }[];
};

const CLOCK = "2026-11-20T09:00:00+08:00";

/** Waits for what the page shows to settle: pages read from the server, on a busy machine too. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

let app: TestApp;
let cookie: string;

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: CLOCK } });
  cookie = await sessionCookie(app.server.url, "demo-city");
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

const api = <T>(path: string, input?: unknown) => query<T>(app.server.url, cookie, path, input);

/** The switcher's options as shown. */
function switcherOptions(page: Page): Promise<string[]> {
  return page.getByTestId("cycle-switcher").locator("option").allTextContents();
}

async function selectedOption(page: Page): Promise<string> {
  return page
    .getByTestId("cycle-switcher")
    .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? "");
}

const banner = (page: Page) => page.getByTestId("past-cycle-banner");

/** Client-side navigation through the main menu (the header and its cycle stay). */
async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole("navigation").getByRole("link", { name, exact: true }).click();
}

describe("a past cycle: every page shows it, read-only", () => {
  let page: Page;
  let y2017: Cycle;
  let cityRow: Queue["rows"][number];

  it("lists 2026 as current and 2017 as history", async () => {
    const cycles = await api<Cycle[]>("cycle.list");
    expect(cycles.map((c) => [c.year, c.isCurrent])).toEqual([
      [2026, true],
      [2017, false],
    ]);
    y2017 = cycles[1] as Cycle;
    ({ page } = await app.newPage());
    await login(page, app.server.url, "demo-city");
    await page.getByTestId("cycle-switcher").waitFor();
    expect(await switcherOptions(page)).toEqual(["2026 年度（当前）", "2017 年度（历史）", "年度管理…"]);
    expect(await selectedOption(page)).toBe("2026 年度（当前）");
    expect(await banner(page).count()).toBe(0);
  });

  it("shows 2017 on the map under the banner", async () => {
    await page.goto(`${app.server.url}/`);
    await page.getByTestId("cycle-switcher").selectOption("2017");
    await banner(page).waitFor();
    expect(await banner(page).textContent()).toContain("正在查看 2017 年度的历史记录");
    expect(await selectedOption(page)).toBe("2017 年度（历史）");
    await poll(() => page.getByTestId("map-cycle").textContent()).toContain("2017");
    await app.screenshot(page, "cycles-2017-map.png");
  });

  it("shows 2017's queue: everything determined, nobody waiting", async () => {
    const queue2017 = await api<Queue>("queue.list", { cycleId: y2017.id });
    const queue2026 = await api<Queue>("queue.list");
    expect(queue2017.rows).toHaveLength(0);
    expect(queue2017.determined).toBe(queue2017.total);
    expect(queue2026.rows.length).toBeGreaterThan(0);
    cityRow = queue2026.rows.find((r) => r.stage === "CITY_FINAL") as Queue["rows"][number];
    expect(cityRow).toBeDefined();

    await nav(page, "工作台");
    await page.waitForURL((url) => url.pathname === "/queue");
    await banner(page).waitFor();
    await page.getByTestId("queue-table").or(page.getByTestId("queue-empty")).first().waitFor();
    await poll(() => page.locator('[data-testid^="queue-row-"]').count()).toBe(0);
  });

  it("shows an organisation's 2017 sheet read-only: no save, no submit", async () => {
    await page.goto(`${app.server.url}/sheet/${cityRow.organizationId}`);
    await banner(page).waitFor();
    await page.getByTestId("sheet-org-name").waitFor();
    await poll(() => page.getByTestId("sheet-cycle").textContent()).toContain("2017");
    expect(await page.getByTestId("save").count()).toBe(0);
    expect(await page.getByTestId("submit").count()).toBe(0);
    await app.screenshot(page, "cycles-2017-sheet.png");
  });

  it("shows 2017's belts read-only", async () => {
    await nav(page, "示范带");
    await page.waitForURL((url) => url.pathname === "/belts");
    await banner(page).waitFor();
    await page.getByTestId("plan-past-cycle").or(page.locator(".compliance-matrix")).first().waitFor();
    for (const action of ["accept-plan", "return-plan", "save-plan", "submit-plan", "add-belt"])
      expect(await page.getByTestId(action).count(), action).toBe(0);
    await app.screenshot(page, "cycles-2017-belts.png");
  });

  it("shows 2017's figures on the dashboard, and names the cycle", async () => {
    const summary2017 = await api<Summary>("dashboard.summary", { cycleId: y2017.id });
    const summary2026 = await api<Summary>("dashboard.summary");
    expect(summary2017.cycle.year).toBe(2017);
    // The typical practices differ between the years (2026 released some): the page shows 2017's.
    expect(summary2017.practicesTotal).not.toBe(summary2026.practicesTotal);
    await nav(page, "看板");
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await banner(page).waitFor();
    await page.getByTestId("progress-number").waitFor();
    await poll(() => page.getByTestId("progress-number").textContent()).toBe(
      String(summary2017.excellentOfficial),
    );
    await poll(() => page.getByTestId("practices-number").textContent()).toBe(
      String(summary2017.practicesTotal),
    );
    // The page names the cycle it shows.
    await poll(() => page.getByTestId("dashboard-cycle").textContent()).toMatch(/^2017\s*年度/);
    await app.screenshot(page, "cycles-2017-dashboard.png");
  });

  it("goes back to 2026, where the city may act again", async () => {
    await banner(page).getByRole("button").click();
    await poll(() => banner(page).count()).toBe(0);
    expect(await selectedOption(page)).toBe("2026 年度（当前）");
    await poll(() => page.getByTestId("dashboard-cycle").textContent()).toMatch(/^2026\s*年度/);
    await page.goto(`${app.server.url}/sheet/${cityRow.organizationId}`);
    await page.getByTestId("sheet-org-name").waitFor();
    await page.getByTestId("save").waitFor();
    expect(await banner(page).count()).toBe(0);
  });
});

describe("the city opens 2027", () => {
  let page: Page;
  let y2026: Cycle;
  let expectedKecheng: PlanSnapshot;

  const dialog = (p: Page) => p.getByTestId("cycle-open-dialog");
  const fieldError = (p: Page, field: string) =>
    dialog(p).locator(`[data-field="${field}"] [data-testid="field-error"]`);
  const input = (p: Page, testId: string) => dialog(p).getByTestId(testId);

  /** The server's refusal of the same draft: its message for `field`. */
  async function serverSays(draft: Record<string, unknown>, field: string): Promise<string | undefined> {
    const response = await fetch(`${app.server.url}/trpc/cycle.open`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(draft),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { data: { issues: { field: string; message: string }[] } };
    };
    return body.error.data.issues.find((i) => i.field === field)?.message;
  }

  function defaultDraft() {
    return {
      year: 2027,
      name: "2027年度“百企示范、千企争先”行动",
      startsOn: "2027-01-01",
      endsOn: "2027-12-31",
      beltPlanDeadline: "2027-08-10",
      initialSummaryDeadline: "2027-09-20",
      targets: { excellent: 100, practices: 50, good: 400, pass: 600, fail: 100 },
      quotas: [
        ["GREEN_ZONE", 12, 6],
        ["WEST_ZONE", 3, 1],
        ["JINGXIN", 2, 1],
        ["KECHENG", 12, 6],
        ["QUJIANG", 12, 6],
        ["LONGYOU", 20, 10],
        ["JIANGSHAN", 20, 10],
        ["CHANGSHAN", 12, 6],
        ["KAIHUA", 12, 6],
      ].map(([unitId, excellentQuota, practiceQuota]) => ({
        unitId,
        excellentQuota,
        practiceQuota,
        reason: "",
      })),
    };
  }

  /** One bad value: its message by its field, the same as the server's; nothing goes further. */
  async function refused(
    p: Page,
    set: () => Promise<void>,
    reset: () => Promise<void>,
    field: string,
    message: string,
    draft: Record<string, unknown>,
  ): Promise<void> {
    await set();
    await poll(() => fieldError(p, field).textContent()).toBe(message);
    expect(await serverSays(draft, field)).toBe(message);
    await input(p, "cycle-next").click();
    await poll(() => dialog(p).getByTestId("cycle-form-error").textContent()).toMatch(/还有 \d+ 处需要改正/);
    expect(await dialog(p).getByTestId("cycle-open-confirm").count()).toBe(0);
    await reset();
    await poll(() => fieldError(p, field).count()).toBe(0);
  }

  it("prefills the next year from Appendix 3", async () => {
    y2026 = (await api<Cycle[]>("cycle.list")).find((c) => c.isCurrent) as Cycle;
    // 柯城区's 2027 draft comes from its last accepted plan (else its last submitted one), of any year.
    const versions: { cycleId: number; year: number; version: number; decision: string | null }[] = [];
    for (const cycle of await api<Cycle[]>("cycle.list")) {
      const plan = await api<Plan>("plan.get", { unitId: "KECHENG", cycleId: cycle.id });
      for (const v of plan.versions) versions.push({ cycleId: cycle.id, year: cycle.year, ...v });
    }
    versions.sort((a, b) => a.year - b.year || a.version - b.version);
    const source = carryOverPlanVersion(versions);
    expect(source).not.toBeNull();
    expectedKecheng = await api<PlanSnapshot>("plan.version", {
      unitId: "KECHENG",
      cycleId: source?.cycleId,
      version: source?.version,
    });

    ({ page } = await app.newPage());
    await login(page, app.server.url, "demo-city");
    // The switcher's last entry is 年度管理.
    await page.getByTestId("cycle-switcher").selectOption("manage");
    await page.waitForURL((url) => url.pathname === "/cycles");
    await page.getByTestId("cycle-card-2026").waitFor();
    expect(await page.getByTestId("cycle-card-2026").textContent()).toContain("当前");
    expect(await page.getByTestId("cycle-card-2017").textContent()).toContain("历史");
    // 市西区's quota of 2026 differs from Appendix 3, with the city's reason beside it.
    const west = page.getByTestId("cycle-card-2026").getByTestId("cycle-quota-WEST_ZONE");
    expect(await west.textContent()).toContain("附件3：3");
    expect(await west.textContent()).toContain("增加1个优秀创建名额");
    await app.screenshot(page, "cycles-page-before.png");

    await page.getByTestId("cycle-open").click();
    await dialog(page).waitFor();
    expect(await input(page, "cycle-input-year").inputValue()).toBe("2027");
    expect(await input(page, "cycle-input-name").inputValue()).toBe("2027年度“百企示范、千企争先”行动");
    expect(await input(page, "cycle-input-beltPlanDeadline").inputValue()).toBe("2027-08-10");
    expect(await input(page, "cycle-input-initialSummaryDeadline").inputValue()).toBe("2027-09-20");
    expect(await input(page, "cycle-quota-WEST_ZONE-excellentQuota").inputValue()).toBe("3");
    expect(await input(page, "cycle-input-target-excellent").inputValue()).toBe("100");
    expect(await dialog(page).locator('[data-testid="field-error"]').count()).toBe(0);
    await app.screenshot(page, "cycles-open-form.png");
  });

  it("refuses a year that exists", async () => {
    const year = input(page, "cycle-input-year");
    await refused(
      page,
      () => year.fill("2026"),
      () => year.fill("2027"),
      "year",
      "2026 年度已存在",
      { ...defaultDraft(), year: 2026, name: "x" },
    );
  });

  it("refuses a period overlapping 2026", async () => {
    const start = input(page, "cycle-input-startsOn");
    await refused(
      page,
      () => start.fill("2026-12-01"),
      () => start.fill("2027-01-01"),
      "startsOn",
      "与 2026 年度（2026-01-01 至 2026-12-31）时间重叠",
      { ...defaultDraft(), startsOn: "2026-12-01" },
    );
  });

  it("refuses 附件2 due before the belt plan", async () => {
    const due = input(page, "cycle-input-initialSummaryDeadline");
    await refused(
      page,
      () => due.fill("2027-08-01"),
      () => due.fill("2027-09-20"),
      "initialSummaryDeadline",
      "附件2报送截止日（2027-08-01）不能早于示范带创建方案报送截止日（2027-08-10）",
      { ...defaultDraft(), initialSummaryDeadline: "2027-08-01" },
    );
  });

  it("refuses a quota changed without a reason", async () => {
    const quota = input(page, "cycle-quota-KECHENG-excellentQuota");
    const draft = defaultDraft();
    draft.quotas = draft.quotas.map((q) => (q.unitId === "KECHENG" ? { ...q, excellentQuota: 13 } : q));
    await refused(
      page,
      () => quota.fill("13"),
      () => quota.fill("12"),
      "quotas[3].reason",
      "柯城区：名额与附件3（12/6）不同，须填写调整理由",
      draft,
    );
    await quota.fill("13");
    await app.screenshot(page, "cycles-open-form-refused.png");
    await quota.fill("12");
    expect((await api<Cycle[]>("cycle.list")).map((c) => c.year)).toEqual([2026, 2017]);
  });

  it("says what carries over, opens 2027 and shows what came over", async () => {
    await input(page, "cycle-next").click();
    const confirm = dialog(page).getByTestId("cycle-confirm-text");
    await confirm.waitFor();
    const text = (await confirm.textContent()) ?? "";
    for (const words of [
      "从 2026 年度带入",
      "示范点",
      "典型做法",
      "两新工委委员",
      "示范带方案",
      "重新开始",
      "评分",
    ])
      expect(text).toContain(words);
    expect(text).toContain("2026 年度随之结束，成为历史记录，只能查看，不能修改");
    // What is still open in 2026 (it freezes as it stands) is said before confirming.
    const { unfinished } = await api<{ unfinished: { undetermined: number; plansAwaitingCity: number } }>(
      "cycle.get",
    );
    expect(unfinished.undetermined).toBeGreaterThan(0);
    const open = (await dialog(page).getByTestId("cycle-unfinished").textContent()) ?? "";
    expect(open).toContain(`${unfinished.undetermined} 个争创对象尚未评定`);
    if (unfinished.plansAwaitingCity > 0)
      expect(open).toContain(`${unfinished.plansAwaitingCity} 份示范带创建方案等待市里审核`);
    await app.screenshot(page, "cycles-open-confirm.png");

    await dialog(page).getByTestId("cycle-open-confirm").click();
    const opened = page.getByTestId("cycle-opened");
    await opened.waitFor({ timeout: 60_000 });
    expect(await opened.textContent()).toContain("已开启 2027 年度");
    const plans = await opened.getByTestId("cycle-carried-plans").textContent();
    expect(plans).toMatch(/^示范带方案草稿 \d+ 份$/);
    expect(Number(plans?.match(/\d+/)?.[0])).toBeGreaterThan(0);
    expect(await opened.getByTestId("cycle-carried-grades").textContent()).toMatch(/^沿用等次 [1-9]\d* 个$/);

    await poll(() => selectedOption(page)).toBe("2027 年度（当前）");
    expect(await switcherOptions(page)).toEqual([
      "2027 年度（当前）",
      "2026 年度（历史）",
      "2017 年度（历史）",
      "年度管理…",
    ]);
    await page.getByTestId("cycle-card-2027").waitFor();
    expect(await page.getByTestId("cycle-card-2026").textContent()).toContain("历史");
    await app.screenshot(page, "cycles-page-1366.png");
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone the switcher stays whole on screen (the title gives way).
    const box = await page.getByTestId("cycle-switcher").boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await app.screenshot(page, "cycles-page-390.png");
    await page.setViewportSize({ width: 1366, height: 768 });

    const cycles = await api<Cycle[]>("cycle.list");
    expect(cycles.map((c) => [c.year, c.isCurrent])).toEqual([
      [2027, true],
      [2026, false],
      [2017, false],
    ]);
  });

  it("starts 2027's queue with nobody scored", async () => {
    const queue = await api<Queue>("queue.list");
    expect(queue.determined).toBe(0);
    expect(queue.counts.CITY_FINAL).toBe(0);
    await nav(page, "工作台");
    await page.waitForURL((url) => url.pathname === "/queue");
    await page.getByTestId("queue-empty").waitFor();
    expect(await page.locator('[data-testid^="queue-row-"]').count()).toBe(0);
    expect(await banner(page).count()).toBe(0);
  });

  it("keeps 2026 as read-only history", async () => {
    const row = (await api<Queue>("queue.list", { cycleId: y2026.id, stage: "CITY_FINAL" })).rows[0];
    expect(row).toBeDefined();
    await page.getByTestId("cycle-switcher").selectOption("2026");
    await banner(page).waitFor();
    expect(await banner(page).textContent()).toContain("2026 年度");
    await page.goto(`${app.server.url}/sheet/${row?.organizationId}`);
    await page.getByTestId("sheet-org-name").waitFor();
    await poll(() => page.getByTestId("sheet-cycle").textContent()).toContain("2026");
    expect(await page.getByTestId("save").count()).toBe(0);
    expect(await page.getByTestId("submit").count()).toBe(0);
    await banner(page).getByRole("button").click();
    await poll(() => selectedOption(page)).toBe("2027 年度（当前）");
  });

  it("gives 柯城区 a 2027 draft with the belts of its last plan", async () => {
    const plan = await api<Plan>("plan.get", { unitId: "KECHENG" });
    expect(plan.status).toBe("DRAFT");
    expect(plan.versions).toEqual([]);
    const shape = (belts: { name: string; stops: { organizationId: number }[] }[]) =>
      belts.map((b) => ({ name: b.name, stops: b.stops.map((s) => s.organizationId) }));
    expect(shape(plan.belts)).toEqual(shape(expectedKecheng.belts));

    const county = await app.newPage();
    await login(county.page, app.server.url, "demo-county", { next: "/belts" });
    // A draft (carried over, never submitted in 2027), its belts already drawn.
    await poll(() => county.page.getByTestId("plan-status").getAttribute("data-status")).toBe("DRAFT");
    const panel = (await county.page.getByTestId("plan-panel").textContent()) ?? "";
    for (const belt of expectedKecheng.belts) expect(panel).toContain(belt.name);
    expect(await county.page.getByTestId("cycle-switcher").inputValue()).toBe("2027");
    await county.page.waitForFunction(
      () => document.querySelector('[data-testid="plan-map"]')?.getAttribute("data-map-idle") === "true",
      undefined,
      { timeout: 30_000, polling: 100 },
    );
    await app.screenshot(county.page, "cycles-2027-kecheng-plan.png");
    await county.context.close();
  });
});
