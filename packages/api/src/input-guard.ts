// One check of every procedure's raw input, before its schema and its code see it: what no field
// may hold, whatever the procedure. PostgreSQL refuses U+0000 in text and the Prisma engine an
// unpaired UTF-16 surrogate, numbers beyond PostgreSQL's integer fail in the query, and keys such
// as "__proto__" and deep nesting only ever come from someone probing; each used to reach the
// database (or the audit row of a refusal) and answer 500.
import type { FieldIssue } from "./errors.ts";

/** PostgreSQL's `integer`: ids, versions, counts and years are stored as one. */
export const MAX_INPUT_NUMBER = 2_147_483_647;
/** No procedure's input nests deeper than a few levels (plan.save: belts → stops → id). */
export const MAX_INPUT_DEPTH = 16;
/** Far more values than any procedure takes (queue.bulk: 2,000 rows of four fields). */
export const MAX_INPUT_VALUES = 100_000;
/**
 * No string of any input is longer (the longest text a form sends is 2,000 characters), but the
 * import's file (LONG_STRING_FIELDS), which its schema caps. An id or a filter of a megabyte used to
 * reach the queries as it was: seconds of work for one request, and 500 where an index holds it.
 */
export const MAX_INPUT_STRING_LENGTH = 10_000;
/** Top-level fields exempt from MAX_INPUT_STRING_LENGTH: organizationImport's base64 upload. */
const LONG_STRING_FIELDS = new Set(["base64"]);
/** Stop after this many issues: enough to mark the fields, not a report of a hostile payload. */
const MAX_ISSUES = 5;
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export const INPUT_GUARD_MESSAGES = {
  nul: "不能包含空字符（U+0000）",
  surrogate: "含有无效字符（不成对的 UTF-16 代理项）",
  key: "字段名不允许",
  depth: "嵌套层级过深",
  notFinite: "不是有效的数字",
  tooLarge: `数值超出允许范围（±${MAX_INPUT_NUMBER}）`,
  size: "输入的数据过多",
  long: `过长（最多 ${MAX_INPUT_STRING_LENGTH} 个字符）`,
} as const;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const UNPRINTABLE = new RegExp(`[\\u0000-\\u001f\\u007f]|${LONE_SURROGATE.source}`, "g");

/** U+0000 or an unpaired surrogate: what no stored or compared string may hold. */
function stringProblem(text: string): string | null {
  if (text.includes("\u0000")) return INPUT_GUARD_MESSAGES.nul;
  if (LONE_SURROGATE.test(text)) return INPUT_GUARD_MESSAGES.surrogate;
  return null;
}

/** A key as the message shows it: control characters and lone surrogates escaped, long ones cut. */
function printableKey(key: string): string {
  const escaped = key.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return escaped.length > 40 ? `${escaped.slice(0, 40)}…` : escaped;
}

type Node = { value: unknown; key: string; parent: Node | null; depth: number };

function pathOf(node: Node): string {
  const keys: string[] = [];
  for (let at: Node | null = node; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join(".") || "(input)";
}

/**
 * What is wrong with a raw input, field by field (the path as the error formatter names zod's
 * fields: keys joined with "."), or [] when nothing is. Walks without recursion and counts every
 * value before it looks at it, so neither a hostile depth nor a hostile size costs more than the
 * refusal.
 */
export function inputIssues(raw: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: Node[] = [{ value: raw, key: "", parent: null, depth: 0 }];
  let values = 1;
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const node = stack.pop() as Node;
    const { value } = node;
    if (typeof value === "string") {
      const exempt = node.parent?.parent === null && LONG_STRING_FIELDS.has(node.key);
      const problem =
        value.length > MAX_INPUT_STRING_LENGTH && !exempt ? INPUT_GUARD_MESSAGES.long : stringProblem(value);
      if (problem) issues.push({ field: pathOf(node), message: problem });
    } else if (typeof value === "number") {
      if (!Number.isFinite(value))
        issues.push({ field: pathOf(node), message: INPUT_GUARD_MESSAGES.notFinite });
      else if (Math.abs(value) > MAX_INPUT_NUMBER) {
        issues.push({ field: pathOf(node), message: INPUT_GUARD_MESSAGES.tooLarge });
      }
    } else if (typeof value === "object" && value !== null) {
      if (node.depth >= MAX_INPUT_DEPTH) {
        issues.push({ field: pathOf(node), message: INPUT_GUARD_MESSAGES.depth });
        continue;
      }
      const depth = node.depth + 1;
      const keys = Array.isArray(value) ? null : Object.keys(value);
      values += keys ? keys.length : (value as unknown[]).length;
      if (values > MAX_INPUT_VALUES) return [{ field: pathOf(node), message: INPUT_GUARD_MESSAGES.size }];
      if (!keys) {
        const items = value as unknown[];
        for (let i = items.length - 1; i >= 0; i--) {
          stack.push({ value: items[i], key: String(i), parent: node, depth });
        }
        continue;
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const child: Node = {
          value: (value as Record<string, unknown>)[key],
          key: printableKey(key),
          parent: node,
          depth,
        };
        const problem = PROTOTYPE_KEYS.has(key)
          ? INPUT_GUARD_MESSAGES.key
          : key.length > MAX_INPUT_STRING_LENGTH
            ? INPUT_GUARD_MESSAGES.long
            : stringProblem(key);
        if (problem) issues.push({ field: pathOf(child), message: problem });
        else stack.push(child);
      }
    }
  }
  return issues.slice(0, MAX_ISSUES);
}

/** The refusal's message, worded as the error formatter words a schema's. */
export function inputIssuesMessage(issues: readonly FieldIssue[]): string {
  return `输入有误：${issues.map((i) => `${i.field} ${i.message}`).join("；")}`;
}
