// Load test of issue 13: N clients at once against the real server on PostgreSQL, for a set time.
// Each client signs in as one of the demo accounts (round robin over city, leader, county, township,
// org), then makes one request at a time: readers of dashboard.summary, map.organizations, belt.list
// and queue.list; writers saving sheets (demo-org its own 自评, demo-township the 复核 of its
// organisations) and the belt plan (demo-county, 柯城区's), each sending the version it last read
// and re-reading on CONFLICT (counted apart: a conflict the client handles is not an error); and it
// signs in again every ~30 requests, so logins are part of the mix.
//
// Printed per operation: count, throughput, p50/p95/p99/max latency, conflicts, errors by kind
// (HTTP status and tRPC code); the server's RSS (sampled every second) at its peak and at the end.
// The floor, measured in the same run first: the same mix made by one request at a time.
// Exits 1 on any error.
//
// Usage: npm run bench:load [-- --clients 100 --seconds 60 --baseline 5]
//   A throwaway database on TEST_POSTGRES_URL (default postgres://root@127.0.0.1:5432/postgres),
//   dropped at the end, on failure and on Ctrl-C. The server listens on 127.0.0.1 only, on a port
//   the kernel picks; no other target is accepted.
import { readFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import type { MeDto, PlanDto, QueueDto, SheetDefinitionDto, SheetDto } from "@beltmap/api";
import { openDatabase, seedDemoIfEmpty } from "@beltmap/db";
import { mulberry32 } from "@beltmap/domain";
import pg from "pg";
import { DEMO_PASSWORD, type DemoUser } from "../support/auth.ts";
import { requireLoopback, type ServerProcess, startServerProcess } from "./server-process.ts";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/postgres";
/** The demo's reference date: its deadlines read as meant (as in the browser tests). */
const DEMO_CLOCK = "2026-11-20T09:00:00+08:00";
/** One request answering later than this is an error ("timeout"). */
const REQUEST_TIMEOUT_MS = 30_000;
/** After the measured time, requests in flight may finish within this; then they are aborted. */
const DRAIN_MS = 30_000;
/** Server start and seeding together must fit in this. */
const SETUP_BUDGET_MS = 300_000;
const RELOGIN_EVERY = 30;

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "100" },
    seconds: { type: "string", default: "60" },
    baseline: { type: "string", default: "5" },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const BASELINE_SECONDS = Number(values.baseline);
if (!Number.isInteger(CLIENTS) || CLIENTS < 1 || CLIENTS > 1000)
  throw new Error("--clients must be a whole number from 1 to 1000");
if (!(SECONDS >= 1 && SECONDS <= 3600)) throw new Error("--seconds must be from 1 to 3600");
if (!(BASELINE_SECONDS >= 1 && BASELINE_SECONDS <= 600)) throw new Error("--baseline must be from 1 to 600");

// ——— Safety: loopback only, and a hard deadline over everything ———

const hardDeadlineMs = SETUP_BUDGET_MS + (BASELINE_SECONDS + SECONDS) * 1000 + 2 * DRAIN_MS;
/** Aborts every request: at the hard deadline, on Ctrl-C, and after the drain. */
const everything = new AbortController();
/** Set on Ctrl-C: nothing more is reported, the database is dropped, the process exits 130. */
let interrupted = false;

// ——— Measuring ———

type OpStats = { latencies: number[]; conflicts: number; errors: Map<string, number> };
type ErrorSample = { op: string; user: DemoUser; kind: string; message: string; input: string };

class Tally {
  readonly ops = new Map<string, OpStats>();
  readonly samples: ErrorSample[] = [];
  #sampled = new Set<string>();

  of(op: string): OpStats {
    let stats = this.ops.get(op);
    if (!stats) {
      stats = { latencies: [], conflicts: 0, errors: new Map() };
      this.ops.set(op, stats);
    }
    return stats;
  }

