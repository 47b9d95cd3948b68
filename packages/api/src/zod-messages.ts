// Input errors reach users, so zod words them in Chinese, the UI's first language. Its zh-CN locale
// leaves kinds of value in English ("数值过小：期望 number >0", "期望 数字，实际接收 string"): the
// size and type messages are worded here, everything else is the locale's.
import { z } from "zod";

type Issue = Parameters<NonNullable<ReturnType<typeof z.locales.zhCN>["localeError"]>>[0];

/** For values with a size: what is too small, what is too big, and what is counted. */
const SIZED: Record<string, { small: string; big: string; unit: string }> = {
  string: { small: "太短", big: "太长", unit: "个字符" },
  array: { small: "太少", big: "太多", unit: "项" },
  set: { small: "太少", big: "太多", unit: "项" },
  file: { small: "文件太小", big: "文件太大", unit: "字节" },
};

/** Kinds of value as a user would name them. */
const KINDS: Record<string, string> = {
  string: "文本",
  number: "数字",
  int: "整数",
  bigint: "整数",
  boolean: "是或否",
  date: "日期",
  array: "列表",
  object: "对象",
  null: "空值",
  undefined: "空",
  nan: "非数字",
  map: "对象",
  set: "列表",
  file: "文件",
};

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  if (typeof value === "number" && Number.isNaN(value)) return "nan";
  return typeof value;
}

/** The Chinese message of an invalid_type issue; null for the others. */
export function typeMessage(issue: Issue): string | null {
  if (issue.code !== "invalid_type") return null;
  const expected = KINDS[issue.expected] ?? "其他类型";
  const received = kindOf(issue.input);
  if (received === "undefined") return `必填：应为${expected}`;
  return `类型不对：应为${expected}，收到的是${KINDS[received] ?? "其他类型"}`;
}

/** The Chinese message of a too_small or too_big issue; null for the others. */
export function sizeMessage(issue: Issue): string | null {
  if (issue.code !== "too_small" && issue.code !== "too_big") return null;
  const small = issue.code === "too_small";
  const bound = small ? issue.minimum : issue.maximum;
  const inclusive = issue.inclusive !== false;
  const value =
    issue.origin === "date" && (typeof bound === "number" || typeof bound === "bigint")
      ? new Date(Number(bound)).toISOString().slice(0, 10)
      : String(bound);
  const sized = SIZED[String(issue.origin)];
  if (sized) {
    const word = small ? (inclusive ? "至少" : "多于") : inclusive ? "至多" : "少于";
    return `${small ? sized.small : sized.big}：应${word} ${value} ${sized.unit}`;
  }
  if (issue.origin === "date") return small ? `日期过早：应不早于 ${value}` : `日期过晚：应不晚于 ${value}`;
  const sign = small ? (inclusive ? "≥" : ">") : inclusive ? "≤" : "<";
  return `${small ? "数值过小" : "数值过大"}：应 ${sign} ${value}`;
}

/** zod's messages from here on: the zh-CN locale's, with the size and type messages above. */
export function configureZodMessages(): void {
  const locale = z.locales.zhCN().localeError;
  z.config({ localeError: (issue) => sizeMessage(issue) ?? typeMessage(issue) ?? locale?.(issue) });
}
