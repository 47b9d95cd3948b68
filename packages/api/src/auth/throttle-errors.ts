import { TRPCError } from "@trpc/server";
import type { ThrottleAttempt, ThrottleVerdict } from "./throttle.ts";

/** The refusal of a throttled attempt: the true wait, or "busy" when a flood fills the queue. */
export function throttledError(verdict: Exclude<ThrottleVerdict, ThrottleAttempt>, what: string): TRPCError {
  return new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message:
      "busy" in verdict
        ? "请求过多，请稍后再试"
        : `${what}，请 ${Math.ceil(verdict.retryAfterMs / 60_000)} 分钟后再试`,
  });
}

/** Runs a step of an attempt; if it throws (e.g. the database is down), the attempt's place is freed. */
export async function settleOnError<T>(attempt: ThrottleAttempt, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    // Freeing the place must not hide why the step failed (the database may be what failed).
    await attempt.abandon().catch(() => {});
    throw error;
  }
}
