// Imports on the production database (PostgreSQL runs transactions concurrently): two commits of one
// new file started together create its organisations once (the second finds them and updates), and
// a re-import updates every row through the batched UPDATE … FROM VALUES.
import { IMPORT_COLUMNS } from "@beltmap/domain";
import { countyLabelPoint } from "@beltmap/geo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresTestDatabase, type PostgresTestDatabase } from "./postgres.ts";
import { type Database, signIn } from "./support.ts";

let postgres: PostgresTestDatabase;
let db: Database;

beforeAll(async () => {
  postgres = await openPostgresTestDatabase("import");
  db = postgres.db;
}, 60_000);

afterAll(async () => {
  await postgres?.drop();
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
