// The fuzz run behind fuzz.test.ts: every procedure of appRouter, anonymously and as each demo role,
// fed the inputs of fuzz-inputs.ts on the demo database. Each call is timed, and every row it
// writes is seen: triggers on every table log each insert, update, delete and truncate into a table
// of their own (a rolled-back write leaves no log row, as it leaves no row).
import type { Database } from "@beltmap/db";
import { countyLabelPoint } from "@beltmap/geo";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { hashToken } from "../src/auth/tokens.ts";
import {
  AnonymousAuditLimit,
  appRouter,
  createCaller,
  createContextInner,
  LoginThrottle,
} from "../src/index.ts";
import { inputIssues } from "../src/input-guard.ts";
import {
  casesFor,
  describeInput,
  type FuzzCase,
  type Hints,
  hash,
  mutationsFor,
  rngFor,
  type Schema,
  schemaOf,
} from "./fuzz-inputs.ts";
import { DEMO_USERS, type DemoUsername, sheetOf, signIn } from "./support.ts";

/** Generation is seeded: the same seed, the same inputs, the same calls in the same order. */
export const FUZZ_SEED = 20_261_120;

/** The seed of this run: FUZZ_SEED=<n> in the environment reproduces (or varies) a run. */
export function seedOfRun(): number {
  const text = process.env.FUZZ_SEED;
  if (text === undefined || text === "") return FUZZ_SEED;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${text}`);
  return seed >>> 0;
}

/** The demo's reference day, 09:00 in Quzhou: deadlines and due dates read as the demo means them. */
const DEMO_NOW = new Date("2026-11-20T01:00:00.000Z");

/** The client every call comes from: one address, as one probing client would use. */
const FUZZ_IP = "198.51.100.7";

/** A call's limit: no answer may take longer. */
export const MAX_CALL_MS = 2000;
/** A call over the limit is sent again up to this many tries in all; it fails if every try is over. */
const SLOW_TRIES = 3;

/** Mutations (fuzz-inputs.ts mutationsFor) at most per procedure and role its access rule lets through. */
const MAX_MUTATIONS = 8;
/** Inputs per procedure and role that its access rule refuses (the input is never read). */
const CASES_WHEN_REFUSED = 6;

export type Fixtures = {
  demoOrg: number;
  neighbourOrg: number;
  foreignOrg: number;
  kechengSites: number[];
  ownTownship: string;
  foreignTownship: string;
  members: number[];
  reReviews: number[];
  /** A user of no demo account's: user.update and user.resetPassword may change it. */
  spareUser: number;
  importFile: string;
  /** Each demo account's role, as the access rules name it. */
  roles: Record<DemoUsername, string>;
};

/**
 * What a procedure may write, besides audit rows: "nothing" (reads, previews), "session" (signing
 * in), "data" (a write that succeeded). A refused call writes nothing whatever its entry says,
 * and at most two audit rows.
 */
export type Expectation = {
  writes: "nothing" | "session" | "data";
  /** Realistic values by field name, over the defaults (see defaultHints). */
  hints?: (fixtures: Fixtures) => Hints;
};

const reads: Expectation = { writes: "nothing" };
const writes: Expectation = { writes: "data" };
const reReviewIds = (f: Fixtures): Hints => ({ id: f.reReviews });
const leaderScope: Hints = { role: ["LEADER"], unitId: [null], townshipId: [null], organizationId: [null] };

/**
 * Every procedure's entry. The fuzz test fails when a procedure has none (or an entry names no
 * procedure), so a new procedure is fuzzed, and said whether it may write, from the day it is added.
 */
export const EXPECTATIONS: Record<string, Expectation> = {
  "appendix2.download": reads,
  "appendix2.receive": writes,
  "appendix2.return": writes,
  "appendix2.status": reads,
  "appendix2.submit": writes,
  "appendix2.warnings": reads,
  "audit.organization": reads,
  "auth.changePassword": writes,
  "auth.login": { writes: "session" },
  "auth.logout": writes,
  "auth.me": reads,
  "belt.compliance": reads,
  "belt.list": reads,
  "briefing.createLink": writes,
  "briefing.links": reads,
  "briefing.open": writes, // a session, and the link's lastOpenedAt
  "briefing.revokeLink": { ...writes, hints: () => ({ id: [1, 2] }) },
  "cycle.get": reads,
  "cycle.list": reads,
  "cycle.open": writes,
  "cycle.update": writes,
  "dashboard.series": reads,
  "dashboard.summary": reads,
  "dataQuality.coordinates": reads,
  "map.counties": reads,
  "map.organization": { ...reads, hints: (f) => ({ id: [f.demoOrg, f.foreignOrg] }) },
  "map.organizations": reads,
  "map.search": reads,
  "map.serviceCenters": reads,
  "map.tile": { ...reads, hints: () => ({ z: [0, 8], x: [0, 212], y: [0, 107] }) },
  "map.tileSet": reads,
  "map.townshipAreas": reads,
  "meta.info": reads,
  "organizationExport.organizations": reads,
  "organizationImport.commit": writes,
  "organizationImport.preview": reads,
  "organizationImport.report": reads,
  "organizationImport.template": reads,
  "plan.accept": writes,
  "plan.get": reads,
  "plan.return": writes,
  "plan.save": writes,
  "plan.submit": writes,
  "plan.version": reads,
  "queue.bulk": writes,
  "queue.list": reads,
  "report.appendix2": reads,
  "rereview.cityDecide": { ...writes, hints: reReviewIds },
  "rereview.decide": { ...writes, hints: reReviewIds },
  "rereview.file": { ...writes, hints: reReviewIds },
  "rereview.list": reads,
  "rereview.record": { ...writes, hints: reReviewIds },
  "roster.create": writes,
  "roster.link": writes,
  "roster.list": reads,
  "roster.update": { ...writes, hints: (f) => ({ id: f.members }) },
  "sheet.definition": reads,
  "sheet.get": reads,
  "sheet.return": writes,
  "sheet.save": writes,
  "sheet.submit": writes,
  "site.assignContact": writes,
  "site.list": reads,
  "site.members": reads,
  "site.selectPractice": writes,
  "site.setCountyDualManaged": writes,
  "site.unselectPractice": writes,
  "unit.list": reads,
  "unit.townships": reads,
  // A leader needs no region: some of these pass the scope check and create a user.
  "user.create": { ...writes, hints: () => ({ username: ["fuzz-made", "demo-city"], ...leaderScope }) },
  "user.list": reads,
  // Only ever the spare user: a demo account disabled or moved would change every later call.
  "user.resetPassword": { ...writes, hints: (f) => ({ id: [f.spareUser] }) },
  "user.update": { ...writes, hints: (f) => ({ id: [f.spareUser], ...leaderScope }) },
};

/** Values that reach past the schema into the procedures' code: ids that exist, a full sheet, … */
function defaultHints(f: Fixtures): Hints {
  const days = ["2026-01-01", "2026-12-31", "2026-11-10", "2026-12-20"];
  return {
    unitId: ["KECHENG", "KAIHUA", "LONGYOU"],
    townshipId: [f.ownTownship, f.foreignTownship],
    organizationId: [f.demoOrg, f.neighbourOrg, f.foreignOrg],
    memberId: f.members,
    cycleId: [2, 1],
    version: [0, 1, 2],
    previousVersion: [0, 1],
    revision: [0, 1, 2],
    items: [sheetOf(95), sheetOf(62.5)],
    stopIds: [f.kechengSites, f.kechengSites.slice(0, 2)],
    lng: [118.87],
    lat: [28.97],
    year: [2026, 2017],
    startsOn: days,
    endsOn: days,
    beltPlanDeadline: days,
    initialSummaryDeadline: days,
    username: ["demo-city", "no-such-user"],
    // (auth.changePassword may have changed a demo password to newPassword.)
    password: ["demo-only-2026", "fuzz-password-2026", "a-wrong-password-1"],
    currentPassword: ["demo-only-2026", "fuzz-password-2026", "a-wrong-password-1"],
    newPassword: ["fuzz-password-2026"],
    key: ["0123456789abcdef0123456789abcdef"],
    fileName: ["kecheng.csv"],
    base64: [f.importFile],
  };
}

export async function fixturesOf(db: Database): Promise<Fixtures> {
  const { prisma } = db;
  const orgUser = await prisma.user.findUniqueOrThrow({ where: { username: "demo-org" } });
  const townshipUser = await prisma.user.findUniqueOrThrow({ where: { username: "demo-township" } });
  const ownTownship = townshipUser.townshipId ?? "";
  const kecheng = await prisma.organization.findMany({
    where: { unitId: "KECHENG" },
    orderBy: { id: "asc" },
    take: 4,
  });
  const township = await prisma.township.findFirstOrThrow({
    where: { unitId: "KECHENG" },
    orderBy: { id: "asc" },
  });
  const [lng, lat] = countyLabelPoint(township.countyCode);
  const csv = [
    "党组织名称,类型,所属单位,乡镇（街道、园区）,地址,经度,纬度,党员数",
    `模糊测试党支部,非公企业,柯城区,${township.name},柯城区某路 1 号,${lng},${lat},5`,
  ].join("\r\n");
  const spare = await prisma.user.create({
    data: { username: "fuzz-spare", displayName: "备用账号", role: "LEADER", passwordHash: "x" },
  });
  const accounts = await prisma.user.findMany({ where: { username: { in: [...DEMO_USERS] } } });
  return {
    demoOrg: orgUser.organizationId ?? 0,
    neighbourOrg: (
      await prisma.organization.findFirstOrThrow({
        where: { unitId: "KECHENG", townshipId: { not: ownTownship } },
        orderBy: { id: "asc" },
      })
    ).id,
    foreignOrg: (
      await prisma.organization.findFirstOrThrow({ where: { unitId: "KAIHUA" }, orderBy: { id: "asc" } })
    ).id,
    kechengSites: kecheng.map((o) => o.id),
    ownTownship,
    foreignTownship: (
      await prisma.township.findFirstOrThrow({ where: { unitId: "KAIHUA" }, orderBy: { id: "asc" } })
    ).id,
    members: (
      await prisma.committeeMember.findMany({
        where: { unitId: { in: ["KECHENG", "KAIHUA"] } },
        orderBy: { id: "asc" },
        take: 3,
      })
    ).map((m) => m.id),
    reReviews: (
      await prisma.reReview.findMany({
        where: { organization: { unitId: { in: ["KECHENG", "KAIHUA"] } } },
        orderBy: { id: "asc" },
        take: 4,
      })
    ).map((r) => r.id),
    spareUser: spare.id,
    importFile: Buffer.from(csv, "utf8").toString("base64"),
    roles: Object.fromEntries(accounts.map((a) => [a.username, a.role])) as Record<DemoUsername, string>,
  };
}

/**
 * Logs every row written to any table but the log itself (and the migrations' bookkeeping) into
 * fuzz_write. A session's touch (lastSeenAt) is bookkeeping of the read, not a write of the call.
 */
export async function logWrites(db: Database): Promise<void> {
  const { prisma } = db;
  await prisma.$executeRawUnsafe(
    "CREATE TABLE fuzz_write (id serial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL)",
  );
  await prisma.$executeRawUnsafe(`CREATE FUNCTION fuzz_log() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO fuzz_write (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`);
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name::text AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('fuzz_write', '_prisma_migrations')`,
  );
  for (const { name } of tables) {
    let events = "INSERT OR UPDATE OR DELETE";
    if (name === "Session") {
      const columns = await prisma.$queryRawUnsafe<{ name: string }[]>(
        `SELECT column_name::text AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'Session' AND column_name <> 'lastSeenAt'`,
      );
      events = `INSERT OR DELETE OR UPDATE OF ${columns.map((c) => `"${c.name}"`).join(", ")}`;
    }
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER fuzz_log AFTER ${events} ON "${name}" FOR EACH ROW EXECUTE FUNCTION fuzz_log()`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER fuzz_log_truncate AFTER TRUNCATE ON "${name}" FOR EACH STATEMENT EXECUTE FUNCTION fuzz_log()`,
    );
  }
}

