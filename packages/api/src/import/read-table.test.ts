import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import {
  APPENDIX3_UNITS,
  duplicateRows,
  IMPORT_COLUMNS,
  IMPORT_LIMITS,
  type ImportContext,
  type ImportKey,
  mapHeaders,
  type ParsedOrgRow,
  parseImportRow,
} from "@beltmap/domain";
import { placeInCounty, TOWNSHIPS, toWgs84 } from "@beltmap/geo";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  bigWorkbook,
  encodeGbk,
  makeZip,
  type ZipFile,
} from "../../../../test/fixtures/import/make-fixtures.ts";
import { DomainError } from "../errors.ts";
import { IMPORT_FILE_MAX_BYTES, type ReadTable, readTable } from "./read-table.ts";
import { checkZipParts } from "./zip-guard.ts";

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../test/fixtures/import",
);
const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const read = (name: string) => readTable(fixture(name), name);

/** The DomainError readTable refuses with (fails the test when it reads the file instead). */
async function refusal(bytes: Uint8Array, name: string): Promise<DomainError> {
  const error = await readTable(bytes, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

// The validation the import runs after readTable, against the real units and townships (as the demo
// seed builds them), so the fixtures are checked to hold the problems README.md says they hold.
const CONTEXT: ImportContext = {
  units: APPENDIX3_UNITS.map((u) => ({ id: u.id, name: u.name })),
  townships: [
    ...TOWNSHIPS.map((t) => ({
      id: t.code,
      name: t.name,
      unitId: APPENDIX3_UNITS.find((u) => u.kind === "COUNTY" && u.countyCode === t.countyCode)?.id ?? "",
    })),
    { id: "GREEN_ZONE-1", name: "高新园区", unitId: "GREEN_ZONE" },
  ],
  defaultSystem: "WGS84",
};

type Checked = { rowNumber: number; row: ParsedOrgRow | null; problems: string[] };

function validate(table: ReadTable): Checked[] {
  const { columns, missing } = mapHeaders(table.rows[0] ?? []);
  expect(missing).toEqual([]);
  return table.rows.slice(1).map((cells, i) => {
    const byKey: Partial<Record<ImportKey, unknown>> = {};
    for (const [key, index] of Object.entries(columns)) byKey[key as ImportKey] = cells[index];
    const { row, problems } = parseImportRow(byKey, CONTEXT);
    return { rowNumber: table.rowNumbers[i + 1] ?? -1, row, problems: problems.map((p) => p.message) };
  });
}

function countyOf(unitId: string): string | null {
  return APPENDIX3_UNITS.find((u) => u.id === unitId)?.countyCode ?? null;
}

describe("readTable: the fixtures", () => {
  it("valid.xlsx: the first sheet, numbers as numbers, every row valid and inside its county", async () => {
    const table = await read("valid.xlsx");
    expect(table).toMatchObject({ format: "xlsx", encoding: null, sheetName: "组织名单" });
    expect(table.rows[0]).toEqual(HEADERS);
    expect(table.rows).toHaveLength(7);
    expect(table.rowNumbers).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(table.rows[1]?.slice(6, 8).every((v) => typeof v === "number")).toBe(true);
    // The second sheet (填写说明) is not read.
    expect(table.rows.flat()).not.toContain("说明");
    const checked = validate(table);
    expect(checked.map((c) => c.problems)).toEqual(checked.map(() => []));
    for (const { row } of checked) {
      if (!row) throw new Error("invalid row");
      expect(placeInCounty({ ...row, countyCode: countyOf(row.unitId) }).inside).toBe(true);
    }
    // 组建方式 and 实体运作: written or left empty (单建, 是); row 5 is 非实体运作, row 6 联建.
    expect(table.rows.slice(1).map((r) => [r[11] ?? "", r[12] ?? ""])).toEqual([
      ["单建", "是"],
      ["", ""],
      ["单建", "是"],
      ["", "否"],
      ["联建", "是"],
      ["单建", ""],
    ]);
    expect(checked.map((c) => [c.row?.setupKind, c.row?.entityOperated])).toEqual([
      ["SINGLE", true],
      ["SINGLE", true],
      ["SINGLE", true],
      ["SINGLE", false],
      ["JOINT", true],
      ["SINGLE", true],
    ]);
  });

  it("valid.csv: UTF-8 with its BOM stripped, numbers left as text, a quoted cell with a comma", async () => {
    const table = await read("valid.csv");
    expect(table).toMatchObject({ format: "csv", encoding: "UTF-8", sheetName: null });
    expect(table.rows[0]).toEqual(HEADERS);
    expect(table.rows).toHaveLength(7);
    expect(typeof table.rows[1]?.[6]).toBe("string");
    expect(table.rows[5]?.[5]).toBe('衢州市江山市双塔街道世纪路 8 号, "金融大厦" 3 楼');
    expect(validate(table).flatMap((c) => c.problems)).toEqual([]);
    // The same content as the workbook, in text.
    const xlsx = await read("valid.xlsx");
    expect(table.rows).toEqual(xlsx.rows.map((row) => row.map((v) => (v === null ? null : String(v)))));
  });

  it("gbk.csv: not UTF-8, so read as GBK, with the same cells as valid.csv", async () => {
    const table = await read("gbk.csv");
    expect(table.encoding).toBe("GBK");
    expect(table.rows).toEqual((await read("valid.csv")).rows);
  });

  it("wrong-headers.xlsx: read as it is; 党组织名称, 经度 and 纬度 are missing", async () => {
    const table = await read("wrong-headers.xlsx");
    const mapping = mapHeaders(table.rows[0] ?? []);
    expect(mapping.missing).toEqual(["name", "lng", "lat"]);
    expect(mapping.unknown).toEqual(["组织名", "经纬度"]);
  });

  it.each([
    ["gcj02.xlsx", "GCJ02", "GCJ-02"],
    ["bd09.xlsx", "BD09", "百度"],
  ] as const)(
    "%s: converted coordinates, 坐标系 filled, back to the valid points",
    async (name, system, label) => {
      const table = await read(name);
      const valid = await read("valid.xlsx");
      const checked = validate(table);
      expect(checked.flatMap((c) => c.problems)).toEqual([]);
      checked.forEach(({ row }, i) => {
        expect(row?.system).toBe(system);
        expect(table.rows[i + 1]?.[8]).toBe(label);
        const [lng, lat] = toWgs84(row?.lng ?? 0, row?.lat ?? 0, system);
        expect(lng).toBeCloseTo(valid.rows[i + 1]?.[6] as number, 5);
        expect(lat).toBeCloseTo(valid.rows[i + 1]?.[7] as number, 5);
      });
    },
  );

  it("swapped.csv: rows 3 and 5 have longitude and latitude swapped", async () => {
    const table = await read("swapped.csv");
    const checked = validate(table);
    // Validation sees a latitude over 90; the coordinate check sees the swap.
    expect(checked.filter((c) => c.row === null).map((c) => c.rowNumber)).toEqual([3, 5]);
    expect(checked.find((c) => c.rowNumber === 3)?.problems.join()).toContain("「纬度」应在 -90 到 90 之间");
    const hints = table.rows.slice(1).map((cells) => {
      const unit = APPENDIX3_UNITS.find((u) => u.name === cells[3]);
      return placeInCounty({
        lng: Number(cells[6]),
        lat: Number(cells[7]),
        system: "WGS84",
        countyCode: unit?.countyCode ?? null,
      }).hint?.kind;
    });
    expect(hints).toEqual([undefined, "SWAPPED", undefined, "SWAPPED", undefined, undefined]);
  });

  it("unknown-township.xlsx: row 2 a typo (府山街到), row 3 a township of another unit", async () => {
    const checked = validate(await read("unknown-township.xlsx"));
    const bad = checked.filter((c) => c.problems.length > 0);
    expect(bad.map((c) => c.rowNumber)).toEqual([2, 3]);
    expect(bad[0]?.problems[0]).toContain("是否为“府山街道”");
    expect(bad[1]?.problems[0]).toContain("该乡镇属于衢江区");
  });

  it("duplicates.csv: row 8 repeats row 3, row 9 reuses row 4's code", async () => {
    const table = await read("duplicates.csv");
    const rows = validate(table).map((c) => c.row);
    if (rows.some((r) => r === null)) throw new Error("invalid row");
    const repeats = duplicateRows(rows as ParsedOrgRow[]);
    const asRowNumbers = [...repeats].map(([later, first]) => [later + 2, first + 2]);
    expect(asRowNumbers).toEqual([
      [8, 3],
      [9, 4],
    ]);
  });

  it("formula.xlsx: formula-like text kept, a formula's cached result, a long cell cut to 1001", async () => {
    const table = await read("formula.xlsx");
    expect(table.rows[1]?.[1]).toBe('=HYPERLINK("http://x","a")');
    expect(table.rows[2]?.[9]).toBe(41);
    expect(table.rows[3]?.[5]).toBe("衢".repeat(IMPORT_LIMITS.maxCellLength + 1));
    const checked = validate(table);
    expect(checked[0]?.problems.join()).toContain("不能以 =、+、-、@ 开头");
    expect(checked[1]?.problems).toEqual([]);
    expect(checked[2]?.problems.join()).toContain("最多 200 个字符，现有 1001 个字符");
  });

  it("empty.csv is refused; headers-only.xlsx reads as the header alone", async () => {
    expect((await refusal(fixture("empty.csv"), "empty.csv")).message).toMatch(/^文件是空的/);
    const table = await read("headers-only.xlsx");
    expect(table.rows).toEqual([HEADERS]);
  });

  it("not-a-workbook.xlsx and legacy.xls are refused by their content", async () => {
    const png = await refusal(fixture("not-a-workbook.xlsx"), "not-a-workbook.xlsx");
    expect(png.message).toContain("PNG 图片");
    expect(png.message).toContain(".xlsx");
    expect(png.message).toContain(".csv");
    const legacy = await refusal(fixture("legacy.xls"), "legacy.xls");
    expect(legacy.message).toContain("请在 Excel 中另存为 .xlsx 或 CSV 后再导入");
    // The name does not matter.
    expect((await refusal(fixture("legacy.xls"), "名单.xlsx")).message).toContain("旧版 Excel");
  });
});

async function workbookOf(fill: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("readTable: xlsx cells", () => {
  it("reads each kind of cell as a plain value and never keeps a formula", async () => {
    const bytes = await workbookOf((book) => {
      const sheet = book.addWorksheet("S");
      sheet.addRow(["h"]);
      const cells: [string, ExcelJS.CellValue][] = [
        ["A2", 118.5],
        ["B2", "  text with spaces  "],
        ["C2", true],
        ["D2", { richText: [{ text: "富" }, { text: "文本", font: { bold: true } }] }],
        ["E2", { text: "链接文字", hyperlink: "http://example.com" }],
        ["F2", { formula: 'CONCAT("a","b")', result: "ab" }],
        ["G2", { formula: "1/0", result: { error: "#DIV/0!" } }],
        ["H2", { formula: "NOW()" }],
        ["I2", new Date(Date.UTC(2024, 7, 6))],
        ["J2", { error: "#N/A" }],
        // A formula's boolean result (t="b") is a boolean (exceljs's streaming reader gave 1).
        ["K2", { formula: "1=1", result: true }],
        ["L2", { formula: "TODAY()", result: new Date(Date.UTC(2024, 0, 31)) }],
      ];
      for (const [address, value] of cells) sheet.getCell(address).value = value;
      sheet.getCell("N2").value = "after a gap";
    });
    const table = await readTable(bytes, "cells.xlsx");
    expect(table.rows[1]).toEqual([
      118.5,
      "  text with spaces  ",
      true,
      "富文本",
      "链接文字",
      "ab",
      null,
      null,
      "2024-08-06",
      null,
      true,
      "2024-01-31",
      null,
      "after a gap",
    ]);
  });

  it("reads the first visible sheet; a merged cell reads as its value; empty rows are skipped", async () => {
    const bytes = await workbookOf((book) => {
      const lists = book.addWorksheet("下拉列表");
      lists.state = "hidden";
      lists.addRow(["不应读取"]);
      const sheet = book.addWorksheet("名单");
      sheet.getCell("A1").value = "单位";
      sheet.getCell("B1").value = "名称";
      sheet.getCell("A2").value = "柯城区";
      sheet.mergeCells("A2:A3");
      sheet.getCell("B2").value = "甲";
      sheet.getCell("B3").value = "乙";
      sheet.getCell("B4").value = "   "; // blank: skipped like an empty row
      sheet.getCell("B6").value = "丙";
    });
    const table = await readTable(bytes, "merged.xlsx");
    expect(table.sheetName).toBe("名单");
    expect(table.rows).toEqual([
      ["单位", "名称"],
      ["柯城区", "甲"],
      ["柯城区", "乙"],
      [null, "丙"],
    ]);
    expect(table.rowNumbers).toEqual([1, 2, 3, 6]);
  });

  it("fills a merged area's rows missing from the file, and merges across columns", async () => {
    // A hand-made sheet: rows 3 and 4 are not in <sheetData> at all; the merges follow the rows.
    const bytes = makeZip([
      {
        name: "xl/workbook.xml",
        data: '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: '<Relationships><Relationship Id="rId1" Target="worksheets/data.xml"/></Relationships>',
      },
      {
        name: "xl/worksheets/data.xml",
        data:
          '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="D2"><v>5</v></c></row>' +
          '<row r="6"><c r="D6"><v>6</v></c></row></sheetData>' +
          '<mergeCells count="2"><mergeCell ref="A2:A4"/><mergeCell ref="$A$6:$C$6"/></mergeCells></worksheet>',
      },
    ]);
    const table = await readTable(bytes, "m.xlsx");
    expect(table.sheetName).toBe("S");
    expect(table.rows).toEqual([["h"], ["甲", null, null, 5], ["甲"], ["甲"], [null, null, null, 6]]);
    expect(table.rowNumbers).toEqual([1, 2, 3, 4, 6]);
  });

  it("reads the first visible sheet in tab order, whatever the order of the parts; 1904 dates", async () => {
    const sheet = (value: string) =>
      `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${value}</t></is></c>` +
      '<c r="B1" s="1"><v>0</v></c><c r="C1" s="1"><f>A1</f><v>1</v></c></row></sheetData></worksheet>';
    const bytes = makeZip([
      { name: "xl/worksheets/sheet1.xml", data: sheet("第三") },
      { name: "xl/worksheets/sheet2.xml", data: sheet("隐藏") },
      { name: "xl/worksheets/sheet3.xml", data: sheet("第二") },
      {
        name: "xl/workbook.xml",
        data:
          '<workbook xmlns:x="r"><workbookPr date1904="1"/><sheets>' +
          '<sheet name="列表" sheetId="2" state="veryHidden" x:id="rId2"/>' +
          '<sheet name="A &amp; B" sheetId="3" x:id="rId3"/><sheet name="C" sheetId="1" x:id="rId1"/>' +
          "</sheets></workbook>",
      },
      {
        name: "xl/_rels/workbook.xml.rels",
        data:
          '<Relationships><Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml"/>' +
          '<Relationship Id="rId2" Target="worksheets/sheet2.xml"/>' +
          '<Relationship Id="rId3" Target="./worksheets/sheet3.xml"/></Relationships>',
      },
      {
        name: "xl/styles.xml",
        data: '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
      },
    ]);
    const table = await readTable(bytes, "order.xlsx");
    expect(table.sheetName).toBe("A & B");
    // 0 and 1 in the 1904 date system; the second a formula's result.
    expect(table.rows).toEqual([["第二", "1904-01-01", "1904-01-02"]]);
  });

  it("stops reading an .xlsx at the first row past the limit", async () => {
    const bytes = await bigWorkbook(IMPORT_LIMITS.maxRows + 5_000);
    const error = await refusal(bytes, "huge.xlsx");
    expect(error.message).toContain("最多 20000 行，本文件超过 20000 行（不含表头）");
  });

  it("cuts long text (shared, inline, rich) to maxCellLength + 1 characters, counting code points", async () => {
    const long = "𠀀".repeat(3000); // outside the BMP: two UTF-16 units each
    const bytes = xlsx({
      shared: [
        `<si><t>${long}</t></si>`,
        `<si><r><t>${"a".repeat(900)}</t></r><r><t>${"b".repeat(900)}</t></r></si>`,
      ],
      rows: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>${inline("C1", long)}<c r="D1"><v>1e400</v></c></row>`,
    });
    const [row = []] = (await readTable(bytes, "long.xlsx")).rows;
    const keep = IMPORT_LIMITS.maxCellLength + 1;
    expect([...String(row[0])]).toHaveLength(keep);
    expect(row[1]).toBe("a".repeat(900) + "b".repeat(keep - 900));
    expect([...String(row[2])]).toHaveLength(keep);
    expect(row).toHaveLength(3); // 1e400 is not a finite number: empty
  });
});

/** An inline-string cell. */
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/**
 * A hand-made workbook: one sheet ("名单", or as `workbook` says) with `rows` inside <sheetData>,
 * then `after` (merges); the shared strings and styles when given. Parts deflated unless `stored`.
 */
function xlsx(options: {
  rows: string;
  after?: string;
  shared?: string[];
  styles?: string;
  workbook?: string;
  rels?: string;
  sheetPart?: string;
  stored?: boolean;
}): Buffer {
  const deflate = !options.stored;
  const files: ZipFile[] = [
    {
      name: "xl/workbook.xml",
      data:
        options.workbook ??
        '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
      deflate,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data:
        options.rels ??
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      deflate,
    },
    {
      name: options.sheetPart ?? "xl/worksheets/sheet1.xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${options.rows}</sheetData>${options.after ?? ""}</worksheet>`,
      deflate,
    },
  ];
  if (options.shared) {
    files.push({
      name: "xl/sharedStrings.xml",
      data: `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${options.shared.join("")}</sst>`,
      deflate,
    });
  }
  if (options.styles) files.push({ name: "xl/styles.xml", data: options.styles, deflate });
  return makeZip(files);
}

const BROKEN = "无法读取该文件：Excel 工作簿的内容有误，请在 Excel 中打开后重新保存为 .xlsx 再导入";

describe("readTable: the .xlsx reader at its boundaries", () => {
  it("reads shared strings (rich runs joined, phonetic runs left out, empty ones empty) beside inline strings", async () => {
    const bytes = xlsx({
      shared: [
        "<si><t>党组织名称</t></si>",
        '<si><r><rPr><b/></rPr><t xml:space="preserve">衢州 </t></r><r><t>某某公司</t></r><rPh sb="0" eb="2"><t>くしゅう</t></rPh><phoneticPr fontId="1"/></si>',
        "<si><t></t></si>",
        "<si/>",
        "<si><t>  两端空格  </t></si>",
      ],
      rows:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>3</v></c>' +
        '<c r="D1" t="inlineStr"><is><r><t>内联</t></r><r><t>文本</t></r><rPh><t>x</t></rPh></is></c>' +
        '<c r="E1" t="s"><v>99</v></c></row>' +
        // No r on the row or its cells: the next row, the next columns.
        '<row><c t="s"><v>1</v></c><c t="s"><v>4</v></c><c t="str"><f>A1</f><v>公式文本</v></c>' +
        '<c t="inlineStr"><is><t xml:space="preserve"> 内联 </t></is></c></row>',
      stored: true,
    });
    const table = await readTable(bytes, "strings.xlsx");
    expect(table.rows).toEqual([
      ["党组织名称", "", "", "内联文本"], // index 99 is no string: empty, and trailing, so dropped
      ["衢州 某某公司", "  两端空格  ", "公式文本", " 内联 "],
    ]);
    expect(table.rowNumbers).toEqual([1, 2]);
  });

  it("decodes XML entities and character references once, in text, attributes and the sheet's name", async () => {
    const bytes = xlsx({
      workbook:
        '<workbook xmlns:r="r"><sheets><sheet name="A &amp; B &#x4E2D;" sheetId="1" r:id="rId1"/></sheets></workbook>',
      shared: [
        "<si><t>&lt;党&gt; &amp; &quot;群&quot; &apos;x&apos;</t></si>",
        "<si><t>&amp;lt;不是标签&amp;gt;</t></si>",
      ],
      rows:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>' +
        `${inline("C1", "&#34914;&#x5DDE;&#x1F600;")}${inline("D1", "<![CDATA[<b>&amp;</b>]]>")}</row>`,
    });
    const table = await readTable(bytes, "entities.xlsx");
    expect(table.sheetName).toBe("A & B 中");
    expect(table.rows[0]).toEqual([
      `<党> & "群" 'x'`,
      "&lt;不是标签&gt;", // escaped once in the file: read back as written, not decoded twice
      "衢州😀",
      "<b>&amp;</b>",
    ]);
  });

  it("refuses a DOCTYPE (no entity expansion), an undefined entity and XML that is not well-formed", async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      "<sst><si><t>&b;</t></si></sst>";
    const withDoctype = xlsx({ rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' });
    const files = [
      makeZipReplacing(withDoctype, "xl/sharedStrings.xml", laughs),
      xlsx({ rows: `<row r="1">${inline("A1", "a&nbsp;b")}</row>` }),
      xlsx({ rows: `<row r="1">${inline("A1", "a")}<c r="B1"><v>1</v></row>` }),
      xlsx({
        rows: `<row r="1">${inline("A1", "a")}</row>`,
        workbook: "<workbook><sheets><sheet name='x' r:id='rId1'></sheets>",
      }),
      xlsx({ rows: `<row r="1"><c r="A1"><v>1</v></c></row>\u0001` }),
    ];
    for (const bytes of files) expect((await refusal(bytes, "bad.xlsx")).message).toBe(BROKEN);
  });

  it("refuses a cell reference or row number that is not one", async () => {
    for (const rows of [
      `<row r="1">${inline("ZZZZ1", "x")}</row>`,
      `<row r="1">${inline("XFE1", "x")}</row>`,
      `<row r="1">${inline("1A", "x")}</row>`,
      `<row r="0">${inline("A1", "x")}</row>`,
      `<row r="1048577">${inline("A1", "x")}</row>`,
    ]) {
      expect((await refusal(xlsx({ rows }), "bad.xlsx")).message).toBe(BROKEN);
    }
  });

  it("passes over a sheet whose part is missing, and says so when no sheet is left", async () => {
    const workbook =
      '<workbook xmlns:r="r"><sheets><sheet name="缺失" sheetId="1" r:id="rId2"/><sheet name="无关系" sheetId="2" r:id="rId9"/>' +
      '<sheet name="名单" sheetId="3" r:id="rId1"/></sheets></workbook>';
    const rels =
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>';
    const table = await readTable(
      xlsx({ workbook, rels, rows: `<row r="1">${inline("A1", "读到")}</row>` }),
      "m.xlsx",
    );
    expect(table.sheetName).toBe("名单");
    expect(table.rows).toEqual([["读到"]]);
    const none = xlsx({
      rels,
      rows: `<row r="1">${inline("A1", "x")}</row>`,
      sheetPart: "xl/worksheets/other.xml",
    });
    expect((await refusal(none, "none.xlsx")).message).toBe("文件是空的：工作簿中没有工作表");
    const noSheets = xlsx({ workbook: "<workbook><sheets/></workbook>", rows: "" });
    expect((await refusal(noSheets, "none.xlsx")).message).toBe("文件是空的：工作簿中没有工作表");
  });

  it("reads numbers in a date format as days, by built-in and custom formats, and other numbers as numbers", async () => {
    const styles =
      '<styleSheet><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
      '<numFmt numFmtId="165" formatCode="0.0&quot;天 mdy&quot;"/><numFmt numFmtId="166" formatCode="[Red]0.00"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="49"/></cellXfs></styleSheet>';
    const rows =
      '<row r="1"><c r="A1"><v>45292</v></c><c r="B1" s="1"><v>45292</v></c><c r="C1" s="2"><v>45292.75</v></c>' +
      '<c r="D1" s="3"><v>45292</v></c><c r="E1" s="4"><v>-1.5</v></c><c r="F1" s="5"><v>123</v></c>' +
      '<c r="G1" t="d"><v>2024-08-06T00:00:00Z</v></c><c r="H1" t="b"><v>0</v></c><c r="I1" t="e"><v>#N/A</v></c>' +
      '<c r="J1" s="1"><f>TODAY()</f><v>45293</v></c><c r="K1" s="1"/></row>';
    const table = await readTable(xlsx({ rows, styles }), "dates.xlsx");
    expect(table.rows[0]).toEqual([
      45292,
      "2024-01-01",
      "2024-01-01",
      45292,
      -1.5,
      123,
      "2024-08-06",
      false,
      null,
      "2024-01-02",
    ]);
  });

  it("reads the directory the ZIP guard checked, not a second one hidden in the archive comment", async () => {
    // The real archive, one sheet, then as its comment a second archive whose end record's own
    // comment length runs past the file: the guard passes over that record and checks the real
    // directory. A ZIP library that takes the last end record it finds (fflate's unzipSync does)
    // reads the second archive, which the guard never checked: here another sheet, it could be a bomb.
    const real = xlsx({ rows: `<row r="1">${inline("A1", "真的")}</row>` });
    const forged = xlsx({ rows: `<row r="1">${inline("A1", "假的")}</row>` });
    const end = forged.length - 22;
    const directory = forged.readUInt32LE(end + 16);
    for (let at = directory; at < end; ) {
      forged.writeUInt32LE(forged.readUInt32LE(at + 42) + real.length, at + 42); // its local headers, moved
      at += 46 + forged.readUInt16LE(at + 28) + forged.readUInt16LE(at + 30) + forged.readUInt16LE(at + 32);
    }
    forged.writeUInt32LE(directory + real.length, end + 16);
    forged.writeUInt16LE(0xffff, end + 20);
    const hostile = Buffer.concat([real, forged]);
    hostile.writeUInt16LE(forged.length, real.length - 22 + 20); // the real end record's comment
    expect(checkZipParts(hostile).every((e) => e.dataStart < real.length)).toBe(true);
    expect((await readTable(hostile, "two-directories.xlsx")).rows).toEqual([["真的"]]);
  });

  it("keeps to 256 columns and refuses a sheet with more than 10,000 merged ranges", async () => {
    // 20,000 rows each with a cell at XFD: read as 256 columns at most (not 16,384 per row).
    const far = Array.from(
      { length: 20_000 },
      (_, i) => `<row r="${i + 1}">${inline(`A${i + 1}`, "x")}${inline(`XFD${i + 1}`, "y")}</row>`,
    ).join("");
    const wide = await readTable(xlsx({ rows: far }), "wide.xlsx");
    expect(wide.rows).toHaveLength(20_000);
    expect(wide.rows.every((row) => row.length === 1)).toBe(true);

    const merges = (n: number) =>
      `<mergeCells count="${n}">${Array.from({ length: n }, (_, i) => `<mergeCell ref="B${i + 2}:C1048576"/>`).join("")}</mergeCells>`;
    const rows = `<row r="1">${inline("A1", "h")}${inline("B1", "v")}</row>`;
    const many = xlsx({ rows, after: merges(10_001) });
    expect((await refusal(many, "merges.xlsx")).message).toContain(
      "合并单元格过多（10001 处，最多 10000 处）",
    );
    // 10,000 overlapping ranges down to the last row, their top-left cells empty: the later ones are
    // dropped and none makes up rows, so this reads at once.
    const started = performance.now();
    const overlapping = await readTable(xlsx({ rows, after: merges(10_000) }), "merges.xlsx");
    expect(overlapping.rows).toEqual([["h", "v"]]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

/** `zip`'s entries, with the one named `name` holding `data` instead. */
function makeZipReplacing(zip: Uint8Array, name: string, data: string): Buffer {
  const entries = checkZipParts(zip).filter((e) => !e.name.endsWith("/"));
  return makeZip([
    ...entries
      .filter((e) => e.name !== name)
      .map((e) => ({
        name: e.name,
        data:
          e.method === 0
            ? zip.subarray(e.dataStart, e.dataStart + e.compressedSize)
            : inflateRawSync(zip.subarray(e.dataStart, e.dataStart + e.compressedSize)),
      })),
    { name, data },
  ]);
}

describe("readTable: CSV", () => {
  const csv = (text: string) => new TextEncoder().encode(text);

  it("handles quotes, commas and newlines in cells, CRLF, and skips empty lines", async () => {
    const table = await readTable(
      csv('a,b,c\r\n"x, y","line1\r\nline2","say ""hi"""\r\n\r\n , ,\r\n1,2,3\r\n'),
      "t.csv",
    );
    expect(table.rows).toEqual([
      ["a", "b", "c"],
      ["x, y", "line1\r\nline2", 'say "hi"'],
      ["1", "2", "3"],
    ]);
    expect(table.rowNumbers).toEqual([1, 2, 5]);
  });

  it("detects GBK: Excel's 'CSV (逗号分隔)' in a Chinese Windows", async () => {
    const table = await readTable(
      encodeGbk("党组织名称,乡镇（街道、园区）\n衢州某某公司党支部,府山街道\n"),
      "gbk.csv",
    );
    expect(table.encoding).toBe("GBK");
    expect(table.rows[1]).toEqual(["衢州某某公司党支部", "府山街道"]);
    // Pure ASCII is valid UTF-8.
    expect((await readTable(csv("a,b\n1,2\n"), "a.csv")).encoding).toBe("UTF-8");
  });

  it("reads tab-separated text too", async () => {
    const table = await readTable(csv("a\tb\n1\t2\n"), "t.txt");
    expect(table.rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("refuses an unclosed quote, UTF-16 text, binary data and text named .xlsx", async () => {
    expect((await refusal(csv('a,b\n1,"2\n3,4\n'), "q.csv")).message).toContain("第 2 行有未配对的引号");
    expect((await refusal(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), "u.csv")).message).toContain("UTF-16");
    expect((await refusal(new Uint8Array([0x61, 0x00, 0x62]), "b.csv")).message).toContain(
      "无法识别该文件的类型",
    );
    expect((await refusal(csv("%PDF-1.7\n"), "a.csv")).message).toContain("PDF 文件");
    expect((await refusal(csv("a,b\n1,2\n"), "名单.xlsx")).message).toContain("内容不是 Excel 工作簿");
    expect((await refusal(csv("\r\n , \r\n\r\n"), "blank.csv")).message).toMatch(/^文件是空的/);
  });

  it("keeps a long cell cut to maxCellLength + 1 characters", async () => {
    const table = await readTable(csv(`a\n${"x".repeat(100_000)}\n`), "long.csv");
    expect(table.rows[1]?.[0]).toHaveLength(IMPORT_LIMITS.maxCellLength + 1);
  });

  it("refuses more than IMPORT_LIMITS.maxRows data rows", async () => {
    const lines = Array.from({ length: IMPORT_LIMITS.maxRows + 5 }, (_, i) => `${i},x`);
    const error = await refusal(csv(`a,b\n${lines.join("\n")}\n`), "many.csv");
    expect(error.message).toContain("最多 20000 行，本文件有 20005 行");
    const ok = await readTable(csv(`a,b\n${lines.slice(0, IMPORT_LIMITS.maxRows).join("\n")}`), "ok.csv");
    expect(ok.rows).toHaveLength(IMPORT_LIMITS.maxRows + 1);
  });
});

describe("readTable: limits and hostile files", () => {
  it("refuses a file over 10 MB before looking at it", async () => {
    const error = await refusal(new Uint8Array(IMPORT_FILE_MAX_BYTES + 1), "big.csv");
    expect(error.message).toMatch(/^文件超过 10 MB/);
  });

  it("reads 20,000 rows well under 10 s and refuses 20,001", async () => {
    const bytes = await bigWorkbook(IMPORT_LIMITS.maxRows);
    const start = performance.now();
    const table = await readTable(bytes, "big.xlsx");
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `readTable: ${IMPORT_LIMITS.maxRows} rows × ${HEADERS.length} columns (${(bytes.length / 1024).toFixed(0)} KB .xlsx) in ${seconds.toFixed(2)} s`,
    );
    expect(table.rows).toHaveLength(IMPORT_LIMITS.maxRows + 1);
    expect(table.rows[IMPORT_LIMITS.maxRows]?.[0]).toBe("B-020000");
    expect(seconds).toBeLessThan(10);

    const error = await refusal(await bigWorkbook(IMPORT_LIMITS.maxRows + 1), "big.xlsx");
    // The reading stops at the first row past the limit: the total is not known.
    expect(error.message).toContain("最多 20000 行，本文件超过 20000 行");
  });

  it("refuses a ZIP bomb whose directory claims huge sizes, and one that understates them", async () => {
    const claims = makeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/workbook.xml", data: "<workbook/>" },
      { name: "xl/worksheets/sheet1.xml", data: "<worksheet/>", claimedSize: 300 * 1024 * 1024 },
    ]);
    expect((await refusal(claims, "bomb.xlsx")).message).toMatch(/^文件解压后过大/);
    // 50 MB of zeros deflate to ~50 KB; the directory says 1 KB.
    const liar = makeZip([
      { name: "xl/workbook.xml", data: "<workbook/>" },
      { name: "xl/worksheets/sheet1.xml", data: new Uint8Array(50 * 1024 * 1024), claimedSize: 1024 },
    ]);
    expect((await refusal(liar, "liar.xlsx")).message).toMatch(/^文件解压后过大/);
    const many = makeZip(Array.from({ length: 2001 }, (_, i) => ({ name: `xl/p${i}.xml`, data: "x" })));
    expect((await refusal(many, "many.xlsx")).message).toMatch(/^文件解压后过大/);
  });

  it("refuses a malformed ZIP, a ZIP that is not a workbook, and a workbook that is not well-formed", async () => {
    const valid = fixture("valid.xlsx");
    const truncated = valid.subarray(0, Math.floor(valid.length / 2));
    expect((await refusal(truncated, "cut.xlsx")).message).toContain("压缩结构已损坏");
    const noise = Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(100, 7)]);
    expect((await refusal(noise, "noise.xlsx")).message).toContain("压缩结构已损坏");
    const corrupted = Buffer.from(valid);
    corrupted.fill(0x55, 200, 1200); // inside the first entry's deflated data
    expect((await refusal(corrupted, "bad.xlsx")).message).toMatch(/^无法读取该文件/);

    const docx = makeZip([{ name: "word/document.xml", data: "<w:document/>" }]);
    expect((await refusal(docx, "a.xlsx")).message).toContain("Word 文档");
    const zip = makeZip([{ name: "photo.txt", data: "hello" }]);
    expect((await refusal(zip, "a.xlsx")).message).toContain("不是 Excel 工作簿");
    const xlsb = makeZip([{ name: "xl/workbook.bin", data: "x" }]);
    expect((await refusal(xlsb, "a.xlsb")).message).toContain(".xlsb");

    const broken = makeZip([
      { name: "[Content_Types].xml", data: "<Types" },
      { name: "xl/workbook.xml", data: "<<<not xml" },
      { name: "xl/_rels/workbook.xml.rels", data: "<Relationships><Relationship Id=" },
      {
        name: "xl/worksheets/sheet1.xml",
        data: "<worksheet><sheetData><row r='x'><c r='A1' t='s'><v>99</v>",
      },
    ]);
    const error = await refusal(broken, "broken.xlsx");
    expect(error.message).toMatch(/^(无法读取该文件|文件是空的)/);
  });

  it("refuses a password-protected workbook with its own message", async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(200),
      Buffer.from("EncryptedPackage", "utf16le"),
      Buffer.alloc(200),
    ]);
    expect((await refusal(ole, "名单.xlsx")).message).toContain("设置了打开密码");
  });
});
