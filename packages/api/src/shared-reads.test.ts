import { describe, expect, it } from "vitest";
import { createSharedReads, type DataVersion } from "./shared-reads.ts";

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

/** The database's data version, kept in a variable: `bump` is another instance's write. */
function versionInMemory(options: { failBump?: boolean } = {}) {
  let version = 0;
  let reads = 0;
  const store: DataVersion = {
    read: async () => {
      reads += 1;
      return String(version);
    },
    bump: async () => {
      if (options.failBump) throw new Error("database gone");
      version += 1;
    },
  };
  const bumpElsewhere = () => {
    version += 1;
  };
  return { store, reads: () => reads, bumpElsewhere };
}

describe("shared reads with the database's data version", () => {
  it("hand out a kept answer while the version stands, and compute again once another instance wrote", async () => {
    const version = versionInMemory();
    const reads = createSharedReads({ ttlMs: 60_000, now: () => 0, dataVersion: version.store });
    let computed = 0;
    const compute = async () => ++computed;
    expect(await reads.read("k", compute)).toBe(1);
    expect(await reads.read("k", compute)).toBe(1);
    version.bumpElsewhere();
    expect(await reads.read("k", compute)).toBe(2);
    expect(await reads.read("k", compute)).toBe(2);
  });

  it("still keep an answer no longer than ttlMs, for writes that move no version", async () => {
    let clock = 0;
    const version = versionInMemory();
    const reads = createSharedReads({ ttlMs: 1000, now: () => clock, dataVersion: version.store });
    let computed = 0;
    const compute = async () => ++computed;
    await reads.read("k", compute);
    clock = 999;
    expect(await reads.read("k", compute)).toBe(1);
    clock = 1000;
    expect(await reads.read("k", compute)).toBe(2);
  });

  it("move the version on a write through this process, so the other instances see it", async () => {
    const version = versionInMemory();
    const here = createSharedReads({ ttlMs: 60_000, now: () => 0, dataVersion: version.store });
    const there = createSharedReads({ ttlMs: 60_000, now: () => 0, dataVersion: version.store });
    let data = 1;
    const compute = async () => data;
    expect([await here.read("k", compute), await there.read("k", compute)]).toEqual([1, 1]);
    data = 2;
    await here.forget();
    expect([await here.read("k", compute), await there.read("k", compute)]).toEqual([2, 2]);
  });

  it("read the version once for the callers arriving together", async () => {
    const version = versionInMemory();
    const reads = createSharedReads({ ttlMs: 60_000, now: () => 0, dataVersion: version.store });
    const compute = async () => "A";
    expect(await Promise.all([reads.read("a", compute), reads.read("b", compute)])).toEqual(["A", "A"]);
    expect(version.reads()).toBe(1);
    await reads.read("a", compute);
    expect(version.reads()).toBe(2);
  });

  it("forget here even when the version cannot be moved: the write has committed", async () => {
    const version = versionInMemory({ failBump: true });
    const reads = createSharedReads({ ttlMs: 60_000, now: () => 0, dataVersion: version.store });
    let data = 1;
    const compute = async () => data;
    await reads.read("k", compute);
    data = 2;
    await expect(reads.forget()).resolves.toBeUndefined();
    expect(await reads.read("k", compute)).toBe(2);
  });
});
