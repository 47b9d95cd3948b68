// Login throttling: failures per username and per address over a sliding window, counted in the
// database (a real PGlite), so that every server instance on it counts the same.
import type { Database } from "@beltmap/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_THROTTLE_LIMITS, LoginThrottle } from "../src/auth/throttle.ts";
import { openDemoDatabase } from "./support.ts";

let db: Database;
beforeAll(async () => {
  db = await openDemoDatabase();
}, 120_000);
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.prisma.throttleAttempt.deleteMany();
});

const start = new Date("2026-03-02T08:00:00Z").getTime();
const at = (ms: number) => new Date(start + ms);

describe("LoginThrottle", () => {
  it("defaults to 5 failures per username and 20 per address in 15 minutes", async () => {
    expect(DEFAULT_THROTTLE_LIMITS).toEqual({ perUsername: 5, perIp: 20, windowMs: 15 * 60_000 });
    expect(new LoginThrottle(db.prisma).limits).toBe(DEFAULT_THROTTLE_LIMITS);
  });

  it("allows attempts up to the limit, then refuses until the oldest failure leaves the window", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 3, perIp: 100, windowMs: 1_000 });
    for (const t of [0, 100, 200]) {
      expect(await throttle.retryAfterMs("alice", "10.0.0.1", at(t))).toBe(0);
      await throttle.recordFailure("alice", "10.0.0.1", at(t));
    }
    expect(await throttle.retryAfterMs("alice", "10.0.0.1", at(300))).toBe(700);
    expect(await throttle.retryAfterMs("alice", "10.0.0.1", at(999))).toBe(1);
    // The window slides: at 1000 the failure at 0 has left it, one attempt is allowed again…
    expect(await throttle.retryAfterMs("alice", "10.0.0.1", at(1_000))).toBe(0);
    await throttle.recordFailure("alice", "10.0.0.1", at(1_000));
    // …and after it fails, the next waits for the failure at 100 to leave.
    expect(await throttle.retryAfterMs("alice", "10.0.0.1", at(1_000))).toBe(100);
    expect(await throttle.retryAfterMs("alice", "10.0.0.1", at(1_100))).toBe(0);
    // Long after, everything is forgotten.
    expect(await throttle.retryAfterMs("alice", "10.0.0.1", at(10_000))).toBe(0);
  });

  it("with the defaults: the 6th attempt in 15 minutes waits for the 1st failure to be 15 minutes old", async () => {
    const throttle = new LoginThrottle(db.prisma);
    for (let i = 0; i < 5; i++) await throttle.recordFailure("demo-org", "10.0.0.1", at(i * 60_000));
    expect(await throttle.retryAfterMs("demo-org", "10.0.0.1", at(5 * 60_000))).toBe(10 * 60_000);
    expect(await throttle.retryAfterMs("demo-org", "10.0.0.1", at(15 * 60_000))).toBe(0);
  });

  it("counts a username from every address", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 3, perIp: 100, windowMs: 60_000 });
    for (const ip of ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) await throttle.recordFailure("alice", ip, at(0));
    expect(await throttle.retryAfterMs("alice", "10.0.0.4", at(1))).toBeGreaterThan(0);
    expect(await throttle.retryAfterMs("bob", "10.0.0.1", at(1))).toBe(0);
  });

  it("counts an address over every username", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 100, perIp: 3, windowMs: 60_000 });
    for (const username of ["alice", "bob", "carol"])
      await throttle.recordFailure(username, "10.0.0.1", at(0));
    expect(await throttle.retryAfterMs("dave", "10.0.0.1", at(1))).toBe(59_999);
    expect(await throttle.retryAfterMs("dave", "10.0.0.2", at(1))).toBe(0);
    expect(await throttle.retryAfterMs("alice", "10.0.0.2", at(1))).toBe(0);
  });

  it("waits for the longer of the two limits", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 2, perIp: 2, windowMs: 1_000 });
    await throttle.recordFailure("alice", "10.0.0.2", at(0));
    await throttle.recordFailure("alice", "10.0.0.2", at(100)); // alice free again at 1000
    await throttle.recordFailure("bob", "10.0.0.1", at(400));
    await throttle.recordFailure("carol", "10.0.0.1", at(800)); // 10.0.0.1 free again at 1400
    expect(await throttle.retryAfterMs("alice", "10.0.0.3", at(900))).toBe(100);
    expect(await throttle.retryAfterMs("dave", "10.0.0.1", at(900))).toBe(500);
    expect(await throttle.retryAfterMs("alice", "10.0.0.1", at(900))).toBe(500);
  });

  it("treats usernames case-insensitively", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 3, perIp: 100, windowMs: 60_000 });
    await throttle.recordFailure("Alice", "10.0.0.1", at(0));
    await throttle.recordFailure("ALICE", "10.0.0.2", at(0));
    await throttle.recordFailure("alice", "10.0.0.3", at(0));
    expect(await throttle.retryAfterMs("aLiCe", "10.0.0.4", at(1))).toBeGreaterThan(0);
    await throttle.recordSuccess("ALICE");
    expect(await throttle.retryAfterMs("alice", "10.0.0.4", at(1))).toBe(0);
  });

  it("clears a username's count on success, but not its address's", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 3, perIp: 4, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) await throttle.recordFailure("alice", "10.0.0.1", at(i));
    expect(await throttle.retryAfterMs("alice", "10.0.0.9", at(10))).toBeGreaterThan(0);
    await throttle.recordSuccess("alice");
    expect(await throttle.retryAfterMs("alice", "10.0.0.9", at(10))).toBe(0);
    // The address still holds its 3 failures: one more and it is refused, for everyone.
    await throttle.recordFailure("bob", "10.0.0.1", at(20));
    expect(await throttle.retryAfterMs("carol", "10.0.0.1", at(30))).toBeGreaterThan(0);
    // A success of a username that never failed changes nothing.
    await throttle.recordSuccess("nobody");
    expect(await throttle.retryAfterMs("carol", "10.0.0.1", at(30))).toBeGreaterThan(0);
  });

  it("keeps a locked account's count however many other names fail", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 2, perIp: 1_000_000, windowMs: 3_600_000 });
    await throttle.recordFailure("victim", "10.0.0.1", at(0));
    await throttle.recordFailure("victim", "10.0.0.1", at(1)); // locked
    // 2,000 other names fail once each, from 527 addresses: nothing is forgotten within the window.
    await db.prisma.throttleAttempt.createMany({
      data: Array.from({ length: 2_000 }, (_, i) => [
        { key: `u:flood-${i}`, state: "FAILED", at: at(10 + i) },
        { key: `ip:10.1.${i % 527}.1`, state: "FAILED", at: at(10 + i) },
      ]).flat(),
    });
    expect(await throttle.retryAfterMs("victim", "10.0.0.2", at(20_000))).toBe(3_600_000 - 20_000);
    expect(await throttle.retryAfterMs("flood-0", "10.0.0.3", at(20_000))).toBe(0);
  });

  it("deletes failures that have left the window when another failure is recorded", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 5, perIp: 100, windowMs: 120_000 });
    await throttle.recordFailure("old", "10.0.0.1", at(0));
    const attempt = await throttle.begin("alice", "10.0.0.2", () => at(200_000));
    if (!("fail" in attempt)) throw new Error("refused");
    await attempt.fail();
    const keys = await db.prisma.throttleAttempt.findMany({ select: { key: true }, orderBy: { key: "asc" } });
    expect(keys.map((k) => k.key)).toEqual(["ip:10.0.0.2", "u:alice"]);
  });
});

