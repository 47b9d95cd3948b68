import "../i18n/sites.ts"; // this page's strings, loaded with it
import type { CommitteeMemberDto, SiteListDto, SiteRowDto } from "@beltmap/api";
import { DUTY_IDS, type DutyId } from "@beltmap/domain";
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { CheckField } from "../components/CheckField.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { SearchField } from "../components/SearchField.tsx";
import { UnitFilter } from "../components/UnitFilter.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { useParamUpdater } from "../lib/params.ts";
import { useRowStates } from "../lib/rowStates.ts";
import { memberChoiceLabel } from "../roster/choices.ts";
import { useCycle, useCycleInput } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useUnitName } from "../shell/units.ts";
import { DutyMark } from "../sites/DutyMark.tsx";
import { PracticeDialog } from "../sites/PracticeDialog.tsx";
import { SitesTabs } from "../sites/SitesTabs.tsx";
import { useTRPC } from "../trpc.ts";

type PracticeQuota = SiteListDto["practiceQuotas"][number];

const NO_ROWS: readonly SiteRowDto[] = [];

function hasUnmetDuty(site: SiteRowDto): boolean {
  return site.duties.some((d) => !d.met);
}

function dutyMet(site: SiteRowDto, duty: DutyId): boolean {
  return site.duties.find((d) => d.duty === duty)?.met ?? false;
}

/**
 * 示范点: the region's demonstration sites (officially 优秀) with their three duties as a checklist,
 * the county's and city's changes to them, and the city's 典型做法 within each unit's quota, all of
 * the cycle (年度) shown; a past cycle's are history, read only.
 */