  error(sample: ErrorSample): void {
    const stats = this.of(sample.op);
    stats.errors.set(sample.kind, (stats.errors.get(sample.kind) ?? 0) + 1);
    const key = `${sample.op} ${sample.kind}`;
    if (!this.#sampled.has(key) && this.samples.length < 20) {
      this.#sampled.add(key);
      this.samples.push(sample);
    }
  }

  get requests(): number {
    return [...this.ops.values()].reduce((sum, s) => sum + s.latencies.length, 0);
  }

  get errorCount(): number {
    let sum = 0;
    for (const stats of this.ops.values()) for (const n of stats.errors.values()) sum += n;
    return sum;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

// ——— One HTTP client of the tRPC API, as the web app calls it ———

type Answer<T> = { ok: true; data: T } | { ok: false; status: number; code: string | null; message: string };

class Session {
  cookie: string | null = null;

  constructor(
    readonly baseUrl: string,
    readonly user: DemoUser,
    readonly tally: Tally,
  ) {}

  query<T>(procedure: string, input?: unknown): Promise<Answer<T>> {
    const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.#call<T>(procedure, `${this.baseUrl}/trpc/${procedure}${search}`, undefined, input);
  }

  /** `expectConflict`: a CONFLICT answer is counted as a conflict, not an error (the caller re-reads). */
  mutate<T>(procedure: string, input: unknown, expectConflict = false): Promise<Answer<T>> {
    return this.#call<T>(procedure, `${this.baseUrl}/trpc/${procedure}`, JSON.stringify(input), input, {
      expectConflict,
    });
  }

  async login(): Promise<Answer<MeDto>> {
    const answer = await this.mutate<MeDto>("auth.login", { username: this.user, password: DEMO_PASSWORD });
    if (!answer.ok) this.cookie = null;
    return answer;
  }

  async #call<T>(
    procedure: string,
    url: string,
    body: string | undefined,
    input: unknown,
    options: { expectConflict?: boolean } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = {
      // What a browser on the app's own page sends: mutations check both.
      origin: this.baseUrl,
      "sec-fetch-site": "same-origin",
      "user-agent": "beltmap-load-test",
    };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    const started = performance.now();
    let answer: Answer<T>;
    try {
      const response = await fetch(url, {
        method: body === undefined ? "GET" : "POST",
        headers,
        ...(body === undefined ? {} : { body }),
        redirect: "manual",
        signal: AbortSignal.any([everything.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      const text = await response.text();
      const cookie = response.headers.getSetCookie()[0]?.split(";")[0];
      if (cookie) this.cookie = cookie.endsWith("=") ? null : cookie;
      answer = parseAnswer<T>(response.status, text);
    } catch (error) {
      const name = (error as Error).name;
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      answer = {
        ok: false,
        status: 0,
        code: name === "TimeoutError" ? "timeout" : name === "AbortError" ? "aborted" : (cause ?? name),
        message: (error as Error).message,
      };
    }
    const stats = this.tally.of(procedure);
    stats.latencies.push(performance.now() - started);
    if (!answer.ok) {
      if (answer.code === "CONFLICT" && options.expectConflict) stats.conflicts++;
      else
        this.tally.error({
          op: procedure,
          user: this.user,
          kind: answer.status === 0 ? `network ${answer.code}` : `${answer.status} ${answer.code ?? "-"}`,
          message: answer.message.slice(0, 300),
          input: procedure === "auth.login" ? "(credentials)" : JSON.stringify(input ?? null).slice(0, 300),
        });
    }
    return answer;
  }
}

function parseAnswer<T>(status: number, text: string): Answer<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, status, code: null, message: text.slice(0, 300) };
  }
  const body = json as {
    result?: { data: T };
    error?: { message?: string; data?: { code?: string } };
  };
  if (status >= 200 && status < 300 && body.result) return { ok: true, data: body.result.data };
  return {
    ok: false,
    status,
    code: body.error?.data?.code ?? null,
    message: body.error?.message ?? text.slice(0, 300),
  };
}

// ——— What each demo account does ———

const USERS: readonly DemoUser[] = ["demo-city", "demo-leader", "demo-county", "demo-township", "demo-org"];

