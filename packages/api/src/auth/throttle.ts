/**
 * Failed logins counted per username and per client address over a sliding window: past the
 * limit, further attempts are refused until the oldest failure leaves the window. Kept in memory:
 * one server process serves an installation; a restart forgets the counts.
 */
export type ThrottleLimits = { perUsername: number; perIp: number; windowMs: number };

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = { perUsername: 5, perIp: 20, windowMs: 15 * 60_000 };

// Bounds the memory a flood of distinct usernames can take.
const MAX_KEYS = 10_000;

export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS) {}

  /** Milliseconds until another attempt is allowed; 0 when it is allowed now. */
  retryAfterMs(username: string, ip: string, now: Date): number {
    return Math.max(
      this.#wait(`u:${username.toLowerCase()}`, this.limits.perUsername, now.getTime()),
      this.#wait(`ip:${ip}`, this.limits.perIp, now.getTime()),
    );
  }

  /**
   * Checks and counts an attempt in one synchronous step, before the slow password check: attempts
   * that arrive together cannot all pass. Returns how long to wait, or the attempt to settle.
   */
  begin(username: string, ip: string, now: Date): { retryAfterMs: number } | { succeed(): void } {
    const retryAfterMs = this.retryAfterMs(username, ip, now);
    if (retryAfterMs > 0) return { retryAfterMs };
    this.recordFailure(username, ip, now); // counted as failed until it succeeds
    return {
      succeed: () => {
        this.recordSuccess(username);
        this.#forget(`ip:${ip}`, now.getTime());
      },
    };
  }

  recordFailure(username: string, ip: string, now: Date): void {
    for (const key of [`u:${username.toLowerCase()}`, `ip:${ip}`]) {
      const times = this.#recent(key, now.getTime());
      times.push(now.getTime());
      this.#failures.delete(key); // re-insert: the map's order is then least recently failed first
      this.#failures.set(key, times);
    }
    while (this.#failures.size > MAX_KEYS) {
      const oldest = this.#failures.keys().next().value;
      if (oldest === undefined) break;
      this.#failures.delete(oldest);
    }
  }

  /** A successful login clears the username's count (not the address's: one address, many users). */
  recordSuccess(username: string): void {
    this.#failures.delete(`u:${username.toLowerCase()}`);
  }

  #forget(key: string, time: number): void {
    const times = this.#failures.get(key);
    const index = times?.lastIndexOf(time) ?? -1;
    if (times && index >= 0) times.splice(index, 1);
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