export function SitesPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const queryClient = useQueryClient();
  const location = useLocation();
  const unitName = useUnitName();
  const [params, update] = useParamUpdater();
  const unitId = params.get("unit") || undefined;
  const onlyUnmet = params.get("unmet") === "1";
  const [search, setSearch] = useState("");
  const rowStates = useRowStates();
  const [selecting, setSelecting] = useState<SiteRowDto | null>(null);
  const [unselecting, setUnselecting] = useState<SiteRowDto | null>(null);
  const [dialogError, setDialogError] = useState<{ issues: Record<string, string>; message: string | null }>({
    issues: {},
    message: null,
  });

  const cycle = useCycle();
  const cycleInput = useCycleInput();
  const writer = me.role === "COUNTY" || me.role === "CITY";
  const canDuty = writer && !cycle.isPast;
  const canPractice = me.role === "CITY" && !cycle.isPast;
  const showUnitFilter = me.region.level === "CITY";

  const sites = useQuery({
    ...trpc.site.list.queryOptions({ unitId, ...cycleInput }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const units = useQuery({ ...trpc.unit.list.queryOptions({ ...cycleInput }), enabled: showUnitFilter });
  const allRows = sites.data?.rows ?? NO_ROWS;
  const unitIds = useMemo(() => [...new Set(allRows.map((r) => r.unitId))], [allRows]);
  // Each member with the site it links already: fresh each time, as the roster changes it too.
  const memberQueries = useQueries({
    queries: canDuty
      ? unitIds.map((id) => ({
          ...trpc.site.members.queryOptions({ unitId: id, ...cycleInput }),
          staleTime: 0,
        }))
      : [],
  });
  const membersOf = (id: string): CommitteeMemberDto[] =>
    memberQueries[unitIds.indexOf(id)]?.data?.filter((m) => m.level === "COUNTY") ?? [];
  const quotaOf = (id: string): PracticeQuota | undefined =>
    sites.data?.practiceQuotas.find((q) => q.unitId === id);

  const query = search.trim();
  const rows = allRows.filter(
    (r) => (!onlyUnmet || hasUnmetDuty(r)) && (query === "" || r.name.includes(query)),
  );
  const unmetCount = allRows.filter(hasUnmetDuty).length;

  const changed = async () => {
    for (const key of [
      trpc.map.pathKey(),
      trpc.dashboard.pathKey(),
      trpc.audit.pathKey(),
      trpc.roster.pathKey(),
      trpc.belt.pathKey(),
      trpc.site.members.pathKey(),
    ])
      void queryClient.invalidateQueries({ queryKey: key });
    await queryClient.invalidateQueries({ queryKey: trpc.site.list.pathKey() });
  };
  const rowMutation = {
    onMutate: (input: { organizationId: number }) => {
      rowStates.setBusy(input.organizationId, true);
      rowStates.setError(input.organizationId, null);
    },
    onSuccess: () => changed(),
    onError: (error: unknown, input: { organizationId: number }) =>
      rowStates.setError(input.organizationId, serverMessage(error) ?? t("app.networkError")),
    onSettled: (_d: unknown, _e: unknown, input: { organizationId: number }) =>
      rowStates.setBusy(input.organizationId, false),
  };
  const dual = useMutation(trpc.site.setCountyDualManaged.mutationOptions(rowMutation));
  const contact = useMutation(trpc.site.assignContact.mutationOptions(rowMutation));
  const select = useMutation(
    trpc.site.selectPractice.mutationOptions({
      onSuccess: async () => {
        setSelecting(null);
        await changed();
      },
      onError: (error) => {
        const issues = issuesByField(error);
        setDialogError({
          issues,
          message: issues.title ? null : (serverMessage(error) ?? t("app.networkError")),
        });
      },
    }),
  );
  const unselect = useMutation(
    trpc.site.unselectPractice.mutationOptions({
      onSuccess: async () => {
        setUnselecting(null);
        await changed();
      },
    }),
  );

  return (
    <div className="page sites-page">
      <SitesTabs role={me.role} search={unitId ? `?unit=${unitId}` : ""} />
      <div className="page-head">
        <h2>{t("sites.title")}</h2>
        {sites.data && (
          <span className="muted" data-testid="sites-summary">
            {t("sites.summary", { total: allRows.length, unmet: unmetCount })}
          </span>
        )}
      </div>

      {cycle.isPast && cycle.selected && (
        <p className="notice notice-info" role="status" data-testid="sites-past-cycle">
          {t("sites.pastCycle", { year: cycle.selected.year })}
        </p>
      )}

      <div className="toolbar">
        {showUnitFilter && (
          <UnitFilter
            value={unitId ?? ""}
            units={units.data ?? []}
            onChange={(unit) => update({ unit })}
            testId="sites-unit"
          />
        )}
        <SearchField
          label={t("queue.search")}
          value={search}
          placeholder={t("queue.searchPlaceholder")}
          onChange={setSearch}
          testId="sites-search"
        />
        <CheckField
          label={t("sites.onlyUnmet", { count: unmetCount })}
          checked={onlyUnmet}
          onChange={(on) => update({ unmet: on ? "1" : null })}
          testId="sites-unmet"
        />
        <span className="toolbar-count muted" aria-live="polite" data-testid="sites-count">
          {sites.data ? t("sites.shown", { count: rows.length }) : ""}
        </span>
      </div>

      {sites.data && sites.data.practiceQuotas.length > 0 && (
        <section
          className="quota-list"
          aria-label={t("sites.practiceQuota", { year: cycle.selected?.year ?? "" })}
          data-testid="practice-quotas"
        >
          <span className="quota-list-title">
            {t("sites.practiceQuota", { year: cycle.selected?.year ?? "" })}
          </span>
          <ul>
            {sites.data.practiceQuotas.map((q) => (
              <li
                key={q.unitId}
                className={q.exceeded ? "quota exceeded" : q.reached ? "quota reached" : "quota"}
                data-testid={`practice-quota-${q.unitId}`}
              >
                <span>{unitName(q.unitId, q.unitName)}</span>
                <strong>
                  {q.used} / {q.quota}
                </strong>
                {q.exceeded ? (
                  <em>{t("quota.exceeded")}</em>
                ) : q.reached ? (
                  <em>{t("quota.reached")}</em>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      )}

      <LoadError query={sites} />

      <div className="table-wrap">
        <table className="data-table sites-table" data-testid="sites-table" aria-busy={sites.isFetching}>
          <thead>
            <tr>
              <th scope="col">{t("sites.columns.name")}</th>
              <th scope="col">{t("queue.columns.township")}</th>
              {DUTY_IDS.map((duty) => (
                <th scope="col" key={duty}>
                  <abbr title={t(`duties.${duty}`)}>{t(`sites.duty.${duty}`)}</abbr>
                </th>
              ))}
              <th scope="col">{t("sites.columns.practice")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((site) => {
              const isBusy = rowStates.busy.has(site.organizationId);
              const county = site.contacts.filter((c) => c.level === "COUNTY");
              const others = site.contacts.filter((c) => c.level !== "COUNTY");
              const quota = quotaOf(site.unitId);
              const error = rowStates.errors[site.organizationId];
              return (
                <tr
                  key={site.organizationId}
                  className={hasUnmetDuty(site) ? "row-unmet" : undefined}
                  data-testid={`site-row-${site.organizationId}`}
                  aria-busy={isBusy}
                >
                  <td className="site-name">
                    <Link
                      to={`/sheet/${site.organizationId}`}
                      state={{ from: location.pathname + location.search }}
                    >
                      {site.name}
                    </Link>
                    {error && (
                      <p className="row-error-text" role="alert" data-testid="row-error">
                        {error}
                      </p>
                    )}
                  </td>
                  <td data-label={t("queue.columns.township")}>
                    {site.townshipName}
                    {showUnitFilter && !unitId && <div className="sub">{unitName(site.unitId)}</div>}
                  </td>
                  <td
                    data-testid="duty-COUNTY_DUAL_MANAGEMENT"
                    data-label={t("sites.duty.COUNTY_DUAL_MANAGEMENT")}
                  >
                    <div className="duty-cell">
                      <DutyMark met={dutyMet(site, "COUNTY_DUAL_MANAGEMENT")} />
                      {canDuty && (
                        <button
                          type="button"
                          className="link-button"
                          disabled={isBusy}
                          onClick={() =>
                            dual.mutate({
                              organizationId: site.organizationId,
                              value: !site.countyDualManaged,
                              ...cycleInput,
                            })
                          }
                          data-testid="dual-toggle"
                        >
                          {t(site.countyDualManaged ? "sites.dualOff" : "sites.dualOn")}
                        </button>
                      )}
                    </div>
                  </td>
                  <td data-testid="duty-COMMITTEE_CONTACT" data-label={t("sites.duty.COMMITTEE_CONTACT")}>
                    <div className="duty-cell">
                      <DutyMark met={dutyMet(site, "COMMITTEE_CONTACT")} />
                      {canDuty ? (
                        <select
                          className="compact-select"
                          aria-label={t("sites.contactFor", { name: site.name })}
                          value={county[0]?.id ?? ""}
                          disabled={isBusy}
                          onChange={(event) =>
                            contact.mutate({
                              organizationId: site.organizationId,
                              memberId: event.target.value === "" ? null : Number(event.target.value),
                              ...cycleInput,
                            })
                          }
                          data-testid="contact-select"
                        >
                          <option value="">{t("sites.noContact")}</option>
                          {/* The current contact even before the member list has loaded. */}
                          {county[0] && !membersOf(site.unitId).some((m) => m.id === county[0]?.id) && (
                            <option value={county[0].id}>{county[0].name}</option>
                          )}
                          {membersOf(site.unitId).map((m) => (
                            <option key={m.id} value={m.id} data-linked={m.linkedSites.length > 0}>
                              {memberChoiceLabel(m, site.organizationId, t)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <span>{county.map((c) => c.name).join("、") || t("sites.noContact")}</span>
                      )}
                    </div>
                    {others.length > 0 && (
                      <div className="sub">
                        {t("sites.otherContacts", { names: others.map((c) => c.name).join("、") })}
                      </div>
                    )}
                  </td>
                  <td data-testid="duty-ON_A_BELT" data-label={t("sites.duty.ON_A_BELT")}>
                    <div className="duty-cell">
                      <DutyMark met={dutyMet(site, "ON_A_BELT")} />
                      <span className="belt-names">
                        {site.belts.map((b) => b.name).join("、") || t("sites.noBelt")}
                      </span>
                    </div>
                  </td>
                  <td data-testid="practice-cell" data-label={t("sites.columns.practice")}>
                    {site.practiceTitle ? (
                      <div className="practice">
                        <span className="practice-title">{site.practiceTitle}</span>
                        {site.cityDualManaged && <span className="tag">{t("sites.cityDual")}</span>}
                        {canPractice && (
                          <button
                            type="button"
                            className="link-button danger practice-action"
                            onClick={() => {
                              unselect.reset();
                              setUnselecting(site);
                            }}
                            data-testid="practice-unselect"
                          >
                            {t("sites.unselect")}
                          </button>
                        )}
                      </div>
                    ) : canPractice ? (
                      <button
                        type="button"
                        className="button small"
                        disabled={quota?.reached === true}
                        onClick={() => {
                          setDialogError({ issues: {}, message: null });
                          setSelecting(site);
                        }}
                        data-testid="practice-select"
                      >
                        {quota?.reached ? t("quota.reached") : t("sites.select")}
                      </button>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {sites.data && rows.length === 0 && (
          <p className="empty" data-testid="sites-empty">
            {t(onlyUnmet ? "sites.emptyUnmet" : "sites.empty")}
          </p>
        )}
        {!sites.data && sites.isPending && <p className="empty">{t("app.loading")}</p>}
      </div>

      {selecting && (
        <PracticeDialog
          site={selecting}
          unitName={unitName(selecting.unitId)}
          quota={quotaOf(selecting.unitId)}
          pending={select.isPending}
          issues={dialogError.issues}
          message={dialogError.message}
          onCancel={() => setSelecting(null)}
          onConfirm={(title) =>
            select.mutate({ organizationId: selecting.organizationId, title, ...cycleInput })
          }
        />
      )}
      {unselecting && (
        <ConfirmDialog
          title={t("sites.unselectTitle")}
          confirmLabel={t("sites.unselect")}
          danger
          pending={unselect.isPending}
          error={unselect.error ? (serverMessage(unselect.error) ?? t("app.networkError")) : null}
          onCancel={() => setUnselecting(null)}
          onConfirm={() => unselect.mutate({ organizationId: unselecting.organizationId, ...cycleInput })}
          testId="unselect-dialog"
        >
          {t("sites.unselectText", { name: unselecting.name, title: unselecting.practiceTitle ?? "" })}
        </ConfirmDialog>
      )}
    </div>
  );
}