describe("LoginThrottle on several server instances (one database)", () => {
  const clock = () => at(0);

  it("counts the failures of every instance: the 6th guess is refused on the other", async () => {
    const [a, b] = [new LoginThrottle(db.prisma), new LoginThrottle(db.prisma)];
    for (let i = 0; i < 5; i++) {
      const attempt = await (i % 2 === 0 ? a : b).begin("demo-city", "10.0.0.1", clock);
      if (!("fail" in attempt)) throw new Error(`guess ${i + 1} refused`);
      await attempt.fail();
    }
    expect(await a.begin("demo-city", "10.0.0.9", clock)).toEqual({ retryAfterMs: 15 * 60_000 });
    expect(await b.begin("demo-city", "10.0.0.9", clock)).toEqual({ retryAfterMs: 15 * 60_000 });
    // A success on either clears the username for both.
    await a.recordSuccess("DEMO-CITY");
    expect(await b.retryAfterMs("demo-city", "10.0.0.9", at(1))).toBe(0);
  });

  it("lets only the limit of guesses through when they arrive at two instances together", async () => {
    const instances = [new LoginThrottle(db.prisma), new LoginThrottle(db.prisma)];
    let tried = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const verdict = await (instances[i % 2] as LoginThrottle).begin("demo-city", "10.0.0.1", clock);
        if (!("fail" in verdict)) return verdict;
        tried++;
        await new Promise((resolve) => setImmediate(resolve));
        await verdict.fail();
        return "tried";
      }),
    );
    expect(tried).toBe(5);
    expect(outcomes.filter((o) => o !== "tried")).toHaveLength(35);
  });

  it("waits for another instance's attempt in flight, and goes on once it settles there", async () => {
    const [a, b] = [
      new LoginThrottle(db.prisma, { perUsername: 1, perIp: 100, windowMs: 60_000 }),
      new LoginThrottle(db.prisma, { perUsername: 1, perIp: 100, windowMs: 60_000 }),
    ];
    const held = await a.begin("alice", "10.0.0.1", clock);
    if (!("succeed" in held)) throw new Error("refused");
    let settledFirst = false;
    const waiting = b.begin("alice", "10.0.0.2", clock).then((verdict) => {
      expect(settledFirst).toBe(true);
      return verdict;
    });
    await new Promise((resolve) => setImmediate(resolve));
    settledFirst = true;
    await held.succeed();
    const verdict = await waiting; // b learns of it from the database, not from a's wake-up
    expect("succeed" in verdict).toBe(true);
    if ("succeed" in verdict) await verdict.succeed();
  });

  it("ignores an attempt left in flight by an instance that died a minute ago", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 1, perIp: 100, windowMs: 15 * 60_000 });
    await db.prisma.throttleAttempt.createMany({
      data: [
        { key: "u:alice", state: "PENDING", at: at(0) },
        { key: "ip:10.0.0.1", state: "PENDING", at: at(0) },
      ],
    });
    const verdict = await throttle.begin("alice", "10.0.0.1", () => at(60_001));
    expect("succeed" in verdict).toBe(true);
    if ("succeed" in verdict) await verdict.abandon();
  });
});

