import type { CycleSummaryDto } from "@beltmap/api";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { cyclesOldestFirst, startIndex } from "./cycles.ts";
import { createPlayer, type PlaybackState, type Player } from "./player.ts";

export type PlaybackOptions = {
  /** Every cycle (any order). */
  cycles: readonly CycleSummaryDto[];
  /** Where playback starts: the year the page shows (the header's cycle). */
  startYear: number | null;
  /** The page has the data of that cycle: the playing waits for it rather than show a year without it. */
  isReady: (cycle: CycleSummaryDto) => boolean;
  /** The cycle to show while playback is on; null once it is off (the page shows the header's cycle). */
  onCycle: (cycle: CycleSummaryDto | null) => void;
};

export type Playback = {
  /** Playback is on: the page shows `cycle` rather than the header's cycle. */
  active: boolean;
  /** Every cycle, oldest first. */
  cycles: readonly CycleSummaryDto[];
  state: PlaybackState;
  /** The cycle shown while active; null otherwise. */
  cycle: CycleSummaryDto | null;
  player: Player;
  open: () => void;
  close: () => void;
};

/**
 * 年度回放's state: off, the page shows the header's cycle; on, it steps or plays through every
 * cycle, telling the page which to show (onCycle). Lives in the lazily loaded playback bar, so the
 * pages' first load carries only the cycle they are told.
 */
export function usePlayback({ cycles, startYear, isReady, onCycle }: PlaybackOptions): Playback {
  const ordered = useMemo(() => cyclesOldestFirst(cycles), [cycles]);
  const [active, setActive] = useState(false);
  const [player] = useState(() => createPlayer({ count: ordered.length }));
  const state = useSyncExternalStore(player.subscribe, player.getState, player.getState);

  useEffect(() => player.setCount(ordered.length), [player, ordered.length]);
  useEffect(() => {
    player.setReady((index) => {
      const cycle = ordered[index];
      return cycle ? isReady(cycle) : true;
    });
  }, [player, ordered, isReady]);
  // Leaving the page stops the playing (the player itself lives as long as the bar).
  useEffect(() => () => player.pause(), [player]);

  const cycle = active ? (ordered[state.index] ?? null) : null;
  useEffect(() => onCycle(cycle), [cycle, onCycle]);
  // Gone (the page left): the page shows its own cycle again.
  useEffect(() => () => onCycle(null), [onCycle]);

  const open = useCallback(() => {
    player.goTo(startIndex(ordered, startYear));
    setActive(true);
  }, [player, ordered, startYear]);
  const close = useCallback(() => {
    player.pause();
    setActive(false);
  }, [player]);

  return { active, cycles: ordered, state, cycle, player, open, close };
}
