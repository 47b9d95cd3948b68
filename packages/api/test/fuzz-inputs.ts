// Inputs for the fuzz test (fuzz.test.ts): generated from each procedure's zod schema (through its
// JSON Schema), plus a corpus of hostile values. Everything comes from a seeded generator, one seed
// per procedure (and role), so a failure reproduces and adding a procedure leaves the others'
// inputs alone.
import { intBetween, mulberry32, pick, type Rng } from "@beltmap/domain";
import { z } from "zod";
import { MAX_INPUT_STRING_LENGTH } from "../src/input-guard.ts";

/** The parts of a JSON Schema (draft 2020-12, as zod writes it) the generator reads. */
export type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  prefixItems?: Schema[];
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
};

/** Realistic values by field name (ids that exist, a full score sheet, …): the generator prefers them. */
export type Hints = Record<string, readonly unknown[]>;

/** One generated input: what it is (for the report) and the value. */
export type FuzzCase = { label: string; input: unknown };

/** A procedure's input schema as JSON Schema, or null when it takes no input. */
export function schemaOf(inputs: readonly unknown[]): Schema | null {
  const parser = inputs[0];
  if (parser === undefined) return null;
  return z.toJSONSchema(parser as z.ZodType, { io: "input", unrepresentable: "any" }) as Schema;
}

/** A string hash (FNV-1a): a seed per procedure (and role) from the run's seed. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The generator for one procedure (and one role, for its own mutations): seed and names mixed. */
export function rngFor(seed: number, ...names: string[]): Rng {
  return mulberry32((seed ^ hash(names.join("\u0001"))) >>> 0);
}

// ----- The hostile corpus -----

/** A string that does not compress (TOAST would shrink "AAAA…" below any index limit). */
function incompressible(length: number, rng: Rng): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789中文党组织示范带";
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(alphabet[Math.floor(rng() * alphabet.length)] as string);
  return parts.join("");
}

const MB = 1 << 20;
const corpusRng = mulberry32(0x5eed);

/** Strings no field should answer 500 (or take 2 s) to, as a value and as a key. */
export const HOSTILE_STRINGS: readonly { label: string; value: string }[] = [
  { label: "U+0000", value: "\u0000" },
  { label: "U+0000 inside", value: "KECHENG\u0000" },
  { label: "lone high surrogate", value: "\ud800" },
  { label: "lone low surrogate inside", value: "信安\udc00街道" },
  { label: "reversed surrogates", value: "\udc00\ud800" },
  { label: "RTL override", value: "\u202egpj.exe" },
  { label: "zero-width", value: "\u200b\u200c\u200d\u2060\ufeff" },
  { label: "zero-width only", value: "\u200b" },
  { label: "full-width formula", value: "＝1+1" },
  { label: "full-width digits", value: "１２３" },
  { label: "formula", value: '=HYPERLINK("http://x","y")' },
  { label: "csv injection", value: "+cmd|' /C calc'!A0" },
  { label: "SQL", value: '\'; DROP TABLE "User"; --' },
  { label: "SQL like", value: "%_\\%" },
  { label: "HTML", value: "<script>alert(1)</script><img src=x onerror=alert(1)>" },
  { label: "path traversal", value: "../../etc/passwd\r\n" },
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the probe is this literal text
  { label: "template", value: "${jndi:ldap://x/a}{{7*7}}" },
  { label: "control characters", value: "\u0001\u0007\u001b[31m\u007f\u0085" },
  { label: "line separators", value: "a\u2028b\u2029c\u0085" },
  { label: "noncharacters", value: "\uffff\ufffe\ufdd0" },
  { label: "combining marks", value: `a${"\u0301".repeat(5000)}` },
  { label: "astral", value: "𠮷👩‍👩‍👧‍👦🏳️‍🌈" },
  { label: "spaces", value: " \t\r\n\u3000 " },
  { label: "empty", value: "" },
  { label: "NaN", value: "NaN" },
  { label: "Infinity", value: "-Infinity" },
  { label: "number-like", value: "-1e309" },
  { label: "hex number", value: "0x7fffffff" },
  { label: "int4 max + 1", value: "2147483648" },
  { label: "beyond 2^53", value: "9007199254740993" },
  { label: "20 digits", value: "99999999999999999999" },
  { label: "null word", value: "null" },
  { label: "prototype key", value: "__proto__" },
  { label: "constructor key", value: "constructor" },
  { label: "toString key", value: "toString" },
  { label: "date out of range", value: "275760-09-14" },
  { label: "date expanded year", value: "+275760-09-13" },
  { label: "date impossible", value: "2026-02-30" },
  { label: "date zero", value: "0000-00-00" },
  { label: "date far", value: "9999-12-31T23:59:59.999Z" },
  { label: "3,000 chars", value: incompressible(3000, corpusRng) },
  // As long as the guard lets through (input-guard.ts), in Chinese: 30 KB of UTF-8, past an index's row.
  { label: "longest string let through", value: "党".repeat(MAX_INPUT_STRING_LENGTH) },
  { label: "longest string let through, mixed", value: incompressible(MAX_INPUT_STRING_LENGTH, corpusRng) },
  { label: "100,000 chars", value: incompressible(100_000, corpusRng) },
  { label: "1 MB of A", value: "A".repeat(MB) },
  { label: "1 MB incompressible", value: incompressible(MB, corpusRng) },
];

