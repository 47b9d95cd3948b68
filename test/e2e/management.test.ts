// The management pages, each user in a browser context of their own: a re-review from the township's
// record through the county's approval (over 柯城区's full quota: sent up) and the city's decision
// over the quota to its filing, with the grade change on the sheet; 摘牌 read before it is
// confirmed and filed;
// the county keeping a demonstration site's duties; the city's typical practices up to the quota;
// user management (a new township account, its region, disabling it while it is signed in); the
// 附件2 download; an organisation's history on the sheet.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { login, mutate, query, sessionCookie } from "../support/auth.ts";

type ReReviewRow = {
  id: number;
  organizationId: number;
  organizationName: string;
  unitId: string;
  townshipId: string;
  dueOn: string;
  gradeBefore: string;
  suggestion: string;
  suggestedGrade: string | null;
  status: string;
  awaitsMe: boolean;
  delisting: { texts: string[] } | null;
};
type ReReviewList = { rows: ReReviewRow[] };
type SiteList = {
  rows: { organizationId: number; name: string; unitId: string; practiceTitle: string | null }[];
  practiceQuotas: { unitId: string; quota: number; used: number }[];
};
type QueueRow = { organizationId: number; name: string; previousVersion: number | null };

let app: TestApp;
/** The organisation whose re-review goes from the township to the city. */
let target: ReReviewRow;
const NOTES = "党建阵地已提升，“三联三会”制度落实到位";
const COUNTY_REASON = "同意升级，该组织党建成效明显";
const OVER_QUOTA_REASON = "该组织党建成效突出，经市委两新工委研究同意超额评定";
const RETURN_REASON = "复核佐证材料不全，请补充会议记录后重新复核";