export type Role = "anonymous" | DemoUsername;
export const ROLES: readonly Role[] = ["anonymous", ...DEMO_USERS];

export type Finding = { procedure: string; role: Role; label: string; input: string; detail: string };

export type Timed = { ms: number; procedure: string; role: Role; label: string };

export type FuzzReport = {
  seed: number;
  requests: number;
  byCode: Record<string, number>;
  byRole: Record<string, number>;
  /** Inputs not sent: a read's, parsed the same as one it had already answered for the role. */
  repeats: number;
  /** Milliseconds spent in calls, by outcome. */
  msByCode: Record<string, number>;
  /** Answers 500 (or threw something that is not a tRPC error). */
  internal: Finding[];
  /** Slower than MAX_CALL_MS on every try (SLOW_TRIES, sent again alone). */
  slow: Finding[];
  /** Slower than MAX_CALL_MS, but within it when sent again alone (a loaded machine): not failures. */
  slowOnce: Finding[];
  /** Rows written by refused calls or reads; more than two audit rows for a refusal. */
  writes: Finding[];
  /** A caller the procedure's access rule refuses that got any other answer than the refusal. */
  access: Finding[];
  /** The slowest calls, slowest first. */
  slowest: Timed[];
  /** Audit rows of anonymous refusals (failed logins, refused briefing links) written during the run. */
  anonymousAuditRows: number;
  /** Procedures with no entry in the table, and entries that name no procedure. */
  missing: string[];
  extra: string[];
  ms: number;
};