/** Numbers no field should answer 500 to. */
export const HOSTILE_NUMBERS: readonly { label: string; value: number }[] = [
  { label: "0", value: 0 },
  { label: "-0", value: -0 },
  { label: "-1", value: -1 },
  { label: "0.5", value: 0.5 },
  { label: "0.1 + 0.2", value: 0.1 + 0.2 },
  { label: "int4 max", value: 2_147_483_647 },
  { label: "int4 min", value: -2_147_483_648 },
  { label: "int4 max + 1", value: 2_147_483_648 },
  { label: "int4 min - 1", value: -2_147_483_649 },
  { label: "uint4 max + 1", value: 2 ** 32 },
  { label: "safe max", value: Number.MAX_SAFE_INTEGER },
  { label: "2^53 + 2", value: 2 ** 53 + 2 },
  { label: "1e308", value: 1e308 },
  { label: "-1e308", value: -1e308 },
  { label: "5e-324", value: 5e-324 },
  { label: "NaN", value: Number.NaN },
  { label: "Infinity", value: Number.POSITIVE_INFINITY },
  { label: "-Infinity", value: Number.NEGATIVE_INFINITY },
];

function deepArray(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function deepObject(depth: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** An own "__proto__" key, as JSON.parse makes one from a request body. */
const PROTO_JSON = '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}';

function withPrototypeKeys(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return JSON.parse(`{${PROTO_JSON}}`);
  }
  const text = JSON.stringify(value);
  return JSON.parse(text === "{}" ? `{${PROTO_JSON}}` : `{${PROTO_JSON},${text.slice(1)}`);
}

/**
 * Built once and shared by every case that uses them (nothing a procedure is given is changed in
 * place: the guard refuses these before any schema copies them): building a 100,001-key object
 * takes longer than refusing it.
 */
let giants: { array: unknown[]; object: Record<string, number>; deepArray: unknown; deepObject: unknown };
function giant<K extends keyof typeof giants>(key: K): (typeof giants)[K] {
  giants ??= {
    // One value over the guard's limit (MAX_INPUT_VALUES, 100,000).
    array: new Array(100_001).fill(0),
    object: Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`k${i}`, i])),
    deepArray: deepArray(100_000),
    deepObject: deepObject(100_000),
  };
  return giants[key];
}

/** Values of the wrong type or shape, for any field (and the whole input). */
export const HOSTILE_VALUES: readonly { label: string; value: () => unknown }[] = [
  { label: "null", value: () => null },
  { label: "true", value: () => true },
  { label: "string", value: () => "1" },
  { label: "number", value: () => 1 },
  { label: "empty array", value: () => [] },
  { label: "array of empty objects", value: () => [{}, {}] },
  { label: "empty object", value: () => ({}) },
  { label: "nested 100,000 arrays", value: () => giant("deepArray") },
  { label: "nested 100,000 objects", value: () => giant("deepObject") },
  { label: "nested 15 objects", value: () => deepObject(15) },
  { label: "100,001-element array", value: () => giant("array") },
  { label: "object with 100,001 keys", value: () => giant("object") },
  { label: "prototype keys", value: () => withPrototypeKeys({}) },
  { label: "invalid Date", value: () => new Date(Number.NaN) },
  { label: "bigint", value: () => 10n ** 30n },
  // Holes, as no JSON has them: [, , 1].
  { label: "sparse array", value: () => Object.assign(new Array(3), { 2: 1 }) },
];

// ----- Valid-shaped values -----

const BENIGN = ["测试", "柯城区", "同意", "示范带 1", "a"];

function branches(schema: Schema): Schema[] | undefined {
  return schema.anyOf ?? schema.oneOf;
}

