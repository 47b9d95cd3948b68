import { describe, expect, it } from "vitest";
import { createSharedReads } from "./shared-reads.ts";

/** A computation the test finishes by hand, counting how often it was started. */
function deferred() {
  let started = 0;
  const pending: { resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  return {
    compute: () => {
      started += 1;
      return new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
    },
    started: () => started,
    finish: (value: number) => pending.shift()?.resolve(value),
    fail: (error: Error) => pending.shift()?.reject(error),
  };
}

describe("shared reads", () => {
  it("computes once for every caller while the first is in flight", async () => {
    const reads = createSharedReads({ ttlMs: 0, now: () => 0 });
    const work = deferred();
    const answers = [reads.read("k", work.compute), reads.read("k", work.compute)];
    work.finish(7);
    expect(await Promise.all(answers)).toEqual([7, 7]);
    expect(work.started()).toBe(1);
  });

  it("keeps an answer for ttlMs after it came, and computes again from then on", async () => {
    let clock = 1000;
    const reads = createSharedReads({ ttlMs: 2000, now: () => clock });
    const work = deferred();
    const first = reads.read("k", work.compute);
    work.finish(1);
    await first;
    clock += 1999;
    expect(await reads.read("k", work.compute)).toBe(1);
    expect(work.started()).toBe(1);
    clock += 1;
    const again = reads.read("k", work.compute);
    work.finish(2);
    expect(await again).toBe(2);
    expect(work.started()).toBe(2);
  });

  it("keeps answers apart by key", async () => {
    const reads = createSharedReads({ ttlMs: 2000, now: () => 0 });
    const a = reads.read("a", async () => "A");
    const b = reads.read("b", async () => "B");
    expect([await a, await b]).toEqual(["A", "B"]);
  });

  it("after a write, neither a kept answer nor one still being computed reaches a later caller", async () => {
    const reads = createSharedReads({ ttlMs: 60_000, now: () => 0 });
    const work = deferred();
    const kept = reads.read("k", work.compute);
    work.finish(1);
    await kept;
    reads.forget();
    const inFlight = reads.read("k", work.compute);
    reads.forget();
    const later = reads.read("k", work.compute);
    work.finish(2);
    work.finish(3);
    expect([await inFlight, await later]).toEqual([2, 3]);
    expect(work.started()).toBe(3);
  });

  it("shares a failure with the callers in flight only: the next caller computes again", async () => {
    const reads = createSharedReads({ ttlMs: 60_000, now: () => 0 });
    const work = deferred();
    const failing = [reads.read("k", work.compute), reads.read("k", work.compute)];
    work.fail(new Error("database gone"));
    for (const answer of failing) await expect(answer).rejects.toThrow("database gone");
    const retried = reads.read("k", work.compute);
    work.finish(5);
    expect(await retried).toBe(5);
    expect(work.started()).toBe(2);
  });

  it("keeps at most maxEntries answers, pushing out the oldest", async () => {
    const reads = createSharedReads({ ttlMs: 60_000, now: () => 0, maxEntries: 2 });
    let computed = 0;
    const compute = async () => ++computed;
    await reads.read("a", compute);
    await reads.read("b", compute);
    await reads.read("c", compute);
    expect(await reads.read("c", compute)).toBe(3);
    expect(await reads.read("a", compute)).toBe(4);
  });
});
