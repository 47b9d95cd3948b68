// Login throttling: failures per username and per address over a sliding window, in memory, bounded.
import { describe, expect, it } from "vitest";
import { DEFAULT_THROTTLE_LIMITS, LoginThrottle } from "../src/auth/throttle.ts";

const start = new Date("2026-03-02T08:00:00Z").getTime();
const at = (ms: number) => new Date(start + ms);

describe("LoginThrottle", () => {
  it("defaults to 5 failures per username and 20 per address in 15 minutes", () => {
    expect(DEFAULT_THROTTLE_LIMITS).toEqual({ perUsername: 5, perIp: 20, windowMs: 15 * 60_000 });
    expect(new LoginThrottle().limits).toBe(DEFAULT_THROTTLE_LIMITS);
  });

  it("allows attempts up to the limit, then refuses until the oldest failure leaves the window", () => {
    const throttle = new LoginThrottle({ perUsername: 3, perIp: 100, windowMs: 1_000 });
    for (const t of [0, 100, 200]) {
      expect(throttle.retryAfterMs("alice", "10.0.0.1", at(t))).toBe(0);
      throttle.recordFailure("alice", "10.0.0.1", at(t));
    }
    expect(throttle.retryAfterMs("alice", "10.0.0.1", at(300))).toBe(700);
    expect(throttle.retryAfterMs("alice", "10.0.0.1", at(999))).toBe(1);
    // The window slides: at 1000 the failure at 0 has left it, one attempt is allowed again…
    expect(throttle.retryAfterMs("alice", "10.0.0.1", at(1_000))).toBe(0);
    throttle.recordFailure("alice", "10.0.0.1", at(1_000));
    // …and after it fails, the next waits for the failure at 100 to leave.
    expect(throttle.retryAfterMs("alice", "10.0.0.1", at(1_000))).toBe(100);
    expect(throttle.retryAfterMs("alice", "10.0.0.1", at(1_100))).toBe(0);
    // Long after, everything is forgotten.
    expect(throttle.retryAfterMs("alice", "10.0.0.1", at(10_000))).toBe(0);
  });

  it("with the defaults: the 6th attempt in 15 minutes waits for the 1st failure to be 15 minutes old", () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure("demo-org", "10.0.0.1", at(i * 60_000));
    expect(throttle.retryAfterMs("demo-org", "10.0.0.1", at(5 * 60_000))).toBe(10 * 60_000);
    expect(throttle.retryAfterMs("demo-org", "10.0.0.1", at(15 * 60_000))).toBe(0);
  });

  it("counts a username from every address", () => {
    const throttle = new LoginThrottle({ perUsername: 3, perIp: 100, windowMs: 60_000 });
    for (const ip of ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) throttle.recordFailure("alice", ip, at(0));
    expect(throttle.retryAfterMs("alice", "10.0.0.4", at(1))).toBeGreaterThan(0);
    expect(throttle.retryAfterMs("bob", "10.0.0.1", at(1))).toBe(0);
  });

  it("counts an address over every username", () => {
    const throttle = new LoginThrottle({ perUsername: 100, perIp: 3, windowMs: 60_000 });
    for (const username of ["alice", "bob", "carol"]) throttle.recordFailure(username, "10.0.0.1", at(0));
    expect(throttle.retryAfterMs("dave", "10.0.0.1", at(1))).toBe(59_999);
    expect(throttle.retryAfterMs("dave", "10.0.0.2", at(1))).toBe(0);
    expect(throttle.retryAfterMs("alice", "10.0.0.2", at(1))).toBe(0);
  });

  it("waits for the longer of the two limits", () => {
    const throttle = new LoginThrottle({ perUsername: 2, perIp: 2, windowMs: 1_000 });
    throttle.recordFailure("alice", "10.0.0.2", at(0));
    throttle.recordFailure("alice", "10.0.0.2", at(100)); // alice free again at 1000
    throttle.recordFailure("bob", "10.0.0.1", at(400));
    throttle.recordFailure("carol", "10.0.0.1", at(800)); // 10.0.0.1 free again at 1400
    expect(throttle.retryAfterMs("alice", "10.0.0.3", at(900))).toBe(100);
    expect(throttle.retryAfterMs("dave", "10.0.0.1", at(900))).toBe(500);
    expect(throttle.retryAfterMs("alice", "10.0.0.1", at(900))).toBe(500);
  });

  it("treats usernames case-insensitively", () => {
    const throttle = new LoginThrottle({ perUsername: 3, perIp: 100, windowMs: 60_000 });
    throttle.recordFailure("Alice", "10.0.0.1", at(0));
    throttle.recordFailure("ALICE", "10.0.0.2", at(0));
    throttle.recordFailure("alice", "10.0.0.3", at(0));
    expect(throttle.retryAfterMs("aLiCe", "10.0.0.4", at(1))).toBeGreaterThan(0);
    throttle.recordSuccess("ALICE");
    expect(throttle.retryAfterMs("alice", "10.0.0.4", at(1))).toBe(0);
  });

  it("clears a username's count on success, but not its address's", () => {
    const throttle = new LoginThrottle({ perUsername: 3, perIp: 4, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) throttle.recordFailure("alice", "10.0.0.1", at(i));
    expect(throttle.retryAfterMs("alice", "10.0.0.9", at(10))).toBeGreaterThan(0);
    throttle.recordSuccess("alice");
    expect(throttle.retryAfterMs("alice", "10.0.0.9", at(10))).toBe(0);
    // The address still holds its 3 failures: one more and it is refused, for everyone.
    throttle.recordFailure("bob", "10.0.0.1", at(20));
    expect(throttle.retryAfterMs("carol", "10.0.0.1", at(30))).toBeGreaterThan(0);
    // A success of a username that never failed changes nothing.
    throttle.recordSuccess("nobody");
    expect(throttle.retryAfterMs("carol", "10.0.0.1", at(30))).toBeGreaterThan(0);
  });

  it("keeps at most 10,000 keys, forgetting the least recently failed first", () => {
    const throttle = new LoginThrottle({ perUsername: 1, perIp: 1_000_000, windowMs: 3_600_000 });
    throttle.recordFailure("victim", "10.0.0.1", at(0)); // keys: u:victim, ip:10.0.0.1
    expect(throttle.retryAfterMs("victim", "10.0.0.2", at(1))).toBeGreaterThan(0);
    // 9,998 more usernames from the same address: 10,000 keys, all kept.
    for (let i = 1; i <= 9_998; i++) throttle.recordFailure(`flood-${i}`, "10.0.0.1", at(i));
    expect(throttle.retryAfterMs("victim", "10.0.0.2", at(20_000))).toBeGreaterThan(0);
    // One more: the oldest key (victim's) goes; the address, which keeps failing, stays.
    throttle.recordFailure("flood-9999", "10.0.0.1", at(20_001));
    expect(throttle.retryAfterMs("victim", "10.0.0.2", at(20_002))).toBe(0);
    expect(throttle.retryAfterMs("flood-1", "10.0.0.2", at(20_002))).toBeGreaterThan(0);
    expect(throttle.retryAfterMs("flood-9999", "10.0.0.2", at(20_002))).toBeGreaterThan(0);
  });
});