type Op =
  | "dashboard.summary"
  | "map.organizations"
  | "belt.list"
  | "queue.list"
  | "sheet.get"
  | "sheet.save"
  | "plan.get"
  | "plan.save";

/** Relative weights of each account's requests (logins come on top, one every ~30 requests). */
const MIX: Readonly<Record<DemoUser, Partial<Record<Op, number>>>> = {
  "demo-city": { "dashboard.summary": 3, "map.organizations": 3, "belt.list": 2, "queue.list": 2 },
  "demo-leader": { "dashboard.summary": 4, "map.organizations": 3, "belt.list": 3 },
  "demo-county": {
    "dashboard.summary": 2,
    "map.organizations": 2,
    "belt.list": 1,
    "queue.list": 2,
    "plan.get": 1,
    "plan.save": 2,
  },
  "demo-township": {
    "dashboard.summary": 1,
    "map.organizations": 2,
    "queue.list": 3,
    "sheet.get": 1,
    "sheet.save": 3,
  },
  "demo-org": { "dashboard.summary": 1, "map.organizations": 1, "sheet.get": 2, "sheet.save": 3 },
};

/** What the writers write, found once before the run. */
type Targets = {
  items: { key: string; maxScore: number }[];
  step: number;
  /** Organisations whose stage each sheet writer may save (the stage is its role's own). */
  sheets: Partial<Record<DemoUser, { stage: string; organizationIds: number[] }>>;
  /** The county's unit, whose belt plan it saves. */
  planUnitId: string;
};

type PlanDraft = {
  unitId: string;
  revision: number;
  belts: {
    id: number | null;
    name: string;
    theme: string;
    kind: string;
    roundTrip: boolean;
    stopIds: number[];
  }[];
  serviceCenter: {
    name: string;
    address: string;
    lng: number;
    lat: number;
    organizationId: number | null;
  } | null;
};

function draftOf(plan: PlanDto): PlanDraft {
  return {
    unitId: plan.unitId,
    revision: plan.revision,
    belts: plan.belts.map((b) => ({
      id: b.id,
      name: b.name,
      theme: b.theme,
      kind: b.kind,
      roundTrip: b.roundTrip,
      stopIds: b.stops.map((s) => s.organizationId),
    })),
    serviceCenter: plan.serviceCenter && {
      name: plan.serviceCenter.name,
      address: plan.serviceCenter.address,
      lng: plan.serviceCenter.lng,
      lat: plan.serviceCenter.lat,
      organizationId: plan.serviceCenter.organizationId,
    },
  };
}

class Client {
  readonly session: Session;
  readonly #random: () => number;
  #sinceLogin = 0;
  #reloginAfter = 0;
  /** The sheets as this client last read them: the version it sends, the scores it edits. */
  readonly #sheets = new Map<number, { version: number; items: Record<string, number> }>();
  #plan: PlanDraft | null = null;

  constructor(
    baseUrl: string,
    readonly user: DemoUser,
    readonly targets: Targets,
    tally: Tally,
    seed: number,
  ) {
    this.session = new Session(baseUrl, user, tally);
    this.#random = mulberry32(seed); // seeded: runs are comparable
  }

