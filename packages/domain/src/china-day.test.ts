import { describe, expect, it } from "vitest";
import { chinaDayEnd, chinaDayOf, chinaDayStart, chinaDaysBetween, isChinaDay } from "./china-day.ts";

const at = (iso: string): Date => new Date(iso);

describe("isChinaDay", () => {
  it("accepts real calendar days written YYYY-MM-DD", () => {
    for (const day of ["2017-08-10", "2017-01-01", "2017-12-31", "2026-02-28", "2017-04-30"])
      expect(isChinaDay(day), day).toBe(true);
  });

  it("knows leap years: 2024-02-29 and 2000-02-29 exist, 2026-02-29 and 1900-02-29 do not", () => {
    expect(isChinaDay("2024-02-29")).toBe(true);
    expect(isChinaDay("2000-02-29")).toBe(true);
    expect(isChinaDay("2026-02-29")).toBe(false);
    expect(isChinaDay("1900-02-29")).toBe(false);
  });

  it("refuses days a month does not have", () => {
    for (const day of [
      "2026-02-30",
      "2017-04-31",
      "2017-06-31",
      "2017-08-32",
      "2017-08-00",
      "2017-13-01",
      "2017-00-10",
    ])
      expect(isChinaDay(day), day).toBe(false);
  });

  it("refuses anything not written exactly YYYY-MM-DD", () => {
    for (const text of [
      "",
      "2017-8-10",
      "2017-08-1",
      "17-08-10",
      "2017/08/10",
      "2017.08.10",
      "20170810",
      " 2017-08-10",
      "2017-08-10 ",
      "2017-08-10T00:00:00Z",
      "2017年8月10日",
      "２０１７-08-10",
      "abcd-ef-gh",
    ])
      expect(isChinaDay(text), JSON.stringify(text)).toBe(false);
  });
});

describe("chinaDayStart / chinaDayEnd", () => {
  it("starts a day at midnight in China, 16:00 UTC the day before", () => {
    expect(chinaDayStart("2017-08-10").toISOString()).toBe("2017-08-09T16:00:00.000Z");
  });

  it("ends it at its last millisecond in China, 15:59:59.999 UTC", () => {
    expect(chinaDayEnd("2017-08-10").toISOString()).toBe("2017-08-10T15:59:59.999Z");
  });

  it("crosses month and year ends, and leap days", () => {
    expect(chinaDayStart("2018-01-01").toISOString()).toBe("2017-12-31T16:00:00.000Z");
    expect(chinaDayEnd("2017-12-31").toISOString()).toBe("2017-12-31T15:59:59.999Z");
    expect(chinaDayStart("2024-03-01").toISOString()).toBe("2024-02-29T16:00:00.000Z");
    expect(chinaDayEnd("2024-02-29").toISOString()).toBe("2024-02-29T15:59:59.999Z");
  });

  it("leaves no gap between one day's end and the next day's start", () => {
    expect(chinaDayStart("2017-08-11").getTime() - chinaDayEnd("2017-08-10").getTime()).toBe(1);
    expect(chinaDayEnd("2017-08-10").getTime() - chinaDayStart("2017-08-10").getTime()).toBe(86_400_000 - 1);
  });

  it("throws on a day that is not one", () => {
    expect(() => chinaDayStart("2026-02-29")).toThrow(RangeError);
    expect(() => chinaDayEnd("2026-02-29")).toThrow(RangeError);
    expect(() => chinaDayStart("2017-8-10")).toThrow(/2017-8-10/);
    expect(() => chinaDayEnd("")).toThrow(RangeError);
  });
});

describe("chinaDayOf", () => {
  it("gives the China calendar day of an instant", () => {
    expect(chinaDayOf(at("2017-08-10T16:00:00.000Z"))).toBe("2017-08-11");
    expect(chinaDayOf(at("2017-08-10T15:59:59.999Z"))).toBe("2017-08-10");
    expect(chinaDayOf(at("2017-08-10T00:00:00.000Z"))).toBe("2017-08-10");
    expect(chinaDayOf(at("2017-08-09T16:00:00.000Z"))).toBe("2017-08-10");
  });

  it("turns the year eight hours before UTC does", () => {
    expect(chinaDayOf(at("2016-12-31T15:59:59.999Z"))).toBe("2016-12-31");
    expect(chinaDayOf(at("2016-12-31T16:00:00.000Z"))).toBe("2017-01-01");
  });

  it("is the day whose start and end bound the instant", () => {
    for (const day of ["2017-08-10", "2017-12-31", "2018-01-01", "2024-02-29", "2026-03-01"]) {
      expect(chinaDayOf(chinaDayStart(day))).toBe(day);
      expect(chinaDayOf(chinaDayEnd(day))).toBe(day);
    }
  });

  it("throws on an invalid date", () => {
    expect(() => chinaDayOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("chinaDaysBetween", () => {
  it("counts China calendar days, not 24-hour spans", () => {
    // 23:59:59.999 and 00:00 the next day in China: one millisecond apart, one day apart.
    expect(chinaDaysBetween(at("2017-08-10T15:59:59.999Z"), at("2017-08-10T16:00:00.000Z"))).toBe(1);
    // Midnight to 23:59:59.999 in China: almost 24 hours, the same day.
    expect(chinaDaysBetween(chinaDayStart("2017-08-10"), chinaDayEnd("2017-08-10"))).toBe(0);
  });

  it("is zero for the same instant and negative backwards", () => {
    const instant = at("2017-08-10T04:00:00Z");
    expect(chinaDaysBetween(instant, instant)).toBe(0);
    expect(chinaDaysBetween(chinaDayStart("2017-09-20"), chinaDayStart("2017-08-10"))).toBe(-41);
    expect(chinaDaysBetween(chinaDayStart("2017-08-10"), chinaDayStart("2017-09-20"))).toBe(41);
  });

  it("counts across a year end and a leap day", () => {
    expect(chinaDaysBetween(chinaDayEnd("2017-12-31"), chinaDayStart("2018-01-01"))).toBe(1);
    expect(chinaDaysBetween(chinaDayStart("2024-02-28"), chinaDayStart("2024-03-01"))).toBe(2);
    expect(chinaDaysBetween(chinaDayStart("2017-01-01"), chinaDayStart("2018-01-01"))).toBe(365);
    expect(chinaDaysBetween(chinaDayStart("2024-01-01"), chinaDayStart("2025-01-01"))).toBe(366);
  });
});
