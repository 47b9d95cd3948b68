import { describe, expect, it } from "vitest";
import {
  addMonthsUtc,
  chinaStartOfDay,
  nextReviewDue,
  REVIEW_INTERVAL_MONTHS,
  reviewState,
} from "./cadence.ts";

const utc = (iso: string): Date => new Date(`${iso}Z`);
const day = (date: Date): string => date.toISOString().slice(0, 10);

describe("addMonthsUtc", () => {
  it("adds calendar months and keeps the time of day", () => {
    expect(addMonthsUtc(utc("2017-08-10T09:30:00"), 6).toISOString()).toBe("2018-02-10T09:30:00.000Z");
  });

  it("clamps to the end of a shorter month", () => {
    expect(day(addMonthsUtc(utc("2017-01-31T00:00:00"), 1))).toBe("2017-02-28");
    expect(day(addMonthsUtc(utc("2016-01-31T00:00:00"), 1))).toBe("2016-02-29");
    expect(day(addMonthsUtc(utc("2017-08-31T00:00:00"), 3))).toBe("2017-11-30");
    expect(day(addMonthsUtc(utc("2017-03-31T00:00:00"), -1))).toBe("2017-02-28");
  });

  it("keeps the day when the target month has it", () => {
    expect(day(addMonthsUtc(utc("2017-01-30T00:00:00"), 2))).toBe("2017-03-30");
    expect(day(addMonthsUtc(utc("2017-02-28T00:00:00"), 1))).toBe("2017-03-28");
  });

  it("crosses year ends both ways", () => {
    expect(day(addMonthsUtc(utc("2017-11-15T00:00:00"), 3))).toBe("2018-02-15");
    expect(day(addMonthsUtc(utc("2018-02-15T00:00:00"), -3))).toBe("2017-11-15");
    expect(day(addMonthsUtc(utc("2016-02-29T00:00:00"), 12))).toBe("2017-02-28");
    expect(day(addMonthsUtc(utc("2016-02-29T00:00:00"), 48))).toBe("2020-02-29");
  });

  it("works in UTC whatever the instant's local day", () => {
    // 23:30 UTC on Jan 31 is already Feb 1 in Beijing; the UTC calendar decides.
    expect(addMonthsUtc(utc("2017-01-31T23:30:00"), 1).toISOString()).toBe("2017-02-28T23:30:00.000Z");
  });

  it("returns a new Date and leaves the input alone", () => {
    const input = utc("2017-05-05T00:00:00");
    const output = addMonthsUtc(input, 0);
    expect(output).not.toBe(input);
    expect(output.getTime()).toBe(input.getTime());
    addMonthsUtc(input, 5);
    expect(input.toISOString()).toBe("2017-05-05T00:00:00.000Z");
  });

  it("refuses fractional months and invalid dates", () => {
    expect(() => addMonthsUtc(utc("2017-05-05T00:00:00"), 1.5)).toThrow(RangeError);
    expect(() => addMonthsUtc(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe("nextReviewDue", () => {
  const last = utc("2017-09-20T00:00:00");

  it("re-reviews 优秀 yearly, 良好 and 达标 half-yearly, 未达标 quarterly", () => {
    expect(REVIEW_INTERVAL_MONTHS).toEqual({ EXCELLENT: 12, GOOD: 6, PASS: 6, FAIL: 3 });
    expect(day(nextReviewDue("EXCELLENT", last))).toBe("2018-09-20");
    expect(day(nextReviewDue("GOOD", last))).toBe("2018-03-20");
    expect(day(nextReviewDue("PASS", last))).toBe("2018-03-20");
    expect(day(nextReviewDue("FAIL", last))).toBe("2017-12-20");
  });

  it("clamps a review done on a month's last day", () => {
    expect(day(nextReviewDue("FAIL", utc("2017-11-30T00:00:00")))).toBe("2018-02-28");
  });
});

describe("reviewState", () => {
  const beijing = (time: string) => new Date(`${time}+08:00`);
  const due = beijing("2018-03-20T00:00:00");

  it("due today is DUE_SOON, not overdue", () => {
    expect(reviewState(due, beijing("2018-03-20T00:00:00"))).toEqual({
      state: "DUE_SOON",
      daysOverdue: 0,
      daysLeft: 0,
    });
    expect(reviewState(due, beijing("2018-03-20T23:59:59"))).toEqual({
      state: "DUE_SOON",
      daysOverdue: 0,
      daysLeft: 0,
    });
  });

  it("one day after the due day is OVERDUE by 1", () => {
    expect(reviewState(due, beijing("2018-03-21T00:00:00"))).toEqual({
      state: "OVERDUE",
      daysOverdue: 1,
      daysLeft: 0,
    });
  });

  it("counts whole days overdue", () => {
    expect(reviewState(due, beijing("2018-04-20T12:00:00"))).toMatchObject({
      state: "OVERDUE",
      daysOverdue: 31,
    });
  });

  it("ignores the hour on both sides", () => {
    expect(reviewState(beijing("2018-03-20T23:00:00"), beijing("2018-03-21T01:00:00"))).toMatchObject({
      state: "OVERDUE",
      daysOverdue: 1,
    });
  });

  it("is DUE_SOON up to soonDays ahead and OK beyond", () => {
    expect(reviewState(due, beijing("2018-03-19T00:00:00"))).toEqual({
      state: "DUE_SOON",
      daysOverdue: 0,
      daysLeft: 1,
    });
    expect(reviewState(due, beijing("2018-02-18T00:00:00"))).toEqual({
      state: "DUE_SOON",
      daysOverdue: 0,
      daysLeft: 30,
    });
    expect(reviewState(due, beijing("2018-02-17T00:00:00"))).toEqual({
      state: "OK",
      daysOverdue: 0,
      daysLeft: 31,
    });
  });

  it("takes another window", () => {
    expect(reviewState(due, beijing("2018-03-13T00:00:00"), 7).state).toBe("DUE_SOON");
    expect(reviewState(due, beijing("2018-03-12T00:00:00"), 7).state).toBe("OK");
    expect(reviewState(due, beijing("2018-03-19T00:00:00"), 0).state).toBe("OK");
    expect(reviewState(due, beijing("2018-03-20T00:00:00"), 0).state).toBe("DUE_SOON");
  });

  it("refuses invalid dates", () => {
    expect(() => reviewState(new Date(Number.NaN), due)).toThrow(RangeError);
  });
});

describe("China's calendar (UTC+8)", () => {
  // Beijing midnight of 20 March 2018 is 16:00 UTC on the 19th.
  const dueBeijingMidnight = new Date("2018-03-20T00:00:00+08:00");

  it("a review due today in Beijing is not overdue at 09:00 Beijing", () => {
    expect(reviewState(dueBeijingMidnight, new Date("2018-03-20T09:00:00+08:00")).state).toBe("DUE_SOON");
  });

  it("is overdue by one day from 00:30 Beijing the next day, not only from 08:00", () => {
    expect(reviewState(dueBeijingMidnight, new Date("2018-03-21T00:30:00+08:00"))).toEqual({
      state: "OVERDUE",
      daysOverdue: 1,
      daysLeft: 0,
    });
    expect(reviewState(dueBeijingMidnight, new Date("2018-03-20T23:59:00+08:00")).state).toBe("DUE_SOON");
  });

  it("counts months on the Beijing calendar: 31 Aug 07:00 Beijing + 6 months is 28 Feb", () => {
    const due = nextReviewDue("GOOD", new Date("2017-08-31T07:00:00+08:00"));
    expect(due.toISOString()).toBe(new Date("2018-02-28T07:00:00+08:00").toISOString());
  });
});

describe("chinaStartOfDay", () => {
  it("is midnight in Beijing of the day in China, also just before and after UTC midnight", () => {
    expect(chinaStartOfDay(new Date("2026-11-20T15:59:59Z")).toISOString()).toBe("2026-11-19T16:00:00.000Z");
    expect(chinaStartOfDay(new Date("2026-11-20T16:00:00Z")).toISOString()).toBe("2026-11-20T16:00:00.000Z");
  });
});
