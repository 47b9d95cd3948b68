/**
 * Failed logins counted per username and per client address over a sliding window: past the
 * limit, further attempts are refused until the oldest failure leaves the window. Kept in memory:
 * one server process serves an installation; a restart forgets the counts.
 *
 * Attempts in flight (the password check takes a while) count against the limits too, so a burst
 * of guesses cannot all pass before the first failure is recorded; but an attempt that finds the
 * limit reached only by attempts in flight waits for them to settle instead of being refused, so
 * correct logins arriving together all get through and a refusal always means real failures.
 */
export type ThrottleLimits = { perUsername: number; perIp: number; windowMs: number };

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = { perUsername: 5, perIp: 20, windowMs: 15 * 60_000 };

/** An attempt let through: settle it exactly once (later calls are ignored). */
export type ThrottleAttempt = {
  succeed(): void;
  fail(): void;
  /** Neither success nor failure (e.g. the database failed): frees its place, counts nothing. */
  abandon(): void;
};

export type ThrottleVerdict = { retryAfterMs: number } | { busy: true } | ThrottleAttempt;

// Keys kept before the least recently failed unlocked ones are forgotten; locked keys are kept up
// to HARD_MAX_KEYS (each holds at most its limit of timestamps), so a flood of other names cannot
// unlock an account.
const MAX_KEYS = 10_000;
const HARD_MAX_KEYS = 200_000;
// Attempts waiting for others to settle, over all keys: more is a flood, answered "busy".
const MAX_WAITING = 2_000;

export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #pending = new Map<string, number>();
  #waiting: Array<() => void> = [];

  constructor(readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS) {}

  /** Milliseconds until another attempt is allowed by the recorded failures; 0 when allowed now. */
  retryAfterMs(username: string, ip: string, now: Date): number {
    const [userKey, ipKey] = keysOf(username, ip);
    return Math.max(
      this.#wait(userKey, this.limits.perUsername, now.getTime()),
      this.#wait(ipKey, this.limits.perIp, now.getTime()),
    );
  }

  /**
   * Checks and reserves an attempt before the slow password check. Refuses (with the true wait)
   * when recorded failures reach a limit; waits while attempts in flight fill it.
   */
  async begin(username: string, ip: string, clock: () => Date): Promise<ThrottleVerdict> {
    const [userKey, ipKey] = keysOf(username, ip);
    for (;;) {
      const now = clock();
      const retryAfterMs = this.retryAfterMs(username, ip, now);
      if (retryAfterMs > 0) return { retryAfterMs };
      const userRoom = this.limits.perUsername - this.#count(userKey, now.getTime());
      const ipRoom = this.limits.perIp - this.#count(ipKey, now.getTime());
      if (userRoom > 0 && ipRoom > 0) return this.#reserve(userKey, ipKey, clock);
      if (this.#waiting.length >= MAX_WAITING) return { busy: true };
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  recordFailure(username: string, ip: string, now: Date): void {
    this.#recordFailureOf(keysOf(username, ip), now.getTime());
  }

  /** A successful login clears the username's count (not the address's: one address, many users). */
  recordSuccess(username: string): void {
    this.#failures.delete(keysOf(username, "")[0]);
  }

  #reserve(userKey: string, ipKey: string, clock: () => Date): ThrottleAttempt {
    for (const key of [userKey, ipKey]) this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
    let settled = false;
    const settle = (record: () => void) => {
      if (settled) return;
      settled = true;
      for (const key of [userKey, ipKey]) {
        const left = (this.#pending.get(key) ?? 1) - 1;
        if (left > 0) this.#pending.set(key, left);
        else this.#pending.delete(key);
      }
      record();
      const waiting = this.#waiting;
      this.#waiting = [];
      for (const wake of waiting) wake();
    };
    return {
      succeed: () => settle(() => this.#failures.delete(userKey)),
      fail: () => settle(() => this.#recordFailureOf([userKey, ipKey], clock().getTime())),
      abandon: () => settle(() => {}),
    };
  }

  #recordFailureOf(keys: readonly string[], now: number): void {
    for (const key of keys) {
      const times = this.#recent(key, now);
      times.push(now);
      this.#failures.delete(key); // re-insert: the map's order is then least recently failed first
      this.#failures.set(key, times);
    }
    if (this.#failures.size > MAX_KEYS) this.#evict(now);
  }

  /** Forgets keys with nothing left in the window, then unlocked keys, least recently failed first. */
  #evict(now: number): void {
    for (const [key, times] of this.#failures) {
      if (this.#failures.size <= MAX_KEYS) return;
      const recent = times.filter((t) => now - t < this.limits.windowMs);
      if (recent.length < this.#limitOf(key)) this.#failures.delete(key);
    }
    for (const key of this.#failures.keys()) {
      if (this.#failures.size <= HARD_MAX_KEYS) return;
      this.#failures.delete(key);
    }
  }

  #limitOf(key: string): number {
    return key.startsWith("u:") ? this.limits.perUsername : this.limits.perIp;
  }

  #count(key: string, now: number): number {
    return this.#recent(key, now).length + (this.#pending.get(key) ?? 0);
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((t) => now - t < this.limits.windowMs);
  }

  #wait(key: string, limit: number, now: number): number {
    const times = this.#recent(key, now);
    if (times.length < limit) return 0;
    const oldestCounted = times[times.length - limit] ?? now;
    return oldestCounted + this.limits.windowMs - now;
  }
}

function keysOf(username: string, ip: string): [string, string] {
  return [`u:${username.toLowerCase()}`, `ip:${ip}`];
}
