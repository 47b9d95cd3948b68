import "../i18n/roster.ts"; // this page's strings, loaded with it
import "../i18n/sites.ts"; // the tabs 示范点 | 两新工委委员 and the ✓/✗ words
import "../roster/roster.css";
import type { RosterMemberDto, SiteRowDto } from "@beltmap/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { useParamUpdater } from "../lib/params.ts";
import { countyContacts, siteChoiceLabel } from "../roster/choices.ts";
import { MemberDialog, type MemberForm } from "../roster/MemberDialog.tsx";
import { UnitRules } from "../roster/UnitRules.tsx";
import { useCycle, useCycleInput } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useUnitName } from "../shell/units.ts";
import { readsRoster, SitesTabs } from "../sites/SitesTabs.tsx";
import { useTRPC } from "../trpc.ts";

/** The unit filter's value for the city-level members. */
const CITY_LEVEL = "CITY";

const NO_MEMBERS: readonly RosterMemberDto[] = [];
const NO_SITES: readonly SiteRowDto[] = [];

type Open =
  | { kind: "create" }
  | { kind: "edit"; member: RosterMemberDto }
  | { kind: "toggle"; member: RosterMemberDto }
  | null;

type Translate = (key: string, options?: Record<string, unknown>) => string;

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
  const queryClient = useQueryClient();
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
  const [busy, setBusy] = useState<ReadonlySet<number>>(new Set());
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [dialogError, setDialogError] = useState<{ issues: Record<string, string>; message: string | null }>({
    issues: {},
    message: null,
  });
  const [justAdded, setJustAdded] = useState<number | null>(null);

  const writer = me.role === "COUNTY" || me.role === "CITY";
  const writable = writer && !cycle.isPast;
  const mayEdit = (member: RosterMemberDto) =>
    writable && (me.role === "CITY" || (member.level === "COUNTY" && member.unitId === me.unitId));

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
  const unitOrder = useMemo(() => new Map(rosterUnits.map((u, i) => [u.unitId, i])), [rosterUnits]);
  const memberName = useMemo(() => {
    const names = new Map(members.map((m) => [m.id, m.name]));
    return (id: number) => names.get(id) ?? String(id);
  }, [members]);
  const problemIds = useMemo(
    () => new Set(rosterUnits.flatMap((u) => [...u.membersWithoutSite, ...u.membersWithSeveralSites])),
    [rosterUnits],
  );
  const unitLabel = (m: RosterMemberDto) =>
    m.unitId === null ? t("roster.cityLevel") : unitNameOf(m.unitId, m.unitName ?? m.unitId);

  const query = search.trim();
  const inUnit = members.filter(
    (m) =>
      unitParam === null ||
      (unitParam === CITY_LEVEL ? m.level === "CITY" : m.unitId === unitParam && m.level === "COUNTY"),
  );
  const inactiveCount = inUnit.filter((m) => !m.active).length;
  const problemCount = inUnit.filter((m) => problemIds.has(m.id)).length;
  const rows = inUnit
    .filter((m) => showInactive || m.active || m.id === justAdded)
    .filter((m) => !onlyProblems || problemIds.has(m.id))
    .filter((m) => query === "" || m.name.includes(query) || m.title.includes(query))
    .sort(
      (a, b) =>
        (unitOrder.get(a.unitId ?? "") ?? unitOrder.size) -
          (unitOrder.get(b.unitId ?? "") ?? unitOrder.size) ||
        Number(b.active) - Number(a.active) ||
        a.id - b.id,
    );
  const shownUnits =
    unitParam === null || unitParam === CITY_LEVEL
      ? rosterUnits
      : rosterUnits.filter((u) => u.unitId === unitParam);

  // A member just added is brought into view, to be linked.
  const addedRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (justAdded !== null) addedRow.current?.scrollIntoView({ block: "nearest" });
  }, [justAdded]);

  const setBusyRow = (id: number, on: boolean) =>
    setBusy((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const setRowError = (id: number, message: string | null) =>
    setRowErrors(({ [id]: _dropped, ...rest }) => (message ? { ...rest, [id]: message } : rest));
  const changed = async () => {
    for (const key of [
      trpc.site.pathKey(),
      trpc.belt.pathKey(),
      trpc.dashboard.pathKey(),
      trpc.map.pathKey(),
      trpc.audit.pathKey(),
    ])
      void queryClient.invalidateQueries({ queryKey: key });
    await queryClient.invalidateQueries({ queryKey: trpc.roster.pathKey() });
  };

  const refuseInDialog = (error: unknown) => {
    const issues = issuesByField(error);
    const onForm = ["name", "title", "unitId"].some((field) => issues[field] !== undefined);
    setDialogError({ issues, message: onForm ? null : (serverMessage(error) ?? t("app.networkError")) });
  };
  const create = useMutation(
    trpc.roster.create.mutationOptions({
      onSuccess: async ({ id }, input) => {
        setOpen(null);
        setNotice(t("roster.created", { name: input.name }));
        setJustAdded(id);
        await changed();
      },
      onError: refuseInDialog,
    }),
  );
  const edit = useMutation(
    trpc.roster.update.mutationOptions({
      onSuccess: async (_data, input) => {
        setOpen(null);
        setNotice(t("roster.saved", { name: input.name }));
        await changed();
      },
      onError: refuseInDialog,
    }),
  );
  const toggle = useMutation(
    trpc.roster.update.mutationOptions({
      onSuccess: async (_data, input) => {
        setOpen(null);
        setNotice(t(input.active ? "roster.reactivated" : "roster.deactivated", { name: input.name }));
        await changed();
      },
    }),
  );
  const link = useMutation(
    trpc.roster.link.mutationOptions({
      onMutate: (input) => {
        setBusyRow(input.memberId, true);
        setRowError(input.memberId, null);
      },
      onSuccess: async (_data, input) => {
        const member = members.find((m) => m.id === input.memberId);
        const site = siteRows.find((s) => s.organizationId === input.organizationId);
        if (member)
          setNotice(
            site
              ? t("roster.linked", { name: member.name, site: site.name })
              : t("roster.unlinked", { name: member.name }),
          );
        await changed();
      },
      onError: (error, input) => setRowError(input.memberId, serverMessage(error) ?? t("app.networkError")),
      onSettled: (_d, _e, input) => setBusyRow(input.memberId, false),
    }),
  );

  /** The 示范点 a member may link: its unit's (a city-level member: any unit's). */
  const choicesOf = (member: RosterMemberDto): readonly SiteRowDto[] =>
    member.level === "CITY" ? siteRows : siteRows.filter((s) => s.unitId === member.unitId);

  const ownUnit =
    me.role === "COUNTY" && me.unitId
      ? {
          id: me.unitId,
          name: unitNameOf(me.unitId, rosterUnits.find((u) => u.unitId === me.unitId)?.unitName),
        }
      : null;
  const activeCount = inUnit.filter((m) => m.active).length;
  const failed = [roster, sites].find((q) => q.isError);

  return (
    <div className="page roster-page">
      <SitesTabs role={me.role} search={unitParam && unitParam !== CITY_LEVEL ? `?unit=${unitParam}` : ""} />
      <div className="page-head">
        <h2>{t("roster.title")}</h2>
        {roster.data && (
          <span className="muted" data-testid="roster-summary">
            {t("roster.summary", { active: activeCount, inactive: inactiveCount })}
          </span>
        )}
        {writable && (
          <button
            type="button"
            className="button primary roster-add"
            onClick={() => {
              setDialogError({ issues: {}, message: null });
              setOpen({ kind: "create" });
            }}
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
      <div aria-live="polite" data-testid="roster-notice">
        {notice && (
          <p className="notice notice-success">
            {notice}
            <button
              type="button"
              className="notice-close"
              onClick={() => setNotice(null)}
              aria-label={t("roster.close")}
            >
              ×
            </button>
          </p>
        )}
      </div>
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

      <div className="toolbar">
        {isCity && (
          <label className="inline-field">
            <span>{t("roster.unit")}</span>
            <select
              value={unitParam ?? ""}
              onChange={(event) => update({ unit: event.target.value || null })}
              data-testid="roster-unit"
            >
              <option value="">{t("roster.allUnits")}</option>
              {rosterUnits.map((u) => (
                <option key={u.unitId} value={u.unitId}>
                  {unitNameOf(u.unitId, u.unitName)}
                </option>
              ))}
              <option value={CITY_LEVEL}>{t("roster.cityMembers")}</option>
            </select>
          </label>
        )}
        <label className="inline-field">
          <span>{t("roster.search")}</span>
          <input
            type="search"
            value={search}
            placeholder={t("roster.searchPlaceholder")}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="roster-search"
          />
        </label>
        <label className="check-field">
          <input
            type="checkbox"
            checked={onlyProblems}
            onChange={(event) => update({ problems: event.target.checked ? "1" : null })}
            data-testid="roster-problems"
          />
          <span>{t("roster.onlyProblems", { count: problemCount })}</span>
        </label>
        <label className="check-field">
          <input
            type="checkbox"
            checked={showInactive}
            onChange={(event) => update({ inactive: event.target.checked ? "1" : null })}
            data-testid="roster-inactive"
          />
          <span>{t("roster.showInactive", { count: inactiveCount })}</span>
        </label>
        <span className="toolbar-count muted" aria-live="polite" data-testid="roster-count">
          {roster.data ? t("roster.shown", { count: rows.length }) : ""}
        </span>
      </div>

      <div className="table-wrap roster-table-wrap">
        <table className="data-table roster-table" data-testid="roster-table" aria-busy={roster.isFetching}>
          <thead>
            <tr>
              <th scope="col">{t("roster.columns.name")}</th>
              <th scope="col">{t("roster.columns.title")}</th>
              {isCity && <th scope="col">{t("roster.columns.unit")}</th>}
              <th scope="col">{t("roster.columns.status")}</th>
              <th scope="col">{t("roster.columns.site")}</th>
              {writable && <th scope="col">{t("roster.columns.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((member) => {
              const editable = mayEdit(member);
              const isBusy = busy.has(member.id);
              const error = rowErrors[member.id];
              const problem = problemIds.has(member.id);
              const linked = member.sites[0];
              const choices = choicesOf(member);
              const classes = [
                problem ? "row-unmet" : "",
                member.active ? "" : "row-disabled",
                member.id === justAdded ? "row-new" : "",
              ].filter(Boolean);
              return (
                <tr
                  key={member.id}
                  ref={member.id === justAdded ? addedRow : undefined}
                  className={classes.join(" ") || undefined}
                  data-testid={`member-row-${member.id}`}
                  data-active={member.active ? "true" : "false"}
                  aria-busy={isBusy}
                >
                  <td className="roster-name">
                    <strong data-testid="member-name-cell">{member.name}</strong>
                    {error && (
                      <p className="row-error-text" role="alert" data-testid="row-error">
                        {error}
                      </p>
                    )}
                  </td>
                  <td className="roster-post">{member.title || <span className="muted">—</span>}</td>
                  {isCity && <td>{unitLabel(member)}</td>}
                  <td className="roster-status">
                    <span
                      className={member.active ? "status user-enabled" : "status user-disabled"}
                      data-testid="member-status"
                    >
                      {t(member.active ? "roster.active" : "roster.inactive")}
                    </span>
                  </td>
                  <td className="roster-site" data-testid="member-site">
                    {editable && member.active ? (
                      <select
                        className="compact-select"
                        aria-label={t("roster.linkFor", { name: member.name })}
                        value={linked?.organizationId ?? ""}
                        disabled={isBusy || !sites.data}
                        onChange={(event) =>
                          link.mutate({
                            memberId: member.id,
                            organizationId: event.target.value === "" ? null : Number(event.target.value),
                            ...cycleInput,
                          })
                        }
                        data-testid="member-link"
                      >
                        <option value="">{t("roster.noSiteOption")}</option>
                        {/* A linked site the choice does not list (still shown as it is). */}
                        {member.sites
                          .filter((s) => !choices.some((c) => c.organizationId === s.organizationId))
                          .map((s) => (
                            <option key={s.organizationId} value={s.organizationId}>
                              {s.name}
                            </option>
                          ))}
                        <SiteOptions
                          choices={choices}
                          member={member}
                          grouped={member.level === "CITY"}
                          unitName={(id) => unitNameOf(id)}
                          t={t}
                        />
                      </select>
                    ) : member.sites.length > 0 ? (
                      <span>{member.sites.map((s) => s.name).join(t("roster.listSeparator"))}</span>
                    ) : (
                      <span className="muted">{member.active ? t("roster.noSite") : "—"}</span>
                    )}
                    {member.active && member.sites.length > 1 && (
                      <p className="row-error-text">
                        {t("roster.severalSites", { count: member.sites.length })}
                      </p>
                    )}
                  </td>
                  {writable && (
                    <td className="row-actions">
                      {editable && (
                        <div className="row-buttons">
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => {
                              setDialogError({ issues: {}, message: null });
                              setOpen({ kind: "edit", member });
                            }}
                            data-testid="member-edit"
                          >
                            {t("roster.edit")}
                          </button>
                          <button
                            type="button"
                            className={member.active ? "link-button danger" : "link-button"}
                            onClick={() => {
                              toggle.reset();
                              setOpen({ kind: "toggle", member });
                            }}
                            data-testid="member-toggle"
                          >
                            {t(member.active ? "roster.deactivate" : "roster.reactivate")}
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
        {roster.data && rows.length === 0 && (
          <p className="empty" data-testid="roster-empty">
            {t(members.length === 0 ? "roster.empty" : "roster.emptyFiltered")}
          </p>
        )}
        {roster.isPending && <p className="empty">{t("app.loading")}</p>}
      </div>

      {(open?.kind === "create" || open?.kind === "edit") && (
        <MemberDialog
          member={open.kind === "edit" ? open.member : null}
          units={(unitList.data ?? []).map((u) => ({ id: u.id, name: unitNameOf(u.id, u.name) }))}
          fixedUnit={ownUnit}
          pending={create.isPending || edit.isPending}
          issues={dialogError.issues}
          message={dialogError.message}
          onCancel={() => setOpen(null)}
          onSave={(form: MemberForm) => {
            if (open.kind === "edit")
              edit.mutate({
                id: open.member.id,
                name: form.name,
                title: form.title,
                active: open.member.active,
                ...cycleInput,
              });
            else create.mutate({ unitId: form.unitId, name: form.name, title: form.title });
          }}
        />
      )}
      {open?.kind === "toggle" && (
        <ToggleDialog
          member={open.member}
          sites={siteRows}
          pending={toggle.isPending}
          error={toggle.error ? (serverMessage(toggle.error) ?? t("app.networkError")) : null}
          onCancel={() => setOpen(null)}
          onConfirm={() =>
            toggle.mutate({
              id: open.member.id,
              name: open.member.name,
              title: open.member.title,
              active: !open.member.active,
              ...cycleInput,
            })
          }
        />
      )}
    </div>
  );
}

/** The sites of a member's choice; a city-level member's grouped by unit. */
function SiteOptions({
  choices,
  member,
  grouped,
  unitName,
  t,
}: {
  choices: readonly SiteRowDto[];
  member: RosterMemberDto;
  grouped: boolean;
  unitName: (unitId: string) => string;
  t: Translate;
}) {
  const option = (site: SiteRowDto) => (
    <option
      key={site.organizationId}
      value={site.organizationId}
      data-taken={countyContacts(site, member.id).length > 0 ? "true" : "false"}
    >
      {member.sites.some((s) => s.organizationId === site.organizationId)
        ? site.name
        : siteChoiceLabel(site, member.id, t)}
    </option>
  );
  if (!grouped) return <>{choices.map(option)}</>;
  const unitIds = [...new Set(choices.map((s) => s.unitId))];
  return (
    <>
      {unitIds.map((unitId) => (
        <optgroup key={unitId} label={unitName(unitId)}>
          {choices.filter((s) => s.unitId === unitId).map(option)}
        </optgroup>
      ))}
    </>
  );
}

/**
 * Deactivating asks first and says what follows for the site the member links (left without a
 * contact, or still linked by others); reactivating asks to choose a site afterwards.
 */
function ToggleDialog({
  member,
  sites,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  member: RosterMemberDto;
  sites: readonly SiteRowDto[];
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const deactivating = member.active;
  return (
    <ConfirmDialog
      title={t(deactivating ? "roster.deactivateTitle" : "roster.reactivateTitle")}
      confirmLabel={t(deactivating ? "roster.deactivate" : "roster.reactivate")}
      danger={deactivating}
      pending={pending}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
      testId="member-toggle-dialog"
    >
      <p>{t(deactivating ? "roster.deactivateText" : "roster.reactivateText", { name: member.name })}</p>
      {deactivating &&
        member.sites.map((linked) => {
          // The rule counts county members' contacts: does one stay?
          const site = sites.find((s) => s.organizationId === linked.organizationId);
          const others = site ? countyContacts(site, member.id) : [];
          return others.length === 0 ? (
            <p key={linked.organizationId} className="notice notice-warn" data-testid="deactivate-warning">
              {t("roster.deactivateLeavesSite", { name: member.name, site: linked.name })}
            </p>
          ) : (
            <p key={linked.organizationId} className="notice notice-info" data-testid="deactivate-shared">
              {t("roster.deactivateSharedSite", {
                name: member.name,
                site: linked.name,
                others: others.map((c) => c.name).join(t("roster.listSeparator")),
              })}
            </p>
          );
        })}
    </ConfirmDialog>
  );
}
