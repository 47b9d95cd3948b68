import { posix } from "node:path";
import { Readable } from "node:stream";
import { inflateRawSync } from "node:zlib";
import { IMPORT_LIMITS } from "@beltmap/domain";
import type { Cell, CellValue } from "exceljs";
import { DomainError } from "../errors.ts";
import { checkZipParts, ZIP_LIMITS, ZipGuardError, type ZipPart } from "./zip-guard.ts";

// The first step of the organisation import (issue 6): the uploaded bytes of an .xlsx or .csv file
// become a table of cell values. Nothing here judges the cells (packages/domain's org-import does);
// this only refuses what cannot be read — too big, empty, the wrong kind of file, a ZIP bomb, a
// broken file — with a message in Chinese, and never lets a parser's exception become a 500.

export const IMPORT_FILE_MAX_BYTES = 10 * 1024 * 1024;

export type TableCell = string | number | boolean | null;

export type ReadTable = {
  format: "xlsx" | "csv";
  /** For CSV: how its bytes were read. */
  encoding: "UTF-8" | "GBK" | null;
  sheetName: string | null;
  /** Row 0 is the header row; each row an array of cells (trailing empties may be missing). */
  rows: TableCell[][];
  /**
   * The row number a spreadsheet program shows for each entry of `rows` (header usually 1): empty
   * rows are left out of `rows`, so rows[i] is not always row i + 1 of the file. For a CSV, the
   * record's number (a quoted cell spanning lines still counts once, as Excel shows it).
   */
  rowNumbers: number[];
};

const ACCEPTED = "请上传 Excel 工作簿（.xlsx）或 CSV 文件（.csv）";
const RESAVE = "请在 Excel 中另存为 .xlsx 或 CSV 后再导入";
const UNREADABLE =
  "无法读取该文件：文件可能已损坏或格式有误，请在 Excel 中打开检查后重新保存为 .xlsx 或 CSV 再导入";

/** The user's error: a 400 with a message to show as it is. */
function refuse(message: string): never {
  throw new DomainError(message);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Binary formats people upload by mistake, to name in the refusal. */
const OTHER_MAGICS: readonly { magic: number[]; what: string }[] = [
  { magic: ascii("%PDF"), what: "PDF 文件" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "PNG 图片" },
  { magic: [0xff, 0xd8, 0xff], what: "JPEG 图片" },
  { magic: ascii("GIF8"), what: "GIF 图片" },
  { magic: ascii("Rar!"), what: "RAR 压缩包" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: "7z 压缩包" },
  { magic: [0x1f, 0x8b], what: "gzip 压缩包" },
  { magic: ascii("{\\rtf"), what: "RTF 文档" },
];

function unsupported(what: string | null): never {
  refuse(`无法识别该文件的类型${what ? `（${what}）` : ""}：${ACCEPTED}`);
}

function extensionOf(fileName: string): string {
  const match = /\.([^./\\]+)$/.exec(fileName.trim());
  return match?.[1]?.toLowerCase() ?? "";
}

/** "EncryptedPackage" in UTF-16LE: an OLE file holding a password-protected .xlsx. */
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

/** Reads an uploaded .xlsx or .csv (by content; the name only sharpens messages) into a table. */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<ReadTable> {
  if (bytes.byteLength > IMPORT_FILE_MAX_BYTES) {
    const mb = (bytes.byteLength / 1024 / 1024).toFixed(1);
    refuse(`文件超过 10 MB（本文件 ${mb} MB），无法导入：请删去多余的工作表或图片，或分成几个文件后再导入`);
  }
  if (bytes.byteLength === 0) refuse("文件是空的：没有任何内容，请检查是否选错了文件");
  const extension = extensionOf(fileName);
  try {
    if (startsWith(bytes, OLE_MAGIC)) {
      if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE)) {
        refuse(`该 Excel 文件设置了打开密码，无法读取：请在 Excel 中取消密码后另存为 .xlsx 或 CSV 再导入`);
      }
      refuse(`这是旧版 Excel（.xls）文件，暂不支持：${RESAVE}`);
    }
    if (startsWith(bytes, ZIP_MAGIC)) return await readXlsx(bytes);
    if (startsWith(bytes, EMPTY_ZIP_MAGIC)) unsupported("空的压缩包");
    const other = OTHER_MAGICS.find((m) => startsWith(bytes, m.magic));
    if (other) unsupported(other.what);
    if (extension === "xlsx" || extension === "xlsm" || extension === "xls") {
      refuse(`文件名为 .${extension}，但内容不是 Excel 工作簿，可能已损坏或被改过扩展名：${ACCEPTED}`);
    }
    return await readCsv(bytes);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // A parser's own failure on a hostile or broken file: the user's problem, not the server's.
    refuse(UNREADABLE);
  }
}