type Invoke = (input: unknown) => Promise<unknown>;
type ProcedureDef = { _def: { inputs: unknown[]; type: string; meta?: { access?: unknown } } };
type Access = "public" | { roles: "ALL" | readonly string[]; ownAccount?: boolean } | undefined;

function procedureOf(caller: unknown, path: string): Invoke {
  const [group, name] = path.split(".") as [string, string];
  const fn = (caller as Record<string, Record<string, Invoke>>)[group]?.[name];
  if (!fn) throw new Error(`no procedure ${path} on the caller`);
  return fn;
}

/**
 * Whether the procedure's access rule (trpc.ts: signedIn) lets the role through: public ones let
 * everyone; the others need a session of a listed role, and a read-only role (LEADER) calls no
 * mutation but on its own account. A refused caller never gets as far as the input.
 */
function accessAllows(def: ProcedureDef["_def"], role: string | null): boolean {
  const access = def.meta?.access as Access;
  if (access === "public") return true;
  if (access === undefined || role === null) return false;
  const listed = access.roles === "ALL" || access.roles.includes(role);
  const readOnly = def.type === "mutation" && role === "LEADER" && access.ownAccount !== true;
  return listed && !readOnly;
}

/**
 * What the procedure's code is given for `raw`: its schema's parse, as stable JSON; null when the
 * guard or the schema refuses it (or when that cannot be told). Two inputs with the same parse take
 * the same path through a read.
 */
