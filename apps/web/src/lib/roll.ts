// A counter rolling to its value on the wall screen: where it stands after `elapsed` ms of a roll
// from `from` to `to` lasting `duration` ms, easing out, in whole steps.

export function rolledValue(from: number, to: number, elapsed: number, duration: number): number {
  if (duration <= 0 || elapsed >= duration) return to;
  const t = Math.max(0, elapsed) / duration;
  const eased = 1 - (1 - t) ** 3;
  return Math.round(from + (to - from) * eased);
}
