import "../i18n/roster.ts"; // this page's strings, loaded with it
import "../i18n/sites.ts"; // the tabs 示范点 | 两新工委委员 and the ✓/✗ words
import "../roster/roster.css";
import type { RosterMemberDto, SiteRowDto } from "@beltmap/api";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadError } from "../components/LoadError.tsx";
import { NoticeBar } from "../components/NoticeBar.tsx";
import { useParamUpdater } from "../lib/params.ts";
import { MemberDialog } from "../roster/MemberDialog.tsx";
import type { RowWrites } from "../roster/MemberRow.tsx";
import { MembersTable } from "../roster/MembersTable.tsx";
import { MemberToggleDialog } from "../roster/MemberToggleDialog.tsx";
import { RosterToolbar } from "../roster/RosterToolbar.tsx";
import { CITY_LEVEL, membersInUnit, problemMemberIds, shownMembers } from "../roster/rows.ts";
import { UnitRules } from "../roster/UnitRules.tsx";
import { useMemberCalls } from "../roster/useMemberCalls.ts";
import { useCycle, useCycleInput } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useUnitName } from "../shell/units.ts";
import { readsRoster, SitesTabs } from "../sites/SitesTabs.tsx";
import { useTRPC } from "../trpc.ts";

const NO_MEMBERS: readonly RosterMemberDto[] = [];
const NO_SITES: readonly SiteRowDto[] = [];

type Open =
  | { kind: "create" }
  | { kind: "edit"; member: RosterMemberDto }
  | { kind: "toggle"; member: RosterMemberDto }
  | null;

/**
 * 两新工委委员: the committee members of the user's units (a county its own; the city every unit's and
 * its own city-level ones; a leader reads), each with the 示范点 it links in the cycle shown, and per
 * unit the rule 每位委员联系一家示范点，每个示范点有联系委员. Counties and the city add members, edit
 * their name and post, deactivate and reactivate them, and link each to one 示范点 of its unit.
 */
export function RosterPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (!readsRoster(me.role))
    return (
      <div className="page roster-page">
        <p className="page-message">{t("roster.notAllowed")}</p>
      </div>
    );
  return <Roster />;
}

