import { CHINA_UTC_OFFSET_MS, chinaDayNumber } from "./cadence.ts";

// Dates the campaign's people type and read are calendar days in Quzhou (UTC+8), written
// YYYY-MM-DD: a deadline "8月10日" is the whole of that day, whatever zone the server runs in.

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isChinaDay(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function assertDay(day: string): void {
  if (!isChinaDay(day)) throw new RangeError(`not a calendar day (YYYY-MM-DD): "${day}"`);
}

/** Midnight in China at the start of `day`. */
export function chinaDayStart(day: string): Date {
  assertDay(day);
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_UTC_OFFSET_MS);
}

/** The last millisecond of `day` in China: a deadline on that day includes all of it. */
export function chinaDayEnd(day: string): Date {
  return new Date(chinaDayStart(day).getTime() + MS_PER_DAY - 1);
}

/** The China calendar day an instant falls on, as YYYY-MM-DD. */
export function chinaDayOf(date: Date): string {
  return new Date(chinaDayNumber(date) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole China calendar days from `from` to `to` (negative when `to` is earlier). */
export function chinaDaysBetween(from: Date, to: Date): number {
  return chinaDayNumber(to) - chinaDayNumber(from);
}
