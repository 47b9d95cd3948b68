import type { ReReviewCountsDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";

/**
 * Due, overdue and awaiting-decision re-reviews per township (or per unit for the city before it
 * picks one); a click on a name filters the list by it, a second click clears the filter.
 */
export function CountsTable({
  by,
  counts,
  selected,
  onSelect,
  nameOf,
}: {
  by: "township" | "unit";
  counts: readonly ReReviewCountsDto[];
  selected: string | null;
  onSelect: (id: string | null) => void;
  nameOf?: (entry: ReReviewCountsDto) => string;
}) {
  const { t } = useTranslation();
  if (counts.length === 0) return null;
  return (
    <table className="data-table counts-table" data-testid="rereview-counts">
      <caption>{t(by === "unit" ? "rereview.countsByUnit" : "rereview.countsByTownship")}</caption>
      <thead>
        <tr>
          <th scope="col">{t(by === "unit" ? "queue.columns.unit" : "rereview.township")}</th>
          <th scope="col" className="num">
            {t("rereview.countDue")}
          </th>
          <th scope="col" className="num">
            {t("rereview.countOverdue")}
          </th>
          <th scope="col" className="num">
            {t("rereview.countAwaiting")}
          </th>
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
              <td className="num">{c.due || <span className="zero">0</span>}</td>
              <td className={c.overdue > 0 ? "num overdue-count" : "num"}>
                {c.overdue || <span className="zero">0</span>}
              </td>
              <td className="num">{c.awaitingDecision || <span className="zero">0</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
