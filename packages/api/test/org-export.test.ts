// Exporting organisations: in the user's region, with scores when asked, cells escaped so no text
// is read as a formula; and the round trip — the demo organisations exported, imported into an empty
// database, exported again — gives the same file, 组建方式 and 实体运作 included.
import { type Database, openDatabase, seedReferenceDataIfEmpty } from "@beltmap/db";
import { countyLabelPoint } from "@beltmap/geo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, openDemoDatabase, signIn } from "./support.ts";

let demo: Database;
let empty: Database;
let city: Caller;
let importer: Caller;

const text = (file: { base64: string }) => Buffer.from(file.base64, "base64").toString("utf8");

beforeAll(async () => {
  demo = await openDemoDatabase();
  city = (await signIn(demo, "demo-city")).call();
  empty = await openDatabase("memory:");
  await seedReferenceDataIfEmpty(empty.prisma);
  await empty.prisma.user.create({
    data: { username: "importer", passwordHash: "-", displayName: "导入员", role: "CITY" },
  });
  importer = (await signIn(empty, "importer")).call();
}, 120_000);

afterAll(async () => {
  await demo?.close();
  await empty?.close();
});

describe("organizationExport", () => {
  it("round trip: export, import into an empty database, export again — the same file", async () => {
    // The demo's deliberately misplaced organisation (outside its county) would rightly be refused
    // by the import: it goes back into its county first.
    const quality = await city.dataQuality.coordinates();
    const misplaced = quality.rows.filter((r) => r.issues.some((i) => i.kind === "OUTSIDE_COUNTY"));
    expect(misplaced).toHaveLength(1);
    for (const row of misplaced) {
      const issue = row.issues.find((i) => i.kind === "OUTSIDE_COUNTY");
      if (issue?.kind !== "OUTSIDE_COUNTY") continue;
      const [lng, lat] = countyLabelPoint(issue.countyCode);
      await demo.prisma.organization.update({ where: { id: row.organizationId }, data: { lng, lat } });
    }
    // Whatever the demo holds, the file carries a 联建 organisation, a 非实体运作 one and one that is
    // both, so the trip proves the two columns survive it.
    const changed = await demo.prisma.organization.findMany({
      where: { unitId: "QUJIANG" },
      orderBy: { id: "asc" },
      take: 3,
      select: { id: true, unitId: true, name: true },
    });
    expect(changed).toHaveLength(3);
    const facts = [
      { setupKind: "JOINT", entityOperated: true },
      { setupKind: "SINGLE", entityOperated: false },
      { setupKind: "JOINT", entityOperated: false },
    ];
    for (const [i, org] of changed.entries()) {
      await demo.prisma.organization.update({ where: { id: org.id }, data: facts[i] ?? {} });
    }
    const first = await city.organizationExport.organizations({ format: "csv", withScores: false });
    expect(first.rows).toBe(await demo.prisma.organization.count());
    const [header = "", ...lines] = text(first)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header.split(",").slice(-2)).toEqual(["组建方式", "实体运作"]);
    const lastTwo = (line: string) => line.split(",").slice(-2).join(",");
    const counts = new Map<string, number>();
    for (const line of lines) counts.set(lastTwo(line), (counts.get(lastTwo(line)) ?? 0) + 1);
    // Only the template's words: 单建/联建, 是/否.
    expect([...counts.keys()].every((k) => /^(单建|联建),(是|否)$/.test(k))).toBe(true);
    for (const key of ["联建,是", "单建,否", "联建,否"]) expect(counts.get(key)).toBeGreaterThan(0);
    const started = performance.now();
    const imported = await importer.organizationImport.commit({
      fileName: first.fileName,
      base64: first.base64,
      system: "WGS84",
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    expect(imported.rows, `imported in ${seconds} s`).toMatchObject({
      create: first.rows,
      update: 0,
      invalid: 0,
    });
    const second = await importer.organizationExport.organizations({ format: "csv", withScores: false });
    expect(text(second)).toBe(text(first));
    // Stored, not only written back: the same facts in the database imported into.
    for (const [i, org] of changed.entries()) {
      const stored = await empty.prisma.organization.findFirstOrThrow({
        where: { unitId: org.unitId, name: org.name },
        select: { setupKind: true, entityOperated: true },
      });
      expect(stored).toEqual(facts[i]);
    }
    const tally = async (db: Database) =>
      Promise.all([
        db.prisma.organization.count({ where: { setupKind: "JOINT" } }),
        db.prisma.organization.count({ where: { entityOperated: false } }),
      ]);
    expect(await tally(empty)).toEqual(await tally(demo));

    // The .xlsx holds the same cells.
    const { default: Excel } = await import("exceljs");
    const cells = async (file: { base64: string }) => {
      const workbook = new Excel.Workbook();
      await workbook.xlsx.load(Buffer.from(file.base64, "base64") as unknown as ArrayBuffer);
      const values: unknown[] = [];
      workbook.worksheets[0]?.eachRow((row) => values.push(row.values));
      return values;
    };
    const [a, b] = await Promise.all([
      city.organizationExport.organizations({ format: "xlsx", withScores: false }).then(cells),
      importer.organizationExport.organizations({ format: "xlsx", withScores: false }).then(cells),
    ]);
    expect(b).toEqual(a);
    expect(a.length).toBe(first.rows + 1);
  }, 120_000);

  it("adds each stage's total, the grade and the tier when asked", async () => {
    const file = await city.organizationExport.organizations({ format: "csv" });
    const [header, ...rows] = text(file)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header?.split(",").slice(-7)).toEqual([
      "自评得分",
      "复核得分",
      "初评得分",
      "评定得分",
      "等级",
      "等级状态",
      "梯队",
    ]);
    const graded = rows.filter((row) => /,(优秀|良好|达标|未达标),(正式|暂定),/.test(row));
    expect(graded.length).toBeGreaterThan(1000);
  });

  it("escapes text a spreadsheet would take for a formula", async () => {
    const org = await demo.prisma.organization.findFirstOrThrow({ where: { unitId: "KECHENG" } });
    await demo.prisma.organization.update({
      where: { id: org.id },
      data: { name: '=HYPERLINK("http://x")' },
    });
    const csv = text(await city.organizationExport.organizations({ format: "csv", unitId: "KECHENG" }));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
