// Imports on the production database (PostgreSQL runs transactions concurrently): two commits of one
// new file started together create its organisations once (the second finds them and updates), and
// a re-import updates every row through the batched UPDATE … FROM VALUES.
import { hashPassword, openDatabase, seedReferenceDataIfEmpty } from "@beltmap/db";
import { IMPORT_COLUMNS } from "@beltmap/domain";
import { countyLabelPoint } from "@beltmap/geo";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, signIn } from "./support.ts";

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://root@127.0.0.1:5432/postgres";
const DB_NAME = `beltmap_import_${process.pid}_${Date.now()}`;
let admin: pg.Client;
let db: Database;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect().catch((error: unknown) => {
    throw new Error(`PostgreSQL is needed at ${ADMIN_URL} (set TEST_POSTGRES_URL): ${String(error)}`);
  });
  await admin.query(`CREATE DATABASE "${DB_NAME}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  db = await openDatabase(url.toString());
  await seedReferenceDataIfEmpty(db.prisma);
  await db.prisma.user.create({
    data: {
      username: "city",
      displayName: "市委两新工委",
      role: "CITY",
      passwordHash: await hashPassword("unused-password"),
    },
  });
}, 60_000);

afterAll(async () => {
  await db?.close();
  await admin?.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin?.end();
});

async function csv(members: number) {
  const township = await db.prisma.township.findFirstOrThrow({
    where: { unitId: "KECHENG", countyCode: "330802" },
  });
  const [lng, lat] = countyLabelPoint("330802");
  const lines = [IMPORT_COLUMNS.map((c) => c.header).join(",")];
  for (let i = 0; i < 50; i++) {
    const row: Record<string, string | number> = {
      code: `PG-${i}`,
      name: `并发导入${i}号党支部`,
      kind: "非公企业",
      unit: "柯城区",
      township: township.name,
      address: `柯城区并发路 ${i} 号`,
      lng: (lng + i * 0.0003).toFixed(6),
      lat: lat.toFixed(6),
      memberCount: members,
    };
    lines.push(IMPORT_COLUMNS.map((c) => String(row[c.key] ?? "")).join(","));
  }
  return {
    fileName: "并发.csv",
    base64: Buffer.from(lines.join("\r\n"), "utf8").toString("base64"),
    system: "WGS84" as const,
  };
}

describe("imports on PostgreSQL", () => {
  it("two commits of one file at once create its organisations once", async () => {
    const file = await csv(5);
    const [a, b] = await Promise.all([
      (await signIn(db, "city")).call().organizationImport.commit(file),
      (await signIn(db, "city")).call().organizationImport.commit(file),
    ]);
    expect([a.rows.create, b.rows.create].sort()).toEqual([0, 50]);
    expect([a.rows.update, b.rows.update].sort()).toEqual([0, 50]);
    expect(await db.prisma.organization.count({ where: { code: { startsWith: "PG-" } } })).toBe(50);
  });

  it("a re-import updates every row in batched statements", async () => {
    const done = await (await signIn(db, "city")).call().organizationImport.commit(await csv(9));
    expect(done.rows).toMatchObject({ create: 0, update: 50 });
    const members = await db.prisma.organization.findMany({
      where: { code: { startsWith: "PG-" } },
      select: { memberCount: true },
    });
    expect(members.every((m) => m.memberCount === 9)).toBe(true);
  });
});
