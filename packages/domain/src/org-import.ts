import { ORG_KINDS, type OrgKind, SETUP_KINDS, type SetupKind } from "./codes.ts";
import { LABELS_ZH } from "./labels.ts";

// The validation layer of the organisation import (issue 6). Reading the Excel/CSV file happens
// elsewhere; here a header row becomes a column map and each row of cells a ParsedOrgRow or a list
// of problems, each naming its column in the template's own words so a county clerk can fix the file.

export type ImportKey =
  | "code"
  | "name"
  | "kind"
  | "unit"
  | "township"
  | "address"
  | "lng"
  | "lat"
  | "system"
  | "memberCount"
  | "countyDualManaged"
  | "setupKind"
  | "entityOperated";

/** Same codes as packages/geo's CoordSystem, which the domain cannot import. */
export type ImportCoordSystem = "WGS84" | "GCJ02" | "BD09";

export type ImportColumn = {
  readonly key: ImportKey;
  /** The header written in the template. */
  readonly header: string;
  /** Other headers accepted for the column (older templates, other departments' sheets). */
  readonly aliases: readonly string[];
  readonly required: boolean;
  /** The explanation shown on the template's explanation sheet. */
  readonly hint: string;
};

export const IMPORT_LIMITS = { maxRows: 20000, maxCellLength: 1000 } as const;

const KIND_LABELS = ORG_KINDS.map((k) => LABELS_ZH.orgKind[k]);

/** The template's columns, in the template's order. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    key: "code",
    header: "组织编码",
    aliases: ["编码", "统一社会信用代码", "信用代码"],
    required: false,
    hint: "选填。组织的固定编号（如统一社会信用代码），再次导入时据此对应同一组织；只能包含字母、数字、“-”和“_”，不超过 32 个字符。",
  },
  {
    key: "name",
    header: "党组织名称",
    aliases: ["组织名称", "名称", "党组织"],
    required: true,
    hint: "必填。党组织全称，不超过 100 个字符。",
  },
  {
    key: "kind",
    header: "类型",
    aliases: ["组织类型"],
    required: true,
    hint: `必填。可填：${KIND_LABELS.join("、")}（也可填对应的英文代码，如 ENTERPRISE）。`,
  },
  {
    key: "unit",
    header: "所属单位",
    aliases: ["单位", "县（市、区）"],
    required: true,
    hint: "必填。所属创建单位的名称（如 柯城区、市绿色产业集聚区、市经信委），须与系统中的名称一致；也可填单位编号。",
  },
  {
    key: "township",
    header: "乡镇（街道、园区）",
    aliases: ["乡镇", "街道", "乡镇街道"],
    required: true,
    hint: "必填。所属单位下乡镇（街道、园区）的名称，须与系统中的名称一致。",
  },
  {
    key: "address",
    header: "地址",
    aliases: ["详细地址"],
    required: true,
    hint: "必填。详细地址，不超过 200 个字符。",
  },
  {
    key: "lng",
    header: "经度",
    aliases: ["lng", "longitude", "X"],
    required: true,
    hint: "必填。经度，-180 到 180 之间的数字（衢州市约为 118 至 119.5），不带“°”等符号。",
  },
  {
    key: "lat",
    header: "纬度",
    aliases: ["lat", "latitude", "Y"],
    required: true,
    hint: "必填。纬度，-90 到 90 之间的数字（衢州市约为 28 至 29.5），不带“°”等符号。",
  },
  {
    key: "system",
    header: "坐标系",
    aliases: ["坐标类型"],
    required: false,
    hint: "选填。经纬度所用的坐标系：WGS84（GPS、天地图、CGCS2000）、GCJ-02（高德、腾讯）或 BD-09（百度）；留空则按导入时选择的坐标系。",
  },
  {
    key: "memberCount",
    header: "党员数",
    aliases: ["党员人数"],
    required: true,
    hint: "必填。党员人数，0 到 100000 之间的整数。",
  },
  {
    key: "countyDualManaged",
    header: "纳入县级双重管理",
    aliases: ["县级双重管理"],
    required: false,
    hint: "选填。是否纳入县级双重管理：填“是”或“否”，留空视为否。",
  },
  {
    key: "setupKind",
    header: "组建方式",
    aliases: ["党组织组建方式", "单建/联建", "单建或联建"],
    required: false,
    hint: "选填。党组织的组建方式：填“单建”或“联建”，留空视为单建；只有单建且实体运作的党组织是争创对象，参加评分。",
  },
  {
    key: "entityOperated",
    header: "实体运作",
    aliases: ["是否实体运作"],
    required: false,
    hint: "选填。是否实体运作：填“是”或“否”，留空视为是。",
  },
];

const COLUMN_BY_KEY = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));

function headerOf(key: ImportKey): string {
  return COLUMN_BY_KEY.get(key)?.header ?? key;
}

const MAX_LENGTH: Partial<Record<ImportKey, number>> = { code: 32, name: 100, address: 200 };
const MAX_MEMBER_COUNT = 100000;
/** How much of a cell a message repeats: enough to find the cell, never a wall of text. */
const ECHO_LENGTH = 20;

