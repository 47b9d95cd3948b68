// `npm run seed`: loads the demo data into the database named by DATABASE_URL (if it is empty)
// and prints the content hash. Running it on two fresh databases prints the same hash.
import { openDatabase } from "../client.ts";
import { seedDemoIfEmpty } from "./index.ts";

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
