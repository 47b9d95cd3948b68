import "../i18n/playback.ts";
import type { DashboardSummaryDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { deadlineTallies, type ReportState, reportRows, rosterRows, rosterText } from "./reports.ts";

function State({ state, testId }: { state: ReportState | null; testId?: string }) {
  const { t } = useTranslation();
  if (!state) return <span className="report-none">{t("dashboard.reports.noPlan")}</span>;
  return (
    <span className={`report-state tone-${state.tone}`} data-testid={testId} data-tone={state.tone}>
      {state.text}
      {state.note && <span className="report-note">{state.note}</span>}
    </span>
  );
}

/** A unit's row header: its name, a button that filters the page to it where the page can. */
function UnitHeader({
  unitId,
  name,
  onSelect,
}: {
  unitId: string;
  name: string;
  onSelect: ((unitId: string) => void) | undefined;
}) {
  return (
    <th scope="row">
      {onSelect ? (
        <button type="button" className="link-button" onClick={() => onSelect(unitId)}>
          {name}
        </button>
      ) : (
        name
      )}
    </th>
  );
}

/**
 * 报送情况 on the dashboard: per deadline, how many units stand where and who is late by name; then
 * each unit's state for the belt plan and 附件2. A one-unit view shows its own unit's only. A click
 * on a unit's name filters the page to it, as the charts do.
 */
export function ReportsCard({
  summary,
  unitId,
  onSelect,
}: {
  summary: DashboardSummaryDto;
  unitId: string | null;
  onSelect?: (unitId: string) => void;
}) {
  const { t } = useTranslation();
  const tallies = deadlineTallies(summary, unitId, t);
  const rows = reportRows(summary, unitId, t);
  const single = rows.length === 1 ? rows[0] : undefined;
  return (
    <section className="chart-card report-card" data-testid="reports" aria-labelledby="reports-title">
      <h3 className="chart-title" id="reports-title">
        {t("dashboard.reports.title")}
      </h3>
      <ul className="report-deadlines">
        {tallies.map((tally) => (
          <li key={tally.key} data-testid={`report-tally-${tally.key}`}>
            <strong>{tally.name}</strong> <span className="report-deadline">{tally.deadline}</span>
            {!single && (
              <span className="report-parts">
                {tally.parts.map((part) => (
                  <span key={part.tone} className={`report-part tone-${part.tone}`}>
                    {part.text}
                  </span>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
      {single ? (
        <dl className="report-single" data-testid={`report-unit-${single.unitId}`}>
          <dt>{t("dashboard.reports.beltPlanShort")}</dt>
          <dd>
            <State state={single.plan} testId="report-plan" />
          </dd>
          <dt>{t("dashboard.reports.appendix2Short")}</dt>
          <dd>
            <State state={single.appendix2} testId="report-appendix2" />
          </dd>
        </dl>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.reports.unit")}</th>
              <th scope="col">{t("dashboard.reports.beltPlanShort")}</th>
              <th scope="col">{t("dashboard.reports.appendix2Short")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.unitId} data-testid={`report-unit-${row.unitId}`}>
                <UnitHeader unitId={row.unitId} name={row.unitName} onSelect={onSelect} />
                <td>
                  <State state={row.plan} />
                </td>
                <td>
                  <State state={row.appendix2} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** 委员联系点: the region's count, and each unit's (its own only in a one-unit view). */
export function RosterCard({
  summary,
  unitId,
  onSelect,
}: {
  summary: DashboardSummaryDto;
  unitId: string | null;
  onSelect?: (unitId: string) => void;
}) {
  const { t } = useTranslation();
  const { total, units } = rosterRows(summary, unitId, t);
  return (
    <section className="chart-card roster-card" data-testid="roster" aria-labelledby="roster-title">
      <h3 className="chart-title" id="roster-title">
        {t("dashboard.roster.title")}
      </h3>
      <p className="roster-total" data-testid="roster-total">
        {rosterText(total, t)}
      </p>
      {units.length > 1 && (
        <table className="report-table roster-table">
          <thead>
            <tr>
              <th scope="col">{t("dashboard.roster.unit")}</th>
              <th scope="col">{t("dashboard.roster.linked")}</th>
              <th scope="col">{t("dashboard.roster.without")}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((row) => (
              <tr key={row.unitId} className={row.passed ? undefined : "roster-failing"}>
                <UnitHeader unitId={row.unitId} name={row.unitName} onSelect={onSelect} />
                <td className={row.sitesWithContact < row.sites ? "tone-overdue" : undefined}>
                  {row.sitesWithContact} / {row.sites}
                </td>
                <td className={row.membersWithoutSite > 0 ? "tone-overdue" : undefined}>
                  {row.membersWithoutSite}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * The briefing screen's reports, across a room: per deadline its tally, who is late by name and how
 * long the rest still have; a unit's slide says that unit's own state.
 */
export function BriefingReports({
  summary,
  unitId,
}: {
  summary: DashboardSummaryDto;
  unitId: string | null;
}) {
  const { t } = useTranslation();
  const tallies = deadlineTallies(summary, unitId, t);
  const rows = reportRows(summary, unitId, t);
  const single = unitId !== null ? rows[0] : undefined;
  return (
    <ul className="briefing-reports" data-testid="briefing-reports">
      {tallies.map((tally) => {
        const own = single ? (tally.key === "beltPlan" ? single.plan : single.appendix2) : null;
        return (
          <li key={tally.key} data-testid={`briefing-report-${tally.key}`}>
            <span className="briefing-report-name">
              {t(`dashboard.reports.${tally.key}Short`)}
              <span className="briefing-report-deadline">{tally.deadline}</span>
            </span>
            {single ? (
              <State state={own} />
            ) : (
              <span className="briefing-report-body">
                {tally.exceptions.map((e) => (
                  <span key={e.unitId} className={`report-state tone-${e.tone}`}>
                    {e.unitName} {e.text}
                  </span>
                ))}
                {tally.parts
                  .filter((part) => part.tone === "ok")
                  .map((part) => (
                    <span key={part.tone} className="report-state tone-ok">
                      {part.text}
                    </span>
                  ))}
                {tally.openText && <span className="report-state tone-open">{tally.openText}</span>}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