  /** One request (or, after a conflict, the re-read and one retry). */
  async step(): Promise<void> {
    if (this.session.cookie === null || this.#sinceLogin >= this.#reloginAfter) {
      // The old cookie goes along, so the server drops that session as the web app's login does.
      const first = this.#reloginAfter === 0;
      await this.session.login();
      this.#sinceLogin = 0;
      // The first re-login comes anywhere in the first round, so the clients' logins spread over the run.
      this.#reloginAfter = first
        ? 1 + Math.floor(this.#random() * RELOGIN_EVERY)
        : RELOGIN_EVERY - 5 + Math.floor(this.#random() * 11);
      return;
    }
    this.#sinceLogin++;
    const op = this.#pick();
    switch (op) {
      case "dashboard.summary":
      case "map.organizations":
      case "belt.list":
      case "queue.list":
        await this.session.query(op);
        return;
      case "sheet.get":
        await this.#readSheet(this.#sheetTarget());
        return;
      case "sheet.save":
        await this.#saveSheet(this.#sheetTarget());
        return;
      case "plan.get":
        await this.#readPlan();
        return;
      case "plan.save":
        await this.#savePlan();
        return;
    }
  }

  #pick(): Op {
    const weights = Object.entries(MIX[this.user]) as [Op, number][];
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.#random() * total;
    for (const [op, weight] of weights) {
      roll -= weight;
      if (roll < 0) return op;
    }
    return weights[0]?.[0] ?? "dashboard.summary";
  }

  #sheetTarget(): number {
    const ids = this.targets.sheets[this.user]?.organizationIds ?? [];
    const id = ids[Math.floor(this.#random() * ids.length)];
    if (id === undefined) throw new Error(`${this.user} has no sheet to write`);
    return id;
  }

  #stage(): string {
    const stage = this.targets.sheets[this.user]?.stage;
    if (!stage) throw new Error(`${this.user} writes no sheet`);
    return stage;
  }

  async #readSheet(organizationId: number): Promise<boolean> {
    const answer = await this.session.query<SheetDto>("sheet.get", { organizationId });
    if (answer.ok) this.#rememberSheet(answer.data);
    return answer.ok;
  }

  #rememberSheet(sheet: SheetDto): void {
    const stage = sheet.stages.find((s) => s.stage === this.#stage());
    if (stage) this.#sheets.set(sheet.organization.id, { version: stage.version, items: { ...stage.items } });
  }

