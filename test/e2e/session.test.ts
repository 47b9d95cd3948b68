// Signing in and out through the pages: the way back to the page asked for, a wrong password, an
// expired session, each role's first page, a leader's read-only sheet, the English UI, and the
// map's JavaScript kept out of the other pages.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.ts";
import { DEMO_PASSWORD, login, query, sessionCookie } from "../support/auth.ts";

let app: TestApp;
let page: Page;
let errors: string[];
const scripts: string[] = [];

beforeAll(async () => {
  app = await startApp();
  ({ page, errors } = await app.newPage());
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
}, 180_000);

afterAll(async () => {
  expect(await app?.stop()).toBe(0);
});

describe("signing in", () => {
  it("sends a visitor without a session to the login page, which says nothing of an expiry", async () => {
    await page.goto(`${app.server.url}/queue?stage=SELF`);
    await page.waitForURL("**/login?next=*");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/queue?stage=SELF");
    expect(await page.getByTestId("login-expired").count()).toBe(0);
    expect(await page.getByLabel("用户名").getAttribute("autocomplete")).toBe("username");
    expect(await page.getByLabel("密码").getAttribute("autocomplete")).toBe("current-password");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("username");
    expect(await page.locator(".login-hint").textContent()).toBe("示例账号见 README（仅供演示）");
  });

  it("shows the server's message for a wrong password, in a live region", async () => {
    await page.getByRole("button", { name: "登录" }).click();
    expect(await page.getByTestId("login-error").textContent()).toBe("请输入用户名和密码");
    await page.getByLabel("用户名").fill("demo-county");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByLabel("密码").press("Enter");
    await expect.poll(() => page.getByTestId("login-error").textContent()).toBe("用户名或密码错误");
    expect(await page.getByTestId("login-error").getAttribute("aria-live")).toBe("assertive");
    expect(new URL(page.url()).pathname).toBe("/login");
    await app.screenshot(page, "login-error.png");
  });

  it("signs in with Enter and returns to the page asked for", async () => {
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByLabel("密码").press("Enter");
    await page.waitForURL("**/queue?stage=SELF");
    expect(await page.getByTestId("tab-SELF").getAttribute("aria-selected")).toBe("true");
    const user = await page.getByTestId("current-user").textContent();
    expect(user).toContain("柯城区两新工委（示例）");
    expect(user).toContain("县（市、区）两新工委");
    expect(await page.getByTestId("demo-badge").textContent()).toBe("示例数据");
  });

  it("sends the user to login with 登录已过期 when the session is gone, and back afterwards", async () => {
    await page.context().clearCookies(); // the session ends (expiry, or signed out elsewhere)
    await page.getByTestId("tab-TOWNSHIP_REVIEW").click();
    await page.waitForURL("**/login?next=*");
    expect(await page.getByTestId("login-expired").textContent()).toBe("登录已过期，请重新登录");
    await app.screenshot(page, "login-expired.png");
    await page.getByLabel("用户名").fill("demo-county");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL("**/queue?stage=TOWNSHIP_REVIEW");
    expect(await page.getByTestId("tab-TOWNSHIP_REVIEW").getAttribute("aria-selected")).toBe("true");
  });

  it("signs out: the session ends and pages ask for a login again", async () => {
    await page.getByTestId("logout").click();
    await page.waitForURL((url) => url.pathname === "/login");
    expect(await page.getByTestId("login-expired").count()).toBe(0);
    await expect.poll(() => page.context().cookies()).toEqual([]);
    await page.goto(`${app.server.url}/queue`);
    await page.waitForURL("**/login?next=%2Fqueue");
    expect(await page.getByTestId("login-expired").count()).toBe(0);
  });

  it("never loaded the map's JavaScript on the login, queue, sheet and management pages", async () => {
    await login(page, app.server.url, "demo-township", { next: "/sheet/1" });
    await page.getByTestId("sheet-org-name").or(page.locator(".page-message p")).first().waitFor();
    // Through the navigation, as a user goes: each page's own code loads when it is first opened.
    const nav = page.getByRole("navigation");
    await nav.getByRole("link", { name: "动态管理" }).click();
    await page.getByTestId("rereview-table").waitFor();
    await nav.getByRole("link", { name: "示范点" }).click();
    await page.getByTestId("sites-table").waitFor();
    await login(page, app.server.url, "demo-city", { next: "/users" });
    await page.getByTestId("users-table").waitFor();
    expect(scripts.some((s) => s.includes("ReReviewsPage"))).toBe(true);
    expect(scripts.some((s) => s.includes("SitesPage"))).toBe(true);
    expect(scripts.some((s) => s.includes("UsersPage"))).toBe(true);
    expect(scripts.filter((s) => /MapView|maplibre/.test(s))).toEqual([]);
  });

  it("logged no errors in the browser console but the expected 401s", () => {
    expect(errors.filter((e) => !e.includes("401"))).toEqual([]);
  });
});

