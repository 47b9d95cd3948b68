import type { DashboardSummaryDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { targetFigures } from "../dashboard/figures.ts";

/**
 * Progress toward the 100 demonstration sites in the cycle shown (for the city, or the chosen unit
 * against its quota), with the organisations not scored counted apart. A township's or an
 * organisation's reader sees its own 示范点 and, apart, how much of the whole unit's quota is used.
 */
export function SummaryCard({ summary, unitId }: { summary: DashboardSummaryDto; unitId: string | null }) {
  const { t } = useTranslation();
  const unit = unitId ? summary.perUnit.find((u) => u.unitId === unitId) : undefined;
  const [excellent] = targetFigures(summary, unit?.unitId ?? null, t);
  const done = excellent?.value ?? 0;
  // The bar is the quota's use: the whole unit's, also where the figure counts a township of it.
  const used = unit ? unit.quotaUsed : done;
  const target = excellent?.of ?? 0;
  const percent = target > 0 ? Math.min(100, Math.round((used / target) * 100)) : 0;
  const nonCompetitors = unit ? unit.nonCompetitors : summary.nonCompetitors;
  const progress = t("cycleMap.progress", { year: summary.cycle.year });
  const place = summary.region.partOfUnit
    ? summary.region.name
    : unit && t(`units.${unit.unitId}`, { defaultValue: unit.unitName });
  return (
    <div className="card summary-card" data-testid="summary-card">
      <div className="summary-title" data-testid="summary-title">
        {place ? `${place} · ${progress}` : progress}
      </div>
      <div className="summary-figure">
        <strong>{done}</strong>
        <span data-testid="summary-of"> / {excellent?.ofText}</span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-valuenow={used}
        aria-valuemin={0}
        aria-valuemax={target}
      >
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      {!unit && summary.excellentDetermined + summary.excellentProvisional > 0 && (
        <div className="summary-note" data-testid="summary-this-cycle">
          {t("cycleMap.thisCycle", {
            determined: summary.excellentDetermined,
            provisional: summary.excellentProvisional,
          })}
        </div>
      )}
      {nonCompetitors > 0 && (
        <div className="summary-note" data-testid="summary-non-competitors">
          {t("cycleMap.nonCompetitors", { count: nonCompetitors })}
        </div>
      )}
    </div>
  );
}
