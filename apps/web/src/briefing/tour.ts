// The briefing screen's tour: which slide comes next, and how long each stays. Pure, unit-tested.

/** A slide: the whole city, or one unit. */
export type Slide = { unitId: string | null };

export const DEFAULT_INTERVAL_SECONDS = 20;
export const MIN_INTERVAL_SECONDS = 2;
export const MAX_INTERVAL_SECONDS = 600;

/**
 * The city first, then every unit in the order given (Appendix 3's); a screen of one unit (its
 * link, or a county's user) shows that unit only: an overview of one would say the same twice.
 */
export function slidesOf(unitIds: readonly string[]): Slide[] {
  const units = unitIds.map((unitId) => ({ unitId }));
  return units.length === 1 ? units : [{ unitId: null }, ...units];
}

/** The slide `step` places after `index` (negative steps go back), wrapping around. */
export function nextSlide(index: number, count: number, step = 1): number {
  if (count <= 0) return 0;
  return (((index + step) % count) + count) % count;
}

/** `?interval=` in seconds, kept within sensible bounds; anything else gives the default. */
export function intervalSeconds(raw: string | null): number {
  const value = raw === null ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) return DEFAULT_INTERVAL_SECONDS;
  return Math.min(MAX_INTERVAL_SECONDS, Math.max(MIN_INTERVAL_SECONDS, Math.round(value)));
}

export type TourKey = "next" | "previous" | "pause" | null;

/** Presentation clickers send PageDown/PageUp (some the arrows); space pauses and resumes. */
export function tourKey(key: string): TourKey {
  switch (key) {
    case "PageDown":
    case "ArrowRight":
    case "ArrowDown":
      return "next";
    case "PageUp":
    case "ArrowLeft":
    case "ArrowUp":
      return "previous";
    case " ":
    case "Spacebar":
      return "pause";
    default:
      return null;
  }
}

/** The 16:9 stage is laid out at 1920×1080 and scaled to fit the screen, letterboxed. */
export const STAGE = { width: 1920, height: 1080 } as const;

export function stageScale(viewportWidth: number, viewportHeight: number): number {
  if (viewportWidth <= 0 || viewportHeight <= 0) return 1;
  return Math.min(viewportWidth / STAGE.width, viewportHeight / STAGE.height);
}
