import { SaxesParser } from "saxes";

// The parts of an .xlsx that the organisation import reads, parsed with saxes, a strict XML 1.0
// parser: the workbook (its sheets in tab order), its relationships, the shared strings, the styles
// (only which number formats are dates) and one worksheet, row by row. Elements are matched by their
// local names, whatever their namespace prefix. Nothing here knows about the import's limits or
// messages (read-table.ts does); malformed XML throws XlsxXmlError.

export type XlsxValue = string | number | boolean | null;

/** A part that is not well-formed XML, has a DOCTYPE, or holds a value that cannot be. */
export class XlsxXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XlsxXmlError";
  }
}

/** Excel's limits: 16,384 columns (XFD), 1,048,576 rows. */
const EXCEL_MAX_COLUMN = 16_384;
const EXCEL_MAX_ROW = 1_048_576;

type Attributes = Record<string, string>;

type Handlers = {
  open?: (name: string, attributes: Attributes) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

const localName = (name: string): string => name.slice(name.indexOf(":") + 1);

/**
 * The relationship id of a <sheet>: its `r:id`, whatever the prefix (SpreadsheetML's own
 * attributes have none; this one is in the relationships namespace).
 */
function relationshipId(attributes: Attributes): string | undefined {
  for (const name in attributes) {
    const colon = name.indexOf(":");
    if (colon > 0 && name.slice(colon + 1) === "id" && !name.startsWith("xmlns")) return attributes[name];
  }
  return undefined;
}

/**
 * A part's bytes as text: UTF-8 (what Excel writes), or UTF-16 when it starts with a UTF-16
 * byte-order mark; a UTF-8 byte-order mark is dropped.
 */
export function partText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
}

/**
 * Parses `xml`, calling the handlers with local names; entities (&amp;, &#x4E2D;, …) are decoded,
 * CDATA is text. A DOCTYPE is refused: a spreadsheet part never has one, and saxes would not
 * expand its entities anyway (no "billion laughs"). A handler may throw to stop the parse.
 */
function parseXml(xml: string, handlers: Handlers): void {
  const parser = new SaxesParser({ position: false });
  const { open, close, text } = handlers;
  parser.on("doctype", () => {
    throw new XlsxXmlError("a DOCTYPE in a spreadsheet part");
  });
  if (open) parser.on("opentag", (tag) => open(localName(tag.name), tag.attributes as Attributes));
  if (close) parser.on("closetag", (tag) => close(localName(tag.name)));
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  try {
    parser.write(xml).close();
  } catch (error) {
    // saxes reports malformed XML as a plain Error; a handler's own error (a stop) passes through.
    if (error instanceof Error && error.constructor === Error) throw new XlsxXmlError(error.message);
    throw error;
  }
}

// ------------------------------------------------------------------------------------------ workbook

export type WorkbookSheet = {
  name: string;
  hidden: boolean;
  /** The relationship (r:id) naming the sheet's part in xl/_rels/workbook.xml.rels. */
  relationship: string | null;
};

/** The workbook's sheets in tab order, and whether its dates count from 1904. */
export function parseWorkbook(xml: string): { sheets: WorkbookSheet[]; date1904: boolean } {
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  let inSheets = false;
  parseXml(xml, {
    open(name, attributes) {
      if (name === "sheets") inSheets = true;
      else if (name === "sheet" && inSheets) {
        const state = attributes.state;
        sheets.push({
          name: attributes.name ?? "",
          hidden: state === "hidden" || state === "veryHidden",
          relationship: relationshipId(attributes) ?? null,
        });
      } else if (name === "workbookPr") {
        const value = attributes.date1904;
        date1904 = value === "1" || value === "true";
      }
    },
    close(name) {
      if (name === "sheets") inSheets = false;
    },
  });
  return { sheets, date1904 };
}

/** A relationships part (…/_rels/*.rels): each Id and its Target. */
export function parseRelationships(xml: string): Map<string, string> {
  const targets = new Map<string, string>();
  parseXml(xml, {
    open(name, attributes) {
      if (name !== "Relationship") return;
      const id = attributes.Id;
      const target = attributes.Target;
      if (id !== undefined && target !== undefined && !targets.has(id)) targets.set(id, target);
    },
  });
  return targets;
}

// ------------------------------------------------------------------------------- shared strings

/**
 * The text of a string item (<si>, or a cell's <is>): its <t>, or the <t> of each rich-text run
 * (<r>) joined; phonetic runs (<rPh>, furigana) are not part of the text.
 */
