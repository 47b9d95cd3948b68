// Times are shown on China's calendar (UTC+8), whatever the browser's zone.
const formats = new Map<string, Intl.DateTimeFormat>();

function chinaFormat(language: string, withTime: boolean): Intl.DateTimeFormat {
  const locale = language === "en" ? "en-GB" : "zh-CN";
  const key = `${locale}:${withTime}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      ...(withTime ? { hour: "2-digit", minute: "2-digit", hour12: false } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

export function formatTime(iso: string | null | undefined, language: string): string {
  return iso ? chinaFormat(language, true).format(new Date(iso)) : "—";
}

/** A calendar day in China (a due date is stored as midnight UTC+8), e.g. 2026/11/19. */
export function formatDay(iso: string | null | undefined, language: string): string {
  return iso ? chinaFormat(language, false).format(new Date(iso)) : "—";
}

const chinaDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day in China (UTC+8) as YYYY-MM-DD, whatever the browser's time zone. */
export function chinaDate(now: Date): string {
  const parts = Object.fromEntries(chinaDay.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
