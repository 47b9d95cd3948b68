import { describe, expect, it } from "vitest";
import { chartMotion } from "./motion.ts";

describe("chartMotion", () => {
  it("draws a chart at once and animates only what changes after", () => {
    expect(chartMotion(false)).toEqual({ animationDuration: 0, animationDurationUpdate: 400 });
  });

  it("moves nothing for a viewer who asks for reduced motion", () => {
    expect(chartMotion(true)).toEqual({ animation: false });
  });
});
