// `npm run create-admin -- <username> [--display-name 名称]`: creates a city administrator (role CITY),
// the account that creates every other one, in the database DATABASE_URL names. The database is opened
// and prepared as `npm start` does it (migrations, then the demo or reference data an empty one gets).
import { stdin, stdout } from "node:process";
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import {
  type Database,
  findUserByUsername,
  hashPassword,
  openDatabase,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  seedDemoIfEmpty,
  seedReferenceDataIfEmpty,
  USERNAME_PATTERN,
} from "@beltmap/db";
import { ConfigError, loadConfig, wantsDemoData } from "./config.ts";

const PASSWORD_VARIABLE = "BELTMAP_ADMIN_PASSWORD";
const DEFAULT_DISPLAY_NAME = "市级管理员";

const USAGE = "usage: npm run create-admin -- <username> [--display-name 名称]";

const HELP = `创建市级管理员账号 / Create a city administrator (role CITY).

${USAGE}

  <username>             3–32 letters, digits or . _ -
  --display-name 名称    the name shown in the app (default: ${DEFAULT_DISPLAY_NAME})
  -h, --help             this text

The password comes from the environment variable ${PASSWORD_VARIABLE}; when that is unset and
the command runs in a terminal, it is asked for twice without echo. At least ${PASSWORD_MIN_LENGTH} characters.

The database is the one DATABASE_URL names (as for \`npm start\`; unset: PGlite in ./data/pglite).
Pending migrations are applied; an empty database first gets the data \`npm start\` would load
(DEMO_DATA decides whether that includes the demo data and its demo accounts).

A PGlite database belongs to one process: while the server runs on it, this command stops with a
message naming the server's process. Stop the server, create the account, start the server again.
With PostgreSQL the server may keep running.

Exit status: 0 when the account was created, 1 otherwise (an existing username included).`;

/** A failure the user can act on: printed as it is, exit status 1. */
class CliError extends Error {}

type Arguments = { username: string; displayName: string };

const OPTIONS = {
  "display-name": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
}

function parseArguments(argv: string[]): Arguments | "help" {
  const parsed = parse(argv);
  if (parsed.values.help) return "help";
  const [username, ...extra] = parsed.positionals;
  if (username === undefined) throw new CliError(`缺少用户名 / a username is required\n${USAGE}`);
  if (extra.length > 0) throw new CliError(`多余的参数 / unexpected arguments: ${extra.join(" ")}\n${USAGE}`);
  if (!USERNAME_PATTERN.test(username)) {
    throw new CliError(
      `用户名为 3–32 位字母、数字或 . _ - / the username must be 3–32 letters, digits or . _ -: "${username}"`,
    );
  }
  const displayName = (parsed.values["display-name"] ?? DEFAULT_DISPLAY_NAME).trim();
  if (displayName.length < 1 || displayName.length > 60) {
    throw new CliError("名称须为 1–60 个字符 / the display name must be 1–60 characters");
  }
  return { username, displayName };
}

/** Refuses a password passwordProblem objects to, saying why in both languages. */
function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) {
    throw new CliError(`${problem} / the password is not acceptable (${PASSWORD_MIN_LENGTH}–256 characters)`);
  }
}

/** Asks twice without echo (stdin is a terminal). */
async function promptPassword(): Promise<string> {
  let muted = false;
  // Everything readline writes goes through here; while a password is typed, nothing does.
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) stdout.write(chunk, encoding);
      callback();
    },
  });
  const rl = createInterface({ input: stdin, output, terminal: true });
  // Ctrl-C (the terminal is in raw mode, so it arrives here): give up, and let the database close.
  const cancel = new AbortController();
  rl.on("SIGINT", () => cancel.abort());
  const ask = async (question: string) => {
    const answer = rl.question(question, { signal: cancel.signal }); // writes the question now…
    muted = true; // …and hides what is typed after it
    try {
      return await answer;
    } catch (error) {
      if (cancel.signal.aborted) throw new CliError("已取消 / cancelled");
      throw error;
    } finally {
      muted = false;
      stdout.write("\n");
    }
  };
  try {
    const first = await ask("密码 / password: ");
    const second = await ask("再输入一次 / repeat: ");
    if (first !== second) throw new CliError("两次输入的密码不一致 / the two passwords differ");
    return first;
  } finally {
    rl.close();
  }
}

/** What `npm start` loads into an empty database, so that the account does not precede the data. */
async function prepareData(database: Database, demoData: ReturnType<typeof loadConfig>["DEMO_DATA"]) {
  if (wantsDemoData(demoData, database.location.kind)) {
    const seed = await seedDemoIfEmpty(database.prisma);
    if (seed.seeded) console.error(`loaded the demo data (示例数据): ${seed.organizations} organisations`);
  } else {
    await seedReferenceDataIfEmpty(database.prisma);
  }
}

async function createAdmin(args: Arguments): Promise<string> {
  const config = loadConfig();
  // A password from the environment is checked before the database is opened; one typed in a
  // terminal is asked for once the username is known to be free.
  const fromEnvironment = process.env[PASSWORD_VARIABLE];
  if (fromEnvironment === undefined && !stdin.isTTY) {
    throw new CliError(
      `请设置 ${PASSWORD_VARIABLE} / set ${PASSWORD_VARIABLE} (no terminal to ask for the password)`,
    );
  }
  if (fromEnvironment !== undefined) checkPassword(fromEnvironment);

  const database = await openDatabase(config.DATABASE_URL);
  try {
    const { prisma } = database;
    if (await findUserByUsername(prisma, args.username)) {
      throw new CliError(`用户名已存在 / the username "${args.username}" already exists`);
    }
    const password = fromEnvironment ?? (await promptPassword());
    checkPassword(password);
    const passwordHash = await hashPassword(password);

    await prepareData(database, config.DEMO_DATA);
    const fields = {
      username: args.username,
      displayName: args.displayName,
      role: "CITY",
      unitId: null,
      townshipId: null,
      organizationId: null,
    };
    const user = await prisma.$transaction(async (tx) => {
      if (await findUserByUsername(tx, args.username)) return null;
      const created = await tx.user.create({ data: { ...fields, passwordHash } });
      await tx.auditLog.create({
        data: {
          action: "user.create",
          entity: "User",
          entityId: String(created.id),
          after: { ...fields, via: "create-admin" },
        },
      });
      return created;
    });
    if (!user) throw new CliError(`用户名已存在 / the username "${args.username}" already exists`);
    return `已创建市级管理员 ${user.username}（${user.displayName}）/ created city administrator "${user.username}" (id ${user.id}) in ${database.description}`;
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  if (args === "help") {
    console.log(HELP);
    return 0;
  }
  console.log(await createAdmin(args));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError || error instanceof ConfigError) {
      console.error(error.message);
    } else {
      console.error(
        `创建失败 / could not create the administrator: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    process.exit(1);
  },
);