  async #saveSheet(organizationId: number, retry = true): Promise<void> {
    let known = this.#sheets.get(organizationId);
    if (!known) {
      if (!(await this.#readSheet(organizationId))) return;
      known = this.#sheets.get(organizationId);
      if (!known) return;
    }
    // One item changed to another valid score, as a user editing the draft does.
    const item = this.targets.items[Math.floor(this.#random() * this.targets.items.length)];
    const items = { ...known.items };
    if (item) {
      const steps = Math.round(item.maxScore / this.targets.step);
      items[item.key] = Math.floor(this.#random() * (steps + 1)) * this.targets.step;
    }
    const answer = await this.session.mutate<SheetDto>(
      "sheet.save",
      { organizationId, stage: this.#stage(), version: known.version, items },
      true,
    );
    if (answer.ok) this.#rememberSheet(answer.data);
    else if (answer.code === "CONFLICT") {
      // Someone saved first: read it again, then save once more on the fresh version.
      this.#sheets.delete(organizationId);
      if (retry && (await this.#readSheet(organizationId))) await this.#saveSheet(organizationId, false);
    }
  }

  async #readPlan(): Promise<boolean> {
    const answer = await this.session.query<PlanDto>("plan.get", { unitId: this.targets.planUnitId });
    if (answer.ok) this.#plan = draftOf(answer.data);
    return answer.ok;
  }

  async #savePlan(retry = true): Promise<void> {
    if (!this.#plan && !(await this.#readPlan())) return;
    const plan = this.#plan;
    if (!plan) return;
    // An edit that changes what is stored: one belt's stops in the opposite order.
    const belts = plan.belts.map((b) => ({ ...b, stopIds: [...b.stopIds] }));
    const belt = belts[Math.floor(this.#random() * belts.length)];
    belt?.stopIds.reverse();
    const answer = await this.session.mutate<PlanDto>("plan.save", { ...plan, belts }, true);
    if (answer.ok) this.#plan = draftOf(answer.data);
    else if (answer.code === "CONFLICT") {
      this.#plan = null;
      if (retry && (await this.#readPlan())) await this.#savePlan(false);
    }
  }
}

/** Finds, as each demo account, what it may write; fails when the demo no longer offers it. */
async function findTargets(baseUrl: string, tally: Tally): Promise<Targets> {
  const as = async (user: DemoUser) => {
    const session = new Session(baseUrl, user, tally);
    const me = await session.login();
    if (!me.ok) throw new Error(`${user} cannot sign in: ${me.status} ${me.message}`);
    return { session, me: me.data };
  };
  const must = <T>(answer: Answer<T>, what: string): T => {
    if (!answer.ok) throw new Error(`${what}: ${answer.status} ${answer.code} ${answer.message}`);
    return answer.data;
  };

  const org = await as("demo-org");
  const definition = must(
    await org.session.query<SheetDefinitionDto>("sheet.definition"),
    "sheet.definition",
  );
  const orgId = org.me.organizationId;
  if (orgId === null) throw new Error("demo-org has no organisation");
  const ownSheet = must(
    await org.session.query<SheetDto>("sheet.get", { organizationId: orgId }),
    "sheet.get",
  );
  if (!ownSheet.stages.find((s) => s.stage === "SELF")?.canEdit)
    throw new Error(`demo-org cannot edit the 自评 of its organisation ${orgId} in the demo`);

  const township = await as("demo-township");
  const queue = must(await township.session.query<QueueDto>("queue.list"), "queue.list (township)");
  const reviewable = queue.rows.filter((r) => r.canEdit).map((r) => r.organizationId);
  if (reviewable.length === 0) throw new Error("demo-township has no 复核 it may edit in the demo");

  const county = await as("demo-county");
  const unitId = county.me.unitId;
  if (unitId === null) throw new Error("demo-county has no unit");
  const plan = must(await county.session.query<PlanDto>("plan.get", { unitId }), "plan.get");
  if (!plan.can.edit.ok) throw new Error(`demo-county cannot edit its plan: ${plan.can.edit.reason}`);

  // Every account's reads once: they answer, and the server's first-time costs are paid.
  for (const user of USERS) {
    const { session } = await as(user);
    for (const op of Object.keys(MIX[user]) as Op[]) {
      if (op.startsWith("sheet.") || op.startsWith("plan.")) continue;
      must(await session.query(op), `${op} as ${user}`);
    }
  }

  return {
    items: definition.dimensions.flatMap((d) => d.items.map((i) => ({ key: i.key, maxScore: i.maxScore }))),
    step: definition.step,
    sheets: {
      "demo-org": { stage: "SELF", organizationIds: [orgId] },
      "demo-township": { stage: "TOWNSHIP_REVIEW", organizationIds: reviewable.slice(0, 20) },
    },
    planUnitId: unitId,
  };
}

// ——— Runs ———

type RunResult = { tally: Tally; seconds: number };

/** `clients` clients, each one request at a time, until `seconds` have passed. */
async function runClients(
  baseUrl: string,
  targets: Targets,
  clients: number,
  seconds: number,
  concurrent: boolean,
): Promise<RunResult> {
  const tally = new Tally();
  const all = Array.from(
    { length: clients },
    (_, i) => new Client(baseUrl, USERS[i % USERS.length] ?? "demo-city", targets, tally, 1000 + i),
  );
  const started = performance.now();
  const end = started + seconds * 1000;
  const drain = setTimeout(() => everything.abort(new Error("drain time over")), seconds * 1000 + DRAIN_MS);
  try {
    if (concurrent) {
      await Promise.all(
        all.map(async (client) => {
          while (performance.now() < end && !everything.signal.aborted) await client.step();
        }),
      );
    } else {
      // The floor: the same clients taking turns, one request in flight at a time.
      for (let i = 0; performance.now() < end && !everything.signal.aborted; i++)
        await all[i % all.length]?.step();
    }
  } finally {
    clearTimeout(drain);
  }
  return { tally, seconds: (performance.now() - started) / 1000 };
}

function report(label: string, run: RunResult, floor?: RunResult): void {
  const { tally, seconds } = run;
  console.log(
    `\n${label}: ${tally.requests} requests in ${seconds.toFixed(1)} s, ` +
      `${(tally.requests / seconds).toFixed(1)}/s${
        floor ? ` (floor, one at a time: ${(floor.tally.requests / floor.seconds).toFixed(1)}/s)` : ""
      }; errors ${tally.errorCount}`,
  );
  const rows = [...tally.ops.entries()].sort(([a], [b]) => a.localeCompare(b));
  const pad = (text: string, width: number) => text.padStart(width);
  console.log(
    `  ${"operation".padEnd(18)}${pad("count", 7)}${pad("/s", 8)}${pad("p50", 8)}${pad("p95", 8)}` +
      `${pad("p99", 8)}${pad("max", 8)}${floor ? pad("p50 ×floor", 12) : ""}${pad("conflicts", 11)}  errors`,
  );
  for (const [op, stats] of rows) {
    const sorted = [...stats.latencies].sort((a, b) => a - b);
    const ms = (p: number) => pad(percentile(sorted, p).toFixed(0), 8);
    const floorStats = floor?.tally.ops.get(op);
    const floorP50 = floorStats
      ? percentile(
          [...floorStats.latencies].sort((a, b) => a - b),
          50,
        )
      : Number.NaN;
    const errors = [...stats.errors.entries()].map(([kind, n]) => `${kind}: ${n}`).join(", ") || "0";
    console.log(
      `  ${op.padEnd(18)}${pad(String(sorted.length), 7)}${pad((sorted.length / seconds).toFixed(1), 8)}` +
        `${ms(50)}${ms(95)}${ms(99)}${pad((sorted.at(-1) ?? Number.NaN).toFixed(0), 8)}` +
        `${floor ? pad(Number.isNaN(floorP50) ? "—" : `${(percentile(sorted, 50) / floorP50).toFixed(1)}×`, 12) : ""}` +
        `${pad(String(stats.conflicts), 11)}  ${errors}`,
    );
  }
  console.log("  (latencies in ms, measured by the client from request to the last byte of the answer)");
  for (const sample of tally.samples)
    console.log(
      `  error ${sample.kind} on ${sample.op} as ${sample.user}: ${sample.message} — input ${sample.input}`,
    );
}

// ——— The server and its database ———

/** The process's resident memory now (VmRSS) or its peak so far (VmHWM), in MB. */
async function rssMb(pid: number, which: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${which}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** CPU seconds the process has used so far (user + system), from /proc/<pid>/stat. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces): state is the 3rd, utime the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100; // USER_HZ, 100 on Linux
}

function loadAverage(): string {
  return `${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} on ${cpus().length} CPUs`;
}

async function main() {
  requireLoopback(ADMIN_URL.replace(/^postgres(ql)?:/, "http:"));
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect().catch((error: unknown) => {
    throw new Error(`PostgreSQL is needed at ${ADMIN_URL} (set TEST_POSTGRES_URL): ${String(error)}`);
  });
  const name = `beltmap_load_${process.pid}_${Date.now()}`;
  let server: ServerProcess | null = null;
  let creating: Promise<unknown> | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () => {
    cleaning ??= (async () => {
      everything.abort(new Error("stopping"));
      await server?.stop().catch((error: unknown) => console.error(`stopping the server: ${String(error)}`));
      await creating?.catch(() => {}); // one query at a time on the admin connection
      await admin
        .query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        .then(() => console.log(`dropped database ${name}`))
        .catch((error: unknown) => console.error(`could not drop database ${name}: ${String(error)}`));
      await admin.end().catch(() => {});
    })();
    return cleaning;
  };
  const interrupt = (signal: string) => {
    interrupted = true;
    console.error(`\n${signal}: stopping, dropping the database`);
    void cleanup().then(() => process.exit(130));
  };
  process.once("SIGINT", () => interrupt("SIGINT"));
  process.once("SIGTERM", () => interrupt("SIGTERM"));
  const watchdog = setTimeout(() => {
    console.error(`hard deadline (${(hardDeadlineMs / 1000).toFixed(0)} s) reached: aborting`);
    process.exitCode = 1;
    void cleanup().then(() => process.exit(1));
  }, hardDeadlineMs);

  try {
    creating = admin.query(`CREATE DATABASE "${name}"`);
    await creating;
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    let started = performance.now();
    const database = await openDatabase(databaseUrl);
    const seed = await seedDemoIfEmpty(database.prisma).finally(() => database.close());
    console.log(
      `database ${name} on ${url.host}: migrated and seeded with the demo (${seed.organizations} organisations, ` +
        `hash ${seed.hash?.slice(0, 8)}…) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    started = performance.now();
    server = await startServerProcess(databaseUrl, { DEMO_CLOCK });
    const pid = server.child.pid;
    if (pid === undefined) throw new Error("no server pid");
    console.log(
      `server at ${server.url} (pid ${pid}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const setup = new Tally();
    const targets = await findTargets(server.url, setup);
    if (setup.errorCount > 0) throw new Error("the set-up's requests failed");
    console.log(
      `writers: demo-org its own 自评 (organisation ${targets.sheets["demo-org"]?.organizationIds.join(", ")}), ` +
        `demo-township the 复核 of ${targets.sheets["demo-township"]?.organizationIds.length} organisations, ` +
        `demo-county the belt plan of ${targets.planUnitId}; a login at the start and every ~${RELOGIN_EVERY} requests per client`,
    );

    const idleMb = await rssMb(pid, "VmRSS");
    const floor = await runClients(server.url, targets, USERS.length, BASELINE_SECONDS, false);
    if (interrupted) return;
    report(
      `floor: ${USERS.length} clients taking turns, one request at a time, ${BASELINE_SECONDS} s`,
      floor,
    );

    let peakMb = await rssMb(pid, "VmRSS");
    const loadBefore = loadAverage();
    const serverCpuBefore = await cpuSeconds(pid);
    const clientCpuBefore = process.cpuUsage();
    const sampler = setInterval(() => {
      void rssMb(pid, "VmRSS")
        .then((mb) => {
          peakMb = Math.max(peakMb, mb);
        })
        .catch(() => {});
    }, 1000);
    const load = await runClients(server.url, targets, CLIENTS, SECONDS, true).finally(() =>
      clearInterval(sampler),
    );
    if (interrupted) return;
    const serverCpu = (await cpuSeconds(pid)) - serverCpuBefore;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    report(`load: ${CLIENTS} clients at once for ${SECONDS} s`, load, floor);
    console.log(
      `\nCPU during the load: the server ${serverCpu.toFixed(1)} s (${((100 * serverCpu) / load.seconds).toFixed(0)}% of one CPU), ` +
        `this client ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(1)} s; load average before ${loadBefore}, ` +
        `after ${loadAverage()} (the machine is shared: PostgreSQL and anything else running count too)`,
    );
    const endMb = await rssMb(pid, "VmRSS");
    const hwmMb = await rssMb(pid, "VmHWM");
    console.log(
      `\nserver RSS: ${idleMb.toFixed(0)} MB before the runs; under load max ${peakMb.toFixed(0)} MB ` +
        `(sampled each second; VmHWM ${hwmMb.toFixed(0)} MB); at the end ${endMb.toFixed(0)} MB`,
    );

    const serverErrors = server
      .output()
      .filter((line) => /"level":(50|60)/.test(line) || !line.startsWith("{"));
    if (serverErrors.length > 0) {
      console.log(`server logged ${serverErrors.length} errors; the first ones:`);
      for (const line of serverErrors.slice(0, 5)) console.log(`  ${line.slice(0, 2000)}`);
    }
    const errors = load.tally.errorCount + floor.tally.errorCount + serverErrors.length;
    console.log(
      `\ntotal errors: ${errors} (floor ${floor.tally.errorCount}, load ${load.tally.errorCount}, ` +
        `logged by the server ${serverErrors.length}); ` +
        `conflicts handled by re-reading: ${[...load.tally.ops.values()].reduce((s, o) => s + o.conflicts, 0)}`,
    );
    if (errors > 0) process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

await main();
