import type { CycleSummaryDto } from "@beltmap/api";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useCycle } from "../shell/cycle.ts";

// The bar loads after the page's first load (its JavaScript budget, see test/bench/startup.ts).
const PlaybackControl = lazy(() =>
  import("./PlaybackControl.tsx").then((m) => ({ default: m.PlaybackControl })),
);

/**
 * Where a page puts 年度回放: the bar, loaded lazily, over every cycle from the header's. `isReady`,
 * `onCycle` and `loading` as PlaybackControl takes them.
 */
export function PlaybackSlot({
  isReady,
  onCycle,
  loading,
  className,
}: {
  isReady: (cycle: CycleSummaryDto) => boolean;
  onCycle: (cycle: CycleSummaryDto | null) => void;
  loading: boolean;
  className: string;
}) {
  const { t } = useTranslation();
  const { cycles, selected } = useCycle();
  // Until the bar loads, its button as it will stand, not yet usable: the toolbar keeps its
  // height, so the map beside it is not resized (and redrawn) when the bar arrives.
  const placeholder = (
    <div className={`playback ${className}`}>
      <button type="button" className="button small playback-open" disabled>
        <span aria-hidden="true">▶ </span>
        {t("playback.title")}
      </button>
    </div>
  );
  return (
    <Suspense fallback={placeholder}>
      <PlaybackControl
        cycles={cycles}
        startYear={selected?.year ?? null}
        isReady={isReady}
        onCycle={onCycle}
        loading={loading}
        className={className}
      />
    </Suspense>
  );
}

/** The year a map shows, on the map: "2026 年度", or "2017 年度 · 回放" while playing back. */
export function CycleBadge({ year, playing }: { year: number; playing: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={playing ? "map-cycle-badge playing" : "map-cycle-badge"} data-testid="map-cycle">
      {t(playing ? "cycleMap.playing" : "cycleMap.shows", { year })}
    </div>
  );
}
