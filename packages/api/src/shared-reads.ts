// Reads that many people make at once and that come out the same for everyone of a region (the
// dashboard's figures, the belt rules, the series over the years, the township areas, the map's tile
// set): computed once for all the callers in flight, and kept after. At 100,000 organisations each
// costs 0.1–0.4 s of the server and the database, so 200 people opening the dashboard together
// would otherwise queue for tens of seconds.
//
// A write through this process (any mutation) forgets everything, so whoever changed something sees
// it at once. With a `dataVersion` (the server's: the database's DataVersion row), a write also
// moves the database's data version, and every instance checks it (one indexed row) before it
// hands out a kept answer: a write through another instance shows at once too, and nothing is
// recomputed while nobody writes. Without one, or for a write that moves no version (a command-line
// tool's), a kept answer lasts `ttlMs`.

/** Kept this long at most: a write that moves no data version shows within it. */
export const DEFAULT_SHARED_READ_MS = 60_000;

/** The database's count of writes to the campaign data, shared by every server instance. */
export type DataVersion = {
  read(): Promise<string>;
  /** After a write has committed: every instance's kept answers are out of date. */
  bump(): Promise<void>;
};

export type SharedReads = {
  /** `compute`'s answer for `key`: in flight or kept, of the current data version and not older than ttlMs. */
  read<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /**
   * After a write: every kept answer, and any still being computed, is for no later caller, here at
   * once and, once the promise settles, on every instance. It never rejects: the write has committed
   * whatever becomes of the version, and the other instances then see it within ttlMs.
   */
  forget(): Promise<void>;
};

type Entry = {
  generation: number;
  version: string | null;
  settledAt: number | null;
  answer: Promise<unknown>;
};

export function createSharedReads(options: {
  ttlMs: number;
  /** The database's data version; without it, kept answers are trusted for ttlMs. */
  dataVersion?: DataVersion;
  /** Milliseconds on a monotonic clock; injectable for tests. */
  now?: () => number;
  /** Kept answers beyond this push out the oldest. */
  maxEntries?: number;
}): SharedReads {
  const now = options.now ?? (() => performance.now());
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, Entry>();
  let generation = 0;
  const { dataVersion } = options;
  // Callers arriving together share one read of the version.
  let versionRead: Promise<string> | null = null;
  const currentVersion = (source: DataVersion) => {
    versionRead ??= source.read().finally(() => {
      versionRead = null;
    });
    return versionRead;
  };

  const fresh = (entry: Entry | undefined, version: string | null): entry is Entry =>
    entry !== undefined &&
    entry.generation === generation &&
    entry.version === version &&
    (entry.settledAt === null || now() - entry.settledAt < options.ttlMs);

  // The version is read before the answer is computed, and moved only after a write has committed:
  // an answer kept under a version can be newer than that version, never older.
  function readAt<T>(key: string, version: string | null, compute: () => Promise<T>): Promise<T> {
    const known = entries.get(key);
    if (fresh(known, version)) return known.answer as Promise<T>;
    const entry: Entry = { generation, version, settledAt: null, answer: Promise.resolve() };
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
  }

  return {
    read<T>(key: string, compute: () => Promise<T>): Promise<T> {
      if (!dataVersion) return readAt(key, null, compute);
      return currentVersion(dataVersion).then((version) => readAt(key, version, compute));
    },
    async forget() {
      generation += 1;
      entries.clear();
      await dataVersion?.bump().catch(() => undefined);
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