/** The non-empty rows counted so far, and the table kept (until it passes the row limit). */
class TableBuilder {
  readonly rows: TableCell[][] = [];
  readonly rowNumbers: number[] = [];
  /** Non-empty rows seen, header included. */
  count = 0;
  /** Set by a reader that stopped at the first row past the limit: `count` is not the total. */
  stoppedEarly = false;

  /**
   * Adds a row; false once past the limit, when the reader may stop (setting stoppedEarly: the
   * message then says "more than") or go on, rows only counted, for the message to give the total.
   */
  add(cells: TableCell[], rowNumber: number): boolean {
    let end = cells.length;
    while (end > 0 && isBlank(cells[end - 1] ?? null)) end--;
    if (end === 0) return true; // a fully empty row (only blanks): skipped
    this.count++;
    if (this.count > IMPORT_LIMITS.maxRows + 1) return false;
    this.rows.push(end === cells.length ? cells : cells.slice(0, end));
    this.rowNumbers.push(rowNumber);
    return true;
  }

  finish(table: Omit<ReadTable, "rows" | "rowNumbers">): ReadTable {
    if (this.count === 0) refuse("文件是空的：没有找到任何内容，请检查是否选错了文件或工作表");
    const dataRows = this.count - 1;
    if (dataRows > IMPORT_LIMITS.maxRows) {
      const found = this.stoppedEarly ? `超过 ${IMPORT_LIMITS.maxRows}` : `有 ${dataRows}`;
      refuse(
        `文件行数过多：最多 ${IMPORT_LIMITS.maxRows} 行，本文件${found} 行（不含表头），请分成几个文件分别导入`,
      );
    }
    return { ...table, rows: this.rows, rowNumbers: this.rowNumbers };
  }
}

