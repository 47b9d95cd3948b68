import type { CycleSummaryDto } from "@beltmap/api";
import { createContext, useContext } from "react";

/**
 * The cycle (年度) every page shows: the current one, or a past one chosen in the header, which
 * is read-only history. Pages spread useCycleInput() into the input of every query that reads one
 * cycle, and hide their writes while isPast.
 */
export type CycleView = {
  cycles: readonly CycleSummaryDto[];
  current: CycleSummaryDto | null;
  selected: CycleSummaryDto | null;
  /** A past cycle is shown: nothing may be changed. */
  isPast: boolean;
  /** Shows the cycle of `year` (the current one for its own year). */
  select: (year: number) => void;
};

const NONE: CycleView = { cycles: [], current: null, selected: null, isPast: false, select: () => {} };

export const CycleContext = createContext<CycleView>(NONE);

export function useCycle(): CycleView {
  return useContext(CycleContext);
}

/**
 * The `cycleId` for a query's input: none while the current cycle is shown (so the answers share
 * their cache with the pages' prefetches), the past cycle's id otherwise.
 */
export function cycleInputOf(view: Pick<CycleView, "selected" | "isPast">): { cycleId?: number } {
  return view.isPast && view.selected ? { cycleId: view.selected.id } : {};
}

export function useCycleInput(): { cycleId?: number } {
  return cycleInputOf(useCycle());
}

const STORAGE_KEY = "beltmap.cycleYear";

/**
 * The year to show when the app opens: `?cycle=` in the address (a shared link), else the one
 * chosen earlier in this tab; null for the current cycle.
 */
export function initialCycleYear(): number | null {
  const fromUrl = Number(new URLSearchParams(window.location.search).get("cycle"));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  const stored = Number(sessionStorage.getItem(STORAGE_KEY));
  return Number.isInteger(stored) && stored > 0 ? stored : null;
}

export function rememberCycleYear(year: number | null): void {
  if (year === null) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, String(year));
}

/** The view from the list of cycles and the year asked for (unknown years fall back to the current). */
export function cycleView(
  cycles: readonly CycleSummaryDto[],
  year: number | null,
  select: (year: number) => void,
): CycleView {
  const current = cycles.find((c) => c.isCurrent) ?? cycles[0] ?? null;
  const selected = (year === null ? null : cycles.find((c) => c.year === year)) ?? current;
  return { cycles, current, selected, isPast: selected !== null && !selected.isCurrent, select };
}
