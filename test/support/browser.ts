// Debian's Chromium through playwright-core (`npx playwright install` cannot work offline).
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * `canvas2d: "cpu"` (the browser tests): 2D canvases, ECharts' charts, drawn by Skia on the CPU in
 * the page rather than in the GPU process. The dashboard's and the 大屏's test
 * files took 123–129 s against 131–143 s, the GPU process 98–100 core-s against 111–117
 * (2026-12-08); what the tests read from the canvases is the same. The benchmarks keep the default,
 * GPU canvases, as a user's browser draws them: their figures are what users wait for.
 *
 * `display` (the browser tests, see display.ts): a window on that X display instead of headless.
 */
export function launchChromium(
  options: { canvas2d?: "gpu" | "cpu"; display?: string } = {},
): Promise<Browser> {
  const { display } = options;
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: display === undefined,
    ...(display === undefined ? {} : { env: { ...process.env, DISPLAY: display } }),
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      // On an X display, WebGL through Mesa's llvmpipe (software, like SwiftShader, but half the
      // CPU; Chromium lists it as blocked, hence the override); scrollbars hidden as in headless.
      ...(display === undefined
        ? ["--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
        : ["--ozone-platform=x11", "--use-angle=gl", "--ignore-gpu-blocklist", "--hide-scrollbars"]),
      ...(options.canvas2d === "cpu" ? ["--disable-accelerated-2d-canvas"] : []),
    ],
  });
}
