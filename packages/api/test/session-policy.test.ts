// When a session ends: idle for idleMs, or absoluteMs after login, whichever comes first; and when
// lastSeenAt is worth writing.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SESSION_POLICY,
  needsTouch,
  type SessionPolicy,
  sessionStatus,
  TOUCH_INTERVAL_MS,
} from "../src/auth/session-policy.ts";

const policy: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
const login = new Date("2026-03-02T08:00:00Z");
const at = (ms: number) => new Date(login.getTime() + ms);

describe("sessionStatus", () => {
  it("defaults to 30 minutes idle and 12 hours in all", () => {
    expect(DEFAULT_SESSION_POLICY).toEqual(policy);
  });

  it("is active right after login", () => {
    expect(sessionStatus({ createdAt: login, lastSeenAt: login }, login, policy)).toBe("ACTIVE");
  });

  it("expires after exactly idleMs without a request, not a millisecond earlier", () => {
    const session = { createdAt: login, lastSeenAt: login };
    expect(sessionStatus(session, at(policy.idleMs - 1), policy)).toBe("ACTIVE");
    expect(sessionStatus(session, at(policy.idleMs), policy)).toBe("IDLE_EXPIRED");
    expect(sessionStatus(session, at(policy.idleMs + 1), policy)).toBe("IDLE_EXPIRED");
  });

  it("counts idle time from the last request, not from login", () => {
    const session = { createdAt: login, lastSeenAt: at(2 * 3_600_000) };
    expect(sessionStatus(session, at(2 * 3_600_000 + policy.idleMs - 1), policy)).toBe("ACTIVE");
    expect(sessionStatus(session, at(2 * 3_600_000 + policy.idleMs), policy)).toBe("IDLE_EXPIRED");
  });

  it("expires exactly absoluteMs after login however busy the session is", () => {
    const justBefore = at(policy.absoluteMs - 1);
    expect(sessionStatus({ createdAt: login, lastSeenAt: justBefore }, justBefore, policy)).toBe("ACTIVE");
    const end = at(policy.absoluteMs);
    expect(sessionStatus({ createdAt: login, lastSeenAt: end }, end, policy)).toBe("ABSOLUTE_EXPIRED");
  });

  it("names the absolute limit when both have passed", () => {
    expect(sessionStatus({ createdAt: login, lastSeenAt: login }, at(policy.absoluteMs), policy)).toBe(
      "ABSOLUTE_EXPIRED",
    );
  });

  it("follows the policy it is given", () => {
    const short: SessionPolicy = { idleMs: 1_000, absoluteMs: 5_000 };
    expect(sessionStatus({ createdAt: login, lastSeenAt: at(3_500) }, at(4_499), short)).toBe("ACTIVE");
    expect(sessionStatus({ createdAt: login, lastSeenAt: at(3_500) }, at(4_500), short)).toBe("IDLE_EXPIRED");
    expect(sessionStatus({ createdAt: login, lastSeenAt: at(4_999) }, at(5_000), short)).toBe(
      "ABSOLUTE_EXPIRED",
    );
  });
});

describe("needsTouch", () => {
  it("writes lastSeenAt once it is a minute old, not before", () => {
    expect(TOUCH_INTERVAL_MS).toBe(60_000);
    const session = { createdAt: login, lastSeenAt: login };
    expect(needsTouch(session, login)).toBe(false);
    expect(needsTouch(session, at(TOUCH_INTERVAL_MS - 1))).toBe(false);
    expect(needsTouch(session, at(TOUCH_INTERVAL_MS))).toBe(true);
    expect(needsTouch(session, at(policy.idleMs))).toBe(true);
  });

  it("looks at lastSeenAt only", () => {
    const session = { createdAt: login, lastSeenAt: at(3_600_000) };
    expect(needsTouch(session, at(3_600_000 + 59_999))).toBe(false);
    expect(needsTouch(session, at(3_600_000 + 60_000))).toBe(true);
  });
});