/**
 * The comparison form of names and headers: NFKC folds full-width letters, digits, parentheses and
 * "＊" to half-width, so "乡镇（街道、园区）" and "乡镇(街道、园区)" meet; spaces carry no meaning.
 */
function normalize(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

function normalizeHeader(text: string): string {
  return normalize(text).replace(/^\*+|\*+$/g, "");
}

const HEADER_LOOKUP: ReadonlyMap<string, ImportKey> = new Map(
  IMPORT_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [normalizeHeader(h), c.key] as const)),
);

export type HeaderMapping = {
  /** The index in the header row of each recognised column. */
  columns: Partial<Record<ImportKey, number>>;
  /** Required columns the file lacks, in template order. */
  missing: ImportKey[];
  /** Headers matching no column, as written (trimmed). */
  unknown: string[];
  /** Later headers for a column already mapped, as written; the first one is used. */
  duplicated: string[];
};

export function mapHeaders(headerRow: readonly unknown[]): HeaderMapping {
  const columns: Partial<Record<ImportKey, number>> = {};
  const unknown: string[] = [];
  const duplicated: string[] = [];
  headerRow.forEach((cell, index) => {
    if (typeof cell !== "string" && typeof cell !== "number") return;
    const text = String(cell).trim();
    // A blank header is a spreadsheet's trailing formatted column, not a column the user meant.
    if (normalizeHeader(text) === "") return;
    const key = HEADER_LOOKUP.get(normalizeHeader(text));
    if (key === undefined) unknown.push(text);
    else if (columns[key] !== undefined) duplicated.push(text);
    else columns[key] = index;
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.key);
  return { columns, missing, unknown, duplicated };
}

/** Levenshtein distance over code points; gives up (returns limit + 1) once `limit` is exceeded. */
function editDistance(a: readonly string[], b: readonly string[], limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to `max` candidates resembling `input`, best first: equal after normalising, then one containing
 * the other ("柯城" → "柯城区"), then within a small edit distance (one character in three). Ties keep
 * the candidates' order.
 */
export function closeMatches(input: string, candidates: readonly string[], max = 3): string[] {
  const wanted = [...normalize(input)];
  if (wanted.length === 0 || max <= 0) return [];
  const wantedText = wanted.join("");
  const scored: { candidate: string; rank: number; distance: number; order: number }[] = [];
  const seen = new Set<string>();
  candidates.forEach((candidate, order) => {
    const other = [...normalize(candidate)];
    const otherText = other.join("");
    if (other.length === 0 || seen.has(otherText)) return;
    const shorter = Math.min(wanted.length, other.length);
    const longer = Math.max(wanted.length, other.length);
    if (otherText === wantedText) {
      scored.push({ candidate, rank: 0, distance: 0, order });
    } else if (shorter >= 2 && (otherText.includes(wantedText) || wantedText.includes(otherText))) {
      // A single shared character ("区") is contained in every county's name and says nothing.
      scored.push({ candidate, rank: 1, distance: longer - shorter, order });
    } else {
      const limit = Math.max(1, Math.floor(longer / 3));
      const distance = editDistance(wanted, other, limit);
      // distance < shorter: at least one character must survive, or "江山市" would suggest "龙游县".
      if (distance <= limit && distance < shorter) scored.push({ candidate, rank: 2, distance, order });
      else return;
    }
    seen.add(otherText);
  });
  scored.sort((x, y) => x.rank - y.rank || x.distance - y.distance || x.order - y.order);
  return scored.slice(0, max).map((s) => s.candidate);
}

export type ImportProblem = {
  column: ImportKey;
  /** The column's header in the template. */
  header: string;
  /** Chinese; names the column, what was found and what is allowed. */
  message: string;
  suggestions?: string[];
};

export type ParsedOrgRow = {
  code: string | null;
  name: string;
  kind: OrgKind;
  unitId: string;
  townshipId: string;
  address: string;
  lng: number;
  lat: number;
  system: ImportCoordSystem;
  memberCount: number;
  countyDualManaged: boolean;
  /** 组建方式; SINGLE when the cell is empty. */
  setupKind: SetupKind;
  /** 实体运作; true when the cell is empty. */
  entityOperated: boolean;
};

export type ImportContext = {
  /**
   * `anyTownship`: a department (市经信委) has no townships of its own; its organisations lie in
   * townships of the counties, so any township of the city is one of its.
   */
  units: readonly { id: string; name: string; anyTownship?: boolean }[];
  townships: readonly { id: string; name: string; unitId: string }[];
  /** The system chosen for the whole file, used where a row leaves 坐标系 empty. */
  defaultSystem: ImportCoordSystem;
};

/** The cell as a quoted excerpt for a message. */
function echo(text: string): string {
  const chars = [...text];
  return `“${chars.length > ECHO_LENGTH ? `${chars.slice(0, ECHO_LENGTH).join("")}…` : text}”`;
}

function quoteList(items: readonly string[]): string {
  return items.map((s) => `“${s}”`).join("、");
}

const FORMULA_START = /^[=+\-@]/;

// Left behind by copying from web pages and chat apps, never meant: dropped, so a name with a
// zero-width space matches the organisation it names instead of creating a second one.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g;
// Bidirectional overrides and isolates (which make "abc" display as "cba"), other control
// characters but tab and line breaks, and unpaired surrogates: refused, never stored.
const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

/**
 * A text cell as Beltmap keeps it: trimmed, zero-width characters dropped; `hidden` names the first
 * control character (as U+XXXX) that the cell may not hold, or is null.
 */
export function cleanCellText(value: string): { text: string; hidden: string | null } {
  const hidden = HIDDEN.exec(value)?.[0];
  if (hidden !== undefined) {
    const code = hidden.codePointAt(0) ?? 0;
    return { text: value, hidden: `U+${code.toString(16).toUpperCase().padStart(4, "0")}` };
  }
  return { text: value.replace(INVISIBLE, "").trim(), hidden: null };
}

/**
 * The key two organisation names of one unit are "the same" by: width, case and spaces ignored
 * (「浙江（金盛）」 is 「浙江(金盛)」), as the import matches rows to stored organisations.
 */
export function organizationNameKey(unitId: string, name: string): string {
  return JSON.stringify([unitId, normalize(name.replace(INVISIBLE, ""))]);
}

const SYSTEM_ALIASES: ReadonlyMap<string, ImportCoordSystem> = new Map(
  (
    [
      ["WGS84", ["WGS84", "WGS-84", "GPS", "天地图", "CGCS2000"]],
      ["GCJ02", ["GCJ02", "GCJ-02", "高德", "高德地图", "腾讯", "腾讯地图", "火星", "火星坐标"]],
      ["BD09", ["BD09", "BD-09", "百度", "百度地图"]],
    ] as const
  ).flatMap(([system, names]) => names.map((n) => [normalize(n), system] as const)),
);

const TRUE_WORDS = new Set(["是", "y", "yes", "true", "1"]);
const FALSE_WORDS = new Set(["否", "n", "no", "false", "0"]);

const KIND_LOOKUP: ReadonlyMap<string, OrgKind> = new Map(
  ORG_KINDS.flatMap((k) => [[normalize(k), k] as const, [normalize(LABELS_ZH.orgKind[k]), k] as const]),
);

const SETUP_KIND_LABELS = SETUP_KINDS.map((k) => LABELS_ZH.setupKind[k]);

const SETUP_KIND_LOOKUP: ReadonlyMap<string, SetupKind> = new Map(
  SETUP_KINDS.flatMap((k) => [[normalize(k), k] as const, [normalize(LABELS_ZH.setupKind[k]), k] as const]),
);

/** The digits a Chinese input method may leave full-width; anything else in a number is refused. */
function halfWidthNumber(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/．/g, ".");
}

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Checks one data row. `cells` holds the raw values by column (see mapHeaders); `row` is null as soon
 * as any problem is found, and every problem of the row is listed so one pass fixes the file.
 */
export function parseImportRow(
  cells: Partial<Record<ImportKey, unknown>>,
  context: ImportContext,
): { row: ParsedOrgRow | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const problem = (column: ImportKey, message: string, suggestions?: string[]) => {
    const header = headerOf(column);
    const entry: ImportProblem = { column, header, message: `「${header}」${message}` };
    if (suggestions && suggestions.length > 0) entry.suggestions = suggestions;
    problems.push(entry);
  };

  /** The trimmed cell text, "" when empty, null when the cell is unusable (problem recorded). */
  const rawText = (key: ImportKey): string | null => {
    const value = cells[key];
    if (value === null || value === undefined) return "";
    if (typeof value === "string") {
      const cleaned = cleanCellText(value);
      if (cleaned.hidden !== null) {
        problem(
          key,
          `含有不可见的控制字符（${cleaned.hidden}），它会改变文字的显示方向或无法保存，请删除后重试`,
        );
        return null;
      }
      return cleaned.text;
    }
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    problem(key, "的内容无法识别，请填写文字或数字");
    return null;
  };

  /**
   * Checks shared by every non-numeric column: the text, "" for an empty optional cell, null on a
   * problem (recorded).
   */
  const text = (key: ImportKey, required: boolean): string | null => {
    const value = rawText(key);
    if (value === null) return null;
    if (value === "") {
      if (!required) return "";
      problem(key, "不能为空");
      return null;
    }
    const limit = MAX_LENGTH[key] ?? IMPORT_LIMITS.maxCellLength;
    const length = [...value].length;
    if (length > limit) {
      problem(key, `最多 ${limit} 个字符，现有 ${length} 个字符：${echo(value)}`);
      return null;
    }
    // Not evaluated anywhere in Beltmap, but the value would be exported again and a spreadsheet
    // would run it; refusing it at the door keeps stored data clean.
    // Full-width and small forms (＝, ﹢, ＠) start a formula too in Excel and WPS.
    const start = FORMULA_START.exec(value.normalize("NFKC"))?.[0];
    if (start !== undefined) {
      problem(key, `${echo(value)}以“${start}”开头，文字不能以 =、+、-、@ 开头（会被表格软件当作公式）`);
      return null;
    }
    return value;
  };

  const number = (key: ImportKey, min: number, max: number, integer: boolean): number | null => {
    const value = cells[key];
    let parsed: number;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) {
        problem(key, "不是有效的数字");
        return null;
      }
      parsed = value;
    } else {
      const raw = rawText(key);
      if (raw === null) return null;
      if (raw === "") {
        problem(key, "不能为空");
        return null;
      }
      const ascii = halfWidthNumber(raw);
      if (typeof value === "boolean" || !NUMBER_TEXT.test(ascii)) {
        problem(key, `应为数字，现为${echo(raw)}`);
        return null;
      }
      parsed = Number(ascii);
      // Hundreds of digits pass the pattern and overflow; "Infinity" would be a baffling echo.
      if (!Number.isFinite(parsed)) {
        problem(key, `不是有效的数字：${echo(raw)}`);
        return null;
      }
    }
    if (integer && !Number.isInteger(parsed)) {
      problem(key, `应为整数，现为 ${parsed}`);
      return null;
    }
    if (min === 0 && parsed < 0) {
      problem(key, `不能为负数，现为 ${parsed}`);
      return null;
    }
    if (parsed < min || parsed > max) {
      problem(key, `应在 ${min} 到 ${max} 之间，现为 ${parsed}`);
      return null;
    }
    return parsed;
  };

  const codeText = text("code", false);
  let code: string | null = null;
  if (codeText) {
    if (/^[A-Za-z0-9_-]+$/.test(codeText)) code = codeText;
    else problem("code", `${echo(codeText)}只能包含字母、数字、“-”和“_”`);
  }

  const name = text("name", true);

  let kind: OrgKind | null = null;
  const kindText = text("kind", true);
  if (kindText !== null) {
    kind = KIND_LOOKUP.get(normalize(kindText)) ?? null;
    if (kind === null) {
      const suggestions = closeMatches(kindText, KIND_LABELS);
      problem("kind", `${echo(kindText)}无法识别，可填：${KIND_LABELS.join("、")}`, suggestions);
    }
  }

  let unit: ImportContext["units"][number] | null = null;
  const unitText = text("unit", true);
  if (unitText !== null) {
    const wanted = normalize(unitText);
    unit =
      context.units.find((u) => normalize(u.name) === wanted) ??
      context.units.find((u) => normalize(u.id) === wanted) ??
      null;
    if (unit === null) {
      const suggestions = closeMatches(
        unitText,
        context.units.map((u) => u.name),
      );
      const hint = suggestions.length > 0 ? `，是否为${quoteList(suggestions)}？` : "";
      problem("unit", `${echo(unitText)}不是系统中的单位${hint}`, suggestions);
    }
  }

  let townshipId: string | null = null;
  const townshipText = text("township", true);
  if (townshipText !== null) {
    const wanted = normalize(townshipText);
    const sameName = context.townships.filter((t) => normalize(t.name) === wanted);
    if (unit === null) {
      // Without a unit the township cannot be placed; it is only worth a word when it exists nowhere.
      if (sameName.length === 0) {
        const suggestions = closeMatches(
          townshipText,
          context.townships.map((t) => t.name),
        );
        const hint = suggestions.length > 0 ? `，是否为${quoteList(suggestions)}？` : "";
        problem("township", `${echo(townshipText)}不是系统中的乡镇（街道、园区）${hint}`, suggestions);
      }
    } else {
      const unitId = unit.id;
      const anyTownship = unit.anyTownship === true;
      const own = anyTownship ? sameName : sameName.filter((t) => t.unitId === unitId);
      if (own.length === 1) townshipId = own[0]?.id ?? null;
      else if (own.length > 1) {
        const units = own.map((t) => context.units.find((u) => u.id === t.unitId)?.name ?? t.unitId);
        problem("township", `${echo(townshipText)}在${units.join("、")}都有，无法确定是哪一个`);
      } else if (anyTownship) {
        const suggestions = closeMatches(
          townshipText,
          context.townships.map((t) => t.name),
        );
        const hint = suggestions.length > 0 ? `，是否为${quoteList(suggestions)}？` : "";
        problem("township", `${echo(townshipText)}不是系统中的乡镇（街道、园区）${hint}`, suggestions);
      } else {
        const suggestions = closeMatches(
          townshipText,
          context.townships.filter((t) => t.unitId === unitId).map((t) => t.name),
        );
        const elsewhere = [...new Set(sameName.map((t) => t.unitId))].map(
          (id) => context.units.find((u) => u.id === id)?.name ?? id,
        );
        const where = elsewhere.length > 0 ? `，该乡镇属于${elsewhere.join("、")}` : "";
        const hint = suggestions.length > 0 ? `，是否为${quoteList(suggestions)}？` : "";
        problem("township", `${echo(townshipText)}不在${unit.name}下${where}${hint}`, suggestions);
      }
    }
  }

  const address = text("address", true);
  const lng = number("lng", -180, 180, false);
  const lat = number("lat", -90, 90, false);
  // A latitude past 90 beside a longitude that would make a latitude: the two were swapped (衢州 is
  // near 118.9, 29.0), the commonest slip when copying from a map.
  const latValue = Number(halfWidthNumber(String(cells.lat ?? "")));
  if (
    lat === null &&
    lng !== null &&
    Math.abs(lng) <= 90 &&
    Math.abs(latValue) > 90 &&
    Math.abs(latValue) <= 180
  ) {
    const latProblem = problems.find((p) => p.column === "lat");
    if (latProblem) latProblem.message += "；经度、纬度可能填反了";
  }

  let system: ImportCoordSystem | null = null;
  const systemText = text("system", false);
  if (systemText === "") system = context.defaultSystem;
  else if (systemText !== null) {
    system = SYSTEM_ALIASES.get(normalize(systemText)) ?? null;
    if (system === null) {
      problem(
        "system",
        `${echo(systemText)}无法识别，可填：WGS84（GPS、天地图、CGCS2000）、GCJ-02（高德、腾讯）、BD-09（百度），留空则按导入时选择的坐标系`,
      );
    }
  }

  const memberCount = number("memberCount", 0, MAX_MEMBER_COUNT, true);

  /** A 是/否 column: a boolean cell as it is, an empty one as `empty`, null on a problem (recorded). */
  const yesNo = (key: ImportKey, empty: boolean): boolean | null => {
    const value = cells[key];
    if (typeof value === "boolean") return value;
    const cell = text(key, false);
    if (cell === null) return null;
    if (cell === "") return empty;
    const word = normalize(cell);
    const parsed = TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : null;
    if (parsed === null)
      problem(key, `${echo(cell)}无法识别，可填：是、否（留空视为${empty ? "是" : "否"}）`);
    return parsed;
  };

  const countyDualManaged = yesNo("countyDualManaged", false);

  let setupKind: SetupKind | null = "SINGLE";
  const setupText = text("setupKind", false);
  if (setupText === null) setupKind = null;
  else if (setupText !== "") {
    setupKind = SETUP_KIND_LOOKUP.get(normalize(setupText)) ?? null;
    if (setupKind === null) {
      problem(
        "setupKind",
        `${echo(setupText)}无法识别，可填：${SETUP_KIND_LABELS.join("、")}（留空视为${LABELS_ZH.setupKind.SINGLE}）`,
      );
    }
  }

  const entityOperated = yesNo("entityOperated", true);

  if (
    problems.length > 0 ||
    name === null ||
    kind === null ||
    unit === null ||
    townshipId === null ||
    address === null ||
    lng === null ||
    lat === null ||
    system === null ||
    memberCount === null ||
    countyDualManaged === null ||
    setupKind === null ||
    entityOperated === null
  ) {
    return { row: null, problems };
  }
  return {
    row: {
      code,
      name,
      kind,
      unitId: unit.id,
      townshipId,
      address,
      lng,
      lat,
      system,
      memberCount,
      countyDualManaged,
      setupKind,
      entityOperated,
    },
    problems,
  };
}

