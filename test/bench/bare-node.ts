// The floor of every start-up figure: a bare Node HTTP server, spawned the same way, until it answers.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { freePort } from "../support/server.ts";

export async function bareNodeStartMs(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [
    "-e",
    `require("http").createServer((q, r) => r.end("ok")).listen(${port}, "127.0.0.1")`,
  ]);
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const ms = performance.now() - started;
  child.kill();
  await once(child, "exit");
  return ms;
}