function Roster() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const unitNameOf = useUnitName();
  const cycle = useCycle();
  const cycleInput = useCycleInput();
  const [params, update] = useParamUpdater();
  const isCity = me.region.level === "CITY";
  const unitParam = isCity ? params.get("unit") || null : null;
  const onlyProblems = params.get("problems") === "1";
  const showInactive = params.get("inactive") === "1";
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [justAdded, setJustAdded] = useState<number | null>(null);

  const writer = me.role === "COUNTY" || me.role === "CITY";
  const writable = writer && !cycle.isPast;

  const roster = useQuery({ ...trpc.roster.list.queryOptions({ ...cycleInput }), staleTime: 0 });
  // The 示范点 a member may link, with their contacts: only needed to change links.
  const sites = useQuery({
    ...trpc.site.list.queryOptions({ ...cycleInput }),
    enabled: writable,
    staleTime: 0,
  });
  const unitList = useQuery(trpc.unit.list.queryOptions({ ...cycleInput }));

  const members = roster.data?.members ?? NO_MEMBERS;
  const siteRows = sites.data?.rows ?? NO_SITES;
  const rosterUnits = roster.data?.units ?? [];
  const memberName = useMemo(() => {
    const names = new Map(members.map((m) => [m.id, m.name]));
    return (id: number) => names.get(id) ?? String(id);
  }, [members]);
  const problemIds = useMemo(() => problemMemberIds(rosterUnits), [rosterUnits]);

  const inUnit = membersInUnit(members, unitParam);
  const rows = shownMembers(inUnit, rosterUnits, problemIds, {
    showInactive,
    onlyProblems,
    search,
    justAdded,
  });
  const shownUnits =
    unitParam === null || unitParam === CITY_LEVEL
      ? rosterUnits
      : rosterUnits.filter((u) => u.unitId === unitParam);

  const calls = useMemberCalls({
    members,
    sites: siteRows,
    notify: setNotice,
    closeDialog: () => setOpen(null),
    onCreated: setJustAdded,
  });
  const openMemberDialog = (member: RosterMemberDto | null) => {
    calls.resetDialog();
    setOpen(member ? { kind: "edit", member } : { kind: "create" });
  };
  const writes: RowWrites | null = writable
    ? {
        mayEdit: (member) => me.role === "CITY" || (member.level === "COUNTY" && member.unitId === me.unitId),
        sites: sites.data?.rows,
        onLink: calls.link,
        onEdit: openMemberDialog,
        onToggle: (member) => {
          calls.resetToggle();
          setOpen({ kind: "toggle", member });
        },
      }
    : null;

  const ownUnit =
    me.role === "COUNTY" && me.unitId
      ? {
          id: me.unitId,
          name: unitNameOf(me.unitId, rosterUnits.find((u) => u.unitId === me.unitId)?.unitName),
        }
      : null;
  const inactiveCount = inUnit.filter((m) => !m.active).length;
  const failed = [roster, sites].find((q) => q.isError);

  return (
    <div className="page roster-page">
      <SitesTabs role={me.role} search={unitParam && unitParam !== CITY_LEVEL ? `?unit=${unitParam}` : ""} />
      <div className="page-head">
        <h2>{t("roster.title")}</h2>
        {roster.data && (
          <span className="muted" data-testid="roster-summary">
            {t("roster.summary", { active: inUnit.length - inactiveCount, inactive: inactiveCount })}
          </span>
        )}
        {writable && (
          <button
            type="button"
            className="button primary roster-add"
            onClick={() => openMemberDialog(null)}
            data-testid="member-add"
          >
            ＋ {t("roster.add")}
          </button>
        )}
      </div>

      {cycle.isPast && cycle.selected && (
        <p className="notice notice-info" role="status" data-testid="roster-past-cycle">
          {t("roster.pastCycle", { year: cycle.selected.year })}
        </p>
      )}
      {!writer && !cycle.isPast && (
        <p className="field-hint" data-testid="roster-read-only">
          {t("roster.readOnly")}
        </p>
      )}
      <NoticeBar message={notice} onClose={() => setNotice(null)} testId="roster-notice" />
      {failed && <LoadError query={failed} />}

      {roster.data && (
        <UnitRules
          units={shownUnits}
          memberName={memberName}
          unitName={unitNameOf}
          selectedUnitId={unitParam}
          onSelectUnit={isCity ? (id) => update({ unit: id === unitParam ? null : id }) : null}
        />
      )}

      <RosterToolbar
        units={isCity ? rosterUnits : null}
        filters={{ unit: unitParam, onlyProblems, showInactive }}
        onFilter={update}
        search={search}
        onSearch={setSearch}
        counts={{
          problems: inUnit.filter((m) => problemIds.has(m.id)).length,
          inactive: inactiveCount,
          shown: roster.data ? rows.length : null,
        }}
      />

      <MembersTable
        rows={rows}
        showUnit={isCity}
        writes={writes}
        problemIds={problemIds}
        justAdded={justAdded}
        rowStates={calls.rows}
        state={{
          loaded: roster.data !== undefined,
          pending: roster.isPending,
          fetching: roster.isFetching,
          empty: members.length === 0,
        }}
      />

      {(open?.kind === "create" || open?.kind === "edit") && (
        <MemberDialog
          member={open.kind === "edit" ? open.member : null}
          units={(unitList.data ?? []).map((u) => ({ id: u.id, name: unitNameOf(u.id, u.name) }))}
          fixedUnit={ownUnit}
          pending={calls.dialog.pending}
          issues={calls.dialog.issues}
          message={calls.dialog.message}
          onCancel={() => setOpen(null)}
          onSave={(form) => calls.save(open.kind === "edit" ? open.member : null, form)}
        />
      )}
      {open?.kind === "toggle" && (
        <MemberToggleDialog
          member={open.member}
          sites={siteRows}
          pending={calls.toggling.pending}
          error={calls.toggling.error}
          onCancel={() => setOpen(null)}
          onConfirm={() => calls.setActive(open.member)}
        />
      )}
    </div>
  );
}
