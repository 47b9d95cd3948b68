import type { DashboardSummaryDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";

/** Progress toward the 100 demonstration sites (for the city, or the chosen unit against its quota). */
export function SummaryCard({ summary, unitId }: { summary: DashboardSummaryDto; unitId: string | null }) {
  const { t } = useTranslation();
  const unit = unitId ? summary.perUnit.find((u) => u.unitId === unitId) : undefined;
  const done = unit ? unit.excellent : summary.excellentOfficial;
  const target = unit ? unit.quota : summary.target;
  const percent = target > 0 ? Math.min(100, Math.round((done / target) * 100)) : 0;
  return (
    <div className="card summary-card" data-testid="summary-card">
      <div className="summary-title">
        {unit
          ? `${t(`units.${unit.unitId}`, { defaultValue: unit.unitName })} · ${t("summary.progress")}`
          : t("summary.progress")}
      </div>
      <div className="summary-figure">
        <strong>{done}</strong>
        <span> / {t("summary.target", { target })}</span>
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
      {!unit && summary.excellentProvisional > 0 && (
        <div className="summary-note">
          {t("summary.provisional", { count: summary.excellentProvisional })}
        </div>
      )}
    </div>
  );
}