function typesOf(schema: Schema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

/**
 * A hostile value for every free field of a generated input: a string for every string that is
 * not an enum or a constant (and as a key of every record), a number for every number. `used`
 * says whether the input had such a field.
 */
type Override = { string?: string; number?: number; used: boolean };

function overrideLeaves(value: unknown, override: Override): unknown {
  if (typeof value === "string" && override.string !== undefined) {
    override.used = true;
    return override.string;
  }
  if (typeof value === "number" && override.number !== undefined) {
    override.used = true;
    return override.number;
  }
  if (Array.isArray(value)) return value.map((item) => overrideLeaves(item, override));
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = overrideLeaves(item, override);
    return copy;
  }
  return value;
}

/** A value that fits `schema` (and the hints for `key`), most of the time. */
export function sample(schema: Schema, key: string, rng: Rng, hints: Hints, override?: Override): unknown {
  const hinted = hints[key];
  if (hinted && hinted.length > 0) {
    const value = structuredClone(pick(rng, hinted));
    if (!override) return value;
    const replaced = overrideLeaves(value, override);
    // A record given by a hint (the sheet's items) gets the string as a key, too.
    if (override.string !== undefined && isRecordSchema(schema) && isPlainObject(replaced)) {
      replaced[override.string] = 1;
      override.used = true;
    }
    return replaced;
  }
  const options = branches(schema) ?? schema.allOf;
  if (options) {
    const nonNull = options.filter((o) => !typesOf(o).includes("null"));
    return sample(
      rng() < 0.85 && nonNull.length > 0 ? pick(rng, nonNull) : pick(rng, options),
      key,
      rng,
      hints,
      override,
    );
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(rng, schema.enum);
  const types = typesOf(schema);
  const type = types.length > 1 ? pick(rng, types) : (types[0] ?? "unknown");
  switch (type) {
    case "object": {
      const value: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (required.has(name) || override || rng() < 0.7) {
          value[name] = sample(property, name, rng, hints, override);
        }
      }
      if (isRecordSchema(schema)) {
        const itemSchema = schema.additionalProperties as Schema;
        value[pick(rng, ["1.1", "a"])] = sample(itemSchema, key, rng, hints, override);
        if (override?.string !== undefined) {
          value[override.string] = sample(itemSchema, key, rng, hints);
          override.used = true;
        }
      }
      return value;
    }
    case "array": {
      if (schema.prefixItems)
        return schema.prefixItems.map((item) => sample(item, key, rng, hints, override));
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? 3, min + 3);
      const length = Math.max(intBetween(rng, Math.min(min, max), max), override ? 1 : 0);
      return Array.from({ length }, () => sample(schema.items ?? {}, key, rng, hints, override));
    }
    case "string": {
      if (override?.string !== undefined) {
        override.used = true;
        return override.string;
      }
      let text = pick(rng, BENIGN);
      while (text.length < (schema.minLength ?? 0)) text += "x";
      return text.slice(0, schema.maxLength ?? text.length);
    }
    case "integer":
    case "number": {
      if (override?.number !== undefined) {
        override.used = true;
        return override.number;
      }
      const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? 0 : schema.exclusiveMinimum + 1);
      const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
      const value = pick(
        rng,
        [min, 0, 1, 2].filter((n) => n >= min && n <= max),
      );
      return type === "integer" || value + 0.5 > max ? value : value + 0.5;
    }
    case "boolean":
      return rng() < 0.5;
    case "null":
      return null;
    default:
      return pick(rng, BENIGN);
  }
}

function isRecordSchema(schema: Schema): boolean {
  return typeof schema.additionalProperties === "object" && !schema.properties;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// ----- Mutations -----

type Leaf = { parent: Record<string, unknown> | unknown[]; key: string | number; value: unknown };

/** Every value inside `root` with its parent (objects and arrays, not the root itself). */
function leaves(root: unknown): Leaf[] {
  const found: Leaf[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        found.push({ parent: value, key: index, value: item });
        stack.push(item);
      });
    } else if (isPlainObject(value)) {
      for (const [name, item] of Object.entries(value)) {
        found.push({ parent: value, key: name, value: item });
        stack.push(item);
      }
    }
  }
  return found;
}

/**
 * One procedure's inputs, apart from the mutations (see mutationsFor):
 * - core: no input, three valid-shaped ones, valid fields with prototype keys beside them, a valid
 *   input inside an array and as JSON text (an array or a string where the object is expected);
 * - corpus: each hostile value as the whole input; each hostile string in every free string field
 *   at once (and as a key of every record); each hostile number in every number field.
 */