describe("roles", () => {
  it("takes an organisation to its own sheet and a leader to the dashboard", async () => {
    const org = await app.newPage();
    await login(org.page, app.server.url, "demo-org");
    expect(new URL(org.page.url()).pathname).toMatch(/^\/sheet\/\d+$/);
    expect(await org.page.getByRole("link", { name: "本组织评分表" }).getAttribute("aria-current")).toBe(
      "page",
    );

    const leader = await app.newPage();
    await login(leader.page, app.server.url, "demo-leader");
    expect(new URL(leader.page.url()).pathname).toBe("/dashboard");
    await leader.page.getByTestId("map").waitFor();
    await leader.page.getByTestId("chart-progress").waitFor();
    await Promise.all([org.context.close(), leader.context.close()]);
  });

  it("shows a leader any sheet read-only", async () => {
    const cookie = await sessionCookie(app.server.url, "demo-leader");
    const queue = await query<{ rows: { organizationId: number }[] }>(app.server.url, cookie, "queue.list", {
      stage: "TOWNSHIP_REVIEW",
    });
    const id = queue.rows[0]?.organizationId;
    expect(id).toBeDefined();
    const leader = await app.newPage();
    await login(leader.page, app.server.url, "demo-leader", { next: `/sheet/${id}` });
    await leader.page.getByTestId("score-table").waitFor();
    expect(await leader.page.getByTestId("sheet-readonly").textContent()).toBe("当前账号只能查看评分表");
    expect(await leader.page.locator("input.score-input").count()).toBe(0);
    expect(await leader.page.getByTestId("submit").count()).toBe(0);
    expect(await leader.page.locator('[data-testid^="return-"]').count()).toBe(0);
    await leader.context.close();
  });
});

describe("English", () => {
  it("switches the login page, the queue and the sheet to English and back", async () => {
    const { page: en, context, errors: enErrors } = await app.newPage();
    await en.goto(`${app.server.url}/login`);
    await en.getByRole("button", { name: "English" }).click();
    await expect.poll(() => en.locator("html").getAttribute("lang")).toBe("en");
    await en.getByLabel("Username").fill("demo-township");
    await en.getByLabel("Password").fill(DEMO_PASSWORD);
    await en.getByRole("button", { name: "Sign in" }).click();
    await en.waitForURL("**/queue");
    await expect
      .poll(() => en.getByTestId("tab-TOWNSHIP_REVIEW").textContent())
      .toContain("Awaiting township review");
    expect(await en.getByTestId("logout").textContent()).toBe("Sign out");
    const row = en.locator('[data-testid^="queue-row-"] a').first();
    await row.waitFor();
    await app.screenshot(en, "queue-en.png");
    await row.click();
    await en.getByTestId("score-table").waitFor();
    expect(await en.getByTestId("save").textContent()).toBe("Save draft");
    await app.screenshot(en, "sheet-en.png");
    await en.getByRole("button", { name: "中文" }).click();
    expect(await en.getByTestId("save").textContent()).toBe("保存草稿");
    expect(enErrors).toEqual([]);
    await context.close();
  });
});