describe("LoginThrottle.begin (attempts in flight)", () => {
  const clock = () => at(0);
  const settleSoon = () => new Promise((resolve) => setImmediate(resolve));

  it("lets 200 correct logins from one address through together: none is refused", async () => {
    const throttle = new LoginThrottle(db.prisma);
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const verdict = await throttle.begin(`user-${i % 7}`, "10.0.0.1", clock);
        if (!("succeed" in verdict)) return verdict;
        await settleSoon(); // the password check
        await verdict.succeed();
        return "ok";
      }),
    );
    expect(outcomes.filter((outcome) => outcome !== "ok")).toEqual([]);
    expect(await throttle.retryAfterMs("user-0", "10.0.0.1", at(1))).toBe(0);
  });

  it("still lets only 5 wrong guesses at one account through, however many arrive together", async () => {
    const throttle = new LoginThrottle(db.prisma);
    let tried = 0;
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const verdict = await throttle.begin("demo-city", "10.0.0.1", clock);
        if (!("fail" in verdict)) return verdict;
        tried++;
        await settleSoon();
        await verdict.fail();
        return "tried";
      }),
    );
    expect(tried).toBe(5);
    const refusals = outcomes.filter((outcome) => typeof outcome === "object");
    expect(refusals).toHaveLength(195);
    for (const refusal of refusals) expect(refusal).toEqual({ retryAfterMs: 15 * 60_000 });
  });

  it("frees an abandoned attempt's place without counting it", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 1, perIp: 100, windowMs: 60_000 });
    const first = await throttle.begin("alice", "10.0.0.1", clock);
    const second = throttle.begin("alice", "10.0.0.1", clock); // waits for the first
    if (!("abandon" in first)) throw new Error("first attempt refused");
    await first.abandon();
    await first.fail(); // settled already: ignored
    const verdict = await second;
    expect("fail" in verdict).toBe(true);
    expect(await throttle.retryAfterMs("alice", "10.0.0.1", at(1))).toBe(0);
  });

  it("answers busy rather than queueing without end", async () => {
    const throttle = new LoginThrottle(db.prisma, { perUsername: 1, perIp: 1, windowMs: 60_000 }, 20);
    const held = await throttle.begin("alice", "10.0.0.1", clock);
    const waiting = Array.from({ length: 20 }, () => throttle.begin("alice", "10.0.0.1", clock));
    await expect.poll(() => throttle.waiting).toBe(20);
    expect(await throttle.begin("alice", "10.0.0.1", clock)).toEqual({ busy: true });
    if (!("succeed" in held)) throw new Error("first attempt refused");
    await held.succeed();
    // Woken one after another as each settles, in no set order: each is settled as it gets in.
    const settled = await Promise.all(
      waiting.map(async (attempt) => {
        const verdict = await attempt;
        if ("succeed" in verdict) await verdict.succeed();
        return "succeed" in verdict;
      }),
    );
    expect(settled.every(Boolean)).toBe(true);
  });
});
