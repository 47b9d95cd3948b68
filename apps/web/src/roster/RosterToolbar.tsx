import type { RosterUnitDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { CheckField } from "../components/CheckField.tsx";
import { SearchField } from "../components/SearchField.tsx";
import { UnitFilter } from "../components/UnitFilter.tsx";
import { CITY_LEVEL } from "./rows.ts";

/**
 * The roster's filters: the unit (the city: a unit, or the city-level members), a search on name
 * and post, only the members at fault, the inactive ones too; and how many rows that leaves. The
 * unit and the two checks live in the URL, the search in the page.
 */
export function RosterToolbar({
  units,
  filters,
  onFilter,
  search,
  onSearch,
  counts,
}: {
  /** The units to choose from; null: no unit filter (a county sees its own). */
  units: readonly RosterUnitDto[] | null;
  /** The URL's filters: `unit`, `problems`, `inactive`. */
  filters: { unit: string | null; onlyProblems: boolean; showInactive: boolean };
  onFilter: (changes: Record<string, string | null>) => void;
  search: string;
  onSearch: (search: string) => void;
  /** The members at fault and the inactive ones of the unit; the rows shown (null while loading). */
  counts: { problems: number; inactive: number; shown: number | null };
}) {
  const { t } = useTranslation();
  return (
    <div className="toolbar">
      {units && (
        <UnitFilter
          label={t("roster.unit")}
          allLabel={t("roster.allUnits")}
          value={filters.unit ?? ""}
          units={units.map((u) => ({ id: u.unitId, name: u.unitName }))}
          onChange={(unit) => onFilter({ unit: unit || null })}
          testId="roster-unit"
        >
          <option value={CITY_LEVEL}>{t("roster.cityMembers")}</option>
        </UnitFilter>
      )}
      <SearchField
        label={t("roster.search")}
        value={search}
        placeholder={t("roster.searchPlaceholder")}
        onChange={onSearch}
        testId="roster-search"
      />
      <CheckField
        label={t("roster.onlyProblems", { count: counts.problems })}
        checked={filters.onlyProblems}
        onChange={(on) => onFilter({ problems: on ? "1" : null })}
        testId="roster-problems"
      />
      <CheckField
        label={t("roster.showInactive", { count: counts.inactive })}
        checked={filters.showInactive}
        onChange={(on) => onFilter({ inactive: on ? "1" : null })}
        testId="roster-inactive"
      />
      <span className="toolbar-count muted" aria-live="polite" data-testid="roster-count">
        {counts.shown === null ? "" : t("roster.shown", { count: counts.shown })}
      </span>
    </div>
  );
}