beforeAll(async () => {
  app = await startApp();
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

/** Waiting for a re-review list refetched after a write (the whole region's, large for the city). */
const LIST = { timeout: 10_000 };

const rowsOf = (page: Page, prefix: string) => page.locator(`[data-testid^="${prefix}"]`);

describe("动态管理: township records, county decides, city files", () => {
  it("the township records a re-review with an upgrade suggestion and sees the next due date", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-township");
    const list = await query<ReReviewList>(app.server.url, cookie, "rereview.list", { show: "awaiting" });
    // A 良好 organisation: the upgrade leads to 优秀, which the county's quota still allows once.
    const good = list.rows.find((r) => r.gradeBefore === "GOOD");
    expect(good).toBeDefined();
    target = good as ReReviewRow;

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-township", { next: "/rereviews" });
    expect(await page.getByTestId("rereview-tab-awaiting").getAttribute("aria-selected")).toBe("true");
    await expect.poll(() => rowsOf(page, "rereview-row-").count()).toBe(list.rows.length);
    // The township's own counts, one row.
    expect(await page.getByTestId("rereview-counts").locator("tbody tr").count()).toBe(1);
    const overdue = page.getByTestId("overdue").first();
    expect(await overdue.textContent()).toMatch(/^逾期 \d+ 天$/);

    const row = page.getByTestId(`rereview-row-${target.id}`);
    await row.getByTestId("record-open").click();
    const dialog = page.getByTestId("record-dialog");
    expect(await dialog.textContent()).toContain(target.organizationName);
    await dialog.getByTestId("suggestion-UPGRADE").check();
    // The resulting grade is shown next to the choice.
    const upgrade = await dialog
      .locator("label", { has: page.getByTestId("suggestion-UPGRADE") })
      .textContent();
    expect(upgrade).toMatch(/建议升级.*良好.*优秀/);
    await dialog.getByTestId("record-notes").fill(NOTES);
    await app.screenshot(page, "rereview-record.png");
    await dialog.getByTestId("record-confirm").click();

    const notice = page.getByTestId("rereview-notice");
    await expect.poll(() => notice.textContent(), LIST).toContain("升降级建议已报县级审核");
    // One open re-review per organisation: the next is scheduled once the suggestion is decided.
    const after = await query<ReReviewList>(app.server.url, cookie, "rereview.list", { show: "open" });
    const open = after.rows.filter((r) => r.organizationId === target.organizationId);
    expect(open.map((r) => r.status)).toEqual(["REVIEWED"]);
    expect(await notice.textContent()).not.toContain("下次复查日期");
    // No longer the township's to do; among the open ones, waiting for the county.
    await expect.poll(() => row.count(), LIST).toBe(0);
    await page.getByTestId("rereview-tab-open").click();
    await expect.poll(() => row.textContent()).toContain("待县级审核");
    expect(await row.textContent()).toContain("升级");
    expect(await row.textContent()).toContain(NOTES);
    await app.screenshot(page, "rereviews-township.png");
    expect(errors).toEqual([]);
  });

  it("the county approves it: 柯城区's quota is full, so the city decides (待市级超额审定)", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/rereviews" });
    const counts = page.getByTestId("rereview-counts");
    await counts.waitFor();
    expect(await counts.textContent()).toContain("信安街道");
    const row = page.getByTestId(`rereview-row-${target.id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain("升级");

    // A rejection needs a reason (asked, then not sent).
    await row.getByTestId("reject-open").click();
    const dialog = page.getByTestId("decide-dialog");
    await dialog.getByTestId("decide-confirm").click();
    expect(await dialog.locator(".form-error").textContent()).toBe("不同意调整须填写理由");
    await dialog.getByRole("button", { name: "取消" }).click();

    await row.getByTestId("approve-open").click();
    expect(await dialog.textContent()).toContain(NOTES);
    expect(await dialog.textContent()).toContain("如本单位优秀名额已满，将报市委两新工委超额审定");
    await dialog.getByTestId("decide-reason").fill(COUNTY_REASON);
    await dialog.getByTestId("decide-confirm").click();
    await expect
      .poll(() => page.getByTestId("rereview-notice").textContent(), LIST)
      .toContain("本单位优秀名额已满，已报市委两新工委超额审定");
    await expect.poll(() => row.count(), LIST).toBe(0);
    // Among the open ones, now waiting for the city, with the county's word; counted as such.
    await page.getByTestId("rereview-tab-open").click();
    await expect.poll(() => row.getByTestId("rereview-status").textContent()).toContain("待市级超额审定");
    expect(await row.getByTestId("rereview-status").textContent()).toContain(`县级意见：${COUNTY_REASON}`);
    expect(await row.textContent()).toContain("待市级超额审定");
    const township = counts.getByTestId(`counts-${target.townshipId}`);
    await expect
      .poll(async () => Number(await township.locator("td").nth(3).textContent()))
      .toBeGreaterThan(0);
    await app.screenshot(page, "rereviews-county.png");
    expect(errors).toEqual([]);
  });

  it("the city decides the upgrade over the quota with a written reason, then files it", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/rereviews" });
    const row = page.getByTestId(`rereview-row-${target.id}`);
    await row.waitFor();
    // What awaits the city: the upgrades sent up and the changes to file.
    expect(await row.textContent()).toContain("待市级超额审定");
    expect(await page.getByTestId("rereview-counts").textContent()).toContain("柯城区");
    expect(await page.getByTestId("counts-KECHENG").locator("td").nth(3).textContent()).toBe("1");
    await app.screenshot(page, "rereviews-city.png");

    await row.getByTestId("city-decide-open").click();
    const dialog = page.getByTestId("city-decide-dialog");
    await expect
      .poll(() => dialog.getByTestId("city-decide-quota").textContent())
      .toMatch(/柯城区优秀名额：已评定 (\d+) \/ \1名额已满/);
    expect(await dialog.textContent()).toContain(`县级意见：${COUNTY_REASON}`);
    await dialog.getByTestId("city-decide-confirm").click();
    expect(await dialog.getByTestId("city-decide-error").textContent()).toBe(
      "名额已满，同意超额评定须填写超额理由",
    );
    expect(await dialog.getByTestId("over-quota-reason").getAttribute("aria-invalid")).toBe("true");
    await dialog.getByTestId("over-quota-reason").fill(OVER_QUOTA_REASON);
    await app.screenshot(page, "rereview-city-decide.png");
    await dialog.getByTestId("city-decide-confirm").click();
    await expect
      .poll(() => page.getByTestId("rereview-notice").textContent(), LIST)
      .toContain(`已超额审定：“${target.organizationName}”升为优秀`);
    await expect
      .poll(() => row.getByTestId("rereview-status").textContent(), LIST)
      .toContain("同意调整，待备案");
    expect(await row.getByTestId("rereview-status").textContent()).toContain(
      `市级超额审定：${OVER_QUOTA_REASON}`,
    );

    // No 摘牌 in it: filed in one click.
    await row.getByTestId("file-button").click();
    await expect.poll(() => page.getByTestId("rereview-notice").textContent(), LIST).toContain("已备案");
    await expect.poll(() => row.count(), LIST).toBe(0);
    expect(errors).toEqual([]);
  });

  it("the city files a 示范点's downgrade after reading what its 摘牌 took away", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const awaiting = await query<ReReviewList>(app.server.url, cookie, "rereview.list", { show: "awaiting" });
    const delisted = awaiting.rows.find((r) => r.status === "APPROVED" && r.delisting !== null);
    expect(delisted).toBeDefined();
    if (!delisted?.delisting) return;

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/rereviews" });
    const row = page.getByTestId(`rereview-row-${delisted.id}`);
    await row.getByTestId("file-button").click();
    const dialog = page.getByTestId("file-dialog");
    const list = dialog.getByTestId("delisting");
    expect(await list.textContent()).toContain("该调整为示范点摘牌，备案后：");
    expect(await list.locator("li").allTextContents()).toEqual(delisted.delisting.texts);
    await app.screenshot(page, "rereview-delisting-city.png");
    await dialog.getByTestId("confirm-button").click();
    await expect.poll(() => page.getByTestId("rereview-notice").textContent(), LIST).toContain("已备案");
    await expect.poll(() => row.count(), LIST).toBe(0);

    // The organisation upgraded above has its new grade on its sheet.
    await page.getByTestId("rereview-counts").getByRole("button", { name: "柯城区" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("unit")).toBe("KECHENG");
    await page.goto(`${app.server.url}/sheet/${target.organizationId}`);
    await expect
      .poll(() => page.getByTestId("sheet-grade").textContent())
      .toMatch(/^等级：优秀（已评定，动态管理调整）/);
    expect(errors).toEqual([]);
  });

  it("the county reads what a 示范点's 摘牌 takes away, then approves the downgrade", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-county");
    const awaiting = await query<ReReviewList>(app.server.url, cookie, "rereview.list", { show: "awaiting" });
    const site = awaiting.rows.find((r) => r.delisting !== null);
    expect(site?.delisting?.texts.length).toBeGreaterThan(2);
    if (!site?.delisting) return;

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/rereviews" });
    const row = page.getByTestId(`rereview-row-${site.id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain("示范点摘牌");
    await row.getByTestId("approve-open").click();
    const dialog = page.getByTestId("decide-dialog");
    const list = dialog.getByTestId("delisting");
    expect(await list.textContent()).toContain("该组织是两新党建示范点，同意降级即摘牌");
    expect(await list.locator("li").allTextContents()).toEqual(site.delisting.texts);
    await app.screenshot(page, "rereview-delisting-county.png");
    await dialog.getByTestId("decide-confirm").click();
    await expect
      .poll(() => page.getByTestId("rereview-notice").textContent(), LIST)
      .toContain("由优秀调整为良好");
    await expect.poll(() => row.count(), LIST).toBe(0);
    expect(errors).toEqual([]);
  });

  it("2017 is history: its re-reviews are read-only", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/rereviews?cycle=2017" });
    await page.getByTestId("rereview-history-note").waitFor();
    expect(await page.getByTestId("rereview-history-note").textContent()).toContain("2017 年度已结束");
    expect(await page.locator('[role="tab"]').count()).toBe(1);
    expect(await page.getByTestId("rereview-tab-history").getAttribute("aria-selected")).toBe("true");
    expect(await page.getByTestId("rereview-table").getByRole("columnheader", { name: "办理" }).count()).toBe(
      0,
    );
    expect(errors).toEqual([]);
  });
});

describe("示范点", () => {
  it("the county fixes the new site's missing duties: ✗ turns ✓", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: "/sites?unmet=1" });
    // The organisation upgraded above is a demonstration site now, with none of its duties met yet.
    const row = page.getByTestId(`site-row-${target.organizationId}`);
    await row.waitFor();
    expect(await page.getByTestId("sites-unmet").isChecked()).toBe(true);
    expect(await row.getAttribute("class")).toContain("row-unmet");
    const dual = row.getByTestId("duty-COUNTY_DUAL_MANAGEMENT");
    const contact = row.getByTestId("duty-COMMITTEE_CONTACT");
    expect(await dual.locator(".duty-mark").textContent()).toBe("✗未落实");
    expect(await contact.locator(".duty-mark").textContent()).toBe("✗未落实");

    await dual.getByTestId("dual-toggle").click();
    await expect.poll(() => dual.locator(".duty-mark").textContent()).toBe("✓已落实");
    const select = contact.getByTestId("contact-select");
    // The member the 摘牌 above freed: every other one links a site already (one each).
    const free = select.locator('option[data-linked="false"]').first();
    await expect.poll(() => free.count()).toBe(1);
    const member = (await free.textContent()) ?? "";
    await select.selectOption((await free.getAttribute("value")) ?? "");
    await expect.poll(() => contact.locator(".duty-mark").textContent()).toBe("✓已落实");
    expect(await select.locator("option:checked").textContent()).toBe(member);
    // Still not on a belt: the row stays among those with a duty not met.
    expect(await row.getByTestId("duty-ON_A_BELT").locator(".duty-mark").textContent()).toBe("✗未落实");
    expect(await row.getAttribute("class")).toContain("row-unmet");
    await app.screenshot(page, "sites-county.png");
    expect(errors).toEqual([]);
  });

  it("the city selects typical practices up to a unit's quota, then sees 名额已满", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const sites = await query<SiteList>(app.server.url, cookie, "site.list", { unitId: "KECHENG" });
    const quota = sites.practiceQuotas.find((q) => q.unitId === "KECHENG");
    expect(quota).toBeDefined();
    const free = sites.rows.filter((r) => r.practiceTitle === null);
    const left = (quota?.quota ?? 0) - (quota?.used ?? 0);
    expect(left).toBeGreaterThan(0);
    expect(free.length).toBeGreaterThan(left);

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-city", { next: "/sites?unit=KECHENG" });
    const chip = page.getByTestId("practice-quota-KECHENG");
    await expect.poll(() => chip.textContent()).toContain(`${quota?.used} / ${quota?.quota}`);
    const dialog = page.getByTestId("practice-dialog");
    for (const [index, site] of free.slice(0, left).entries()) {
      const row = page.getByTestId(`site-row-${site.organizationId}`);
      await row.getByTestId("practice-select").click();
      if (index === 0) {
        await dialog.getByTestId("practice-confirm").click();
        expect(await dialog.locator(".form-error").textContent()).toBe("请填写典型做法名称");
      }
      await dialog.getByTestId("practice-title").fill(`“红色引擎${index + 1}号”党建工作法`);
      await dialog.getByTestId("practice-confirm").click();
      await expect.poll(() => row.getByTestId("practice-cell").textContent()).toContain("市级双重管理");
    }
    await expect.poll(() => chip.textContent()).toContain("名额已满");
    const next = page.getByTestId(`site-row-${free[left]?.organizationId}`).getByTestId("practice-select");
    expect(await next.textContent()).toBe("名额已满");
    expect(await next.isDisabled()).toBe(true);
    await app.screenshot(page, "sites-city.png");
    expect(errors).toEqual([]);
  });
});