function isBlank(cell: TableCell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

/**
 * A text cell longer than IMPORT_LIMITS.maxCellLength is kept but cut to maxCellLength + 1
 * characters (code points, as validation counts them): still too long, so validation reports it,
 * without the table holding megabytes of one cell.
 */
function clip(text: string): string {
  const keep = IMPORT_LIMITS.maxCellLength + 1;
  if (text.length <= keep) return text; // code points ≤ UTF-16 units
  let end = 0;
  for (let n = 0; n < keep && end < text.length; n++) end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
  return text.slice(0, end);
}

// ---------------------------------------------------------------------------------------------- xlsx

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** A worksheet as xl/workbook.xml lists it (in tab order), with the ZIP entry holding it. */
type SheetInfo = { name: string; hidden: boolean; part: string | null };

async function readXlsx(bytes: Uint8Array): Promise<ReadTable> {
  let entries: ZipPart[];
  try {
    entries = checkZipParts(bytes, ZIP_LIMITS);
  } catch (error) {
    if (error instanceof ZipGuardError && error.reason === "too-large") {
      refuse(
        `文件解压后过大（表格内容超过 ${mb(ZIP_LIMITS.maxXmlBytes)} MB 或总计超过 ${mb(ZIP_LIMITS.maxTotalBytes)} MB）或包含的部分过多（超过 ${ZIP_LIMITS.maxEntries} 个），无法导入：请只保留要导入的工作表，另存为 .xlsx 后再试`,
      );
    }
    refuse(`无法读取该文件：压缩结构已损坏或不完整，请在 Excel 中打开后重新保存为 .xlsx 再导入`);
  }
  const parts = new Map(entries.map((e) => [e.name.replace(/^\//, ""), e]));
  const workbookPart = parts.get("xl/workbook.xml");
  if (!workbookPart) {
    if (parts.has("xl/workbook.bin")) refuse(`这是 Excel 二进制工作簿（.xlsb），暂不支持：${RESAVE}`);
    unsupported(parts.has("word/document.xml") ? "Word 文档" : "压缩包，不是 Excel 工作簿");
  }

  const text = (part: ZipPart | undefined) => (part ? partBytes(bytes, part).toString("utf8") : "");
  const workbookXml = text(workbookPart);
  const sheets = listSheets(workbookXml, text(parts.get("xl/_rels/workbook.xml.rels"))).filter(
    (s) => s.part !== null && parts.has(s.part),
  );
  // The first sheet the user sees: a template may keep its dropdown lists in a hidden sheet.
  const sheet = sheets.find((s) => !s.hidden) ?? sheets[0];
  const sheetPart = sheet?.part ? parts.get(sheet.part) : undefined;
  if (!sheet || !sheetPart) refuse("文件是空的：工作簿中没有工作表");
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
  // The streaming reader skips <mergeCell>s; they follow the rows, so they are found first.
  const merges = mergedRanges(partBytes(bytes, sheetPart));

  // exceljs takes a third of a second to load: only when someone imports, not at every start.
  const { default: ExcelJS } = await import("exceljs");
  // The streaming reader, not Workbook.xlsx.load: that one holds every part unzipped and every cell
  // as an object with its style (~350 MB for 20,000 rows); this one parses the sheet row by row.
  // It reads the ZIP's entries in file order and spools each sheet met before the shared strings to
  // a temporary file (Excel writes the sheets first), so it is handed a ZIP stream of only the parts
  // it needs, in the order it needs them, ending with the one sheet read.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from(zipStream(bytes, parts, sheetPart)),
    // Styles are kept: a number is a date by its number format.
    { sharedStrings: "cache", hyperlinks: "ignore", styles: "cache", worksheets: "emit", entries: "ignore" },
  );
  const table = new TableBuilder();
  const rows = async function* (): AsyncGenerator<{ number: number; cells: TableCell[] }> {
    for await (const worksheet of reader) {
      // The shared strings are read by now; the reader leaves an empty one (<si><t></t></si>) null,
      // where Workbook.xlsx.load (and Excel) have "". exceljs is pinned, this field checked.
      const shared: unknown = (reader as unknown as { sharedStrings?: unknown }).sharedStrings;
      if (Array.isArray(shared)) {
        for (let i = 0; i < shared.length; i++) if (shared[i] === null) shared[i] = "";
      }
      for await (const row of worksheet) {
        const cells: TableCell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          while (cells.length < column - 1) cells.push(null);
          cells.push(streamedCell(cell, date1904));
        });
        yield { number: row.number, cells };
      }
      return; // the stream holds one sheet
    }
  };
  try {
    for await (const { number, cells } of withMerges(rows(), merges)) {
      // Past the limit: stop without reading the rest (the message says "more than").
      if (!table.add(cells, number)) {
        table.stoppedEarly = true;
        break;
      }
    }
  } catch {
    refuse(`无法读取该文件：Excel 工作簿的内容有误，请在 Excel 中打开后重新保存为 .xlsx 再导入`);
  }
  return table.finish({ format: "xlsx", encoding: null, sheetName: sheet.name });
}

/** An entry's data unpacked (checkZipParts has held it to its declared size). */
function partBytes(bytes: Uint8Array, part: ZipPart): Buffer {
  const data = bytes.subarray(part.dataStart, part.dataStart + part.compressedSize);
  return part.method === 0
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : inflateRawSync(data, { maxOutputLength: Math.max(1, part.uncompressedSize) });
}

/** A ZIP of the workbook, its relationships, shared strings, styles and one sheet, in that order. */
function* zipStream(bytes: Uint8Array, parts: Map<string, ZipPart>, sheet: ZipPart): Generator<Buffer> {
  const entry = (name: string, part: ZipPart | undefined, fallback: string) => {
    const data = part
      ? bytes.subarray(part.dataStart, part.dataStart + part.compressedSize)
      : Buffer.from(fallback);
    const fileName = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0800, 6); // UTF-8 name; sizes in this header (no data descriptor)
    header.writeUInt16LE(part?.method ?? 0, 8);
    header.writeUInt32LE(part?.crc32 ?? 0, 14); // the reader does not check it
    header.writeUInt32LE(data.byteLength, 18);
    header.writeUInt32LE(part?.uncompressedSize ?? data.byteLength, 22);
    header.writeUInt16LE(fileName.byteLength, 26);
    return [header, fileName, Buffer.from(data.buffer, data.byteOffset, data.byteLength)];
  };
  yield* entry("xl/workbook.xml", parts.get("xl/workbook.xml"), "<workbook/>");
  yield* entry("xl/_rels/workbook.xml.rels", parts.get("xl/_rels/workbook.xml.rels"), "<Relationships/>");
  // Without shared strings the reader would wait for them, spooling the sheet to a file.
  yield* entry("xl/sharedStrings.xml", parts.get("xl/sharedStrings.xml"), "<sst/>");
  yield* entry("xl/styles.xml", parts.get("xl/styles.xml"), "<styleSheet/>");
  // Under the name the reader looks for (sheet<n>.xml), whatever its name in the file.
  yield* entry("xl/worksheets/sheet1.xml", sheet, "");
  const end = Buffer.alloc(22); // End Of Central Directory: the reader stops there
  end.writeUInt32LE(0x06054b50, 0);
  yield end;
}

function xmlText(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (whole, hex, dec, name) => {
    if (hex || dec) return String.fromCodePoint(Number.parseInt(hex ?? dec, hex ? 16 : 10));
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[name as string] ?? whole;
  });
}