function parsedKey(def: ProcedureDef["_def"], raw: unknown): string | null {
  if (def.inputs.length > 1 || inputIssues(raw).length > 0) return null;
  const parser = def.inputs[0] as z.ZodType | undefined;
  if (!parser) return "(no input)";
  const parsed = parser.safeParse(raw);
  if (!parsed.success) return null;
  try {
    return (
      JSON.stringify(parsed.data, (_key, value: unknown) =>
        value && typeof value === "object" && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
          : value,
      ) ?? "(undefined)"
    );
  } catch {
    return null;
  }
}

function stackTop(error: unknown): string {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  const text =
    cause instanceof Error ? `${cause.name}: ${cause.message}\n${cause.stack ?? ""}` : String(cause);
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .filter((line, i) => i === 0 || line.startsWith("at "))
    .slice(0, 4)
    .join(" | ")
    .slice(0, 600);
}

type Write = { id: number; tbl: string; op: string };

/** One call's outcome: its tRPC code ("OK" when it answered), how long it took and what it threw. */
type Outcome = { code: string; ms: number; error?: unknown };

/** A call still unanswered after this long is given up on ("HUNG": a slow finding), not awaited. */
const HUNG_MS = 30_000;
const NO_ANSWER = Symbol("no answer");

async function invoke(caller: unknown, path: string, input: unknown): Promise<Outcome> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<typeof NO_ANSWER>((resolve) => {
    timer = setTimeout(() => resolve(NO_ANSWER), HUNG_MS);
  });
  try {
    const answer = await Promise.race([procedureOf(caller, path)(input), hung]);
    return { code: answer === NO_ANSWER ? "HUNG" : "OK", ms: performance.now() - started };
  } catch (error) {
    const code = error instanceof TRPCError ? error.code : "THROWN";
    return { code, ms: performance.now() - started, error };
  } finally {
    clearTimeout(timer);
  }
}

