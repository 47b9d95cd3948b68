import { beltIdentity } from "@beltmap/domain";

/**
 * A belt's letter on a disc of its colour: how a belt is named in keys, cards, lists and print, the
 * same as on every map (beltIdentity). `index` is the belt's place in its unit's plan.
 */
export function BeltBadge({ index, className }: { index: number; className?: string }) {
  const { letter, color } = beltIdentity(index);
  return (
    <span
      className={className ? `belt-badge ${className}` : "belt-badge"}
      style={{ background: color }}
      data-belt-letter={letter}
      data-belt-color={color}
      aria-hidden="true"
    >
      {letter}
    </span>
  );
}
