// The fixture corpus (test/fixtures/import, see its README) through the API on the demo database:
// each file's problems by row and column, and for a file with any problem, a commit that writes
// nothing (the organisation count unchanged).
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "@beltmap/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, openDemoDatabase, outcome, signIn } from "./support.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../../test/fixtures/import");

let db: Database;
let city: Caller;

beforeAll(async () => {
  db = await openDemoDatabase();
  city = (await signIn(db, "demo-city")).call();
}, 120_000);

afterAll(async () => {
  await db?.close();
});

async function file(name: string) {
  const base64 = (await readFile(path.join(FIXTURES, name))).toString("base64");
  return { fileName: name, base64, system: "AUTO" as const };
}

/** The problems as "row column" pairs, e.g. "3 纬度". */
const where = (preview: { problems: { row: number; column: string }[] }) =>
  preview.problems.map((p) => `${p.row} ${p.column}`);

describe("the import fixtures", () => {
  for (const name of ["valid.xlsx", "valid.csv", "gbk.csv", "gcj02.xlsx", "bd09.xlsx"]) {
    it(`${name}: no problem, six organisations to create or update`, async () => {
      const preview = await city.organizationImport.preview(await file(name));
      expect(preview.fileProblems).toEqual([]);
      expect(preview.problems).toEqual([]);
      // Some of the made-up names happen to be the demo's: those rows update (same unit and name).
      expect(preview.rows).toMatchObject({ total: 6, invalid: 0 });
      expect(preview.rows.create + preview.rows.update).toBe(6);
      if (name === "gbk.csv") expect(preview.encoding).toBe("GBK");
    });
  }

  const broken: [string, string[]][] = [
    ["swapped.csv", ["3 纬度", "5 纬度"]],
    ["unknown-township.xlsx", ["2 乡镇（街道、园区）", "3 乡镇（街道、园区）"]],
    ["duplicates.csv", ["8 组织编码", "9 组织编码"]],
    ["formula.xlsx", ["2 党组织名称", "4 地址"]],
  ];
  for (const [name, expected] of broken) {
    it(`${name}: its problems by row and column, and a commit writes nothing`, async () => {
      const preview = await city.organizationImport.preview(await file(name));
      expect(where(preview)).toEqual(expected);
      const before = await db.prisma.organization.count();
      expect(await outcome(city.organizationImport.commit(await file(name)))).toBe("BAD_REQUEST");
      expect(await db.prisma.organization.count()).toBe(before);
    });
  }

  it("wrong-headers.xlsx: the missing columns, no row read, nothing written", async () => {
    const preview = await city.organizationImport.preview(await file("wrong-headers.xlsx"));
    expect(preview.fileProblems).toEqual([
      "缺少必填列「党组织名称」",
      "缺少必填列「经度」",
      "缺少必填列「纬度」",
    ]);
    expect(preview.notices.join()).toMatch(/组织名.*经纬度/);
    const before = await db.prisma.organization.count();
    expect(await outcome(city.organizationImport.commit(await file("wrong-headers.xlsx")))).toBe(
      "BAD_REQUEST",
    );
    expect(await db.prisma.organization.count()).toBe(before);
  });

  for (const [name, message] of [
    ["empty.csv", /文件是空的/],
    ["not-a-workbook.xlsx", /\.xlsx.*\.csv|\.csv.*\.xlsx/],
    ["legacy.xls", /另存为 \.xlsx 或 CSV/],
  ] as const) {
    it(`${name}: refused with a clear message`, async () => {
      await expect(city.organizationImport.preview(await file(name))).rejects.toThrow(message);
    });
  }

  it("headers-only.xlsx: nothing to import", async () => {
    const preview = await city.organizationImport.preview(await file("headers-only.xlsx"));
    expect(preview.rows.total).toBe(0);
    await expect(city.organizationImport.commit(await file("headers-only.xlsx"))).rejects.toThrow(
      /没有可导入的组织/,
    );
  });
});
