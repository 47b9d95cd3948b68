// Which cycle a page shows while it plays back, and the input its queries take for it. Pure.
import type { CycleSummaryDto } from "@beltmap/api";

/** The cycles oldest first: the order of playback and of the line over the years. */
export function cyclesOldestFirst(cycles: readonly CycleSummaryDto[]): CycleSummaryDto[] {
  return [...cycles].sort((a, b) => a.year - b.year);
}

/**
 * The input of a cycle-bound query for `cycle`: none for the current cycle (its answers share the
 * cache with the page's first load and prefetch), its id for any other.
 */
export function inputForCycle(cycle: Pick<CycleSummaryDto, "id" | "isCurrent"> | null): {
  cycleId?: number;
} {
  return cycle && !cycle.isCurrent ? { cycleId: cycle.id } : {};
}

/** Where playback starts: at the cycle the page shows (the header's), else at the newest. */
export function startIndex(ordered: readonly CycleSummaryDto[], year: number | null | undefined): number {
  const at = ordered.findIndex((c) => c.year === year);
  return at >= 0 ? at : ordered.length - 1;
}
