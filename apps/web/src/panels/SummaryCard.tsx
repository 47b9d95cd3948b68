import type { DashboardSummaryDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";

/**
 * Progress toward the 100 demonstration sites in the cycle shown (for the city, or the chosen unit
 * against its quota), with the organisations not scored counted apart.
 */
export function SummaryCard({ summary, unitId }: { summary: DashboardSummaryDto; unitId: string | null }) {
  const { t } = useTranslation();
  const unit = unitId ? summary.perUnit.find((u) => u.unitId === unitId) : undefined;
  const done = unit ? unit.excellent : summary.excellentOfficial;
  const target = unit ? unit.quota : summary.target;
  const percent = target > 0 ? Math.min(100, Math.round((done / target) * 100)) : 0;
  const nonCompetitors = unit ? unit.nonCompetitors : summary.nonCompetitors;
  const progress = t("cycleMap.progress", { year: summary.cycle.year });
  return (
    <div className="card summary-card" data-testid="summary-card">
      <div className="summary-title" data-testid="summary-title">
        {unit ? `${t(`units.${unit.unitId}`, { defaultValue: unit.unitName })} · ${progress}` : progress}
      </div>
      <div className="summary-figure">
        <strong>{done}</strong>
        <span> / {unit ? t("summary.quota", { quota: target }) : t("summary.target", { target })}</span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-valuenow={done}
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
