// Signing in for the browser tests: through the login page as a user would, or straight through the
// API (a session cookie for fetch, or put into a browser context) when the login is not the point.
import type { BrowserContext, Page } from "playwright-core";

/** The demo accounts' password (packages/db demo seed; the README says it is for the demo only). */
export const DEMO_PASSWORD = "demo-only-2026";

export type DemoUser = "demo-city" | "demo-county" | "demo-township" | "demo-org" | "demo-leader";

/** Signs in on the login page and waits until the app has left it (for `next`, or the role's home). */
export async function login(
  page: Page,
  baseUrl: string,
  username: DemoUser,
  options: { next?: string; password?: string } = {},
): Promise<void> {
  const query = options.next ? `?next=${encodeURIComponent(options.next)}` : "";
  await page.goto(`${baseUrl}/login${query}`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(options.password ?? DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => url.pathname !== "/login", { timeout: 15_000 });
  // Attached, not visible: on a phone the account sits in the folded 菜单.
  await page.getByTestId("current-user").waitFor({ state: "attached" });
}

/** A session cookie (`name=value`) from `auth.login`, for fetch calls to the API. */
export async function sessionCookie(baseUrl: string, username: DemoUser): Promise<string> {
  const response = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok)
    throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie()[0]?.split(";")[0];
  if (!cookie) throw new Error(`login of ${username} set no cookie`);
  return cookie;
}

/** Puts a session of `username` into a browser context, so its pages start signed in. */
export async function signInContext(
  context: BrowserContext,
  baseUrl: string,
  username: DemoUser,
): Promise<void> {
  const [name, ...value] = (await sessionCookie(baseUrl, username)).split("=");
  await context.addCookies([
    { name: name ?? "", value: value.join("="), url: baseUrl, httpOnly: true, sameSite: "Strict" },
  ]);
}

/** A GET of a tRPC query as `cookie`'s user; the procedure's data. */
export async function query<T>(baseUrl: string, cookie: string, path: string, input?: unknown): Promise<T> {
  const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${baseUrl}/trpc/${path}${search}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** A POST of a tRPC mutation as `cookie`'s user; the procedure's data. */
export async function mutate<T>(baseUrl: string, cookie: string, path: string, input: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/trpc/${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { result: { data: T } }).result.data;
}
