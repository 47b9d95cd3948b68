import type { Prisma, PrismaClient } from "@beltmap/db";

/**
 * Failed logins counted per username and per client address over a sliding window: past the
 * limit, further attempts are refused until the oldest failure leaves the window. Kept in the
 * database (ThrottleAttempt), so every server instance behind a proxy counts the same failures and
 * a restart forgets nothing.
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
  succeed(): Promise<void>;
  fail(): Promise<void>;
  /** Neither success nor failure (e.g. the database failed): frees its place, counts nothing. */
  abandon(): Promise<void>;
};

export type ThrottleVerdict = { retryAfterMs: number } | { busy: true } | ThrottleAttempt;

// Attempts of this process waiting for others to settle, over all keys: more is a flood, answered "busy".
const MAX_WAITING = 2_000;
// An attempt in flight on another instance is looked for again this often (this instance's own
// settles wake their waiters at once).
const RECHECK_MS = 100;
// Held only by this process's attempts: woken when one settles; the timer is a safety net only.
const LOCAL_RECHECK_MS = 2_000;
// An attempt still in flight after this long belongs to an instance that died mid-check: ignored.
const PENDING_STALE_MS = 60_000;

type Client = PrismaClient | Prisma.TransactionClient;
type Keys = { user: string; ip: string };
type Check =
  | { refused: { retryAfterMs: number } }
  | { wait: true; elsewhere: boolean }
  | { reserved: number[] };

/** An attempt of this process waiting for a place; woken when an attempt on one of its keys settles. */
type Waiter = { keys: Keys; wake: () => void };

export class LoginThrottle {
  #waiting: Waiter[] = [];
  // This process's attempts in flight per key: more in the database means another instance's.
  readonly #inFlight = new Map<string, number>();

  constructor(
    private readonly prisma: PrismaClient,
    readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
    private readonly maxWaiting = MAX_WAITING,
  ) {}

  /** Attempts of this process waiting for a place (at maxWaiting, further ones are answered busy). */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Milliseconds until another attempt is allowed by the recorded failures; 0 when allowed now. */
  async retryAfterMs(username: string, ip: string, now: Date): Promise<number> {
    const keys = keysOf(username, ip);
    return this.#waitOf(await this.#attempts(this.prisma, keys, now), keys, now);
  }

