import type { ECElementEvent, EChartsCoreOption } from "echarts/core";
import { useEffect, useRef, useState } from "react";
import { prefersReducedMotion } from "../lib/motion.ts";
import { clickedUnitId, hoverTip } from "./chart-options.ts";
import { echarts } from "./echarts.ts";
import { chartMotion } from "./motion.ts";

export type EChartProps = {
  option: EChartsCoreOption;
  /** A click on an item: the unitId the item carries (unit charts), else the item's name. */
  onSelect?: (name: string) => void;
  theme?: "light" | "dark";
  /** data-testid of the container; it gets data-rendered="true" once the chart has drawn. */
  testId: string;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string;
  height?: number | string;
  /** Device pixels per CSS pixel: more on a stage scaled up by a transform, to stay sharp. */
  pixelRatio?: number;
};

type Chart = ReturnType<typeof echarts.init>;

/** The charts on screen by test id: the PNG export draws them into one picture. */
export const liveCharts = new Map<string, Chart>();

declare global {
  interface Window {
    /** The live charts by test id (see the map's window.beltmap). */
    beltmapCharts?: Record<string, Chart>;
  }
}

const themeName = (theme: "light" | "dark" | undefined) => (theme === "dark" ? "dark" : undefined);

/**
 * One ECharts instance for the component's life: created on mount, given each new option whole
 * (notMerge), resized with its container and disposed on unmount, so a briefing screen that redraws
 * for hours does not leak canvases or listeners.
 */
export function EChart({
  option,
  onSelect,
  theme = "light",
  testId,
  label,
  height = 320,
  pixelRatio,
}: EChartProps) {
  const pixelRatioRef = useRef(pixelRatio);
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const themeRef = useRef(theme);
  themeRef.current = theme;
  /** The theme the instance draws with now. */
  const drawnTheme = useRef(theme);
  const [tip, setTip] = useState<{ text: string; x: number; y: number } | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, themeName(themeRef.current), {
      renderer: "canvas",
      ...(pixelRatioRef.current === undefined ? {} : { devicePixelRatio: pixelRatioRef.current }),
    });
    chart.current = instance;
    drawnTheme.current = themeRef.current;
    // For debugging in the console and for the browser tests, which click bars on the canvas.
    window.beltmapCharts ??= {};
    window.beltmapCharts[testId] = instance;
    liveCharts.set(testId, instance);
    instance.on("finished", () => {
      element.dataset.rendered = "true";
    });
    // The hover tip is HTML (see chart-options.ts): ECharts' own tooltip is not bundled.
    instance.on("mouseover", (params) => {
      const event = (params as ECElementEvent).event;
      const text = hoverTip(params as ECElementEvent);
      if (event && text) setTip({ text, x: event.offsetX, y: event.offsetY });
    });
    instance.on("mouseout", () => setTip(null));
    instance.on("globalout", () => setTip(null));
    instance.on("click", (params) => {
      const select = onSelectRef.current;
      const id = clickedUnitId(params as ECElementEvent);
      if (select && id !== null) select(id);
    });
    // The observer also reports the size the chart was made at: drawing again for that is waste.
    const observer = new ResizeObserver(() => {
      if (instance.isDisposed()) return;
      if (element.clientWidth === instance.getWidth() && element.clientHeight === instance.getHeight())
        return;
      instance.resize();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose(); // also drops its listeners
      chart.current = null;
      if (window.beltmapCharts?.[testId] === instance) delete window.beltmapCharts[testId];
      if (liveCharts.get(testId) === instance) liveCharts.delete(testId);
      delete element.dataset.rendered;
    };
  }, [testId]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || instance.isDisposed()) return;
    if (drawnTheme.current !== theme) {
      instance.setTheme(themeName(theme) ?? "default");
      drawnTheme.current = theme;
    }
  }, [theme]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || instance.isDisposed()) return;
    if (container.current) container.current.dataset.rendered = "false";
    instance.setOption({ ...option, ...chartMotion(prefersReducedMotion()) }, { notMerge: true });
  }, [option]);

  return (
    <div className="echart-frame">
      <div
        ref={container}
        role="img"
        aria-label={label}
        data-testid={testId}
        className="echart"
        style={{ width: "100%", height }}
      />
      {tip && (
        <div className="chart-tip" style={{ left: tip.x, top: tip.y }} data-testid={`${testId}-tip`}>
          {tip.text}
        </div>
      )}
    </div>
  );
}
