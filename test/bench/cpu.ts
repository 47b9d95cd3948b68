// Where a command's CPU goes, by kind of process: Chromium's GPU process, its pages' renderers, the
// Beltmap server, Vitest, PostgreSQL… On this shared 2-core machine the wall time of the same test
// files moves by a tenth or more from run to run; the CPU of each kind of process says which part of
// the work a change made cheaper. Check the server's own CPU too: it does the same work in both
// runs, so when it moves, the machine was slower or faster, not the change.
//
// Samples every process's CPU time in /proc four times a second while the command runs; a process
// already running when it starts counts only what it spends after; what a process spends in its
// last quarter-second before it exits is missed (the server and browsers run for many seconds; the
// machine's busy total, from /proc/stat, misses nothing). Linux only.
//
// Usage: npm run bench:cpu -- npx vitest run --root test e2e/dashboard.test.ts
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

/** What a process is, from its command line, for grouping. */
function kindOf(commandLine: string): string {
  if (commandLine.includes("chromium")) {
    const type = /--type=([a-z-]+)/.exec(commandLine)?.[1];
    if (!type) return "chromium: browser";
    if (type === "utility")
      return `chromium: ${/--utility-sub-type=([\w.]+)/.exec(commandLine)?.[1] ?? "utility"}`;
    return `chromium: ${type}`;
  }
  if (commandLine.includes("apps/server/dist/main.js")) return "beltmap server";
  if (commandLine.includes("vitest")) return "vitest";
  if (commandLine.startsWith("postgres")) return "postgres";
  if (commandLine.includes("tsc")) return "tsc";
  if (commandLine.includes("turbo")) return "turbo";
  const program = commandLine.split(" ")[0]?.split("/").pop() ?? "";
  return program || "(unnamed)";
}

type Seen = { kind: string; first: number; last: number };

/** Each process's CPU seconds so far, keyed by pid and start time: a pid reused is another process. */
function processTimes(): Map<string, { commandLine: string; seconds: number }> {
  const times = new Map<string, { commandLine: string; seconds: number }>();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command's name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      times.set(`${pid}:${fields[19]}`, { commandLine, seconds });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return times;
}

function machineTicks(): { busy: number; idle: number } {
  const [, ...values] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").split(/\s+/);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    values.map(Number);
  return { busy: user + nice + system + irq + softirq + steal, idle: idle + iowait };
}

async function main(command: string[]): Promise<number> {
  const seen = new Map<string, Seen>();
  const sample = (startingUp: boolean) => {
    for (const [key, { commandLine, seconds }] of processTimes()) {
      const known = seen.get(key);
      if (known) known.last = seconds;
      // A process seen later started during the run: all of its time counts.
      else seen.set(key, { kind: kindOf(commandLine), first: startingUp ? seconds : 0, last: seconds });
    }
  };
  sample(true);
  const startTicks = machineTicks();
  const started = performance.now();
  const timer = setInterval(() => sample(false), 250);
  const child = spawn(command[0] as string, command.slice(1), { stdio: "inherit" });
  const code = await new Promise<number>((resolve) => {
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
    child.on("error", (error) => {
      console.error(`could not start ${command[0]}: ${error.message}`);
      resolve(127);
    });
  });
  clearInterval(timer);
  sample(false);
  const wall = (performance.now() - started) / 1000;
  const endTicks = machineTicks();
  const byKind = new Map<string, number>();
  for (const [key, { kind, first, last }] of seen) {
    if (key.startsWith(`${process.pid}:`)) continue; // this script's own sampling
    byKind.set(kind, (byKind.get(kind) ?? 0) + last - first);
  }
  const busy = (endTicks.busy - startTicks.busy) / TICKS_PER_SECOND;
  const idle = (endTicks.idle - startTicks.idle) / TICKS_PER_SECOND;
  console.log(`\n== ${command.join(" ")}: exit ${code}`);
  console.log(
    `wall ${wall.toFixed(1)} s; machine busy ${busy.toFixed(1)} core-s, idle ${idle.toFixed(1)} (${((100 * busy) / (busy + idle)).toFixed(0)}% busy)`,
  );
  const rows = [...byKind].filter(([, s]) => s >= 0.5).sort((a, b) => b[1] - a[1]);
  for (const [kind, seconds] of rows) {
    console.log(
      `${seconds.toFixed(1).padStart(8)} core-s  ${((100 * seconds) / busy).toFixed(0).padStart(3)}%  ${kind}`,
    );
  }
  return code;
}

const command = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--"));
if (command.length === 0) {
  console.error("usage: npm run bench:cpu -- <command …>");
  process.exit(2);
}
process.exit(await main(command));
