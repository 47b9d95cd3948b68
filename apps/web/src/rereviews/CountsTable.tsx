import type { ReReviewCountsDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";

/**
 * Due, overdue and waiting re-reviews per township (or per unit for the city before it picks one):
 * waiting for the county (suggestions to decide) and for the city (upgrades over a full quota to
 * decide, adjustments to file). A click on a name filters the list by it, a second click clears
 * the filter. For a past cycle (`totals`), how many re-reviews fell due in it instead.
 */
export function CountsTable({
  by,
  counts,
  selected,
  onSelect,
  nameOf,
  totals,
}: {
  by: "township" | "unit";
  counts: readonly ReReviewCountsDto[];
  selected: string | null;
  onSelect: (id: string | null) => void;
  nameOf?: (entry: ReReviewCountsDto) => string;
  /** A past cycle's history: the number of re-reviews per entry, in place of the open counts. */
  totals?: ReadonlyMap<string, number>;
}) {
  const { t } = useTranslation();
  if (counts.length === 0) return null;
  const num = (n: number, className = "num") => (
    <td className={className}>{n || <span className="zero">0</span>}</td>
  );
  return (
    <table className="data-table counts-table" data-testid="rereview-counts">
      <caption>{t(by === "unit" ? "rereview.countsByUnit" : "rereview.countsByTownship")}</caption>
      <thead>
        <tr>
          <th scope="col">{t(by === "unit" ? "queue.columns.unit" : "rereview.township")}</th>
          {totals ? (
            <th scope="col" className="num">
              {t("rereview.countHistory")}
            </th>
          ) : (
            <>
              <th scope="col" className="num">
                {t("rereview.countDue")}
              </th>
              <th scope="col" className="num">
                {t("rereview.countOverdue")}
              </th>
              <th scope="col" className="num" title={t("rereview.countAwaitingTitle")}>
                {t("rereview.countAwaiting")}
              </th>
              <th scope="col" className="num" title={t("rereview.countAwaitingCityTitle")}>
                {t("rereview.countAwaitingCity")}
              </th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {counts.map((c) => {
          const isSelected = c.id === selected;
          return (
            <tr key={c.id} className={isSelected ? "selected" : undefined} data-testid={`counts-${c.id}`}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={isSelected}
                  onClick={() => onSelect(isSelected ? null : c.id)}
                >
                  {nameOf ? nameOf(c) : c.name}
                </button>
              </th>
              {totals ? (
                num(totals.get(c.id) ?? 0)
              ) : (
                <>
                  {num(c.due)}
                  {num(c.overdue, c.overdue > 0 ? "num overdue-count" : "num")}
                  {num(c.awaitingDecision)}
                  {num(c.awaitingCity, c.awaitingCity > 0 ? "num awaiting-city" : "num")}
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
