/**
 * Bounds the audit rows anyone can cause without signing in (failed and throttled logins, refused
 * briefing links, cross-site requests): the audit table is append-only, so a flood would fill the
 * disk. Each address may write a few rows a minute and everyone together a few hundred; what is
 * held back is counted and written as one "audit.suppressed" row when rows are allowed again.
 */
export type AnonymousAuditLimits = { perIpPerMinute: number; totalPerMinute: number };

export const DEFAULT_ANONYMOUS_AUDIT_LIMITS: AnonymousAuditLimits = {
  perIpPerMinute: 30,
  totalPerMinute: 600,
};

const MINUTE_MS = 60_000;
// Addresses remembered within a minute; past it, further unknown addresses share the total only.
const MAX_ADDRESSES = 10_000;

export type AuditAllowance = { write: boolean; suppressedBefore: Suppressed | null };
export type Suppressed = { count: number; from: string; to: string };

export class AnonymousAuditLimit {
  #minute = -1;
  #total = 0;
  readonly #perIp = new Map<string, number>();
  #suppressed: { count: number; from: number; to: number } | null = null;

  constructor(readonly limits: AnonymousAuditLimits = DEFAULT_ANONYMOUS_AUDIT_LIMITS) {}

  /** Whether a row for `ip` may be written now, and the summary of rows held back before it. */
  allow(ip: string, now: Date): AuditAllowance {
    const time = now.getTime();
    const minute = Math.floor(time / MINUTE_MS);
    if (minute !== this.#minute) {
      this.#minute = minute;
      this.#total = 0;
      this.#perIp.clear();
    }
    const fromIp = this.#perIp.get(ip) ?? 0;
    const ipFull = fromIp >= this.limits.perIpPerMinute;
    if (ipFull || this.#total >= this.limits.totalPerMinute) {
      const held = this.#suppressed ?? { count: 0, from: time, to: time };
      this.#suppressed = { count: held.count + 1, from: held.from, to: time };
      return { write: false, suppressedBefore: null };
    }
    this.#total += 1;
    if (this.#perIp.size < MAX_ADDRESSES || this.#perIp.has(ip)) this.#perIp.set(ip, fromIp + 1);
    const held = this.#suppressed;
    this.#suppressed = null;
    return {
      write: true,
      suppressedBefore: held
        ? { count: held.count, from: new Date(held.from).toISOString(), to: new Date(held.to).toISOString() }
        : null,
    };
  }
}
