import { describe, expect, it } from "vitest";
import { chinaDayEnd, chinaDayStart } from "./china-day.ts";
import {
  SUBMISSION_STATES,
  type SubmissionState,
  submissionTimeliness,
  tallySubmissions,
} from "./submission.ts";

// 2017's belt-plan deadline: the whole of 8月10日 in China.
const DEADLINE = chinaDayEnd("2017-08-10");
const at = (iso: string): Date => new Date(iso);
const plus = (date: Date, ms: number): Date => new Date(date.getTime() + ms);

const submitted = (firstSubmittedAt: Date, now: Date = at("2017-11-01T00:00:00Z")) =>
  submissionTimeliness({ deadline: DEADLINE, firstSubmittedAt, now });
const unsubmitted = (now: Date) => submissionTimeliness({ deadline: DEADLINE, firstSubmittedAt: null, now });

describe("submissionTimeliness: submitted", () => {
  it("is ON_TIME when first submitted on the deadline's last millisecond", () => {
    expect(DEADLINE.toISOString()).toBe("2017-08-10T15:59:59.999Z");
    expect(submitted(DEADLINE)).toEqual({ state: "ON_TIME", daysLeft: 0, daysLate: 0 });
  });

  it("is ON_TIME when submitted days before", () => {
    expect(submitted(at("2017-08-01T02:00:00Z"))).toEqual({ state: "ON_TIME", daysLeft: 0, daysLate: 0 });
  });

  it("is LATE, by one day, a millisecond after the deadline", () => {
    expect(submitted(plus(DEADLINE, 1))).toEqual({ state: "LATE", daysLeft: 0, daysLate: 1 });
  });

  it("counts the days late in China calendar days", () => {
    expect(submitted(chinaDayEnd("2017-08-11"))).toMatchObject({ state: "LATE", daysLate: 1 });
    expect(submitted(chinaDayStart("2017-08-12"))).toMatchObject({ state: "LATE", daysLate: 2 });
    // 11:00 on 8月12日 in China.
    expect(submitted(at("2017-08-12T03:00:00Z"))).toMatchObject({ state: "LATE", daysLate: 2 });
    expect(submitted(chinaDayStart("2017-09-20"))).toMatchObject({ state: "LATE", daysLate: 41 });
  });

  it("keeps a first submission on time ON_TIME whatever `now` is", () => {
    const first = at("2017-08-09T02:00:00Z");
    for (const now of [at("2017-08-09T03:00:00Z"), DEADLINE, plus(DEADLINE, 1), at("2018-06-01T00:00:00Z")])
      expect(submitted(first, now)).toEqual({ state: "ON_TIME", daysLeft: 0, daysLate: 0 });
  });

  it("keeps a late first submission LATE by the same days whatever `now` is", () => {
    const first = chinaDayStart("2017-08-13");
    for (const now of [first, at("2017-09-01T00:00:00Z"), at("2019-01-01T00:00:00Z")])
      expect(submitted(first, now)).toEqual({ state: "LATE", daysLeft: 0, daysLate: 3 });
  });

  it("counts a submission after a deadline set within a day as one day late, never zero", () => {
    // A deadline at 12:00 in China, submitted at 14:00 the same China day.
    const noon = at("2017-08-10T04:00:00Z");
    expect(
      submissionTimeliness({ deadline: noon, firstSubmittedAt: at("2017-08-10T06:00:00Z"), now: noon }),
    ).toEqual({ state: "LATE", daysLeft: 0, daysLate: 1 });
    expect(
      submissionTimeliness({ deadline: noon, firstSubmittedAt: null, now: at("2017-08-10T06:00:00Z") }),
    ).toEqual({ state: "OVERDUE", daysLeft: 0, daysLate: 1 });
  });
});

describe("submissionTimeliness: not submitted", () => {
  it("is OPEN with 0 days left on the deadline's day, whatever the hour", () => {
    for (const now of [chinaDayStart("2017-08-10"), at("2017-08-10T04:00:00Z"), DEADLINE])
      expect(unsubmitted(now), now.toISOString()).toEqual({ state: "OPEN", daysLeft: 0, daysLate: 0 });
  });

  it("counts the days left in China calendar days", () => {
    expect(unsubmitted(chinaDayEnd("2017-08-09"))).toEqual({ state: "OPEN", daysLeft: 1, daysLate: 0 });
    expect(unsubmitted(chinaDayStart("2017-08-09"))).toEqual({ state: "OPEN", daysLeft: 1, daysLate: 0 });
    expect(unsubmitted(chinaDayEnd("2017-08-08"))).toEqual({ state: "OPEN", daysLeft: 2, daysLate: 0 });
    expect(unsubmitted(at("2017-08-01T00:00:00Z"))).toEqual({ state: "OPEN", daysLeft: 9, daysLate: 0 });
  });

  it("is OVERDUE by one day a millisecond after the deadline, and through the next day", () => {
    expect(unsubmitted(plus(DEADLINE, 1))).toEqual({ state: "OVERDUE", daysLeft: 0, daysLate: 1 });
    expect(unsubmitted(chinaDayEnd("2017-08-11"))).toEqual({ state: "OVERDUE", daysLeft: 0, daysLate: 1 });
  });

  it("grows overdue day by day", () => {
    expect(unsubmitted(chinaDayStart("2017-08-12"))).toMatchObject({ state: "OVERDUE", daysLate: 2 });
    expect(unsubmitted(at("2017-09-20T08:00:00Z"))).toMatchObject({ state: "OVERDUE", daysLate: 41 });
  });
});

describe("tallySubmissions", () => {
  it("counts nothing in an empty list, with every state present", () => {
    expect(tallySubmissions([])).toEqual({ OPEN: 0, OVERDUE: 0, ON_TIME: 0, LATE: 0 });
    expect(Object.keys(tallySubmissions([])).sort()).toEqual([...SUBMISSION_STATES].sort());
  });

  it("counts how many units stand where", () => {
    const states: SubmissionState[] = ["ON_TIME", "LATE", "ON_TIME", "OVERDUE", "ON_TIME", "OPEN", "LATE"];
    expect(tallySubmissions(states)).toEqual({ OPEN: 1, OVERDUE: 1, ON_TIME: 3, LATE: 2 });
  });

  it("adds up to the number of units, and leaves the input alone", () => {
    const states: SubmissionState[] = ["OPEN", "OPEN", "OVERDUE"];
    const tally = tallySubmissions(states);
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(3);
    expect(states).toEqual(["OPEN", "OPEN", "OVERDUE"]);
  });

  it("tallies what submissionTimeliness says of each unit", () => {
    const units = [
      submitted(DEADLINE),
      submitted(plus(DEADLINE, 1)),
      unsubmitted(chinaDayStart("2017-08-12")),
      unsubmitted(chinaDayStart("2017-08-12")),
    ];
    expect(tallySubmissions(units.map((u) => u.state))).toEqual({ OPEN: 0, OVERDUE: 2, ON_TIME: 1, LATE: 1 });
  });
});