class StringItem {
  private parts: string[] = [];
  private inText = false;
  private phonetic = 0;

  open(name: string) {
    if (name === "rPh") this.phonetic++;
    else if (name === "t" && this.phonetic === 0) this.inText = true;
  }

  close(name: string) {
    if (name === "rPh") this.phonetic--;
    else if (name === "t") this.inText = false;
  }

  text(text: string) {
    if (this.inText) this.parts.push(text);
  }

  take(): string {
    const text = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join("");
    this.parts = [];
    return text;
  }
}

/** xl/sharedStrings.xml: each <si>'s text, in order; an empty item is "". */
export function parseSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  const item = new StringItem();
  let inItem = false;
  parseXml(xml, {
    open(name) {
      if (name === "si") inItem = true;
      else if (inItem) item.open(name);
    },
    close(name) {
      if (name === "si") {
        inItem = false;
        strings.push(item.take());
      } else if (inItem) item.close(name);
    },
    text(text) {
      if (inItem) item.text(text);
    },
  });
  return strings;
}

// ------------------------------------------------------------------------------------------ styles

/**
 * Excel's built-in number formats that are dates or times (those exceljs knew, by the same test):
 * 14–22 and 45–47. The locale-specific ones (27–36, 50–58) have no fixed code; as before, a number
 * in one of them stays a number.
 */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A number format shows a date when it has date characters outside quotes and [] (as exceljs decided). */
export function isDateFormat(format: string | undefined): boolean {
  return !!format && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** xl/styles.xml: for each cell style (<cellXfs>'s <xf>, by index), whether its number format is a date. */
export function parseDateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  let inNumFmts = false;
  parseXml(xml, {
    open(name, attributes) {
      if (name === "numFmts") inNumFmts = true;
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "numFmt" && inNumFmts) {
        custom.set(Number(attributes.numFmtId), attributes.formatCode ?? "");
      } else if (name === "xf" && inCellXfs) {
        formatIds.push(Number(attributes.numFmtId ?? 0));
      }
    },
    close(name) {
      if (name === "numFmts") inNumFmts = false;
      else if (name === "cellXfs") inCellXfs = false;
    },
  });
  return formatIds.map((id) =>
    custom.has(id) ? isDateFormat(custom.get(id)) : BUILT_IN_DATE_FORMATS.has(id),
  );
}

// --------------------------------------------------------------------------------------- worksheet

export type SheetRow = {
  /** The row's number in the sheet (1-based), as a spreadsheet program shows it. */
  number: number;
  /** Cell values by column (index 0 is column A); holes and trailing cells are null or missing. */
  cells: XlsxValue[];
};

export type MergedRange = { top: number; left: number; bottom: number; right: number };

export type SheetContext = {
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
  /** Cells past this column are not read (a hostile cell at XFD would make every row 16,384 wide). */
  maxColumn: number;
};

/** A column's letters (A, …, XFD, either case) as its number (1, …, 16,384); 0 when they are not a column. */
export function columnNumber(letters: string): number {
  if (letters.length === 0 || letters.length > 3) return 0;
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) return 0;
    n = n * 26 + c - 0x60;
  }
  return n <= EXCEL_MAX_COLUMN ? n : 0;
}

/** The column of a cell reference ("B12", "$B$12"); 0 when it is not one. */
function referenceColumn(ref: string): number {
  let end = ref.charCodeAt(0) === 0x24 ? 1 : 0; // $
  const start = end;
  while (end < ref.length && end - start <= 3) {
    const c = ref.charCodeAt(end) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    end++;
  }
  const rest = ref.slice(ref.charCodeAt(end) === 0x24 ? end + 1 : end);
  return /^\d{1,7}$/.test(rest) ? columnNumber(ref.slice(start, end)) : 0;
}

const CELL_REFERENCE = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i;

function parseRange(ref: string): MergedRange | null {
  const [from, to = from] = ref.split(":");
  const a = CELL_REFERENCE.exec(from ?? "");
  const b = CELL_REFERENCE.exec(to ?? "");
  if (!a || !b) return null;
  const top = Number(a[2]);
  const bottom = Number(b[2]);
  const left = columnNumber(a[1] ?? "");
  const right = columnNumber(b[1] ?? "");
  if (!left || !right || top < 1 || bottom > EXCEL_MAX_ROW || top > bottom || left > right) return null;
  return { top, left, bottom, right };
}

