import { posix } from "node:path";
import { inflateRawSync } from "node:zlib";
import { IMPORT_LIMITS } from "@beltmap/domain";
import { DomainError } from "../errors.ts";
import {
  type MergedRange,
  parseDateStyles,
  parseRelationships,
  parseSharedStrings,
  parseWorkbook,
  partText,
  readSheet,
  type SheetRow,
} from "./xlsx-xml.ts";
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

/**
 * Cells and merged cells past this column are not read: the import knows 13 columns, and a hostile
 * cell or merge at XFD (16,384) would make every row that wide.
 */
const MAX_COLUMN = 256;

/**
 * More merged ranges than this and the sheet is refused: filling them costs rows × ranges, and a
 * hostile sheet can hold a million overlapping ones in its 50 MB.
 */
const MAX_MERGES = 10_000;

/** Thrown from a row handler to stop reading the sheet once past the row limit. */
class StopReading extends Error {}

const BROKEN_WORKBOOK = `无法读取该文件：Excel 工作簿的内容有误，请在 Excel 中打开后重新保存为 .xlsx 再导入`;

async function readXlsx(bytes: Uint8Array): Promise<ReadTable> {
  // The ZIP is read once, by the guard: its directory parsed, each entry's data located and held to
  // its declared size. The parts below are those entries, unpacked with zlib (partBytes). A second
  // ZIP parser (fflate, yauzl) is not used: it could read a different directory from the same bytes
  // (a second end-of-directory record in the comment) than the one the guard checked.
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
  const text = (part: ZipPart) => partText(partBytes(bytes, part));
  const optional = <T>(name: string, parse: (xml: string) => T, none: T): T => {
    const part = parts.get(name);
    return part ? parse(text(part)) : none;
  };

  const table = new TableBuilder();
  let sheetName: string;
  try {
    const workbook = parseWorkbook(text(workbookPart));
    const targets = optional("xl/_rels/workbook.xml.rels", parseRelationships, new Map<string, string>());
    const sheets = workbook.sheets
      .map((s) => {
        const target = s.relationship === null ? undefined : targets.get(s.relationship);
        const part = target
          ? posix.normalize(target.startsWith("/") ? target.slice(1) : `xl/${target}`)
          : null;
        return { ...s, part: part === null ? undefined : parts.get(part) };
      })
      // A sheet whose part is missing is passed over, as one that is not there.
      .filter((s) => s.part !== undefined);
    // The first sheet the user sees: a template may keep its dropdown lists in a hidden sheet.
    const sheet = sheets.find((s) => !s.hidden) ?? sheets[0];
    if (!sheet?.part) refuse("文件是空的：工作簿中没有工作表");
    sheetName = sheet.name;

    const sharedStrings = optional("xl/sharedStrings.xml", parseSharedStrings, []).map(clip);
    const dateStyles = optional("xl/styles.xml", parseDateStyles, []);
    const context = { sharedStrings, dateStyles, date1904: workbook.date1904, maxColumn: MAX_COLUMN };
    // The rows are kept as read, then filled with the merged cells, which follow them in the sheet.
    // Reading stops at the first row past the limit, counted before the merges are filled in (they
    // could only empty a row whose values lie under an empty merged cell, which Excel never writes).
    const rows: SheetRow[] = [];
    let filled = 0;
    let merges: MergedRange[] = [];
    try {
      merges = readSheet(text(sheet.part), context, (row) => {
        for (let i = 0; i < row.cells.length; i++) {
          const cell = row.cells[i];
          if (typeof cell === "string") row.cells[i] = clip(cell);
        }
        rows.push(row);
        if (row.cells.some((cell) => !isBlank(cell ?? null)) && ++filled > IMPORT_LIMITS.maxRows + 1) {
          throw new StopReading();
        }
      });
    } catch (error) {
      if (!(error instanceof StopReading)) throw error;
    }
    if (merges.length > MAX_MERGES) {
      refuse(
        `无法读取该文件：工作表中的合并单元格过多（${merges.length} 处，最多 ${MAX_MERGES} 处），请取消合并单元格后另存为 .xlsx 再导入`,
      );
    }
    for (const { number, cells } of withMerges(rows, merges)) {
      // Past the limit: stop (the message says "more than").
      if (!table.add(cells, number)) {
        table.stoppedEarly = true;
        break;
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // Not well-formed XML, a DOCTYPE, a cell reference that is not one, …
    refuse(BROKEN_WORKBOOK);
  }
  return table.finish({ format: "xlsx", encoding: null, sheetName });
}

/** An entry's data unpacked (checkZipParts has held it to its declared size). */
function partBytes(bytes: Uint8Array, part: ZipPart): Buffer {
  const data = bytes.subarray(part.dataStart, part.dataStart + part.compressedSize);
  return part.method === 0
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : inflateRawSync(data, { maxOutputLength: Math.max(1, part.uncompressedSize) });
}

/**
 * The merged ranges as Excel keeps them: none overlapping another (a later one that does is
 * dropped) and none starting past MAX_COLUMN; in order of their first row. With no overlaps, at
 * most MAX_COLUMN ranges cover any one row, which bounds the work of filling them.
 */
function separateMerges(ranges: readonly MergedRange[]): MergedRange[] {
  const sorted = ranges.filter((m) => m.left <= MAX_COLUMN).sort((a, b) => a.top - b.top);
  const kept: MergedRange[] = [];
  let open: MergedRange[] = [];
  for (const m of sorted) {
    open = open.filter((o) => o.bottom >= m.top);
    if (open.some((o) => o.left <= m.right && m.left <= o.right)) continue;
    open.push(m);
    kept.push(m);
  }
  return kept;
}

/**
 * The rows with each merged area filled with its top-left cell's value, what the user sees across
 * it; rows of a merged area missing from the file are made up (when that value is not empty).
 */
function* withMerges(rows: readonly SheetRow[], ranges: readonly MergedRange[]): Generator<SheetRow> {
  if (ranges.length === 0) {
    yield* rows;
    return;
  }
  const merges = separateMerges(ranges);
  let next = 0;
  let active: (MergedRange & { value: TableCell })[] = [];
  const fill = (number: number, cells: TableCell[]) => {
    while (next < merges.length && (merges[next]?.top ?? 0) <= number) {
      active.push({ ...(merges[next] as MergedRange), value: null });
      next++;
    }
    active = active.filter((m) => m.bottom >= number);
    for (const m of active) {
      if (number === m.top) m.value = cells[m.left - 1] ?? null;
      for (let column = m.left; column <= Math.min(m.right, MAX_COLUMN); column++) {
        while (cells.length < column) cells.push(null);
        cells[column - 1] = m.value;
      }
    }
    return cells;
  };
  /** The made-up rows between the last row read and `before`. */
  function* between(last: number, before: number): Generator<SheetRow> {
    let number = last + 1;
    while (number < before) {
      if (
        active.some((m) => m.bottom >= number && m.value !== null) ||
        (merges[next]?.top ?? Infinity) <= number
      ) {
        yield { number, cells: fill(number, []) };
        number++;
      } else {
        number = Math.min(before, merges[next]?.top ?? Infinity);
      }
    }
  }
  let last = 0;
  for (const { number, cells } of rows) {
    yield* between(last, number);
    yield { number, cells: fill(number, cells) };
    last = number;
  }
  yield* between(last, Infinity);
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
