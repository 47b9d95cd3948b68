// The 五强 score sheet (附件1). The document prints its table with the row labels shifted; the item
// lists here follow DESIGN.md 1.1, which agrees with section 三(一) of the document.

export const ITEM_MAX_SCORE = 4;
export const ITEM_SCORE_STEP = 0.5;
export const SHEET_MAX_TOTAL = 100;

export type DimensionKey = "1" | "2" | "3" | "4" | "5";
export type ItemKey = `${DimensionKey}.${1 | 2 | 3 | 4 | 5}`;

export type ScoreItem = {
  readonly key: ItemKey;
  /** Verbatim from the document, without the (n) prefix. */
  readonly text: string;
  readonly maxScore: typeof ITEM_MAX_SCORE;
};

export type ScoreDimension = {
  readonly key: DimensionKey;
  readonly name: string;
  readonly items: readonly ScoreItem[];
};

type FiveTexts = readonly [string, string, string, string, string];

function buildDimension(key: DimensionKey, name: string, texts: FiveTexts): ScoreDimension {
  const items = texts.map((text, index): ScoreItem => {
    // The template type cannot follow `index + 1`; FiveTexts keeps it within 1..5.
    const itemKey = `${key}.${index + 1}` as ItemKey;
    return Object.freeze({ key: itemKey, text, maxScore: ITEM_MAX_SCORE });
  });
  return Object.freeze({ key, name, items: Object.freeze(items) });
}

export const SCORE_SHEET: readonly ScoreDimension[] = Object.freeze([
  buildDimension("1", "组织凝聚力强", [
    "党组织健全，班子配备完整，建制合理，隶属规范",
    "党组织和两新组织建设高度融合，领导班子实现“双向进入、交叉任职”",
    "建立“党组织书记联系出资人、党组织班子成员联系中层干部、党员联系职工群众”的“三联三会”制度",
    "每月主题党日等“两学一做”学习教育常态化制度化落实到位",
    "联名承诺、联动考评、联合奖惩等“三联”考评制度落实到位",
  ]),
  buildDimension("2", "队伍战斗力强", [
    "出资人支持重视党建工作，能定期参加党的活动",
    "党组织书记具备政治素质好、业务素质好、协调能力强、引领能力强的“双好双强”要求",
    "人才孵化培育、管理使用、竞争激励机制健全，党员人才占党员总量、人才总量比重达50%以上",
    "党员培养发展程序规范，党员队伍结构合理，在职党员和流动党员教育管理严格规范，先锋指数考评落实到位",
    "实行发展党员和优秀党员“六优先”，双推工作机制落实到位",
  ]),
  buildDimension("3", "发展推动力强", [
    "党建工作载体与两新组织生产经营深度融合、相互促进",
    "深入开展党员“亮身份、亮承诺、亮形象”活动，广泛开展党员示范岗、先锋岗、诚信岗、责任区创建工作，党员在关键岗位上先锋模范作用明显",
    "深入开展“比技术、比创新、比业绩”活动，党员职工干事创业有激情，党组织助推企业转型升级有实招",
    "深入开展“四必谈五必访”活动，及时排查化解内部矛盾，积极构建和谐劳动关系",
    "引导两新组织热心社会公益事业，主动承担社会责任",
  ]),
  buildDimension("4", "文化支撑力强", [
    "具有自身特色的企业精神、经营宗旨和价值观念",
    "和合文化“七个一”建设成效显著",
    "经常组织丰富多彩的文体活动，展现积极向上的精神风貌",
    "选树一批“创业标兵”“管理标兵”“技术标兵”“服务标兵”等先进典型",
    "党员职工学优看齐、对标赶超的氛围浓厚",
  ]),
  buildDimension("5", "区域影响力强", [
    "党建工作在所在的乡镇（街道、园区）具有明显的示范效应，提炼形成特色鲜明的党建典型做法",
    "注重区域联动，“传、帮、带”作用明显",
    "有单独的党建活动阵地，积极创建区域共享的工作服务平台",
    "积极统筹举办各类区域性文体活动",
    "有效领办区域性两新党建“书记项目”",
  ]),
]);

export const DIMENSION_KEYS: readonly DimensionKey[] = SCORE_SHEET.map((d) => d.key);

/** The 25 item keys in sheet order, "1.1" … "5.5". */
export const ITEM_KEYS: readonly ItemKey[] = SCORE_SHEET.flatMap((d) => d.items.map((item) => item.key));

/** Item key → score. Drafts may hold only some of the 25 items. */
export type ItemScores = Record<string, number>;

export type FieldError = { field: string; message: string };

export type ParseItemScoresResult = { ok: true; items: ItemScores } | { ok: false; errors: FieldError[] };

const ITEM_KEY_SET: ReadonlySet<string> = new Set(ITEM_KEYS);

export function isItemKey(x: unknown): x is ItemKey {
  return typeof x === "string" && ITEM_KEY_SET.has(x);
}

/** Null when `value` is a valid item score (0–4 in steps of 0.5), otherwise the message to show. */
export function validateItemScore(value: unknown): string | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return "得分须为数字";
  if (value < 0 || value > ITEM_MAX_SCORE) return `得分须在 0–${ITEM_MAX_SCORE} 之间`;
  if (!Number.isInteger(value / ITEM_SCORE_STEP)) return `得分须为 ${ITEM_SCORE_STEP} 的整数倍`;
  return null;
}

/**
 * Checks a whole sheet of item scores as it arrives from a form or an import. A missing item may
 * be written as absent, undefined or null (a cleared form field); with `complete` (the default,
 * used on submission) all 25 items must be scored, while drafts pass `complete: false`.
 */
export function parseItemScores(input: unknown, opts: { complete?: boolean } = {}): ParseItemScoresResult {
  const complete = opts.complete ?? true;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: "items", message: "评分须为“评分项 → 得分”的对象" }] };
  }
  const record = input as Record<string, unknown>;
  const items: ItemScores = {};
  const errors: FieldError[] = [];
  for (const key of ITEM_KEYS) {
    const value = record[key];
    if (value === undefined || value === null) {
      if (complete) errors.push({ field: key, message: "缺少该项得分" });
      continue;
    }
    const message = validateItemScore(value);
    if (message !== null) errors.push({ field: key, message });
    else items[key] = value as number;
  }
  for (const key of Object.keys(record)) {
    if (!ITEM_KEY_SET.has(key)) errors.push({ field: key, message: "未知的评分项" });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items };
}

// Valid scores are multiples of 0.5, whose sums are exact in binary floating point; rounding to
// the step only guards against callers that pass unvalidated values such as 0.1 + 0.2.
function roundToStep(value: number): number {
  return Math.round(value / ITEM_SCORE_STEP) * ITEM_SCORE_STEP;
}

function sumOf(items: ItemScores, keys: readonly string[]): number {
  let sum = 0;
  for (const key of keys) sum += items[key] ?? 0;
  return roundToStep(sum);
}

/** The sheet total (0–100). Unscored items count as 0 and keys outside the sheet are ignored. */
export function sheetTotal(items: ItemScores): number {
  return sumOf(items, ITEM_KEYS);
}

/** The subtotal (0–20) of each of the five dimensions. */
export function dimensionSubtotals(items: ItemScores): Record<DimensionKey, number> {
  const subtotals = { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 };
  for (const dimension of SCORE_SHEET) {
    subtotals[dimension.key] = sumOf(
      items,
      dimension.items.map((item) => item.key),
    );
  }
  return subtotals;
}