/** The number of fields (at any depth) of an input schema: small inputs need fewer mutations. */
function fieldsOf(schema: Schema | null | undefined): number {
  if (!schema) return 0;
  const options = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (options) return Math.max(0, ...options.map(fieldsOf));
  let count = 0;
  for (const property of Object.values(schema.properties ?? {})) count += 1 + fieldsOf(property);
  if (typeof schema.additionalProperties === "object") count += 1 + fieldsOf(schema.additionalProperties);
  if (schema.items) count += fieldsOf(schema.items);
  return count;
}

export type Group = { role: Role; through: boolean; cases: FuzzCase[] };

/**
 * What one procedure is sent, role by role (the roles in `roles` order):
 * - a role its access rule lets through gets the core inputs (fuzz-inputs.ts casesFor), mutations
 *   of its own (two per field of the input, 2 to MAX_MUTATIONS) and a share of the hostile corpus.
 *   Every hostile string goes to the first of those roles (the widest: the city, or anonymous for
 *   a public procedure, gets furthest into the code with any value), and for a procedure that
 *   writes, to one of the others in turn too; every other corpus input to one of them in turn. So
 *   each corpus input is sent at least once per procedure, and the run stays near a minute;
 * - a role it refuses gets CASES_WHEN_REFUSED of those inputs (no input, a valid one and a seeded
 *   choice of the rest): a refused caller never gets as far as the input.
 */
export function plan(
  path: string,
  definition: ProcedureDef,
  writes: boolean,
  hints: Hints,
  fixtures: Pick<Fixtures, "roles">,
  roles: readonly Role[],
  seed: number,
): Group[] {
  const schema = schemaOf(definition._def.inputs);
  const { core, corpus } = casesFor(path, schema, hints, seed);
  const roleOf = (role: Role) => (role === "anonymous" ? null : fixtures.roles[role]);
  const allowed = roles.filter((role) => accessAllows(definition._def, roleOf(role)));
  const [widest, ...others] = allowed;
  const turn = hash(path);
  const mutations = Math.min(MAX_MUTATIONS, Math.max(2, 2 * fieldsOf(schema)));
  return roles.map((role): Group => {
    if (allowed.includes(role)) {
      const share = corpus.filter((c, i) =>
        c.label.startsWith("every string")
          ? role === widest || (writes && (i + turn) % others.length === others.indexOf(role))
          : (i + turn) % allowed.length === allowed.indexOf(role),
      );
      return {
        role,
        through: true,
        cases: [...core, ...share, ...mutationsFor(path, schema, hints, seed, role, mutations)],
      };
    }
    const rng = rngFor(seed, path, role, "choice");
    const rest = [...core.slice(2), ...corpus, ...mutationsFor(path, schema, hints, seed, role, 2)];
    const cases = core.slice(0, 2);
    while (cases.length < CASES_WHEN_REFUSED && rest.length > 0) {
      cases.push(...rest.splice(Math.floor(rng() * rest.length), 1));
    }
    return { role, through: false, cases };
  });
}

