import type { CSSProperties } from "react";
import type { DashboardChart, LegendEntry } from "./chart-options.ts";
import { EChart } from "./EChart.tsx";

type ChartCardProps = {
  chart: DashboardChart;
  /** data-testid of the plot (see EChart); the card is `${testId}-card`. */
  testId: string;
  height: number;
  className?: string;
  theme?: "light" | "dark";
  pixelRatio?: number;
  /** A click on a unit's bar. */
  onSelect?: (unitId: string) => void;
};

/** A chart with its title, its figures in one line and its legend around the plot, in HTML. */
export function ChartCard({ chart, testId, height, className, theme, pixelRatio, onSelect }: ChartCardProps) {
  return (
    <figure className={className ? `chart-card ${className}` : "chart-card"} data-testid={`${testId}-card`}>
      <div className="chart-head">
        <figcaption>
          <span className="chart-title">{chart.title}</span>
          {chart.subtitle && <span className="chart-subtitle">{chart.subtitle}</span>}
        </figcaption>
        <ChartLegend entries={chart.legend} />
      </div>
      <EChart
        option={chart.option}
        height={height}
        testId={testId}
        label={chart.subtitle ? `${chart.title}：${chart.subtitle}` : chart.title}
        {...(theme ? { theme } : {})}
        {...(pixelRatio === undefined ? {} : { pixelRatio })}
        {...(onSelect ? { onSelect } : {})}
      />
    </figure>
  );
}

export function ChartLegend({ entries }: { entries: readonly LegendEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ul className="chart-legend">
      {entries.map((entry) => (
        <li key={`${entry.mark}-${entry.label}`} className="legend-item">
          <span
            className={`legend-swatch legend-${entry.mark}`}
            style={{ "--swatch": entry.color } as CSSProperties}
            aria-hidden="true"
          />
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