describe("用户管理", () => {
  const username = "shuanggang-test";
  const password = "shuanggang-2026";
  let userPage: Page;
  let userErrors: string[];
  let cityPage: Page;

  it("the city creates a township user; the server's password rule shows on the field", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const townships = await query<{ id: string; name: string }[]>(app.server.url, cookie, "unit.townships", {
      unitId: "KECHENG",
    });
    const township = townships.find((tw) => tw.name === "双港街道");
    expect(township).toBeDefined();

    const { page, errors } = await app.newPage();
    cityPage = page;
    await login(page, app.server.url, "demo-city", { next: "/users" });
    await page.getByTestId("user-row-demo-city").waitFor();
    await page.getByTestId("user-create").click();
    const dialog = page.getByTestId("user-dialog");
    // Nothing filled: every missing field says so at once.
    await dialog.getByTestId("user-save").click();
    expect(await dialog.getByTestId("field-error").count()).toBe(3);
    await dialog.getByTestId("user-username").fill(username);
    await dialog.getByTestId("user-display-name").fill("双港街道党工委（测试）");
    await dialog.getByTestId("user-role").selectOption("TOWNSHIP");
    await dialog.getByTestId("user-township").selectOption(township?.id ?? "");
    await dialog.getByTestId("user-password").fill("short");
    await dialog.getByTestId("user-save").click();
    const passwordField = dialog.locator(".field", { has: page.getByTestId("user-password") });
    await expect
      .poll(() => passwordField.getByTestId("field-error").textContent())
      .toBe("密码至少 10 个字符");
    expect(await dialog.getByTestId("user-password").getAttribute("aria-invalid")).toBe("true");
    await app.screenshot(page, "user-create.png");
    await dialog.getByTestId("user-password").fill(password);
    await dialog.getByTestId("user-save").click();
    const row = page.getByTestId(`user-row-${username}`);
    await row.waitFor();
    expect(await row.textContent()).toContain("双港街道");
    expect(await row.textContent()).toContain("启用");
    expect(await page.getByTestId("users-notice").textContent()).toContain("已创建用户");
    await app.screenshot(page, "users-city.png");
    expect(errors.filter((e) => !e.includes("400"))).toEqual([]);
  });

  it("the new user signs in and sees only their township", async () => {
    ({ page: userPage, errors: userErrors } = await app.newPage());
    await userPage.goto(`${app.server.url}/login`);
    await userPage.getByLabel("用户名").fill(username);
    await userPage.getByLabel("密码").fill(password);
    await userPage.getByRole("button", { name: "登录" }).click();
    await userPage.waitForURL("**/queue");
    expect(await userPage.getByTestId("current-user").textContent()).toContain("双港街道");
    // No user management for a township.
    expect(await userPage.getByRole("navigation").getByRole("link", { name: "用户管理" }).count()).toBe(0);
    await userPage.getByRole("navigation").getByRole("link", { name: "动态管理" }).click();
    await userPage.getByTestId("rereview-counts").waitFor();
    const counts = userPage.getByTestId("rereview-counts").locator("tbody tr");
    expect(await counts.count()).toBe(1);
    expect(await counts.first().textContent()).toContain("双港街道");
    await userPage.getByTestId("rereview-tab-open").click();
    const rows = rowsOf(userPage, "rereview-row-");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    // Every open re-review of the township, also of organisations of 市经信委 registered there.
    const cookie = await sessionCookie(app.server.url, "demo-city");
    const own = await query<ReReviewList>(app.server.url, cookie, "rereview.list", {
      show: "open",
      townshipId: "330802010",
    });
    // Polled: the tab switch may still show the previous tab's rows for a moment.
    await expect.poll(() => rows.count()).toBe(own.rows.length);
    // And the user pages stay closed to them.
    await userPage.goto(`${app.server.url}/users`);
    await expect
      .poll(() => userPage.getByTestId("forbidden").textContent())
      .toBe("只有市委两新工委可以管理用户");
  });

  it("changes their own password (the server's messages on the fields)", async () => {
    const page = userPage;
    await page.getByTestId("change-password").click();
    const dialog = page.getByTestId("password-dialog");
    await dialog.getByTestId("current-password").fill("wrong-password-1");
    await dialog.getByTestId("new-password").fill("short");
    await dialog.getByTestId("repeat-password").fill("short");
    await dialog.getByTestId("password-confirm").click();
    await expect
      .poll(() => dialog.getByTestId("field-error").first().textContent())
      .toBe("密码至少 10 个字符");
    await dialog.getByTestId("new-password").fill("shuanggang-2027");
    await dialog.getByTestId("repeat-password").fill("shuanggang-2028");
    await dialog.getByTestId("password-confirm").click();
    expect(await dialog.getByTestId("field-error").textContent()).toBe("两次输入的新密码不一致");
    await dialog.getByTestId("repeat-password").fill("shuanggang-2027");
    await dialog.getByTestId("password-confirm").click();
    await expect.poll(() => dialog.getByTestId("field-error").first().textContent()).toBe("当前密码不正确");
    await dialog.getByTestId("current-password").fill(password);
    await dialog.getByTestId("password-confirm").click();
    await expect.poll(() => dialog.getByTestId("password-done").textContent()).toContain("密码已修改");
    await app.screenshot(page, "password.png");
    await dialog.getByRole("button", { name: "关闭" }).click();
  });

  it("the city disables them; their open page goes to login on its next request", async () => {
    const page = cityPage;
    const row = page.getByTestId(`user-row-${username}`);
    await row.getByTestId("user-toggle").click();
    const dialog = page.getByTestId("toggle-dialog");
    expect(await dialog.textContent()).toContain("停用后该用户立即退出登录");
    await dialog.getByTestId("confirm-button").click();
    await expect.poll(() => row.getAttribute("class")).toBe("row-disabled");
    expect(await row.locator(".status").textContent()).toBe("停用");
    expect(await row.getByTestId("user-toggle").textContent()).toBe("启用");

    await userPage.getByRole("navigation").getByRole("link", { name: "工作台" }).click();
    await userPage.waitForURL("**/login?next=*");
    expect(await userPage.getByTestId("login-expired").textContent()).toBe("登录已过期，请重新登录");
    await userPage.getByLabel("用户名").fill(username);
    await userPage.getByLabel("密码").fill("shuanggang-2027");
    await userPage.getByRole("button", { name: "登录" }).click();
    await expect
      .poll(() => userPage.getByTestId("login-error").textContent())
      .toBe("该账号已停用，请联系市委两新工委");
    expect(userErrors.filter((e) => !/40[01]/.test(e))).toEqual([]);
  });
});