  /**
   * Checks and reserves an attempt before the slow password check. Refuses (with the true wait)
   * when recorded failures reach a limit; waits while attempts in flight fill it.
   */
  async begin(username: string, ip: string, clock: () => Date): Promise<ThrottleVerdict> {
    const keys = keysOf(username, ip);
    for (;;) {
      const check = await this.#check(keys, clock);
      if ("reserved" in check) return this.#attempt(check.reserved, keys, clock);
      if ("refused" in check) {
        // Refused by failures: the next waiter on these keys is refused too, or gets in.
        this.#wakeNext(keys);
        return check.refused;
      }
      if (this.#waiting.length >= this.maxWaiting) return { busy: true };
      await this.#waitForPlace(keys, check.elsewhere);
    }
  }

  /** In one transaction, with the keys locked over all instances: refuse, reserve, or wait. */
  #check(keys: Keys, clock: () => Date): Promise<Check> {
    return this.prisma.$transaction(async (tx): Promise<Check> => {
      // One check at a time per key, over all instances: two cannot both take the last place.
      for (const key of [keys.user, keys.ip].sort())
        await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext(${key}))`;
      const now = clock();
      const attempts = await this.#attempts(tx, keys, now);
      const retryAfterMs = this.#waitOf(attempts, keys, now);
      if (retryAfterMs > 0) return { refused: { retryAfterMs } };
      const used = (key: string) => attempts.filter((a) => a.key === key).length;
      if (used(keys.user) < this.limits.perUsername && used(keys.ip) < this.limits.perIp) {
        const mine = await tx.throttleAttempt.createManyAndReturn({
          data: [keys.user, keys.ip].map((key) => ({ key, state: "PENDING", at: now })),
          select: { id: true },
        });
        for (const key of [keys.user, keys.ip]) this.#inFlight.set(key, (this.#inFlight.get(key) ?? 0) + 1);
        return { reserved: mine.map((row) => row.id) };
      }
      const pending = (key: string) => attempts.filter((a) => a.key === key && a.state === "PENDING").length;
      const elsewhere = [keys.user, keys.ip].some((key) => pending(key) > (this.#inFlight.get(key) ?? 0));
      return { wait: true, elsewhere };
    });
  }

  /**
   * Until an attempt of this process on one of the keys settles; where another instance's attempt
   * holds the place, looked for again every RECHECK_MS (that instance cannot wake this one).
   */
  #waitForPlace(keys: Keys, elsewhere: boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const waiter: Waiter = {
        keys,
        wake: () => {
          clearTimeout(timer);
          this.#waiting = this.#waiting.filter((w) => w !== waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, elsewhere ? RECHECK_MS : LOCAL_RECHECK_MS);
      this.#waiting.push(waiter);
    });
  }

  /** Wakes the first waiter on each key: a settled attempt freed one place on each. */
  #wakeNext(keys: Keys): void {
    for (const key of [keys.user, keys.ip]) {
      this.#waiting.find((w) => w.keys.user === key || w.keys.ip === key)?.wake();
    }
  }

  async recordFailure(username: string, ip: string, now: Date): Promise<void> {
    const keys = keysOf(username, ip);
    await this.prisma.throttleAttempt.createMany({
      data: [keys.user, keys.ip].map((key) => ({ key, state: "FAILED", at: now })),
    });
  }

  /** A successful login clears the username's count (not the address's: one address, many users). */
  async recordSuccess(username: string): Promise<void> {
    await this.prisma.throttleAttempt.deleteMany({
      where: { key: keysOf(username, "").user, state: "FAILED" },
    });
  }

  #attempt(ids: number[], keys: Keys, clock: () => Date): ThrottleAttempt {
    let settled = false;
    const settle = async (record: () => Promise<unknown>) => {
      if (settled) return;
      settled = true;
      try {
        await record();
      } finally {
        for (const key of [keys.user, keys.ip]) {
          const left = (this.#inFlight.get(key) ?? 1) - 1;
          if (left > 0) this.#inFlight.set(key, left);
          else this.#inFlight.delete(key);
        }
        this.#wakeNext(keys);
      }
    };
    const mine = { id: { in: ids } };
    return {
      succeed: () =>
        settle(() =>
          this.prisma.throttleAttempt.deleteMany({
            where: { OR: [mine, { key: keys.user, state: "FAILED" }] },
          }),
        ),
      fail: () =>
        settle(() => {
          const now = clock();
          return this.prisma.$transaction([
            this.prisma.throttleAttempt.updateMany({ where: mine, data: { state: "FAILED", at: now } }),
            // What has left the window counts for nothing: the table holds one window's failures.
            this.prisma.throttleAttempt.deleteMany({
              where: {
                at: { lt: new Date(now.getTime() - Math.max(this.limits.windowMs, PENDING_STALE_MS)) },
              },
            }),
          ]);
        }),
      abandon: () => settle(() => this.prisma.throttleAttempt.deleteMany({ where: mine })),
    };
  }

  /** The failures within the window and the attempts in flight, of both keys. */
  async #attempts(client: Client, keys: Keys, now: Date) {
    const rows = await client.throttleAttempt.findMany({
      where: {
        key: { in: [keys.user, keys.ip] },
        at: { gt: new Date(now.getTime() - Math.max(this.limits.windowMs, PENDING_STALE_MS)) },
      },
      select: { key: true, state: true, at: true },
    });
    const since = now.getTime() - this.limits.windowMs;
    return rows
      .map((row) => ({
        key: row.key,
        at: row.at.getTime(),
        state:
          row.state === "PENDING"
            ? now.getTime() - row.at.getTime() < PENDING_STALE_MS
              ? "PENDING"
              : "STALE"
            : row.at.getTime() > since
              ? "FAILED"
              : "STALE",
      }))
      .filter((row) => row.state !== "STALE");
  }

  /** How long until the recorded failures let another attempt through, by the stricter key. */
  #waitOf(attempts: { key: string; state: string; at: number }[], keys: Keys, now: Date): number {
    const waitFor = (key: string, limit: number) => {
      const times = attempts
        .filter((a) => a.key === key && a.state === "FAILED")
        .map((a) => a.at)
        .sort((x, y) => x - y);
      if (times.length < limit) return 0;
      const oldestCounted = times[times.length - limit] ?? now.getTime();
      return oldestCounted + this.limits.windowMs - now.getTime();
    };
    return Math.max(waitFor(keys.user, this.limits.perUsername), waitFor(keys.ip, this.limits.perIp));
  }
}

function keysOf(username: string, ip: string): Keys {
  return { user: `u:${username.toLowerCase()}`, ip: `ip:${ip}` };
}
