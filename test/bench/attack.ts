// The nested-body attack of issue 13 against the real server, with /healthz timed throughout.
// The review's body — {"key": followed by 7,000,000 [ and as many ] — blocked the event loop for
// ~16 s per request when every route took 16 MB. Here it is sent by `--attackers` clients at once,
// again and again for `--seconds`, to the import (which takes 16 MB bodies), to auth.login and to
// briefing.open, while another client asks /healthz every 20 ms.
//
// Printed: the attacks sent and their answers by HTTP status; /healthz p50/p99/max during the attack
// against the same measured first with no attack (the floor, same run). Exits 1 when any /healthz
// answer took 200 ms or more, failed, or an attack got anything but 400 or 413.
//
// Usage: npm run bench:attack [-- --seconds 20 --attackers 3]
//   The server runs in its own process on 127.0.0.1, on an in-memory PGlite database.

import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { requireLoopback, startServerProcess } from "./server-process.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    attackers: { type: "string", default: "3" },
    depth: { type: "string", default: "7000000" },
    // Internal: this file run as the attackers' process, against this server.
    "attack-url": { type: "string" },
  },
});
const SECONDS = Number(values.seconds);
const ATTACKERS = Number(values.attackers);
const DEPTH = Number(values.depth);
const HEALTH_LIMIT_MS = 200;
const HEALTH_EVERY_MS = 20;

// Built in the attackers' process only; `{"key":` + DEPTH × "[" + DEPTH × "]" + `}`.
const BODY_BYTES = 2 * DEPTH + 8;
const ATTACK_URL = values["attack-url"];
const body =
  ATTACK_URL === undefined
    ? Buffer.alloc(0)
    : Buffer.from(`{"key":${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}`);
const TARGETS = ["organizationImport.preview", "auth.login", "briefing.open"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return `${sorted.length} answers, p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? Number.NaN)}`;
}

/** Asks /healthz every HEALTH_EVERY_MS until `until`; each answer's time, and the failures. */
async function watchHealth(url: string, until: number) {
  const times: number[] = [];
  const failures: string[] = [];
  while (performance.now() < until) {
    const started = performance.now();
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (!response.ok) failures.push(`HTTP ${response.status}`);
    } catch (error) {
      failures.push(String(error));
    }
    const took = performance.now() - started;
    times.push(took);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, HEALTH_EVERY_MS - took)));
  }
  return { times, failures };
}

async function attack(url: string, until: number, statuses: Map<string, number>, index: number) {
  for (let n = index; performance.now() < until; n++) {
    const target = TARGETS[n % TARGETS.length] ?? "auth.login";
    let outcome: string;
    try {
      const response = await fetch(`${url}/trpc/${target}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      await response.arrayBuffer();
      outcome = String(response.status);
    } catch (error) {
      // The server may close the connection after refusing a body it did not read: that is a refusal.
      outcome = `closed (${(error as Error).cause ?? error})`;
    }
    const key = `${target} → ${outcome}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  }
}

/** The attackers run in a process of their own: sending 14 MB bodies must not delay the watcher. */
function attackFromProcess(url: string, seconds: number): Promise<Map<string, number>> {
  const child = fork(new URL(import.meta.url).pathname, ["--attack-url", url, "--seconds", String(seconds)], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env },
  });
  return new Promise((resolve, reject) => {
    child.once("message", (entries) => resolve(new Map(entries as [string, number][])));
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`the attackers' process exited (${code}) without a count`)),
    );
  });
}

async function attackers(url: string) {
  const until = performance.now() + SECONDS * 1000;
  const statuses = new Map<string, number>();
  await Promise.all(Array.from({ length: ATTACKERS }, (_, i) => attack(url, until, statuses, i)));
  process.send?.([...statuses]);
  process.disconnect?.();
}

async function main() {
  const server = await startServerProcess("memory:");
  try {
    requireLoopback(server.url);
    console.log(
      `server ${server.url}; body ${(BODY_BYTES / 1e6).toFixed(1)} MB (${DEPTH.toLocaleString()} deep)`,
    );
    const floor = await watchHealth(server.url, performance.now() + 3_000);
    console.log(`/healthz, no attack (floor): ${summary(floor.times)}`);

    const attacked = attackFromProcess(server.url, SECONDS);
    const during = await watchHealth(server.url, performance.now() + SECONDS * 1000);
    const statuses = await attacked;
    console.log(`/healthz during ${SECONDS} s of ${ATTACKERS} attackers: ${summary(during.times)}`);
    let attacks = 0;
    for (const [key, count] of [...statuses].sort()) {
      attacks += count;
      console.log(`  ${key}: ${count}`);
    }
    console.log(`attacks sent: ${attacks}`);

    const problems: string[] = [];
    const slowest = Math.max(...during.times);
    if (slowest >= HEALTH_LIMIT_MS)
      problems.push(`/healthz took ${slowest.toFixed(0)} ms (limit ${HEALTH_LIMIT_MS})`);
    if (during.failures.length > 0)
      problems.push(`/healthz failed ${during.failures.length}×: ${during.failures[0]}`);
    const accepted = [...statuses.keys()].filter((key) => !/→ (400|413|closed)/.test(key));
    if (accepted.length > 0) problems.push(`attacks answered otherwise: ${accepted.join(", ")}`);
    if (attacks === 0) problems.push("no attack was sent");
    console.log(problems.length === 0 ? "PASS" : `FAIL\n  ${problems.join("\n  ")}`);
    process.exitCode = problems.length === 0 ? 0 : 1;
  } finally {
    await server.stop();
  }
}

if (ATTACK_URL === undefined) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  void attackers(ATTACK_URL);
}
