// How a belt is told apart from the others of its unit, the same on every page, print and export:
// a letter by its place in the unit's plan (A, B, C…), one colour per letter, and stop labels that
// carry the letter ("A1", "B3"), so no two stops of a county read alike.

/** Colours for belts, in the order of their letters. Okabe–Ito hues plus purple and a dark ochre,
 * chosen to stay apart from each other and from the tier colours' yellow, and legible on a light
 * or a dark basemap. Beyond seven belts they repeat, but the letter still tells them apart. */
export const BELT_PALETTE = ["#7B2D8E", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#8C6D1F"];

/** The belt's letter from its 0-based place in the unit's plan: A…Z, then AA, AB… */
export function beltLetter(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`belt index ${index}`);
  let n = index;
  let letters = "";
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}

/** The belt's colour from its 0-based place in the unit's plan. */
export function beltColor(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`belt index ${index}`);
  return BELT_PALETTE[index % BELT_PALETTE.length] as string;
}

/** A stop's label, unique within the unit: the belt's letter and the stop's 1-based number. */
export function stopLabel(beltIndex: number, position: number): string {
  if (!Number.isInteger(position) || position < 0) throw new RangeError(`stop position ${position}`);
  return `${beltLetter(beltIndex)}${position + 1}`;
}

/** A belt's identity on every page: its letter, colour and how it is named in a key ("A · 名称"). */
export type BeltIdentity = { index: number; letter: string; color: string };

export function beltIdentity(index: number): BeltIdentity {
  return { index, letter: beltLetter(index), color: beltColor(index) };
}

/**
 * Share of `stops` that are also stops of `other` (0 for an empty belt): a belt built from four
 * stops of another has 1, whatever the other's length.
 */
export function stopOverlap(stops: readonly number[], other: readonly number[]): number {
  const own = new Set(stops);
  if (own.size === 0) return 0;
  const theirs = new Set(other);
  let shared = 0;
  for (const id of own) if (theirs.has(id)) shared++;
  return shared / own.size;
}

/** A belt whose stops are this share or more another belt's of the same unit is a near-duplicate. */
export const NEAR_DUPLICATE_SHARE = 0.75;

export type NearDuplicate = { beltId: number; of: number; share: number };

/**
 * Each belt that repeats another of the same unit (≥ NEAR_DUPLICATE_SHARE of its stops), with the
 * belt it repeats. Of two equal belts the later one (in plan order) is the duplicate, so fixing it
 * clears both; a shorter belt inside a longer one is the duplicate whichever comes first.
 */
export function nearDuplicateBelts(
  belts: readonly { id: number; stopIds: readonly number[] }[],
): NearDuplicate[] {
  const found: NearDuplicate[] = [];
  belts.forEach((belt, i) => {
    let best: NearDuplicate | null = null;
    belts.forEach((other, j) => {
      if (i === j) return;
      const share = stopOverlap(belt.stopIds, other.stopIds);
      if (share < NEAR_DUPLICATE_SHARE) return;
      // Mutual near-duplicates: only the later is flagged, the earlier stands as the original.
      if (j > i && stopOverlap(other.stopIds, belt.stopIds) >= NEAR_DUPLICATE_SHARE) return;
      if (best === null || share > best.share) best = { beltId: belt.id, of: other.id, share };
    });
    if (best) found.push(best);
  });
  return found;
}
