import { IMPORT_COLUMNS, type ImportKey, mapHeaders, parseImportRow } from "@beltmap/domain";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readTable } from "./read-table.ts";
import { buildImportTemplate, TEMPLATE_FILE_NAME, type TemplateExample } from "./template.ts";

const EXAMPLE: TemplateExample = {
  code: "",
  name: "府山街道示例科技有限公司党支部",
  kind: "非公企业",
  unit: "柯城区",
  township: "府山街道",
  address: "柯城区府山街道示例路 1 号",
  lng: 118.87,
  lat: 28.94,
  system: "WGS84",
  memberCount: 12,
  countyDualManaged: "否",
};

const CONTEXT = {
  units: [{ id: "KECHENG", name: "柯城区" }],
  townships: [{ id: "330802001", name: "府山街道", unitId: "KECHENG" }],
  defaultSystem: "WGS84" as const,
};

async function sheets(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

describe("buildImportTemplate", () => {
  it("has every column of IMPORT_COLUMNS, 组建方式 and 实体运作 last, required ones marked", async () => {
    const bytes = await buildImportTemplate(ExcelJS, EXAMPLE);
    const table = await readTable(bytes, TEMPLATE_FILE_NAME);
    expect(table.sheetName).toBe("组织名单");
    expect(table.rows[0]).toEqual(IMPORT_COLUMNS.map((c) => (c.required ? `*${c.header}` : c.header)));
    expect(table.rows[0]?.slice(-2)).toEqual(["组建方式", "实体运作"]);
    expect(mapHeaders(table.rows[0] ?? [])).toMatchObject({ missing: [], unknown: [], duplicated: [] });
  });

  it("fills the example's 组建方式 and 实体运作 with their defaults, and the example parses", async () => {
    const table = await readTable(await buildImportTemplate(ExcelJS, EXAMPLE), TEMPLATE_FILE_NAME);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[1]?.slice(-2)).toEqual(["单建", "是"]);
    const { columns } = mapHeaders(table.rows[0] ?? []);
    const cells: Partial<Record<ImportKey, unknown>> = {};
    for (const [key, index] of Object.entries(columns)) cells[key as ImportKey] = table.rows[1]?.[index];
    const { row, problems } = parseImportRow(cells, CONTEXT);
    expect(problems).toEqual([]);
    expect(row).toMatchObject({ setupKind: "SINGLE", entityOperated: true, countyDualManaged: false });
  });

  it("takes the example's own 组建方式 and 实体运作 when given", async () => {
    const bytes = await buildImportTemplate(ExcelJS, { ...EXAMPLE, setupKind: "联建", entityOperated: "否" });
    const table = await readTable(bytes, TEMPLATE_FILE_NAME);
    expect(table.rows[1]?.slice(-2)).toEqual(["联建", "否"]);
  });

  it("explains every column on 填写说明, the two new ones included", async () => {
    const book = await sheets(await buildImportTemplate(ExcelJS, EXAMPLE));
    const help = book.getWorksheet("填写说明");
    const rows: unknown[][] = [];
    help?.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    for (const c of IMPORT_COLUMNS) {
      expect(rows).toContainEqual([c.header, c.required ? "必填" : "选填", c.hint]);
    }
    const setup = rows.find((r) => r[0] === "组建方式");
    expect(String(setup?.[2])).toMatch(/“单建”或“联建”，留空视为单建/);
    expect(String(setup?.[2])).toMatch(/只有单建且实体运作的党组织是争创对象/);
    expect(String(rows.find((r) => r[0] === "实体运作")?.[2])).toMatch(/“是”或“否”，留空视为是/);
  });
});
