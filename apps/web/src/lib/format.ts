// Times are shown on China's calendar (UTC+8), whatever the browser's zone.
const formats = new Map<string, Intl.DateTimeFormat>();

export function formatTime(iso: string | null | undefined, language: string): string {
  if (!iso) return "—";
  const locale = language === "en" ? "en-GB" : "zh-CN";
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    });
    formats.set(locale, format);
  }
  return format.format(new Date(iso));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar day in China (a due date is stored as midnight UTC+8), e.g. 2026/11/19. */
export function formatDay(iso: string | null | undefined, language: string): string {
  if (!iso) return "—";
  const locale = language === "en" ? "en-GB" : "zh-CN";
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(iso));
}