/** A date serial (days since 1899-12-30, or since 1904-01-01) as that day and time in UTC. */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

function isoDay(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

function number(text: string): number | null {
  if (text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** One <c> as read: its type (t), style (s), whether it has a formula, its <v> and inline text. */
type RawCell = { type: string; style: number; formula: boolean; value: string | null; inline: string | null };

/**
 * A cell's value. Formulas are never evaluated: a formula cell is its cached result (none: null).
 * Errors (#N/A, #DIV/0!, …) are null; a number in a date format is that day ("2024-08-06").
 */
function cellValue(cell: RawCell, context: SheetContext): XlsxValue {
  const { type, value } = cell;
  switch (type) {
    case "s": {
      if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
      return context.sharedStrings[Number(value)] ?? null;
    }
    case "inlineStr":
      return cell.inline ?? (cell.formula ? value : null);
    case "str":
      return value;
    case "b":
      return value === null ? null : value.trim() === "1" || value.trim() === "true";
    case "e":
      return null;
    case "d": {
      // An ISO 8601 date (strict Open XML): the day it names.
      return value === null ? null : isoDay(new Date(value.trim()));
    }
    default: {
      const n = value === null ? null : number(value);
      if (n === null) return null;
      return context.dateStyles[cell.style] ? isoDay(excelDate(n, context.date1904)) : n;
    }
  }
}

/**
 * Reads a worksheet, handing each row that holds a value to `onRow` in the file's order (rows with
 * no value at all are left out); returns its merged ranges. `onRow` may throw to stop reading.
 */
export function readSheet(xml: string, context: SheetContext, onRow: (row: SheetRow) => void): MergedRange[] {
  const merges: MergedRange[] = [];
  let inSheetData = false;
  let inMergeCells = false;
  let rowNumber = 0;
  let cells: XlsxValue[] | null = null;
  let column = 0;
  let cell: RawCell | null = null;
  let inValue = false;
  let inInline = false;
  const inline = new StringItem();
  let valueText: string[] = [];

  parseXml(xml, {
    open(name, attributes) {
      if (cell) {
        if (name === "v") {
          inValue = true;
          valueText = [];
        } else if (name === "f") cell.formula = true;
        else if (name === "is") inInline = true;
        else if (inInline) inline.open(name);
        return;
      }
      if (cells) {
        if (name !== "c") return;
        const ref = attributes.r;
        if (ref === undefined) column++;
        else {
          const n = referenceColumn(ref);
          if (!n) throw new XlsxXmlError(`row ${rowNumber}: bad cell reference "${ref}"`);
          column = n;
        }
        const style = Number(attributes.s ?? 0);
        cell = {
          type: attributes.t ?? "n",
          style: Number.isInteger(style) && style >= 0 ? style : 0,
          formula: false,
          value: null,
          inline: null,
        };
        return;
      }
      if (name === "sheetData") inSheetData = true;
      else if (name === "row" && inSheetData) {
        const r = attributes.r;
        const n = r === undefined ? rowNumber + 1 : Number(r);
        if (!Number.isInteger(n) || n < 1 || n > EXCEL_MAX_ROW) {
          throw new XlsxXmlError(`bad row number "${r}"`);
        }
        rowNumber = n;
        cells = [];
        column = 0;
      } else if (name === "mergeCells") inMergeCells = true;
      else if (name === "mergeCell" && inMergeCells) {
        const range = parseRange(attributes.ref ?? "");
        if (range) merges.push(range);
      }
    },
    close(name) {
      if (cell && cells) {
        if (name === "v") {
          inValue = false;
          cell.value = valueText.length === 1 ? (valueText[0] as string) : valueText.join("");
        } else if (name === "is") {
          inInline = false;
          cell.inline = inline.take();
        } else if (inInline) inline.close(name);
        else if (name === "c") {
          const value = cellValue(cell, context);
          if (value !== null && column <= context.maxColumn) {
            while (cells.length < column - 1) cells.push(null);
            cells[column - 1] = value;
          }
          cell = null;
        }
        return;
      }
      if (name === "row" && cells) {
        if (cells.length > 0) onRow({ number: rowNumber, cells });
        cells = null;
      } else if (name === "sheetData") inSheetData = false;
      else if (name === "mergeCells") inMergeCells = false;
    },
    text(text) {
      if (inValue) valueText.push(text);
      else if (inInline) inline.text(text);
    },
  });
  return merges;
}
