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

  it("keeps a locked account's count however many other names fail (10,000 keys before forgetting)", () => {
    const throttle = new LoginThrottle({ perUsername: 2, perIp: 1_000_000, windowMs: 3_600_000 });
    throttle.recordFailure("victim", "10.0.0.1", at(0));
    throttle.recordFailure("victim", "10.0.0.1", at(1)); // locked
    expect(throttle.retryAfterMs("victim", "10.0.0.2", at(2))).toBeGreaterThan(0);
    // 10,000 other names fail once each, from 527 addresses: far past the 10,000 keys kept.
    for (let i = 0; i < 10_000; i++) throttle.recordFailure(`flood-${i}`, `10.1.${i % 527}.1`, at(10 + i));
    // The locked account keeps its wait; the oldest unlocked names were forgotten instead.
    expect(throttle.retryAfterMs("victim", "10.0.0.2", at(20_000))).toBeGreaterThan(0);
    throttle.recordFailure("flood-0", "10.0.0.3", at(20_001));
    expect(throttle.retryAfterMs("flood-0", "10.0.0.3", at(20_002))).toBe(0); // its first failure was forgotten
    throttle.recordFailure("flood-9999", "10.0.0.3", at(20_003));
    expect(throttle.retryAfterMs("flood-9999", "10.0.0.3", at(20_004))).toBeGreaterThan(0); // still held
  });
});

describe("LoginThrottle.begin (attempts in flight)", () => {
  const clock = () => at(0);
  const settleSoon = () => new Promise((resolve) => setImmediate(resolve));

  it("lets 200 correct logins from one address through together: none is refused", async () => {
    const throttle = new LoginThrottle();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const verdict = await throttle.begin(`user-${i % 7}`, "10.0.0.1", clock);
        if (!("succeed" in verdict)) return verdict;
        await settleSoon(); // the password check
        verdict.succeed();
        return "ok";
      }),
    );
    expect(outcomes.filter((outcome) => outcome !== "ok")).toEqual([]);
    expect(throttle.retryAfterMs("user-0", "10.0.0.1", at(1))).toBe(0);
  });

  it("still lets only 5 wrong guesses at one account through, however many arrive together", async () => {
    const throttle = new LoginThrottle();
    let tried = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const verdict = await throttle.begin("demo-city", "10.0.0.1", clock);
        if (!("fail" in verdict)) return verdict;
        tried++;
        await settleSoon();
        verdict.fail();
        return "tried";
      }),
    );
    expect(tried).toBe(5);
    const refusals = outcomes.filter((outcome) => typeof outcome === "object");
    expect(refusals).toHaveLength(195);
    for (const refusal of refusals) expect(refusal).toEqual({ retryAfterMs: 15 * 60_000 });
  });

  it("frees an abandoned attempt's place without counting it", async () => {
    const throttle = new LoginThrottle({ perUsername: 1, perIp: 100, windowMs: 60_000 });
    const first = await throttle.begin("alice", "10.0.0.1", clock);
    const second = throttle.begin("alice", "10.0.0.1", clock); // waits for the first
    if (!("abandon" in first)) throw new Error("first attempt refused");
    first.abandon();
    first.fail(); // settled already: ignored
    const verdict = await second;
    expect("fail" in verdict).toBe(true);
    expect(throttle.retryAfterMs("alice", "10.0.0.1", at(1))).toBe(0);
  });

  it("answers busy rather than queueing without end", async () => {
    const throttle = new LoginThrottle({ perUsername: 1, perIp: 1, windowMs: 60_000 });
    const held = await throttle.begin("alice", "10.0.0.1", clock);
    const waiting = Array.from({ length: 2_000 }, () => throttle.begin("alice", "10.0.0.1", clock));
    expect(await throttle.begin("alice", "10.0.0.1", clock)).toEqual({ busy: true });
    if (!("succeed" in held)) throw new Error("first attempt refused");
    held.succeed();
    // Woken one after another as each settles; settle them all so nothing is left hanging.
    for (const attempt of waiting) {
      const verdict = await attempt;
      if ("succeed" in verdict) verdict.succeed();
    }
  });
});
