import type { CycleSummaryDto } from "@beltmap/api";
import { useEffect, useState } from "react";
import { useCycle, useCycleInput } from "../shell/cycle.ts";
import { inputForCycle } from "./cycles.ts";

/**
 * A page's side of 年度回放 (the bar itself loads lazily): the cycle played, null while off (the
 * header's cycle is shown then), and the input the page's queries take for the cycle shown. While
 * it plays, `prefetch` asks for every cycle's data at once, so stepping and playing wait for nothing;
 * it must keep its identity (useCallback).
 */
export function usePlayedCycle(prefetch: (cycle: CycleSummaryDto) => void) {
  const { cycles } = useCycle();
  const headerInput = useCycleInput();
  const [played, setPlayed] = useState<CycleSummaryDto | null>(null);
  const playing = played !== null;
  useEffect(() => {
    if (!playing) return;
    for (const cycle of cycles) prefetch(cycle);
  }, [playing, cycles, prefetch]);
  return { played, setPlayed, playing, cycleInput: played ? inputForCycle(played) : headerInput };
}
