import { describe, expect, it } from "vitest";
import {
  DEFAULT_INTERVAL_SECONDS,
  intervalSeconds,
  nextSlide,
  STAGE,
  slidesOf,
  stageScale,
  tourKey,
} from "./tour.ts";

describe("the tour", () => {
  it("starts with the city, then each unit; a screen of one unit shows that unit only", () => {
    expect(slidesOf(["KECHENG", "QUJIANG"])).toEqual([
      { unitId: null },
      { unitId: "KECHENG" },
      { unitId: "QUJIANG" },
    ]);
    expect(slidesOf(["KECHENG"])).toEqual([{ unitId: "KECHENG" }]);
    expect(slidesOf([])).toEqual([{ unitId: null }]);
  });

  it("wraps forward and back", () => {
    expect(nextSlide(0, 3)).toBe(1);
    expect(nextSlide(2, 3)).toBe(0);
    expect(nextSlide(0, 3, -1)).toBe(2);
    expect(nextSlide(0, 0)).toBe(0);
  });

  it("reads the interval within bounds", () => {
    expect(intervalSeconds(null)).toBe(DEFAULT_INTERVAL_SECONDS);
    expect(intervalSeconds("abc")).toBe(DEFAULT_INTERVAL_SECONDS);
    expect(intervalSeconds("1")).toBe(2);
    expect(intervalSeconds("45")).toBe(45);
    expect(intervalSeconds("100000")).toBe(600);
  });

  it("takes a presentation clicker's keys and space", () => {
    expect(["PageDown", "ArrowRight", "ArrowDown"].map(tourKey)).toEqual(["next", "next", "next"]);
    expect(["PageUp", "ArrowLeft", "ArrowUp"].map(tourKey)).toEqual(["previous", "previous", "previous"]);
    expect(tourKey(" ")).toBe("pause");
    expect(tourKey("a")).toBeNull();
  });
});

describe("stageScale", () => {
  it("fits 16:9 exactly at 1920×1080 and 3840×2160, letterboxes other shapes", () => {
    expect(stageScale(1920, 1080)).toBe(1);
    expect(stageScale(3840, 2160)).toBe(2);
    expect(stageScale(1920, 1200)).toBe(1);
    expect(stageScale(1366, 768)).toBeCloseTo(768 / STAGE.height);
    expect(stageScale(0, 100)).toBe(1);
  });
});
