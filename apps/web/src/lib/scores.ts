// The sheet form holds item scores as typed; the domain decides what a valid score is and adds up.
import {
  dimensionSubtotals,
  type Grade,
  gradeFromTotal,
  ITEM_KEYS,
  type ItemScores,
  sheetTotal,
  validateItemScore,
} from "@beltmap/domain";

export type DraftScores = Record<string, string>;

export type ParsedDraft = {
  /** The valid scores (what would be saved). */
  items: ItemScores;
  /** Item keys whose text is not a valid score. */
  invalid: string[];
  /** Item keys left empty. */
  missing: string[];
};

/** "3.5" → 3.5; empty → null; anything else (also "3.3", "5", "abc") → undefined. */
export function parseScore(text: string): number | null | undefined {
  const trimmed = text.trim().replace(/[．。]/g, ".");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return validateItemScore(value) === null ? value : undefined;
}

export function parseDraft(draft: DraftScores): ParsedDraft {
  const items: ItemScores = {};
  const invalid: string[] = [];
  const missing: string[] = [];
  for (const key of ITEM_KEYS) {
    const value = parseScore(draft[key] ?? "");
    if (value === null) missing.push(key);
    else if (value === undefined) invalid.push(key);
    else items[key] = value;
  }
  return { items, invalid, missing };
}

export function draftOf(items: ItemScores): DraftScores {
  return Object.fromEntries(Object.entries(items).map(([key, value]) => [key, formatScore(value)]));
}

export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export type Totals = { total: number; subtotals: Record<string, number>; grade: Grade };

/** Subtotals, total and grade of some scores, as the domain computes them. */
export function totalsOf(items: ItemScores): Totals {
  const total = sheetTotal(items);
  return { total, subtotals: dimensionSubtotals(items), grade: gradeFromTotal(total) };
}

/**
 * How a stage's score of an item stands against the stage before (复核 against 自评, …): raised,
 * lowered, or null when equal or when either is missing. What a reviewer changed is then marked.
 */
export function scoreChange(
  before: number | null | undefined,
  now: number | null | undefined,
): "up" | "down" | null {
  if (before === null || before === undefined || now === null || now === undefined) return null;
  if (now > before) return "up";
  return now < before ? "down" : null;
}
