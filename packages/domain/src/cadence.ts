import type { Grade } from "./codes.ts";

/** Townships re-review 优秀 yearly, 良好 and 达标 half-yearly, 未达标 quarterly (动态管理). */
export const REVIEW_INTERVAL_MONTHS: Readonly<Record<Grade, number>> = {
  EXCELLENT: 12,
  GOOD: 6,
  PASS: 6,
  FAIL: 3,
};

const MS_PER_DAY = 86_400_000;
/** Quzhou keeps China Standard Time, UTC+8 all year (no daylight saving). */
export const CHINA_UTC_OFFSET_MS = 8 * 3_600_000;

function assertValidDate(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid Date");
}

function daysInMonthUtc(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * Adds calendar months in UTC, keeping the time of day. A day that the target month lacks is
 * clamped to its last day (Jan 31 + 1 month = Feb 28 or 29) rather than spilling into March.
 */
export function addMonthsUtc(date: Date, months: number): Date {
  assertValidDate(date);
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const firstOfTarget = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const year = firstOfTarget.getUTCFullYear();
  const month = firstOfTarget.getUTCMonth();
  const day = Math.min(date.getUTCDate(), daysInMonthUtc(year, month));
  const result = new Date(date.getTime());
  result.setUTCFullYear(year, month, day);
  return result;
}

/** Adds calendar months as a calendar in Quzhou reads them (UTC+8), with the same clamping. */
export function addMonthsInChina(date: Date, months: number): Date {
  assertValidDate(date);
  const shifted = addMonthsUtc(new Date(date.getTime() + CHINA_UTC_OFFSET_MS), months);
  return new Date(shifted.getTime() - CHINA_UTC_OFFSET_MS);
}

/** The day a re-review falls due: the interval for the grade, in China's calendar months. */
export function nextReviewDue(grade: Grade, lastReviewedAt: Date): Date {
  return addMonthsInChina(lastReviewedAt, REVIEW_INTERVAL_MONTHS[grade]);
}

export type ReviewState = {
  state: "OVERDUE" | "DUE_SOON" | "OK";
  /** Whole days past the due day; 0 unless OVERDUE. */
  daysOverdue: number;
  /** Whole days until the due day; 0 when due today or overdue. */
  daysLeft: number;
};

/** Days since 1970-01-01 on China's calendar. */
export function chinaDayNumber(date: Date): number {
  assertValidDate(date);
  return Math.floor((date.getTime() + CHINA_UTC_OFFSET_MS) / MS_PER_DAY);
}

/**
 * Compares calendar days in China (UTC+8), not instants: a review due today is not late yet,
 * whatever the hour. DUE_SOON covers today and the next `soonDays` days; the day after the due
 * day is OVERDUE.
 */
export function reviewState(due: Date, today: Date, soonDays = 30): ReviewState {
  const daysUntilDue = chinaDayNumber(due) - chinaDayNumber(today);
  if (daysUntilDue < 0) return { state: "OVERDUE", daysOverdue: -daysUntilDue, daysLeft: 0 };
  return { state: daysUntilDue <= soonDays ? "DUE_SOON" : "OK", daysOverdue: 0, daysLeft: daysUntilDue };
}

/** Midnight in China (UTC+8) of the China calendar day `date` falls on: what a due date stores. */
export function chinaStartOfDay(date: Date): Date {
  return new Date(chinaDayNumber(date) * MS_PER_DAY - CHINA_UTC_OFFSET_MS);
}
