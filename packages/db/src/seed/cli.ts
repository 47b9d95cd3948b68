// `npm run seed`: loads the demo data into the database named by DATABASE_URL (if it is empty)
// and prints the content hash. Running it on two fresh databases prints the same hash.
import { openDatabase } from "../client.ts";
import { seedDemoIfEmpty } from "./index.ts";

async function seed() {
  const db = await openDatabase(process.env.DATABASE_URL);
  try {
    const started = performance.now();
    const result = await seedDemoIfEmpty(db.prisma);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      result.seeded
        ? `seeded ${result.organizations} organisations into ${db.description} in ${seconds} s`
        : `${db.description} already holds data (${result.organizations} organisations); left as it is`,
    );
    console.log(`content hash: ${result.hash ?? "(not demo data)"}`);
  } finally {
    await db.close();
  }
}

/** Refusals the operator acts on (data directory in use or not writable): their message says it all. */
const OPERATOR_ERRORS = new Set(["BELTMAP_DATABASE_IN_USE", "BELTMAP_DATA_DIR_NOT_WRITABLE"]);

try {
  await seed();
} catch (error) {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === "string" && OPERATOR_ERRORS.has(code)) {
    console.error(`npm run seed 没有运行：${error.message}`);
  } else {
    console.error(error); // unexpected: the stack helps
  }
  process.exitCode = 1;
}