/** The attributes of each element named `tag` (any namespace prefix), keyed by their local name. */
function elements(xml: string, tag: string): Map<string, string>[] {
  const found: Map<string, string>[] = [];
  for (const match of xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${tag}\\b([^>]*)>`, "g"))) {
    const attributes = new Map<string, string>();
    for (const a of (match[1] ?? "").matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const name = a[1] ?? "";
      // r:id, the relationship, is the only prefixed attribute needed: kept as "r:id" whatever its prefix.
      const key = name.includes(":") && !name.startsWith("xmlns") ? `r:${name.split(":").pop()}` : name;
      attributes.set(key, xmlText(a[2] ?? a[3] ?? ""));
    }
    found.push(attributes);
  }
  return found;
}

/** The workbook's sheets in tab order, from xl/workbook.xml and its relationships. */
function listSheets(workbookXml: string, relsXml: string): SheetInfo[] {
  const targets = new Map(elements(relsXml, "Relationship").map((r) => [r.get("Id"), r.get("Target")]));
  return elements(workbookXml, "sheet").map((s) => {
    const target = targets.get(s.get("r:id"));
    const part = target ? posix.normalize(target.startsWith("/") ? target.slice(1) : `xl/${target}`) : null;
    const state = s.get("state");
    return { name: s.get("name") ?? "", hidden: state === "hidden" || state === "veryHidden", part };
  });
}

type Merge = { top: number; left: number; bottom: number; right: number };

/** Merged cells past this column are not filled in (a hostile merge could span 16,384 columns). */
const MERGE_MAX_COLUMN = 256;

function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + c.charCodeAt(0) - 64;
  return n;
}

/** The sheet's merged ranges (<mergeCells>, after <sheetData>). */
function mergedRanges(sheetXml: Buffer): Merge[] {
  const rowsEnd = sheetXml.lastIndexOf("</sheetData>");
  const at = sheetXml.indexOf("<mergeCells", Math.max(rowsEnd, 0));
  if (at < 0) return [];
  const merges: Merge[] = [];
  for (const cell of elements(sheetXml.toString("utf8", at), "mergeCell")) {
    const range = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(cell.get("ref") ?? "");
    if (!range) continue;
    const [, l, t, r, b] = range as unknown as [string, string, string, string, string];
    merges.push({ top: Number(t), left: columnNumber(l), bottom: Number(b), right: columnNumber(r) });
  }
  return merges.sort((a, b) => a.top - b.top);
}

/**
 * The rows with each merged area filled with its top-left cell's value, what the user sees across
 * it; rows of a merged area missing from the file are made up.
 */
async function* withMerges(
  rows: AsyncIterable<{ number: number; cells: TableCell[] }>,
  merges: Merge[],
): AsyncGenerator<{ number: number; cells: TableCell[] }> {
  if (merges.length === 0) {
    yield* rows;
    return;
  }
  let next = 0;
  let active: (Merge & { value: TableCell })[] = [];
  const fill = (number: number, cells: TableCell[]) => {
    while (next < merges.length && (merges[next]?.top ?? 0) <= number) {
      active.push({ ...(merges[next] as Merge), value: null });
      next++;
    }
    active = active.filter((m) => m.bottom >= number);
    for (const m of active) {
      if (number === m.top) m.value = cells[m.left - 1] ?? null;
      for (let column = m.left; column <= Math.min(m.right, MERGE_MAX_COLUMN); column++) {
        while (cells.length < column) cells.push(null);
        cells[column - 1] = m.value;
      }
    }
    return cells;
  };
  /** The made-up rows between the last row read and `before`. */
  function* between(last: number, before: number) {
    let number = last + 1;
    while (number < before) {
      if (active.some((m) => m.bottom >= number) || (merges[next]?.top ?? Infinity) <= number) {
        yield { number, cells: fill(number, []) };
        number++;
      } else {
        number = Math.min(before, merges[next]?.top ?? Infinity);
      }
    }
  }
  let last = 0;
  for await (const { number, cells } of rows) {
    yield* between(last, number);
    yield { number, cells: fill(number, cells) };
    last = number;
  }
  yield* between(last, Infinity);
}

/** exceljs's streaming reader gives a formula's numeric result as a number, whatever its format. */
function streamedCell(cell: Cell, date1904: boolean): TableCell {
  const value = cell.value;
  if (value && typeof value === "object" && "formula" in value && typeof value.result === "number") {
    if (isDateFormat(cell.numFmt)) return xlsxCell(excelDate(value.result, date1904));
  }
  return xlsxCell(value);
}

/** As exceljs decides a number is a date: its format has date characters outside quotes and []. */
function isDateFormat(format: string | undefined): boolean {
  return !!format && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

function isoDate(date: Date): string | null {
  // exceljs turns a date serial into the Date of that day and time in UTC.
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** One exceljs cell value as a plain value; formulas are never evaluated, only their cached result read. */
export function xlsxCell(value: CellValue): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return clip(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return isoDate(value);
  if (typeof value !== "object") return null;
  if ("formula" in value || "sharedFormula" in value) {
    const result: unknown = value.result;
    // An error result ({ error }) or none: null.
    if (typeof result === "object" && !(result instanceof Date)) return null;
    return xlsxCell(result as CellValue);
  }
  if ("richText" in value) {
    return Array.isArray(value.richText)
      ? clip(value.richText.map((part) => part.text ?? "").join(""))
      : null;
  }
  if ("hyperlink" in value) {
    // The text shown; exceljs may give it as rich text.
    return xlsxCell(value.text as CellValue);
  }
  return null; // { error: "#N/A" } and anything unknown
}

// ----------------------------------------------------------------------------------------------- csv

function decodeCsv(bytes: Uint8Array): { text: string; encoding: "UTF-8" | "GBK" } {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    refuse(`该文本文件是 UTF-16 编码，暂不支持：请在 Excel 中另存为 .xlsx 或“CSV UTF-8（逗号分隔）”后再导入`);
  }
  // Text (UTF-8 or GBK) never holds a zero byte; a binary file nearly always does.
  if (bytes.includes(0)) unsupported(null);
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "UTF-8" };
  } catch {
    // Not UTF-8: what Chinese Excel writes as "CSV（逗号分隔）" is GBK (the WHATWG decoder reads GB18030).
  }
  const text = new TextDecoder("gbk").decode(body);
  let replaced = 0;
  for (const c of text) if (c === "\ufffd") replaced++;
  // A stray bad byte leaves a "�" for validation to show; a file full of them is not GBK text.
  if (replaced > 10 && replaced * 100 > text.length) unsupported(null);
  return { text, encoding: "GBK" };
}

async function readCsv(bytes: Uint8Array): Promise<ReadTable> {
  const { text, encoding } = decodeCsv(bytes);
  const { default: Papa } = await import("papaparse");
  // Comma, or the tab of Excel's "文本文件（制表符分隔）": guessed on the first lines without their
  // empty ones, which would spoil papaparse's guess (the full parse keeps them, for row numbers).
  const guess = Papa.parse<string[]>(text, {
    preview: 20,
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", "\t"],
  });
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    delimiter: guess.meta.delimiter || ",",
    dynamicTyping: false, // numbers stay text; validation parses them
    skipEmptyLines: false, // empty lines are skipped below, counting them for row numbers
  });
  const unclosed = parsed.errors.find((e) => e.code === "MissingQuotes");
  if (unclosed) {
    const row = (unclosed.row ?? 0) + 1;
    refuse(`无法读取该文件：CSV 第 ${row} 行有未配对的引号（"），请在 Excel 中打开检查后重新保存再导入`);
  }
  const table = new TableBuilder();
  parsed.data.forEach((record, index) => {
    if (!Array.isArray(record)) return;
    table.add(
      record.map((cell) => (typeof cell === "string" ? clip(cell) : null)),
      index + 1,
    );
  });
  return table.finish({ format: "csv", encoding, sheetName: null });
}
