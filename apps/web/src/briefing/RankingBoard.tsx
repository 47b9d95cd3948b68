import "./ranking.css";
import type { DashboardSummaryDto } from "@beltmap/api";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { type RankedUnit, unitRanking } from "./ranking.ts";

/** Rows in view at once; more than these scroll past, slowly, over and over. */
const ROWS_IN_VIEW = 5;
/** Seconds each row takes to pass. */
const SECONDS_PER_ROW = 2.5;

/**
 * The city slide's league table of the units (示范点 filled against quota), laid over the map's
 * empty corner. A long table (a province's units) scrolls like a departures board; it stops under the
 * pointer, and stands still, scrollable by hand, for a viewer who asks for reduced motion (CSS).
 */
export function RankingBoard({ perUnit }: { perUnit: DashboardSummaryDto["perUnit"] }) {
  const { t } = useTranslation();
  const ranked = unitRanking(perUnit);
  const scrolls = ranked.length > ROWS_IN_VIEW;
  const style = {
    "--rows-in-view": Math.min(ROWS_IN_VIEW, ranked.length),
    "--scroll-seconds": `${ranked.length * SECONDS_PER_ROW}s`,
  } as CSSProperties;
  return (
    <section className="ranking-board" aria-labelledby="ranking-board-title" data-testid="briefing-ranking">
      <h3 id="ranking-board-title">{t("briefing.rankingTitle")}</h3>
      <div className="ranking-window" style={style}>
        <div
          className={scrolls ? "ranking-rows scrolling" : "ranking-rows"}
          data-testid="briefing-ranking-rows"
        >
          <RankingRows ranked={ranked} />
          {/* The second copy makes the loop seamless; readers and tests take the first. */}
          {scrolls && <RankingRows ranked={ranked} hidden />}
        </div>
      </div>
    </section>
  );
}

function RankingRows({ ranked, hidden = false }: { ranked: RankedUnit[]; hidden?: boolean }) {
  const { t } = useTranslation();
  return (
    <ol className="ranking-list" aria-hidden={hidden || undefined}>
      {ranked.map((row) => (
        <li
          key={row.unitId}
          className="ranking-row"
          data-unit={row.unitId}
          data-testid={hidden ? undefined : "briefing-ranking-row"}
        >
          <span className={`ranking-rank rank-${Math.min(row.rank, 4)}`}>{row.rank}</span>
          <span className="ranking-name">{t(`units.${row.unitId}`, { defaultValue: row.unitName })}</span>
          <span className="ranking-bar" aria-hidden="true">
            <span className="ranking-fill" style={{ width: `${Math.min(100, row.rate * 100)}%` }} />
          </span>
          <span className="ranking-figure">
            {row.excellent}/{row.quota} · {Math.round(row.rate * 100)}%
          </span>
        </li>
      ))}
    </ol>
  );
}