describe("附件2 and the organisation's history", () => {
  it("the county and the city download 附件2 as .xlsx", async () => {
    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("appendix2-export").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^附件2_初评结果汇总表_柯城区.*\.xlsx$/);
    const file = await readFile(await download.path());
    expect(file.subarray(0, 2).toString("latin1")).toBe("PK");
    await expect.poll(() => page.getByTestId("appendix2-status").textContent()).toMatch(/已导出 \d+ 个组织/);
    await app.screenshot(page, "export.png");

    const city = await app.newPage();
    await login(city.page, app.server.url, "demo-city", { next: "/queue" });
    await city.page.getByTestId("appendix2-unit").selectOption("LONGYOU");
    const [one] = await Promise.all([
      city.page.waitForEvent("download"),
      city.page.getByTestId("appendix2-export").click(),
    ]);
    expect(one.suggestedFilename()).toMatch(/^附件2_初评结果汇总表_.*\.xlsx$/);
    expect((await readFile(await one.path())).subarray(0, 2).toString("latin1")).toBe("PK");
    expect([...errors, ...city.errors]).toEqual([]);
  });

  it("the 操作记录 panel lists a return with its reason", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-county");
    const queue = await query<{ rows: QueueRow[] }>(app.server.url, cookie, "queue.list");
    const org = queue.rows[0] as QueueRow;
    await mutate(app.server.url, cookie, "sheet.return", {
      organizationId: org.organizationId,
      stage: "TOWNSHIP_REVIEW",
      version: org.previousVersion,
      reason: RETURN_REASON,
    });

    const { page, errors } = await app.newPage();
    await login(page, app.server.url, "demo-county", { next: `/sheet/${org.organizationId}` });
    await page.getByTestId("score-table").waitFor();
    await page.getByTestId("history-toggle").click();
    const entry = page.getByTestId("history-list").locator('li[data-action="sheet.return"]');
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.locator(".history-action").textContent()).toBe("退回");
    expect(await entry.locator(".history-summary").textContent()).toBe(`退回复核：${RETURN_REASON}`);
    expect(await entry.locator(".history-who").textContent()).toContain("柯城区两新工委");
    expect(await page.getByTestId("history-toggle").getAttribute("aria-expanded")).toBe("true");
    await app.screenshot(page, "history.png");

    // The re-reviewed organisation's history tells the whole way.
    await page.goto(`${app.server.url}/sheet/${target.organizationId}`);
    await page.getByTestId("score-table").waitFor();
    await page.getByTestId("history-toggle").click();
    const list = page.getByTestId("history-list");
    await expect.poll(() => list.locator("li").count()).toBeGreaterThanOrEqual(5);
    const text = await list.textContent();
    for (const words of [
      "登记复查",
      "复查结论：建议升级为优秀",
      "等次由良好调整为优秀",
      "等次调整已备案",
      "纳入县级双重管理",
    ])
      expect(text).toContain(words);
    await app.screenshot(page, "history-rereview.png");
    expect(errors).toEqual([]);
  });
});
