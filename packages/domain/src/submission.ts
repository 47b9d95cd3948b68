import { chinaDaysBetween } from "./china-day.ts";

// A report the units owe the city by a deadline of the cycle (the belt plan by 8月10日, 附件2 by
// 9月20日 in 2017): where each unit stands, rather than one countdown for everybody.

export const SUBMISSION_STATES = ["OPEN", "OVERDUE", "ON_TIME", "LATE"] as const;
/**
 * OPEN: not submitted, the deadline not yet passed; OVERDUE: not submitted and the deadline has
 * passed; ON_TIME / LATE: first submitted by the deadline / after it.
 */
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export type SubmissionTimeliness = {
  state: SubmissionState;
  /** OPEN: China calendar days left, 0 on the deadline's day. */
  daysLeft: number;
  /** OVERDUE: days past the deadline's day; LATE: how many days late the first submission came. */
  daysLate: number;
};

/**
 * Judged by the first submission: a version sent back by the city and submitted again does not
 * make a unit that reported on time late. Days are China calendar days; a deadline covers its day.
 */
export function submissionTimeliness(args: {
  deadline: Date;
  firstSubmittedAt: Date | null;
  now: Date;
}): SubmissionTimeliness {
  const { deadline, firstSubmittedAt, now } = args;
  if (firstSubmittedAt !== null) {
    const late = firstSubmittedAt.getTime() > deadline.getTime();
    return {
      state: late ? "LATE" : "ON_TIME",
      daysLeft: 0,
      daysLate: late ? Math.max(1, chinaDaysBetween(deadline, firstSubmittedAt)) : 0,
    };
  }
  if (now.getTime() <= deadline.getTime())
    return { state: "OPEN", daysLeft: Math.max(0, chinaDaysBetween(now, deadline)), daysLate: 0 };
  return { state: "OVERDUE", daysLeft: 0, daysLate: Math.max(1, chinaDaysBetween(deadline, now)) };
}

export type SubmissionTally = Record<SubmissionState, number>;

/** How many units stand where: what a dashboard shows in place of a countdown. */
export function tallySubmissions(states: readonly SubmissionState[]): SubmissionTally {
  const tally: SubmissionTally = { OPEN: 0, OVERDUE: 0, ON_TIME: 0, LATE: 0 };
  for (const state of states) tally[state]++;
  return tally;
}
