// Importing organisations in a browser, as a county clerk would: download the template, upload a
// file with mistakes, see each listed by row and column, fix the file, preview it clean, import it;
// the new organisations are then on the map's data. The export names the cycle (年度) it scores;
// while a past cycle is shown, the page says an import changes the organisations of every year.
// Screenshots are saved.
import { IMPORT_COLUMNS } from "@beltmap/domain";
import { countyLabelPoint } from "@beltmap/geo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { login, query, sessionCookie } from "../support/auth.ts";

const CLOCK = "2026-11-20T09:00:00+08:00";

let app: TestApp;

beforeAll(async () => {
  app = await startApp({ env: { DEMO_CLOCK: CLOCK } });
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

type Row = Partial<Record<(typeof IMPORT_COLUMNS)[number]["key"], string | number>>;

function csvFile(rows: Row[]): { name: string; mimeType: string; buffer: Buffer } {
  const lines = [
    IMPORT_COLUMNS.map((c) => c.header).join(","),
    ...rows.map((row) => IMPORT_COLUMNS.map((c) => String(row[c.key] ?? "")).join(",")),
  ];
  return {
    name: "柯城区新增组织.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(lines.join("\r\n"), "utf8"),
  };
}

describe("importing organisations", () => {
  it("lists a file's mistakes by row and column; once fixed, imports it in one step", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/import" });
    await page.getByRole("heading", { name: "导入党组织" }).waitFor();
    // The current cycle: nothing to warn about.
    expect(await page.getByTestId("import-past-cycle").count()).toBe(0);

    // The template comes as an .xlsx.
    const [template] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("import-template").click(),
    ]);
    expect(template.suggestedFilename()).toBe("党组织导入模板.xlsx");

    const [lng, lat] = countyLabelPoint("330802");
    const good = (i: number, township: string): Row => ({
      name: `浏览器导入${i}号公司党支部`,
      kind: "非公企业",
      unit: "柯城区",
      township,
      address: `柯城区导入路 ${i} 号`,
      lng: (lng + i * 0.001).toFixed(6),
      lat: lat.toFixed(6),
      memberCount: 8,
    });
    const cookie = await sessionCookie(app.server.url, "demo-county");
    const before = await query<{ id: number; name: string }[]>(app.server.url, cookie, "map.organizations");
    const townships = await query<{ name: string; countyCode: string }[]>(
      app.server.url,
      cookie,
      "unit.townships",
      {
        unitId: "KECHENG",
      },
    );
    // One in 柯城区 itself, where the county's label point lies.
    const township = townships.find((t) => t.countyCode === "330802")?.name ?? "";
    expect(township).not.toBe("");

    // A typo in a township and a count that is not a number.
    const wrong = [
      good(1, township),
      { ...good(2, `${township.slice(0, -1)}道道`) },
      { ...good(3, township), memberCount: "八" },
    ];
    await page.getByTestId("import-file").setInputFiles(csvFile(wrong));
    await page.getByTestId("import-preview").click();
    const problems = page.getByTestId("import-problems");
    await problems.waitFor();
    expect(await problems.locator("tbody tr").count()).toBe(2);
    expect(await problems.locator("tbody tr").nth(0).getAttribute("data-row")).toBe("3");
    expect(await problems.locator("tbody tr").nth(0).textContent()).toContain("乡镇（街道、园区）");
    expect(await problems.locator("tbody tr").nth(1).getAttribute("data-row")).toBe("4");
    expect(await problems.locator("tbody tr").nth(1).textContent()).toContain("党员数");
    expect(await page.getByTestId("import-commit").isDisabled()).toBe(true);
    await app.screenshot(page, "import-problems.png");

    // Fixed: previewed clean, then imported.
    await page
      .getByTestId("import-file")
      .setInputFiles(csvFile([good(1, township), good(2, township), good(3, township)]));
    await page.getByTestId("import-preview").click();
    await expect.poll(() => page.getByTestId("import-summary").textContent()).toContain("新增 3 个组织");
    await page.getByTestId("import-commit").click();
    await expect.poll(() => page.getByTestId("import-done").textContent()).toContain("新增 3 个组织");
    await app.screenshot(page, "import-done.png");
    const after = await query<{ id: number; name: string }[]>(app.server.url, cookie, "map.organizations");
    expect(after.length).toBe(before.length + 3);
    expect(after.filter((o) => o.name.startsWith("浏览器导入")).length).toBe(3);

    // Two more on one spot: the data-quality list shows both, and its link flies the map to one.
    const spot = { lng: (lng + 0.01).toFixed(6), lat: lat.toFixed(6) };
    await page.getByTestId("import-file").setInputFiles(
      csvFile([
        { ...good(4, township), ...spot },
        { ...good(5, township), ...spot },
      ]),
    );
    await page.getByTestId("import-preview").click();
    await expect.poll(() => page.getByTestId("import-summary").textContent()).toContain("新增 2 个组织");
    await page.getByTestId("import-commit").click();
    await page.getByTestId("import-done").waitFor();
    const quality = page.getByTestId("quality-table");
    // The demo data's own deliberate breaks are listed too: these two are the imported ones.
    const imported = quality.locator("tbody tr", { hasText: /^浏览器导入[45]号/ });
    await expect.poll(() => imported.count()).toBe(2);
    expect(await imported.first().textContent()).toMatch(/与浏览器导入[45]号公司党支部坐标相同/);
    await app.screenshot(page, "data-quality.png");

    // The export gives the list as a spreadsheet.
    const [exported] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-xlsx").click(),
    ]);
    expect(exported.suggestedFilename()).toBe("党组织名单-2026.xlsx");

    await imported.first().getByRole("link", { name: "在地图上查看" }).click();
    await page.waitForURL((url) => url.pathname === "/" && url.searchParams.has("org"));
    await expect
      .poll(() => page.getByTestId("org-name").textContent(), { timeout: 15_000 })
      .toContain("浏览器导入");
    expect(errors).toEqual([]);
  }, 120_000);

  it("says, while 2017 is shown, that an import changes every year's organisations; the export is 2017's", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/import" });
    await page.getByTestId("cycle-switcher").selectOption("2017");
    const warning = page.getByTestId("import-past-cycle");
    await warning.waitFor();
    expect(await warning.textContent()).toContain("党组织名单不分年度");
    // Importing still works as ever: the buttons are there.
    expect(await page.getByTestId("import-template").isEnabled()).toBe(true);
    const [exported] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-xlsx").click(),
    ]);
    expect(exported.suggestedFilename()).toBe("党组织名单-2017.xlsx");
    await app.screenshot(page, "import-2017.png");
    expect(errors).toEqual([]);
  }, 60_000);
});