export function casesFor(
  path: string,
  schema: Schema | null,
  hints: Hints,
  seed: number,
): { core: FuzzCase[]; corpus: FuzzCase[] } {
  const rng = rngFor(seed, path);
  const valid = (): unknown => (schema ? sample(schema, "", rng, hints) : undefined);
  const core: FuzzCase[] = [{ label: "undefined", input: undefined }];
  for (let i = 0; i < 3; i++) core.push({ label: `valid-shaped #${i + 1}`, input: valid() });
  core.push({ label: "prototype keys beside valid fields", input: withPrototypeKeys(valid()) });
  core.push({ label: "valid input inside an array", input: [valid() ?? {}] });
  core.push({ label: "valid input as JSON text", input: JSON.stringify(valid() ?? {}) });

  const corpus: FuzzCase[] = HOSTILE_VALUES.map((hostile) => ({
    label: hostile.label,
    input: hostile.value(),
  }));
  if (schema) {
    for (const hostile of HOSTILE_STRINGS) {
      const override: Override = { string: hostile.value, used: false };
      const input = sample(schema, "", rng, hints, override);
      if (override.used) corpus.push({ label: `every string: ${hostile.label}`, input });
    }
    for (const hostile of HOSTILE_NUMBERS) {
      const override: Override = { number: hostile.value, used: false };
      const input = sample(schema, "", rng, hints, override);
      if (override.used) corpus.push({ label: `every number: ${hostile.label}`, input });
    }
  }
  return { core, corpus };
}

/**
 * `count` valid-shaped inputs with one random change each: a hostile string or number, a value of
 * the wrong type or shape, a field left out, an extra or prototype key. Seeded by procedure and
 * `salt` (the role), so each role gets its own.
 */
export function mutationsFor(
  path: string,
  schema: Schema | null,
  hints: Hints,
  seed: number,
  salt: string,
  count: number,
): FuzzCase[] {
  const rng = rngFor(seed, path, salt);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const input = schema ? sample(schema, "", rng, hints) : undefined;
    const all = leaves(input);
    if (all.length === 0) {
      const hostile = pick(rng, HOSTILE_VALUES);
      cases.push({ label: `mutation #${i + 1}: (input) ← ${hostile.label}`, input: hostile.value() });
      continue;
    }
    const leaf = pick(rng, all);
    const target = leaf.parent as Record<string | number, unknown>;
    const roll = rng();
    let label: string;
    if (roll < 0.35 && typeof leaf.value === "string") {
      const hostile = pick(rng, HOSTILE_STRINGS);
      target[leaf.key] = hostile.value;
      label = hostile.label;
    } else if (roll < 0.35 && typeof leaf.value === "number") {
      const hostile = pick(rng, HOSTILE_NUMBERS);
      target[leaf.key] = hostile.value;
      label = hostile.label;
    } else if (roll < 0.7) {
      const hostile = pick(rng, HOSTILE_VALUES);
      target[leaf.key] = hostile.value();
      label = hostile.label;
    } else if (roll < 0.85 && !Array.isArray(target)) {
      delete target[leaf.key];
      label = "left out";
    } else if (Array.isArray(target)) {
      target.push(structuredClone(leaf.value));
      label = "one more item";
    } else {
      const hostile = pick(rng, [...HOSTILE_STRINGS.slice(0, 10), { label: "extra key", value: "extra" }]);
      target[hostile.value] = "extra";
      label = `extra key ${hostile.label}`;
    }
    cases.push({ label: `mutation #${i + 1}: ${String(leaf.key)} ← ${label}`, input });
  }
  return cases;
}

/** An input as a report shows it: JSON with escapes, long strings and arrays cut short. */
export function describeInput(input: unknown): string {
  if (input === undefined) return "undefined";
  const seen = new WeakSet<object>();
  let objects = 0;
  const text = JSON.stringify(input, function (this: unknown, _key, value: unknown) {
    if (typeof value === "bigint") return `${value}n`;
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    if (typeof value === "string" && value.length > 40)
      return `${value.slice(0, 40)}…(${value.length} chars)`;
    if (Array.isArray(value) && value.length > 5) return [...value.slice(0, 5), `…(${value.length} items)`];
    if (typeof value === "object" && value !== null) {
      if (seen.has(value)) return "[shared]";
      seen.add(value);
      if (++objects > 50) return "…(more)";
      const keys = Array.isArray(value) ? [] : Object.keys(value);
      if (keys.length > 30) return `{…(${keys.length} keys)}`;
    }
    return value;
  });
  return (text ?? String(input))
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
      /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060\ufeff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    )
    .replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .slice(0, 400);
}
