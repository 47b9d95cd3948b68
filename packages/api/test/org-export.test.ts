// Exporting organisations: in the user's region, with scores when asked, cells escaped so no text
// is read as a formula; and the round trip — the demo organisations exported, imported into an empty
// database, exported again — gives the same file.
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
    const first = await city.organizationExport.organizations({ format: "csv", withScores: false });
    expect(first.rows).toBe(await demo.prisma.organization.count());
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