/**
 * Runs every procedure as every role (the inputs: see plan) and reports what broke. Writes are read
 * back after every call in a group whose calls may write (a write procedure, a role it lets
 * through); elsewhere (reads, refused roles) no call may write a row but audit rows, so the log is
 * read once per group, and a group that broke that is run again call by call to name the calls.
 * Each group has its own session (and a new one after a call ends it).
 */
export async function runFuzz(
  db: Database,
  fixtures: Fixtures,
  options: {
    seed?: number;
    roles?: readonly Role[];
    only?: (path: string) => boolean;
    onProcedure?: (path: string, ms: number, requests: number) => void;
    onCall?: (path: string, role: Role, label: string, code: string, ms: number) => void;
  } = {},
): Promise<FuzzReport> {
  const runStarted = performance.now();
  const { prisma } = db;
  const seed = options.seed ?? FUZZ_SEED;
  const now = () => DEMO_NOW;
  // One limit on anonymous audit rows for the whole run, as the server keeps one (its clock stands
  // still: one minute, one address). A login throttle per group: with the run's, the first twenty
  // failures would lock the address for good, and no later login would get past it.
  const anonymousAudit = new AnonymousAuditLimit();
  let auth = { throttle: new LoginThrottle(prisma), anonymousAudit };
  const roles = options.roles ?? ROLES;
  const definitions = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  const procedures = Object.keys(definitions).sort();
  const report: FuzzReport = {
    seed,
    requests: 0,
    byCode: {},
    byRole: {},
    repeats: 0,
    msByCode: {},
    internal: [],
    slow: [],
    slowOnce: [],
    writes: [],
    access: [],
    slowest: [],
    anonymousAuditRows: 0,
    missing: procedures.filter((path) => EXPECTATIONS[path] === undefined),
    extra: Object.keys(EXPECTATIONS).filter((path) => definitions[path] === undefined),
    ms: 0,
  };
  const hints = defaultHints(fixtures);
  const firstAudit = (await prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0;

  let cursor = 0;
  const newWrites = async (): Promise<Write[]> => {
    const rows = await prisma.$queryRawUnsafe<Write[]>(
      "SELECT id, tbl, op FROM fuzz_write WHERE id > $1 ORDER BY id",
      cursor,
    );
    cursor = rows.at(-1)?.id ?? cursor;
    return rows;
  };

  type Session = { caller: unknown; token: string | null };
  const request = { ip: FUZZ_IP, userAgent: "fuzz" };
  const open = async (role: Role): Promise<Session> => {
    let token: string | null = null;
    if (role !== "anonymous") token = (await signIn(db, role, now)).token;
    const ctx = createContextInner({ prisma, sessionToken: token, now, request, auth });
    await newWrites(); // the sign-in's session row is the test's, not a call's
    return { caller: createCaller(ctx), token };
  };
  /** After a call that wrote: a new context (the server makes one per request), and a new session if it ended. */
  const reopen = async (role: Role, session: Session): Promise<Session> => {
    if (session.token === null) return session;
    const live = await prisma.session.count({ where: { tokenHash: hashToken(session.token) } });
    if (live === 0) return open(role);
    const ctx = createContextInner({ prisma, sessionToken: session.token, now, request, auth });
    return { caller: createCaller(ctx), token: session.token };
  };

  const timed = (entry: Timed) => {
    const { slowest } = report;
    if (slowest.length === 10 && entry.ms <= (slowest.at(-1)?.ms ?? 0)) return;
    slowest.push(entry);
    slowest.sort((a, b) => b.ms - a.ms);
    slowest.length = Math.min(slowest.length, 10);
  };

  /** Rows a call (or a group of calls that may not write) wrote beyond what it may. */
  const judgeWrites = (
    written: Write[],
    mayWrite: Expectation["writes"] | null,
    calls: number,
  ): string | null => {
    // The login throttle's rows are its bookkeeping, written by every attempt, refused or not.
    const data = written.filter((w) => w.tbl !== "AuditLog" && w.tbl !== "ThrottleAttempt");
    const audit = written.filter((w) => w.tbl === "AuditLog").length;
    const allowed =
      mayWrite === "data" ? data : mayWrite === "session" ? data.filter((w) => w.tbl === "Session") : [];
    const unexpected = data.filter((w) => !allowed.includes(w));
    const auditLimit = mayWrite === null ? 2 * calls : Number.POSITIVE_INFINITY;
    if (unexpected.length === 0 && audit <= auditLimit) return null;
    const rows = [...new Set(unexpected.map((w) => `${w.op} ${w.tbl}`))].join(", ");
    return `${rows || "no data rows"} (${unexpected.length} rows); ${audit} audit rows`;
  };

  for (const path of procedures) {
    const expectation = EXPECTATIONS[path];
    const definition = definitions[path];
    if (!expectation || !definition || (options.only && !options.only(path))) continue;
    const procedureStarted = performance.now();
    const requestsBefore = report.requests;
    const groups = plan(
      path,
      definition,
      expectation.writes !== "nothing",
      { ...hints, ...expectation.hints?.(fixtures) },
      fixtures,
      roles,
      seed,
    );
    for (const { role, through, cases } of groups) {
      const refusal = role === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN";
      const perCall = through && expectation.writes !== "nothing";

      const runGroup = async (callByCall: boolean, count: boolean) => {
        const found: Finding[] = [];
        let sent = 0;
        const asked = new Set<string>();
        // The throttle's counts are in the database: a new group starts from none.
        await prisma.throttleAttempt.deleteMany();
        auth = { throttle: new LoginThrottle(prisma), anonymousAudit };
        let session = await open(role);
        for (const { label, input } of cases) {
          if (through && expectation.writes === "nothing") {
            // A read given what it has already answered in this group is not asked again.
            const key = parsedKey(definition._def, input);
            if (key !== null && asked.has(key)) {
              if (count) report.repeats++;
              continue;
            }
            if (key !== null) asked.add(key);
          }
          const finding = (detail: string): Finding => ({
            procedure: path,
            role,
            label,
            input: describeInput(input),
            detail,
          });
          const outcome = await invoke(session.caller, path, input);
          sent++;
          let succeeded = outcome.code === "OK";
          const check = async (o: Outcome) => {
            if (!callByCall) return;
            const problem = judgeWrites(await newWrites(), o.code === "OK" ? expectation.writes : null, 1);
            if (problem) found.push(finding(`${o.code}: ${problem}`));
          };
          await check(outcome);
          if (count) {
            report.requests++;
            report.byCode[outcome.code] = (report.byCode[outcome.code] ?? 0) + 1;
            report.byRole[role] = (report.byRole[role] ?? 0) + 1;
            report.msByCode[outcome.code] = (report.msByCode[outcome.code] ?? 0) + outcome.ms;
            if (outcome.code === "INTERNAL_SERVER_ERROR" || outcome.code === "THROWN") {
              report.internal.push(finding(stackTop(outcome.error)));
            }
            if (!through && outcome.code !== refusal) {
              report.access.push(finding(`${outcome.code}, not ${refusal}`));
            }
            timed({ ms: outcome.ms, procedure: path, role, label });
            options.onCall?.(path, role, label, outcome.code, outcome.ms);
            if (outcome.code === "HUNG") {
              report.slow.push(finding(`no answer in ${HUNG_MS} ms`));
            } else if (outcome.ms > MAX_CALL_MS) {
              // A loaded machine (or a first call's module load) can make any call slow once: the
              // call is sent again, alone (nothing else of the test runs meanwhile), up to twice,
              // and is slow only if every try is.
              const tries = [outcome];
              while (tries.length < SLOW_TRIES && Math.min(...tries.map((t) => t.ms)) > MAX_CALL_MS) {
                await new Promise((resolve) => setTimeout(resolve, 200));
                const again = await invoke(session.caller, path, input);
                sent++;
                succeeded ||= again.code === "OK";
                await check(again);
                tries.push(again);
              }
              const detail = tries.map((t) => `${Math.round(t.ms)} ms (${t.code})`).join(", then ");
              const fastest = Math.min(...tries.map((t) => t.ms));
              (fastest > MAX_CALL_MS ? report.slow : report.slowOnce).push(finding(detail));
            }
          }
          // (Only where calls may write: in the other groups, that call is an access finding.)
          if (callByCall && succeeded && expectation.writes !== "nothing") {
            session = await reopen(role, session);
          }
        }
        return { found, sent };
      };

      if (perCall) {
        report.writes.push(...(await runGroup(true, true)).found);
        continue;
      }
      const { sent } = await runGroup(false, true);
      const problem = judgeWrites(await newWrites(), null, sent);
      if (problem) {
        // Run the group again, call by call, to name the calls (the first run's rows are above).
        const named = (await runGroup(true, false)).found;
        report.writes.push(
          ...(named.length > 0
            ? named
            : [{ procedure: path, role, label: "(the group)", input: "", detail: problem }]),
        );
      }
    }
    options.onProcedure?.(path, performance.now() - procedureStarted, report.requests - requestsBefore);
  }
  // (An opened briefing link's row has no user either, but is no anonymous refusal: not limited.)
  report.anonymousAuditRows = await prisma.auditLog.count({
    where: { id: { gt: firstAudit }, userId: null, action: { not: "briefing.link.open" } },
  });
  report.ms = performance.now() - runStarted;
  return report;
}

/** The lines the test prints: the seed, the counts by outcome and by role, the slowest calls. */
export function summaryOf(name: string, report: FuzzReport): string {
  const codes = Object.entries(report.byCode)
    .sort(([, a], [, b]) => b - a)
    .map(([code, n]) => `${code} ${n}`)
    .join(", ");
  const roles = Object.entries(report.byRole)
    .map(([role, n]) => `${role} ${n}`)
    .join(", ");
  const slowest = report.slowest
    .slice(0, 3)
    .map((t) => `${Math.round(t.ms)} ms ${t.procedure} as ${t.role} [${t.label}]`)
    .join("; ");
  return [
    `fuzz ${name}: seed ${report.seed} (FUZZ_SEED=${report.seed} repeats it), ${report.requests} requests in ${(report.ms / 1000).toFixed(1)} s (and ${report.repeats} repeats of a read's parsed input not sent)`,
    `  by outcome: ${codes}`,
    `  by caller: ${roles}`,
    `  seconds in calls by outcome: ${Object.entries(report.msByCode)
      .sort(([, a], [, b]) => b - a)
      .map(([code, ms]) => `${code} ${(ms / 1000).toFixed(1)}`)
      .join(", ")}`,
    `  500s ${report.internal.length}; over ${MAX_CALL_MS} ms ${report.slow.length} (and within it when sent again: ${report.slowOnce.length}); unexpected writes ${report.writes.length}; access ${report.access.length}; anonymous audit rows ${report.anonymousAuditRows}`,
    `  slowest: ${slowest}`,
    ...formatFindings(report.slowOnce).map((line) => `  slow once: ${line}`),
  ].join("\n");
}

export function formatFindings(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.procedure} as ${f.role} [${f.label}] input ${f.input} → ${f.detail}`);
}
