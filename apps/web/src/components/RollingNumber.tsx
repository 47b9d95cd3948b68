import { useEffect, useRef, useState } from "react";
import { prefersReducedMotion } from "../lib/motion.ts";
import { rolledValue } from "../lib/roll.ts";

const ROLL_MS = 900;

/**
 * A figure that rolls up to its value when it appears or changes (the 大屏's counters). The value
 * itself is always in the page, for screen readers and tests; the rolling digits are drawn over it
 * and hidden from assistive technology. No roll for those who ask for reduced motion.
 */
export function RollingNumber({ value, testId }: { value: number; testId: string }) {
  const [shown, setShown] = useState<number | null>(null);
  const from = useRef(0);
  useEffect(() => {
    if (prefersReducedMotion()) return;
    const start = performance.now();
    const origin = from.current;
    let frame = requestAnimationFrame(function step(now) {
      const current = rolledValue(origin, value, now - start, ROLL_MS);
      setShown(current);
      if (current !== value || now - start < ROLL_MS) frame = requestAnimationFrame(step);
      else setShown(null);
    });
    return () => {
      cancelAnimationFrame(frame);
      from.current = value;
      setShown(null);
    };
  }, [value]);
  const rolling = shown !== null && shown !== value;
  return (
    <strong className="rolling-number">
      <span className={rolling ? "rolling-final rolling" : "rolling-final"} data-testid={testId}>
        {value}
      </span>
      {rolling && (
        <span className="rolling-shown" aria-hidden="true">
          {shown}
        </span>
      )}
    </strong>
  );
}
