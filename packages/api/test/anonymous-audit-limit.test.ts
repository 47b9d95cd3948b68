// Audit rows nobody signed in for: a few a minute per address and a few hundred overall; what is
// held back is counted and handed to the next row written, as one summary.
import { describe, expect, it } from "vitest";
import { AnonymousAuditLimit, DEFAULT_ANONYMOUS_AUDIT_LIMITS } from "../src/auth/anonymous-audit-limit.ts";

const start = Date.parse("2026-12-05T08:00:00Z");
const at = (ms: number) => new Date(start + ms);

describe("AnonymousAuditLimit", () => {
  it("defaults to 30 rows a minute per address and 600 in all", () => {
    expect(DEFAULT_ANONYMOUS_AUDIT_LIMITS).toEqual({ perIpPerMinute: 30, totalPerMinute: 600 });
  });

  it("writes an address's first rows of the minute, holds back the rest, and summarises them in the next row written", () => {
    const limit = new AnonymousAuditLimit({ perIpPerMinute: 3, totalPerMinute: 100 });
    const written = Array.from({ length: 10 }, (_, i) => limit.allow("10.0.0.1", at(i * 1000)).write);
    expect(written).toEqual([true, true, true, false, false, false, false, false, false, false]);
    // Another address still has its own allowance; its row carries the summary of those held back.
    expect(limit.allow("10.0.0.2", at(11_000))).toEqual({
      write: true,
      suppressedBefore: { count: 7, from: at(3_000).toISOString(), to: at(9_000).toISOString() },
    });
    // The next minute, the first address may write again, with nothing left to summarise.
    expect(limit.allow("10.0.0.1", at(60_000))).toEqual({ write: true, suppressedBefore: null });
  });

  it("holds everyone back past the overall limit, so many addresses cannot flood the table either", () => {
    const limit = new AnonymousAuditLimit({ perIpPerMinute: 30, totalPerMinute: 50 });
    let written = 0;
    for (let i = 0; i < 527; i++) if (limit.allow(`10.1.${i % 256}.${i}`, at(i)).write) written++;
    expect(written).toBe(50);
    expect(limit.allow("10.9.9.9", at(60_001)).suppressedBefore?.count).toBe(477);
  });
});
