// 年度回放: stepping back and forth through the cycles, or playing them one after another. Pure
// state transitions plus a small player that drives them with an interval; the timers are passed
// in (the browser's by default), so unit tests drive them with a fake clock.

export type PlaybackState = {
  /** The cycle shown, as an index into the cycles oldest first. */
  index: number;
  /** How many cycles there are. */
  count: number;
  playing: boolean;
};

export const DEFAULT_STEP_MS = 2000;

const clamp = (index: number, count: number) => Math.max(0, Math.min(Math.max(0, count - 1), index));

export function initialPlayback(count: number, index = count - 1): PlaybackState {
  return { index: clamp(index, count), count: Math.max(0, count), playing: false };
}

/** One step back (-1) or forth (+1), stopping at either end; a step by hand stops the playing. */
export function stepPlayback(state: PlaybackState, by: number): PlaybackState {
  return { ...state, index: clamp(state.index + by, state.count), playing: false };
}

export function goToPlayback(state: PlaybackState, index: number): PlaybackState {
  return { ...state, index: clamp(index, state.count), playing: false };
}

/** Plays from the cycle shown, or from the oldest when the newest is shown; nothing with one cycle. */
export function playPlayback(state: PlaybackState): PlaybackState {
  if (state.count < 2) return { ...state, playing: false };
  const atEnd = state.index >= state.count - 1;
  return { ...state, index: atEnd ? 0 : state.index, playing: true };
}

export function pausePlayback(state: PlaybackState): PlaybackState {
  return state.playing ? { ...state, playing: false } : state;
}

/** What the interval does: the next cycle; the newest ends the playing there. */
export function tickPlayback(state: PlaybackState): PlaybackState {
  if (!state.playing) return state;
  const index = clamp(state.index + 1, state.count);
  return { ...state, index, playing: index < state.count - 1 };
}

/** The count changed (a cycle opened): the same position where it still exists. */
export function resizePlayback(state: PlaybackState, count: number): PlaybackState {
  if (count === state.count) return state;
  const next = { ...state, count: Math.max(0, count), index: clamp(state.index, count) };
  return count < 2 ? { ...next, playing: false } : next;
}

export type Timers = {
  setInterval: (callback: () => void, ms: number) => unknown;
  clearInterval: (id: unknown) => void;
};

const browserTimers: Timers = {
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (id) => globalThis.clearInterval(id as ReturnType<typeof setInterval>),
};

export type Player = {
  getState: () => PlaybackState;
  subscribe: (listener: () => void) => () => void;
  play: () => void;
  pause: () => void;
  toggle: () => void;
  step: (by: number) => void;
  goTo: (index: number) => void;
  setCount: (count: number) => void;
  /** Replaces what the player asks before each tick (the page's data changes as cycles load). */
  setReady: (isReady: (index: number) => boolean) => void;
  dispose: () => void;
};

/**
 * A player over `count` cycles. While it plays, an interval of `stepMs` moves it on, one cycle a
 * tick; a tick waits (does nothing) while `isReady(next)` says the next cycle's data has not come,
 * so a slow answer holds the playing rather than skipping a year. The interval runs only while
 * playing.
 */
export function createPlayer(options: {
  count: number;
  index?: number;
  stepMs?: number;
  timers?: Timers;
  isReady?: (index: number) => boolean;
}): Player {
  const timers = options.timers ?? browserTimers;
  const stepMs = options.stepMs ?? DEFAULT_STEP_MS;
  let state = initialPlayback(options.count, options.index ?? options.count - 1);
  let timer: unknown = null;
  const listeners = new Set<() => void>();
  let ready = options.isReady ?? (() => true);

  const stopTimer = () => {
    if (timer !== null) timers.clearInterval(timer);
    timer = null;
  };
  const set = (next: PlaybackState) => {
    if (next === state) return;
    state = next;
    if (state.playing && timer === null) {
      timer = timers.setInterval(() => {
        if (!ready(Math.min(state.index + 1, state.count - 1))) return;
        set(tickPlayback(state));
      }, stepMs);
    }
    if (!state.playing) stopTimer();
    for (const listener of listeners) listener();
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    play: () => set(playPlayback(state)),
    pause: () => set(pausePlayback(state)),
    toggle: () => set(state.playing ? pausePlayback(state) : playPlayback(state)),
    step: (by) => set(stepPlayback(state, by)),
    goTo: (index) => set(goToPlayback(state, index)),
    setCount: (count) => set(resizePlayback(state, count)),
    setReady(isReady) {
      ready = isReady;
    },
    dispose() {
      stopTimer();
      listeners.clear();
    },
  };
}
