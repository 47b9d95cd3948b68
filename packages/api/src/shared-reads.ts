// Reads that many people make at once and that come out the same for everyone of a region (the
// dashboard's figures, the belt rules, the series over the years, the township areas, the map's tile
// set): computed once for all the callers in flight, and kept for a moment after. At 100,000
// organisations each costs 0.1–0.4 s of the server and the database, so 200 people opening the
// dashboard together would otherwise queue for tens of seconds.
//
// A write through this process (any mutation) forgets everything, so whoever changed something sees
// it at once; a write through another instance shows here within `ttlMs`.

/** Kept this long by default: another instance's write shows within it. */
export const DEFAULT_SHARED_READ_MS = 2000;

export type SharedReads = {
  /** `compute`'s answer for `key`: in flight or younger than ttlMs and not older than the last write. */
  read<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** After a write: every kept answer, and any still being computed, is for no later caller. */
  forget(): void;
};

type Entry = { generation: number; settledAt: number | null; answer: Promise<unknown> };

export function createSharedReads(options: {
  ttlMs: number;
  /** Milliseconds on a monotonic clock; injectable for tests. */
  now?: () => number;
  /** Kept answers beyond this push out the oldest. */
  maxEntries?: number;
}): SharedReads {
  const now = options.now ?? (() => performance.now());
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, Entry>();
  let generation = 0;

  const fresh = (entry: Entry | undefined): entry is Entry =>
    entry !== undefined &&
    entry.generation === generation &&
    (entry.settledAt === null || now() - entry.settledAt < options.ttlMs);

  return {
    read<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const known = entries.get(key);
      if (fresh(known)) return known.answer as Promise<T>;
      const entry: Entry = { generation, settledAt: null, answer: Promise.resolve() };
      entry.answer = compute().then(
        (value) => {
          entry.settledAt = now();
          return value;
        },
        (error: unknown) => {
          // A failure is nobody else's answer: the next caller tries again.
          if (entries.get(key) === entry) entries.delete(key);
          throw error;
        },
      );
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return entry.answer as Promise<T>;
    },
    forget() {
      generation += 1;
      entries.clear();
    },
  };
}

/** `compute` through the context's shared reads, or on its own when the context has none. */
export function sharedRead<T>(
  ctx: { sharedReads: SharedReads | null },
  key: readonly unknown[],
  compute: () => Promise<T>,
): Promise<T> {
  return ctx.sharedReads ? ctx.sharedReads.read(JSON.stringify(key), compute) : compute();
}
