// A virtual X display (Xvfb) for the browser tests' Chromium: in a window it draws WebGL through
// Mesa's llvmpipe at about half SwiftShader's CPU per map frame (0.065 against 0.14–0.18 core-s at
// 1366×768, 0.63 against 1.0–1.3 at 3840×2160), and for less than headless Chromium with llvmpipe:
// the every-page walk took 114 s and 194 core-s in a window, 129 s and 219 headless, 140 s and 242
// with SwiftShader (2026-12-08, test/bench/cpu.ts). The suite is CPU-bound.
import { spawn } from "node:child_process";

export type VirtualDisplay = { display: string; stop: () => Promise<void> };

/** Starts Xvfb on a display number it picks itself (-displayfd), and resolves once it listens. */
export function startVirtualDisplay(): Promise<VirtualDisplay> {
  return new Promise((resolve, reject) => {
    // As large as the largest viewport the tests open (the wall screen), 24-bit colour.
    const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "3840x2160x24", "-nolisten", "tcp"], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    let stderr = "";
    xvfb.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<void>((done) => xvfb.once("exit", () => done()));
    xvfb.once("error", (error) =>
      reject(
        new Error(
          `Xvfb did not start (${error.message}): run bash test/ensure-tools.sh, or set E2E_GL=swiftshader to draw in headless Chromium`,
        ),
      ),
    );
    xvfb.once("exit", (code) =>
      reject(new Error(`Xvfb exited with ${code} before it listened: ${stderr.trim()}`)),
    );
    let number = "";
    xvfb.stdio[3]?.on("data", (chunk: Buffer) => {
      number += chunk.toString();
      if (!number.includes("\n")) return;
      resolve({
        display: `:${number.trim()}`,
        stop: async () => {
          if (xvfb.exitCode === null && xvfb.signalCode === null) {
            xvfb.kill("SIGTERM");
            await exited;
          }
        },
      });
    });
  });
}
