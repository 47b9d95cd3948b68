import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
import { bigWorkbook, encodeGbk, makeZip } from "../../../../test/fixtures/import/make-fixtures.ts";
import { DomainError } from "../errors.ts";
import { IMPORT_FILE_MAX_BYTES, type ReadTable, readTable, xlsxCell } from "./read-table.ts";

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
        // exceljs's streaming reader drops the cell's type (t="b") of a formula's result: 1, not true.
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
      1,
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

  it("xlsxCell cuts long text and rich text to maxCellLength + 1 characters, counting code points", () => {
    const long = "𠀀".repeat(3000); // outside the BMP: two UTF-16 units each
    const cut = xlsxCell(long) as string;
    expect([...cut]).toHaveLength(IMPORT_LIMITS.maxCellLength + 1);
    expect(xlsxCell({ richText: [{ text: "a".repeat(2000) }] })).toHaveLength(
      IMPORT_LIMITS.maxCellLength + 1,
    );
    expect(xlsxCell(Number.NaN)).toBeNull();
  });
});

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

  it("refuses a malformed ZIP, a ZIP that is not a workbook, and a workbook exceljs cannot read", async () => {
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
