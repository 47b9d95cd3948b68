import type { CycleDetailDto, CycleQuotaDto, CycleSummaryDto } from "@beltmap/api";
import { CYCLE_TARGET_KEYS } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { useUnitName } from "../shell/units.ts";
import { formatCycleDay, formatInstantDay } from "./format.ts";

function differs(q: CycleQuotaDto): boolean {
  return q.excellentQuota !== q.appendix3ExcellentQuota || q.practiceQuota !== q.appendix3PracticeQuota;
}

/** One quota beside Appendix 3's when it differs. */
function QuotaCell({ value, appendix3 }: { value: number; appendix3: number }) {
  const { t } = useTranslation();
  if (value === appendix3) return <td className="num">{value}</td>;
  return (
    <td className="num quota-changed">
      <strong>{value}</strong>
      <span className="quota-appendix3">{t("cycleAdmin.appendix3", { count: appendix3 })}</span>
    </td>
  );
}

/**
 * A cycle (年度) as the city set it: period, the two deadlines, the targets, and each unit's quotas
 * beside Appendix 3's with the reason where they differ.
 */
export function CycleCard({
  cycle,
  detail,
  shown,
  onShow,
  actions,
}: {
  cycle: CycleSummaryDto;
  detail: CycleDetailDto | undefined;
  /** The header shows this cycle now. */
  shown: boolean;
  onShow: () => void;
  actions?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const unitName = useUnitName();
  const lang = i18n.language;
  const quotas = detail?.quotas ?? [];
  const total = (pick: (q: CycleQuotaDto) => number) => quotas.reduce((sum, q) => sum + pick(q), 0);
  const anyChanged = quotas.some(differs);
  return (
    <article
      className={`card cycle-card${cycle.isCurrent ? " current" : ""}`}
      data-testid={`cycle-card-${cycle.year}`}
      aria-labelledby={`cycle-${cycle.year}-title`}
    >
      <header className="cycle-card-head">
        <h3 id={`cycle-${cycle.year}-title`}>
          <span className="cycle-year">{cycle.year}</span>
          <span className="cycle-name" translate="no">
            {cycle.name}
          </span>
        </h3>
        <span className={`tag ${cycle.isCurrent ? "cycle-tag-current" : "cycle-tag-past"}`}>
          {cycle.isCurrent ? t("cycleAdmin.currentTag") : t("cycleAdmin.past")}
        </span>
        <span className="cycle-card-actions">
          {shown ? (
            <span className="muted cycle-shown">{t("cycleAdmin.viewing")}</span>
          ) : (
            <button
              type="button"
              className="button small"
              onClick={onShow}
              data-testid={`cycle-show-${cycle.year}`}
            >
              {t("cycleAdmin.view")}
            </button>
          )}
          {actions}
        </span>
      </header>

      <dl className="cycle-facts">
        <div>
          <dt>{t("cycleAdmin.period")}</dt>
          <dd data-testid="cycle-period">
            {t("cycleAdmin.periodValue", {
              from: formatCycleDay(cycle.startsOn, lang),
              to: formatCycleDay(cycle.endsOn, lang),
            })}
          </dd>
        </div>
        <div>
          <dt>{t("cycleAdmin.beltPlanDeadline")}</dt>
          <dd data-testid="cycle-belt-deadline">{formatInstantDay(cycle.beltPlanDeadline, lang)}</dd>
        </div>
        <div>
          <dt>{t("cycleAdmin.initialSummaryDeadline")}</dt>
          <dd data-testid="cycle-summary-deadline">{formatInstantDay(cycle.initialSummaryDeadline, lang)}</dd>
        </div>
        {cycle.openedAt && (
          <div>
            <dt>{t("cycleAdmin.openedAt")}</dt>
            <dd>{formatInstantDay(cycle.openedAt, lang)}</dd>
          </div>
        )}
        {cycle.closedAt && (
          <div>
            <dt>{t("cycleAdmin.closedAt")}</dt>
            <dd>{formatInstantDay(cycle.closedAt, lang)}</dd>
          </div>
        )}
      </dl>

      <section className="cycle-targets" aria-label={t("cycleAdmin.targets")}>
        <span className="cycle-section-title">{t("cycleAdmin.targets")}</span>
        <ul>
          {CYCLE_TARGET_KEYS.map((key) => (
            <li key={key} className="quota" data-testid={`cycle-target-${key}`}>
              <span>{t(`cycleAdmin.target.${key}`)}</span>
              <strong>{t(`cycleAdmin.targetUnit.${key}`, { count: cycle.targets[key] })}</strong>
            </li>
          ))}
        </ul>
      </section>

      <section className="cycle-quotas" aria-label={t("cycleAdmin.quotas")}>
        <span className="cycle-section-title">
          {t("cycleAdmin.quotas")}
          {anyChanged && <span className="muted"> · {t("cycleAdmin.quotasHint")}</span>}
        </span>
        {!detail ? (
          <p className="muted">{t("cycleAdmin.loading")}</p>
        ) : quotas.length === 0 ? (
          <p className="muted">{t("cycleAdmin.noQuotas")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table cycle-quota-table" data-testid="cycle-quotas">
              <thead>
                <tr className="cycle-quota-head">
                  <th scope="col">{t("cycleAdmin.columns.unit")}</th>
                  <th scope="col" className="num">
                    {t("cycleAdmin.columns.excellentQuota")}
                  </th>
                  <th scope="col" className="num">
                    {t("cycleAdmin.columns.practiceQuota")}
                  </th>
                  <th scope="col">{t("cycleAdmin.columns.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {quotas.map((q) => (
                  <tr
                    key={q.unitId}
                    className={differs(q) ? "quota-row-changed" : undefined}
                    data-testid={`cycle-quota-${q.unitId}`}
                  >
                    <th scope="row">{unitName(q.unitId, q.unitName)}</th>
                    <QuotaCell value={q.excellentQuota} appendix3={q.appendix3ExcellentQuota} />
                    <QuotaCell value={q.practiceQuota} appendix3={q.appendix3PracticeQuota} />
                    <td className={differs(q) ? "cycle-reason" : "cycle-reason same"}>
                      {differs(q) ? (
                        q.reason
                      ) : (
                        <span className="muted">{t("cycleAdmin.sameAsAppendix3")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
              {quotas.length > 1 && (
                <tfoot>
                  <tr className="cycle-quota-total">
                    <th scope="row">{t("cycleAdmin.total")}</th>
                    <td className="num">{total((q) => q.excellentQuota)}</td>
                    <td className="num">{total((q) => q.practiceQuota)}</td>
                    <td />
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        )}
      </section>
    </article>
  );
}