/**
 * For each row repeating an earlier one (same code, or same unit and same name once spaces are
 * ignored), the index of the earliest row it repeats.
 */
export function duplicateRows(
  rows: readonly { code: string | null; unitId: string; name: string }[],
): Map<number, number> {
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  const repeats = new Map<number, number>();
  rows.forEach((row, index) => {
    // JSON keeps unit and name apart whatever characters they contain.
    const nameKey = organizationNameKey(row.unitId, row.name);
    const codeKey = row.code === null || row.code.trim() === "" ? null : row.code.trim();
    const first = Math.min(
      (codeKey === null ? undefined : byCode.get(codeKey)) ?? Number.POSITIVE_INFINITY,
      byName.get(nameKey) ?? Number.POSITIVE_INFINITY,
    );
    if (first !== Number.POSITIVE_INFINITY) repeats.set(index, first);
    if (codeKey !== null && !byCode.has(codeKey)) byCode.set(codeKey, index);
    if (!byName.has(nameKey)) byName.set(nameKey, index);
  });
  return repeats;
}

/**
 * A text cell safe to export: Excel and WPS evaluate a cell starting with "=", "+", "-" or "@" (and
 * a leading tab or carriage return can smuggle one in), so such text gets a leading "'" and shows as
 * written. Numbers should be written as numbers, not through this.
 */
export function escapeSpreadsheetCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
