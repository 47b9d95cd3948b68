import type { RosterMemberDto } from "@beltmap/api";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { RowStates } from "../lib/rowStates.ts";
import { useUnitName } from "../shell/units.ts";
import { MemberRow, type RowWrites } from "./MemberRow.tsx";

/** The members shown, one row each (a card each on a phone, see roster.css), and why none is. */
export function MembersTable({
  rows,
  showUnit,
  writes,
  problemIds,
  justAdded,
  rowStates,
  state,
}: {
  rows: readonly RosterMemberDto[];
  showUnit: boolean;
  writes: RowWrites | null;
  problemIds: ReadonlySet<number>;
  justAdded: number | null;
  rowStates: Pick<RowStates, "busy" | "errors">;
  /** The roster's query: loading, refreshing, and whether it has any member at all. */
  state: { loaded: boolean; pending: boolean; fetching: boolean; empty: boolean };
}) {
  const { t } = useTranslation();
  const unitName = useUnitName();
  // A member just added is brought into view, to be linked.
  const addedRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (justAdded !== null) addedRow.current?.scrollIntoView({ block: "nearest" });
  }, [justAdded]);
  return (
    <div className="table-wrap roster-table-wrap">
      <table className="data-table roster-table" data-testid="roster-table" aria-busy={state.fetching}>
        <thead>
          <tr>
            <th scope="col">{t("roster.columns.name")}</th>
            <th scope="col">{t("roster.columns.title")}</th>
            {showUnit && <th scope="col">{t("roster.columns.unit")}</th>}
            <th scope="col">{t("roster.columns.status")}</th>
            <th scope="col">{t("roster.columns.site")}</th>
            {writes && <th scope="col">{t("roster.columns.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((member) => (
            <MemberRow
              key={member.id}
              member={member}
              showUnit={showUnit}
              writes={writes}
              problem={problemIds.has(member.id)}
              isNew={member.id === justAdded}
              rowRef={member.id === justAdded ? addedRow : undefined}
              busy={rowStates.busy.has(member.id)}
              error={rowStates.errors[member.id]}
              unitName={unitName}
            />
          ))}
        </tbody>
      </table>
      {state.loaded && rows.length === 0 && (
        <p className="empty" data-testid="roster-empty">
          {t(state.empty ? "roster.empty" : "roster.emptyFiltered")}
        </p>
      )}
      {state.pending && <p className="empty">{t("app.loading")}</p>}
    </div>
  );
}
