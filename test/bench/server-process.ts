// The real server (load-server.ts) in a process of its own for the benchmarks that send it
// requests over HTTP: started on a loopback port the kernel picks, its warnings kept, stopped
// cleanly (or killed after 15 s).
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "../support/server.ts";
import type { LoadServerMessage } from "./load-server.ts";

/** The benchmarks send their floods to this machine only. */
export function requireLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "[::1]" && host !== "localhost")
    throw new Error(
      `refusing to load ${url}: the load test targets a server on this machine's loopback only`,
    );
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  output: () => string[];
  stop: () => Promise<void>;
};

export async function startServerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = fork(path.join(REPO_ROOT, "test/bench/load-server.ts"), [], {
    cwd: REPO_ROOT,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", DEMO_DATA: "off", ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  // The server's warnings and errors (JSON lines), kept for the report; at most the last 2,000.
  const lines: string[] = [];
  let partial = "";
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts.filter((l) => l.trim()));
    if (lines.length > 2000) lines.splice(0, lines.length - 2000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = await new Promise<{ port: number; host: string }>((resolve, reject) => {
    child.on("message", (message: LoadServerMessage) => {
      if ("ready" in message) resolve(message.ready);
      else reject(new Error(`the server did not start:\n${message.failed}`));
    });
    void exited.then((code) => reject(new Error(`the server exited (${code}):\n${lines.join("\n")}`)));
  });
  const url = `http://${ready.host}:${ready.port}`;
  requireLoopback(url);
  return {
    url,
    child,
    output: () => [...lines, ...(partial ? [partial] : [])],
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send("stop");
      else child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
