// Importing organisations through the API on the demo database: a preview lists every problem by
// row and column; a commit writes a clean file in one transaction and nothing of a file with any
// problem; rows are matched to existing organisations by code, else by unit and name.
import type { Database } from "@beltmap/db";
import { IMPORT_COLUMNS } from "@beltmap/domain";
import { countyLabelPoint, fromWgs84 } from "@beltmap/geo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, openDemoDatabase, outcome, signIn } from "./support.ts";

let db: Database;
let city: Caller;
let county: Caller; // 柯城区
let kechengTownships: string[];
let kaihuaTownship: string;

const KECHENG = "330802";
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

type Row = Partial<Record<(typeof IMPORT_COLUMNS)[number]["key"], string | number>>;

/** A CSV file (UTF-8) of the template's columns. */
function csv(rows: Row[]): { fileName: string; base64: string } {
  const quote = (v: unknown) => {
    const text = v === undefined ? "" : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [HEADERS.join(","), ...rows.map((r) => IMPORT_COLUMNS.map((c) => quote(r[c.key])).join(","))];
  return {
    fileName: "组织.csv",
    base64: Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8").toString("base64"),
  };
}

/** A good 柯城区 row: the county's label point (WGS84), nudged so rows do not share a spot. */
function kechengRow(i: number, fields: Row = {}): Row {
  const [lng, lat] = countyLabelPoint(KECHENG);
  return {
    name: `导入测试${i}号公司党支部`,
    kind: "非公企业",
    unit: "柯城区",
    township: kechengTownships[i % kechengTownships.length] ?? "",
    address: `柯城区测试路 ${i} 号`,
    lng: Number((lng + i * 0.0005).toFixed(6)),
    lat: Number(lat.toFixed(6)),
    memberCount: 5 + i,
    ...fields,
  };
}

beforeAll(async () => {
  db = await openDemoDatabase();
  city = (await signIn(db, "demo-city")).call();
  county = (await signIn(db, "demo-county")).call();
  kechengTownships = (
    await db.prisma.township.findMany({
      where: { unitId: "KECHENG", countyCode: KECHENG },
      orderBy: { id: "asc" },
    })
  ).map((t) => t.name);
  kaihuaTownship = (await db.prisma.township.findFirstOrThrow({ where: { unitId: "KAIHUA" } })).name;
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe("organizationImport", () => {
  it("previews a clean file: what it creates, nothing written", async () => {
    const before = await db.prisma.organization.count();
    const preview = await county.organizationImport.preview({
      ...csv([kechengRow(1), kechengRow(2)]),
      system: "WGS84",
    });
    expect(preview.problems).toEqual([]);
    expect(preview.rows).toEqual({ total: 2, create: 2, update: 0, invalid: 0 });
    expect(preview.encoding).toBe("UTF-8");
    expect(await db.prisma.organization.count()).toBe(before);
  });

  it("lists every problem with its row and column, and a commit then writes nothing", async () => {
    const before = await db.prisma.organization.count();
    const [lng, lat] = countyLabelPoint(KECHENG);
    const file = csv([
      kechengRow(3),
      kechengRow(4, { township: "府山街到" }), // a typo
      kechengRow(5, { lng: Number(lat.toFixed(6)), lat: Number(lng.toFixed(6)) }), // swapped
      kechengRow(6, { memberCount: "十二" }),
      kechengRow(7, { unit: "开化县", township: kaihuaTownship }), // not the county user's
      kechengRow(3), // the first row again
    ]);
    const preview = await county.organizationImport.preview({ ...file, system: "WGS84" });
    const at = (row: number) => preview.problems.filter((p) => p.row === row);
    expect(at(2)).toEqual([]);
    expect(at(3).map((p) => p.column)).toEqual(["乡镇（街道、园区）"]);
    expect(at(4)[0]?.message).toMatch(/填反/);
    expect(at(5).map((p) => p.column)).toEqual(["党员数"]);
    expect(at(6)[0]?.message).toMatch(/不在您的管辖范围/);
    expect(at(7)[0]?.message).toMatch(/与第 2 行是同一个组织/);
    expect(preview.rows.invalid).toBe(5);
    expect(await outcome(county.organizationImport.commit({ ...file, system: "WGS84" }))).toBe("BAD_REQUEST");
    expect(await db.prisma.organization.count()).toBe(before);
    // Trying to import into another unit is audited as a refusal.
    expect(
      await db.prisma.auditLog.count({
        where: { action: "access.denied", entity: "Unit", entityId: "KAIHUA" },
      }),
    ).toBeGreaterThan(0);
  });

  it("converts GCJ-02 to WGS84 and detects the system when asked to", async () => {
    const [lng, lat] = countyLabelPoint(KECHENG);
    const [gLng, gLat] = fromWgs84(lng, lat, "GCJ02");
    const row = kechengRow(8, {
      lng: Number(gLng.toFixed(6)),
      lat: Number(gLat.toFixed(6)),
      system: "GCJ-02",
    });
    const preview = await city.organizationImport.preview({ ...csv([row]), system: "AUTO" });
    expect(preview.problems).toEqual([]);
    await city.organizationImport.commit({ ...csv([row]), system: "AUTO" });
    const stored = await db.prisma.organization.findFirstOrThrow({ where: { name: row.name as string } });
    // Stored in WGS84: back within a metre or so of the point it was picked from.
    expect(Math.abs(stored.lng - lng)).toBeLessThan(1e-4);
    expect(Math.abs(stored.lat - lat)).toBeLessThan(1e-4);
    expect(stored.countyCode).toBe(KECHENG);
  });

  it("commits a clean file in one step, then updates the same organisations by code or by name", async () => {
    const before = await db.prisma.organization.count();
    const rows = [kechengRow(10, { code: "IMPORT-10" }), kechengRow(11)];
    const done = await county.organizationImport.commit({ ...csv(rows), system: "WGS84" });
    expect(done.rows).toMatchObject({ create: 2, update: 0 });
    expect(await db.prisma.organization.count()).toBe(before + 2);
    const again = await county.organizationImport.commit({
      ...csv([
        kechengRow(10, { code: "IMPORT-10", name: "导入测试10号公司党支部（更名）", memberCount: 40 }),
        kechengRow(11, { address: "柯城区新地址 1 号" }),
      ]),
      system: "WGS84",
    });
    expect(again.rows).toMatchObject({ create: 0, update: 2 });
    expect(await db.prisma.organization.count()).toBe(before + 2);
    const renamed = await db.prisma.organization.findUniqueOrThrow({ where: { code: "IMPORT-10" } });
    expect(renamed).toMatchObject({ name: "导入测试10号公司党支部（更名）", memberCount: 40 });
    expect(
      (await db.prisma.organization.findFirstOrThrow({ where: { name: "导入测试11号公司党支部" } })).address,
    ).toBe("柯城区新地址 1 号");
  });

  it("writes 组建方式 and 实体运作 on create and on update; a word it does not know is a problem", async () => {
    const facts = async (code: string) =>
      db.prisma.organization.findUniqueOrThrow({
        where: { code },
        select: { setupKind: true, entityOperated: true },
      });
    const created = await county.organizationImport.commit({
      ...csv([
        kechengRow(30, { code: "IMPORT-30", setupKind: "联建", entityOperated: "否" }),
        kechengRow(31, { code: "IMPORT-31" }), // left empty: 单建, 实体运作
      ]),
      system: "WGS84",
    });
    expect(created.rows).toMatchObject({ create: 2, update: 0 });
    expect(await facts("IMPORT-30")).toEqual({ setupKind: "JOINT", entityOperated: false });
    expect(await facts("IMPORT-31")).toEqual({ setupKind: "SINGLE", entityOperated: true });

    // The batched update writes both columns, each organisation turned the other way.
    const updated = await county.organizationImport.commit({
      ...csv([
        kechengRow(30, { code: "IMPORT-30", setupKind: "单建", entityOperated: "是" }),
        kechengRow(31, { code: "IMPORT-31", setupKind: "JOINT", entityOperated: "false" }),
      ]),
      system: "WGS84",
    });
    expect(updated.rows).toMatchObject({ create: 0, update: 2 });
    expect(await facts("IMPORT-30")).toEqual({ setupKind: "SINGLE", entityOperated: true });
    expect(await facts("IMPORT-31")).toEqual({ setupKind: "JOINT", entityOperated: false });

    // Cells left empty in an update take the defaults, as the template's explanation says.
    await county.organizationImport.commit({
      ...csv([kechengRow(31, { code: "IMPORT-31" })]),
      system: "WGS84",
    });
    expect(await facts("IMPORT-31")).toEqual({ setupKind: "SINGLE", entityOperated: true });

    const file = csv([
      kechengRow(32, { setupKind: "混建" }),
      kechengRow(33, { entityOperated: "部分" }),
      kechengRow(30, { code: "IMPORT-30", setupKind: "联建" }),
    ]);
    const preview = await county.organizationImport.preview({ ...file, system: "WGS84" });
    expect(preview.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, "组建方式", "「组建方式」“混建”无法识别，可填：单建、联建（留空视为单建）"],
      [3, "实体运作", "「实体运作」“部分”无法识别，可填：是、否（留空视为是）"],
    ]);
    expect(await outcome(county.organizationImport.commit({ ...file, system: "WGS84" }))).toBe("BAD_REQUEST");
    // Nothing of the refused file was written, the valid row's 联建 included.
    expect(await facts("IMPORT-30")).toEqual({ setupKind: "SINGLE", entityOperated: true });
  });

  it("leaves what a file has no column for as stored: an old template does not make 联建 organisations 单建", async () => {
    await county.organizationImport.commit({
      ...csv([
        kechengRow(40, {
          code: "IMPORT-40",
          setupKind: "联建",
          entityOperated: "否",
          countyDualManaged: "是",
        }),
      ]),
      system: "WGS84",
    });
    // The same organisation in a sheet of the old template: no 组织编码, 纳入县级双重管理, 组建方式 or 实体运作.
    const old = IMPORT_COLUMNS.filter(
      (c) => !["code", "countyDualManaged", "setupKind", "entityOperated"].includes(c.key),
    );
    const row = kechengRow(40, { memberCount: 99 });
    const text = [
      old.map((c) => c.header).join(","),
      old.map((c) => String(row[c.key] ?? "")).join(","),
    ].join("\r\n");
    const updated = await county.organizationImport.commit({
      fileName: "旧模板.csv",
      base64: Buffer.from(text, "utf8").toString("base64"),
      system: "WGS84",
    });
    expect(updated.rows).toMatchObject({ create: 0, update: 1 });
    expect(
      await db.prisma.organization.findUniqueOrThrow({
        where: { code: "IMPORT-40" },
        select: { memberCount: true, setupKind: true, entityOperated: true, countyDualManaged: true },
      }),
    ).toEqual({ memberCount: 99, setupKind: "JOINT", entityOperated: false, countyDualManaged: true });
  });

  it("names the organisation holding a code only to who may see it: a county learns nothing of another", async () => {
    const other = await db.prisma.organization.update({
      where: { id: (await db.prisma.organization.findFirstOrThrow({ where: { unitId: "LONGYOU" } })).id },
      data: { code: "LY-PROBE-1" },
    });
    const file = csv([kechengRow(40, { code: "LY-PROBE-1" })]);
    const byCounty = await county.organizationImport.preview({ ...file, system: "WGS84" });
    expect(byCounty.problems.map((p) => p.message)).toEqual([
      "「组织编码」LY-PROBE-1 已被其他单位的党组织使用，请核对编码",
    ]);
    const byCity = await city.organizationImport.preview({ ...file, system: "WGS84" });
    expect(byCity.problems.map((p) => p.message)).toEqual([
      `「组织编码」LY-PROBE-1 已被龙游县的「${other.name}」使用，请核对编码`,
    ]);
  });

  it("matches a name with zero-width characters or other widths to the stored organisation, and refuses hidden controls", async () => {
    const stored = kechengRow(41, { name: "衢州（示例）科技公司党支部" });
    await county.organizationImport.commit({ ...csv([stored]), system: "WGS84" });
    const before = await db.prisma.organization.count();
    const copies = [
      kechengRow(41, { name: "衢州(示例)\u200B科技公司党支部" }), // half-width brackets, a zero-width space
      kechengRow(42, { name: "导入测试\u202E部支党司公", address: "＝1+1" }),
    ];
    const preview = await county.organizationImport.preview({ ...csv(copies), system: "WGS84" });
    expect(preview.rows).toMatchObject({ create: 0, update: 1, invalid: 1 });
    expect(preview.problems.filter((p) => p.row === 3).map((p) => p.message)).toEqual([
      "「党组织名称」含有不可见的控制字符（U+202E），它会改变文字的显示方向或无法保存，请删除后重试",
      expect.stringMatching(/^「地址」“＝1\+1”以“=”开头/),
    ]);
    await county.organizationImport.commit({ ...csv([copies[0] ?? {}]), system: "WGS84" });
    expect(await db.prisma.organization.count()).toBe(before);
  });

  it("names the check's file after the upload's own name only: no path, no line breaks", async () => {
    const report = await county.organizationImport.report({
      ...csv([kechengRow(43)]),
      fileName: "../../../../etc/passwd\r\n.csv",
      system: "WGS84",
    });
    expect(report.fileName).toBe("导入检查结果-passwd.xlsx");
  });

  it("refuses a file missing a required column before reading any row", async () => {
    const base64 = Buffer.from("党组织名称,类型\r\n某党支部,非公企业\r\n", "utf8").toString("base64");
    const preview = await city.organizationImport.preview({ fileName: "x.csv", base64, system: "WGS84" });
    expect(preview.fileProblems).toContain("缺少必填列「所属单位」");
    expect(preview.rows.create).toBe(0);
  });

  it("gives the check as an .xlsx: the summary and every problem by row and column", async () => {
    const file = csv([kechengRow(20), kechengRow(21, { kind: "国有企业" })]);
    const report = await county.organizationImport.report({ ...file, system: "WGS84" });
    const { default: Excel } = await import("exceljs");
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(Buffer.from(report.base64, "base64") as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["概况", "问题清单"]);
    const problems = workbook.getWorksheet("问题清单");
    expect(problems?.rowCount).toBe(2);
    expect(problems?.getRow(2).getCell(1).value).toBe(3);
    expect(problems?.getRow(2).getCell(2).value).toBe("类型");
    expect(String(problems?.getRow(2).getCell(3).value)).toMatch(/国有企业/);
  });

  it("gives the template: the columns and an example row that itself imports cleanly", async () => {
    const template = await county.organizationImport.template();
    expect(template.columns).toEqual(HEADERS);
    const preview = await county.organizationImport.preview({
      fileName: template.fileName,
      base64: template.base64,
      system: "AUTO",
    });
    expect(preview.fileProblems).toEqual([]);
    expect(preview.problems).toEqual([]);
    expect(preview.rows).toMatchObject({ total: 1, create: 1 });
  });
});
