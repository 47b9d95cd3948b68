// Shared set-up of the browser tests that work through the app's pages: one server per test file on
// a fresh copy of the database seeded once (global-setup.ts), one Chromium, a context per user at
// laptop size.
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { inject } from "vitest";
import { launchChromium } from "./browser.ts";
import { adminQuery, databaseUrl } from "./databases.ts";
import { REPO_ROOT, type RunningServer, startServer } from "./server.ts";

export const ARTIFACTS = path.join(REPO_ROOT, "test/artifacts");

export type TestApp = {
  server: RunningServer;
  browser: Browser;
  /**
   * A fresh browser context (its own cookies), at 1366×768 in Chinese unless told, and its first
   * page, with what the page reports going wrong (console errors, uncaught exceptions).
   */
  newPage: (options?: {
    viewport?: { width: number; height: number };
    locale?: string;
  }) => Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  screenshot: (page: Page, name: string) => Promise<void>;
  stop: () => Promise<number | null>;
};

/** `env`: the server's environment beyond the defaults, e.g. DEMO_CLOCK for the demo's reference date. */
export async function startApp(options: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await copySeededDatabase();
  await mkdir(ARTIFACTS, { recursive: true });
  // The server and Chromium start side by side: each spends much of its start waiting (on its
  // database, on its GPU and network processes).
  const [started, launched] = await Promise.allSettled([
    startServer({ databaseUrl: database.url, ...(options.env ? { env: options.env } : {}) }),
    launchTestBrowser(),
  ]);
  if (started.status === "rejected" || launched.status === "rejected") {
    // The one that did start must not outlive the failure of the other.
    if (started.status === "fulfilled") await started.value.stop();
    if (launched.status === "fulfilled") await launched.value.close();
    await database.remove();
    throw started.status === "rejected" ? started.reason : (launched as PromiseRejectedResult).reason;
  }
  const server = started.value;
  const browser = launched.value;
  return {
    server,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1366, height: 768 },
        locale: options.locale ?? "zh-CN",
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      return { context, page, errors };
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(ARTIFACTS, name) });
    },
    async stop() {
      const [, code] = await Promise.all([browser.close(), server.stop()]);
      await database.remove();
      return code;
    },
  };
}

/** Chromium as the browser tests run it: charts drawn on the CPU, on the run's X display if any. */
export function launchTestBrowser(): Promise<Browser> {
  const display = inject("display");
  return launchChromium({ canvas2d: "cpu", ...(display === null ? {} : { display }) });
}

let copies = 0;

/** A database of this file's own holding the seeded demo data, and how to remove it after. */
async function copySeededDatabase(): Promise<{ url: string; remove: () => Promise<void> }> {
  const seeded = inject("seeded");
  if (seeded.kind === "pglite") {
    const dir = await mkdtemp(path.join(tmpdir(), "beltmap-e2e-"));
    await cp(seeded.dir, dir, { recursive: true });
    return { url: dir, remove: () => rm(dir, { recursive: true, force: true }) };
  }
  copies += 1;
  const name = `${seeded.template}_${process.pid}_${copies}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${seeded.template}"`);
  return {
    url: databaseUrl(name),
    remove: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
