import { chinaDayStart, isChinaDay } from "@beltmap/domain";

// A cycle's days in words, on China's calendar whatever the browser's zone: 2026年11月10日 / 10 Nov 2026.

const formats = new Map<string, Intl.DateTimeFormat>();

function longDay(language: string): Intl.DateTimeFormat {
  const locale = language === "en" ? "en-GB" : "zh-CN";
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: language === "en" ? "short" : "long",
      day: "numeric",
    });
    formats.set(locale, format);
  }
  return format;
}

/** A YYYY-MM-DD China day (a cycle's start or end). */
export function formatCycleDay(day: string, language: string): string {
  return isChinaDay(day) ? longDay(language).format(chinaDayStart(day)) : day;
}

/** An instant (a deadline, the end of its day; opened or closed at) as its China day. */
export function formatInstantDay(iso: string | null, language: string): string {
  return iso ? longDay(language).format(new Date(iso)) : "—";
}
