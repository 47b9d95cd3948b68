import type { Appendix2UnitStatusDto } from "@beltmap/api";
import { APPENDIX2_STATUSES } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { statusText, unitTimeliness } from "./timeliness.ts";
import { VersionList } from "./VersionList.tsx";
import "./appendix2.css";

export type UnitAction = { kind: "receive" | "return"; unit: Appendix2UnitStatusDto; version: number };

/**
 * The city's view: every unit's 附件2 — status, timeliness (未报送 / 按期 / 逾期 / 已重新报送),
 * versions to download, and 接收 / 退回 for the one waiting. A tally of the statuses above it.
 */
export function UnitsTable({
  units,
  unitName,
  writable,
  busyUnit,
  onAction,
}: {
  units: readonly Appendix2UnitStatusDto[];
  unitName: (unitId: string, fallback?: string) => string;
  writable: boolean;
  busyUnit: string | null;
  onAction: (action: UnitAction) => void;
}) {
  const { t } = useTranslation();
  const tally = Object.fromEntries(
    APPENDIX2_STATUSES.map((s) => [s, units.filter((u) => u.status === s).length]),
  );
  const actions = writable && units.some((u) => u.can.receive.ok || u.can.return.ok);
  return (
    <section className="a2-units" aria-labelledby="a2-units-title">
      <div className="a2-units-head">
        <h3 id="a2-units-title">{t("appendix2.allUnits")}</h3>
        <span className="muted" data-testid="a2-tally">
          {t("appendix2.tally", tally)}
        </span>
      </div>
      <div className="table-wrap">
        <table className="data-table a2-table" data-testid="a2-table">
          <thead>
            <tr>
              <th scope="col">{t("appendix2.columns.unit")}</th>
              <th scope="col">{t("appendix2.columns.status")}</th>
              <th scope="col">{t("appendix2.columns.timeliness")}</th>
              <th scope="col">{t("appendix2.columns.versions")}</th>
              {actions && <th scope="col">{t("appendix2.columns.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => {
              const name = unitName(unit.unitId, unit.unitName);
              const timeliness = unitTimeliness(t, unit);
              const latest = unit.versions.at(-1);
              const busy = busyUnit === unit.unitId;
              return (
                <tr key={unit.unitId} data-testid={`a2-row-${unit.unitId}`} aria-busy={busy}>
                  <th scope="row" data-label={t("appendix2.columns.unit")}>
                    {name}
                  </th>
                  <td data-label={t("appendix2.columns.status")}>
                    <span className={`status a2-status-${unit.status}`} data-testid="a2-status">
                      {statusText(t, unit)}
                    </span>
                  </td>
                  <td data-label={t("appendix2.columns.timeliness")} data-testid="a2-timeliness">
                    <span className={timeliness.late ? "a2-late" : undefined}>{timeliness.label}</span>
                    {timeliness.resubmitted && <span className="tag">{t("appendix2.resubmitted")}</span>}
                    {timeliness.detail && <div className="sub">{timeliness.detail}</div>}
                  </td>
                  <td data-label={t("appendix2.columns.versions")}>
                    <VersionList unit={unit} unitName={name} />
                  </td>
                  {actions && (
                    <td data-label={t("appendix2.columns.actions")} className="row-actions">
                      {latest && (unit.can.receive.ok || unit.can.return.ok) && (
                        <div className="row-buttons">
                          <button
                            type="button"
                            className="button small primary"
                            disabled={busy || !unit.can.receive.ok}
                            onClick={() => onAction({ kind: "receive", unit, version: latest.version })}
                            data-testid="a2-receive"
                          >
                            {t("appendix2.receive")}
                          </button>
                          <button
                            type="button"
                            className="button small danger"
                            disabled={busy || !unit.can.return.ok}
                            onClick={() => onAction({ kind: "return", unit, version: latest.version })}
                            data-testid="a2-return"
                          >
                            {t("appendix2.return")}
                          </button>
                        </div>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
