import type { CycleSummaryDto } from "@beltmap/api";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cyclesOldestFirst, inputForCycle, startIndex } from "./cycles.ts";
import {
  createPlayer,
  goToPlayback,
  initialPlayback,
  pausePlayback,
  playPlayback,
  resizePlayback,
  stepPlayback,
  tickPlayback,
} from "./player.ts";

describe("the playback's steps (pure)", () => {
  it("starts at the newest cycle, stopped", () => {
    expect(initialPlayback(3)).toEqual({ index: 2, count: 3, playing: false });
    expect(initialPlayback(3, 0)).toEqual({ index: 0, count: 3, playing: false });
    expect(initialPlayback(0)).toEqual({ index: 0, count: 0, playing: false });
  });

  it("steps back and forth, stopping at either end; a step by hand stops the playing", () => {
    const s = initialPlayback(3, 1);
    expect(stepPlayback(s, 1).index).toBe(2);
    expect(stepPlayback(stepPlayback(s, 1), 1).index).toBe(2);
    expect(stepPlayback(s, -1).index).toBe(0);
    expect(stepPlayback(stepPlayback(s, -1), -1).index).toBe(0);
    expect(stepPlayback({ ...s, playing: true }, 1).playing).toBe(false);
    expect(goToPlayback(s, 7)).toEqual({ index: 2, count: 3, playing: false });
    expect(goToPlayback(s, -4).index).toBe(0);
  });

  it("plays from the cycle shown, from the oldest when the newest is shown, and ends on the newest", () => {
    expect(playPlayback(initialPlayback(3, 1))).toEqual({ index: 1, count: 3, playing: true });
    expect(playPlayback(initialPlayback(3))).toEqual({ index: 0, count: 3, playing: true });
    let s = playPlayback(initialPlayback(3));
    s = tickPlayback(s);
    expect(s).toEqual({ index: 1, count: 3, playing: true });
    s = tickPlayback(s);
    expect(s).toEqual({ index: 2, count: 3, playing: false });
    expect(tickPlayback(s)).toBe(s); // stopped: a late tick changes nothing
    expect(pausePlayback(playPlayback(initialPlayback(3))).playing).toBe(false);
  });

  it("does not play one cycle", () => {
    expect(playPlayback(initialPlayback(1)).playing).toBe(false);
    expect(playPlayback(initialPlayback(0)).playing).toBe(false);
  });

  it("keeps its place when a cycle is added, and stops when too few remain", () => {
    const s = playPlayback(initialPlayback(2, 0));
    expect(resizePlayback(s, 3)).toEqual({ index: 0, count: 3, playing: true });
    expect(resizePlayback({ ...s, index: 1 }, 1)).toEqual({ index: 0, count: 1, playing: false });
    expect(resizePlayback(s, 2)).toBe(s);
  });
});

describe("the player, on a fake clock", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("steps once per interval while playing and stops on the newest cycle", () => {
    const player = createPlayer({ count: 3, stepMs: 2000 });
    const seen: number[] = [];
    player.subscribe(() => seen.push(player.getState().index));
    player.play(); // from the newest: back to the oldest
    expect(player.getState()).toEqual({ index: 0, count: 3, playing: true });
    vi.advanceTimersByTime(1999);
    expect(player.getState().index).toBe(0);
    vi.advanceTimersByTime(1);
    expect(player.getState().index).toBe(1);
    vi.advanceTimersByTime(2000);
    expect(player.getState()).toEqual({ index: 2, count: 3, playing: false });
    // Stopped: the interval is gone, nothing more happens however long one waits.
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual([0, 1, 2]);
  });

  it("pauses, and a step by hand stops the interval", () => {
    const player = createPlayer({ count: 4, index: 0, stepMs: 1000 });
    player.play();
    vi.advanceTimersByTime(1000);
    expect(player.getState().index).toBe(1);
    player.pause();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(player.getState().index).toBe(1);
    player.toggle();
    expect(player.getState().playing).toBe(true);
    player.step(-1);
    expect(player.getState()).toEqual({ index: 0, count: 4, playing: false });
    expect(vi.getTimerCount()).toBe(0);
    player.goTo(3);
    expect(player.getState().index).toBe(3);
  });

  it("waits on a cycle whose data has not come, then goes on", () => {
    const loaded = new Set([0]);
    const player = createPlayer({ count: 3, index: 0, stepMs: 1000, isReady: (i) => loaded.has(i) });
    player.play();
    vi.advanceTimersByTime(3000);
    expect(player.getState()).toEqual({ index: 0, count: 3, playing: true });
    loaded.add(1);
    vi.advanceTimersByTime(1000);
    expect(player.getState().index).toBe(1);
    player.setReady(() => true);
    vi.advanceTimersByTime(1000);
    expect(player.getState()).toEqual({ index: 2, count: 3, playing: false });
  });

  it("leaves no timer behind when disposed", () => {
    const player = createPlayer({ count: 2, index: 0, stepMs: 1000 });
    const listener = vi.fn();
    player.subscribe(listener);
    player.play();
    expect(vi.getTimerCount()).toBe(1);
    player.dispose();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(player.getState().index).toBe(0);
    expect(listener).toHaveBeenCalledTimes(1); // the play itself, nothing after
  });

  it("drives with timers passed in (a clock of the test's own)", () => {
    const callbacks = new Map<number, () => void>();
    let next = 1;
    const player = createPlayer({
      count: 2,
      index: 0,
      timers: {
        setInterval: (callback) => {
          callbacks.set(next, callback);
          return next++;
        },
        clearInterval: (id) => callbacks.delete(id as number),
      },
    });
    player.play();
    expect(callbacks.size).toBe(1);
    for (const tick of callbacks.values()) tick();
    expect(player.getState()).toEqual({ index: 1, count: 2, playing: false });
    expect(callbacks.size).toBe(0);
  });
});

const cycle = (id: number, year: number, isCurrent: boolean): CycleSummaryDto => ({
  id,
  year,
  name: `${year}年度`,
  isCurrent,
  startsOn: `${year}-01-01`,
  endsOn: `${year}-12-31`,
  beltPlanDeadline: `${year}-08-10T15:59:59.999Z`,
  initialSummaryDeadline: `${year}-09-20T15:59:59.999Z`,
  targets: { excellent: 100, practices: 50, good: 400, pass: 600, fail: 100 },
  openedAt: null,
  closedAt: null,
});

describe("the cycles played", () => {
  const cycles = [cycle(2, 2026, true), cycle(1, 2017, false)]; // as cycle.list gives them

  it("go oldest first, from the cycle the page shows", () => {
    const ordered = cyclesOldestFirst(cycles);
    expect(ordered.map((c) => c.year)).toEqual([2017, 2026]);
    expect(startIndex(ordered, 2017)).toBe(0);
    expect(startIndex(ordered, 2026)).toBe(1);
    expect(startIndex(ordered, null)).toBe(1);
    expect(startIndex(ordered, 1999)).toBe(1);
  });

  it("ask for the current cycle without an id (sharing the first load's cache), a past one by id", () => {
    expect(inputForCycle(cycles[0] ?? null)).toEqual({});
    expect(inputForCycle(cycles[1] ?? null)).toEqual({ cycleId: 1 });
    expect(inputForCycle(null)).toEqual({});
  });
});
