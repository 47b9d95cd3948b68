import "../components/wall.css";
import "../i18n/rereview.ts"; // this page's strings, loaded with it
import type { ReReviewRowDto } from "@beltmap/api";
import type { RereviewSuggestion, Role } from "@beltmap/domain";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { LoadError } from "../components/LoadError.tsx";
import { NoticeBar } from "../components/NoticeBar.tsx";
import { UnitFilter } from "../components/UnitFilter.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { formatDay } from "../lib/format.ts";
import { useParamUpdater } from "../lib/params.ts";
import { useRowStates } from "../lib/rowStates.ts";
import { CityDecideDialog, type CityDecision } from "../rereviews/CityDecideDialog.tsx";
import { CountsTable } from "../rereviews/CountsTable.tsx";
import { DecideDialog } from "../rereviews/DecideDialog.tsx";
import { FileDialog } from "../rereviews/FileDialog.tsx";
import { RecordDialog } from "../rereviews/RecordDialog.tsx";
import { ReReviewRow, type RowAction } from "../rereviews/ReReviewRow.tsx";
import { cycleInputOf, useCycle } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";

type Tab = "awaiting" | "due" | "overdue" | "open" | "history";

const MATCHES: Record<Tab, (row: ReReviewRowDto) => boolean> = {
  awaiting: (r) => r.awaitsMe,
  due: (r) => r.dueState === "DUE_SOON",
  overdue: (r) => r.dueState === "OVERDUE",
  open: () => true,
  history: () => true,
};

const ALL_TABS: Tab[] = ["awaiting", "due", "overdue", "open"];
const LEADER_TABS: Tab[] = ["due", "overdue", "open"];
const HISTORY_TABS: Tab[] = ["history"];

/** Leaders act on nothing: no 待办 tab for them; a past cycle is one list of its history. */
function tabsOf(role: Role, isPast: boolean): Tab[] {
  if (isPast) return HISTORY_TABS;
  return role === "LEADER" ? LEADER_TABS : ALL_TABS;
}

function isTab(value: string | null, tabs: Tab[]): value is Tab {
  return tabs.includes(value as Tab);
}

type Dialog =
  | { kind: "record"; row: ReReviewRowDto }
  | { kind: "decide"; row: ReReviewRowDto; approve: boolean }
  | { kind: "cityDecide"; row: ReReviewRowDto }
  | { kind: "file"; row: ReReviewRowDto }
  | null;

type Notice = { kind: "success" | "info" | "error"; text: string } | null;

const NO_ROWS: readonly ReReviewRowDto[] = [];

/** How many rows each unit or township has (a past cycle's counts). */
function totalsBy(rows: readonly ReReviewRowDto[], key: (r: ReReviewRowDto) => string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(key(row), (totals.get(key(row)) ?? 0) + 1);
  return totals;
}

/**
 * 动态管理: the re-reviews of the user's region that are open (to record, to decide, to decide over
 * a full quota, to file), with the due, overdue and waiting ones per township; each role's step on
 * its rows. A past cycle shows the re-reviews that fell due in it, read-only.
 */
export function ReReviewsPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const queryClient = useQueryClient();
  const location = useLocation();
  const unitName = useUnitName();
  const units = useQuery(trpc.unit.list.queryOptions());
  const cycle = useCycle();
  const cycleInput = cycleInputOf(cycle);
  const isPast = cycle.isPast;
  const [params, update] = useParamUpdater();
  const tabs = tabsOf(me.role, isPast);
  const tabParam = params.get("tab");
  const tab: Tab = isTab(tabParam, tabs) ? tabParam : (tabs[0] as Tab);
  const unitId = params.get("unit") || undefined;
  const townshipId = params.get("township") || null;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dialogIssues, setDialogIssues] = useState<Record<string, string>>({});
  const rowStates = useRowStates();
  const [notice, setNotice] = useState<Notice>(null);
  const tabPanelId = useId();

  // Every open re-review of the region (or the unit picked) in one answer: the tabs, the counts and
  // the township filter are views of it, so their numbers always agree. A past cycle: all of its.
  const listInput = { show: isPast ? ("all" as const) : ("open" as const), unitId, ...cycleInput };
  const list = useQuery({
    ...trpc.rereview.list.queryOptions(listInput),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const data = list.data;
  const allRows = data?.rows ?? NO_ROWS;
  const inTownship = useMemo(
    () => (townshipId ? allRows.filter((r) => r.townshipId === townshipId) : allRows),
    [allRows, townshipId],
  );
  const rows = useMemo(() => inTownship.filter(MATCHES[tab]), [inTownship, tab]);
  const counts = useMemo(
    () =>
      Object.fromEntries(tabs.map((k) => [k, inTownship.filter(MATCHES[k]).length])) as Record<Tab, number>,
    [inTownship, tabs],
  );

  const showUnitFilter = me.region.level === "CITY";
  const byUnit = showUnitFilter && !unitId;
  const showTownship = me.role !== "TOWNSHIP";
  const showActions = me.role !== "LEADER" && !isPast;
  const totals = useMemo(
    () => (isPast ? totalsBy(allRows, byUnit ? (r) => r.unitId : (r) => r.townshipId) : undefined),
    [isPast, allRows, byUnit],
  );

  const refresh = async (changedGrade: boolean) => {
    if (changedGrade) {
      for (const key of [
        trpc.sheet.pathKey(),
        trpc.map.pathKey(),
        trpc.dashboard.pathKey(),
        trpc.site.pathKey(),
      ])
        void queryClient.invalidateQueries({ queryKey: key });
    }
    void queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.rereview.pathKey() });
  };

  /** The re-review now scheduled for the organisation, after a refetch. */
  const nextDueOf = (organizationId: number, exceptId: number): string | null => {
    const fresh = queryClient.getQueryData(trpc.rereview.list.queryKey(listInput));
    const next = fresh?.rows.find(
      (r) => r.organizationId === organizationId && r.status === "PENDING" && r.id !== exceptId,
    );
    return next ? formatDay(next.dueOn, i18n.language) : null;
  };

  /** A refusal: the dialog's own fields show it there; anything else on the row. */
  const refuse = (row: ReReviewRowDto, error: unknown, dialogFields: string[]) => {
    const issues = issuesByField(error);
    const mine = Object.fromEntries(Object.entries(issues).filter(([field]) => dialogFields.includes(field)));
    if (Object.keys(mine).length > 0) {
      setDialogIssues(mine);
      return;
    }
    setDialog(null);
    rowStates.setError(row.id, serverMessage(error) ?? t("app.networkError"));
    void list.refetch();
  };

  // A row is busy while its call is on its way.
  const busyWhileCalled = {
    onMutate: (input: { id: number }) => rowStates.setBusy(input.id, true),
    onSettled: (_data: unknown, _error: unknown, input: { id: number }) => rowStates.setBusy(input.id, false),
  };
  const record = useMutation(trpc.rereview.record.mutationOptions(busyWhileCalled));
  const decide = useMutation(trpc.rereview.decide.mutationOptions(busyWhileCalled));
  const cityDecide = useMutation(trpc.rereview.cityDecide.mutationOptions(busyWhileCalled));
  // The city may file several rows in a row: the outcome of each is handled here, per call (the
  // callbacks given to mutate() would only run for the latest one).
  const rowById = new Map(allRows.map((r) => [r.id, r]));
  const rowByIdRef = useRef(rowById);
  rowByIdRef.current = rowById;
  const file = useMutation(
    trpc.rereview.file.mutationOptions({
      ...busyWhileCalled,
      onSuccess: async (_data, input) => {
        const name = rowByIdRef.current.get(input.id)?.organizationName ?? "";
        await refresh(false);
        setNotice({ kind: "success", text: t("rereview.filed", { name }) });
      },
      onError: (error, input) => {
        const row = rowByIdRef.current.get(input.id);
        if (row) refuse(row, error, []);
      },
    }),
  );

  const onRecord = (row: ReReviewRowDto, value: { suggestion: RereviewSuggestion; notes: string }) => {
    rowStates.setError(row.id, null);
    record.mutate(
      { id: row.id, ...value, ...cycleInput },
      {
        onSuccess: async () => {
          setDialog(null);
          await refresh(false);
          const due = nextDueOf(row.organizationId, row.id);
          setNotice({
            kind: "success",
            text: [
              t(value.suggestion === "NONE" ? "rereview.recorded" : "rereview.recordedSuggestion", {
                name: row.organizationName,
              }),
              due ? t("rereview.nextDue", { due }) : "",
            ].join(""),
          });
        },
        onError: (error) => refuse(row, error, ["suggestion", "notes"]),
      },
    );
  };

  const onDecide = (row: ReReviewRowDto, approve: boolean, reason: string) => {
    rowStates.setError(row.id, null);
    decide.mutate(
      { id: row.id, approve, reason, ...cycleInput },
      {
        onSuccess: async (result) => {
          setDialog(null);
          const escalated = result.status === "ESCALATED";
          await refresh(approve && !escalated);
          const due = nextDueOf(row.organizationId, row.id);
          const grades = {
            name: row.organizationName,
            from: t(`codes.grade.${row.gradeBefore}`),
            to: row.suggestedGrade ? t(`codes.grade.${row.suggestedGrade}`) : "",
          };
          // An upgrade to 优秀 over the unit's full quota goes to the city: said as such.
          setNotice({
            kind: escalated ? "info" : "success",
            text: escalated
              ? t("rereview.escalated", grades)
              : approve
                ? `${t("rereview.approved", grades)}${due ? t("rereview.nextDue", { due }) : ""}`
                : t("rereview.rejected", grades),
          });
        },
        onError: (error) => refuse(row, error, ["reason"]),
      },
    );
  };

  const onCityDecide = (row: ReReviewRowDto, decision: CityDecision) => {
    rowStates.setError(row.id, null);
    cityDecide.mutate(
      { id: row.id, ...decision, ...cycleInput },
      {
        onSuccess: async (result) => {
          setDialog(null);
          const names = { name: row.organizationName, from: t(`codes.grade.${row.gradeBefore}`) };
          setNotice({
            kind: "success",
            text: decision.approve
              ? t(result.overQuota ? "rereview.cityApprovedOver" : "rereview.cityApproved", names)
              : t("rereview.cityRejected", names),
          });
          await refresh(decision.approve);
        },
        onError: (error) => refuse(row, error, ["reason", "overQuotaReason"]),
      },
    );
  };

  const onFile = (row: ReReviewRowDto) => {
    rowStates.setError(row.id, null);
    setNotice(null);
    file.mutate({ id: row.id, ...cycleInput }, { onSettled: () => setDialog(null) });
  };

  const onAction = (row: ReReviewRowDto, action: RowAction) => {
    if (action === "record") openDialog({ kind: "record", row });
    else if (action === "approve" || action === "reject")
      openDialog({ kind: "decide", row, approve: action === "approve" });
    else if (action === "cityDecide") openDialog({ kind: "cityDecide", row });
    // A 摘牌 is said once more before it is filed; any other adjustment is filed at once.
    else if (row.delisting) openDialog({ kind: "file", row });
    else onFile(row);
  };

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const step = event.key === "ArrowRight" ? 1 : -1;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length] as Tab;
    update({ tab: next });
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-tab="${next}"]`)?.focus();
  };

  const openDialog = (next: Dialog) => {
    setDialogIssues({});
    if (next) rowStates.setError(next.row.id, null);
    setDialog(next);
  };

  return (
    <div className="page rereview-page wall-zoom">
      <div className="page-head">
        <h2>
          {t("rereview.title")}
          {isPast && cycle.selected && (
            <span className="muted"> · {t("app.cycle", { year: cycle.selected.year })}</span>
          )}
        </h2>
        <span className="muted">{t("rereview.cadence")}</span>
      </div>
      {isPast && cycle.selected && (
        <p className="notice notice-info rr-history-note" data-testid="rereview-history-note">
          {t("rereview.historyNote", { year: cycle.selected.year })}
        </p>
      )}

      <div className="split">
        <aside className="split-side" aria-label={t("rereview.countsLabel")}>
          {showUnitFilter && (
            <UnitFilter
              value={unitId ?? ""}
              units={units.data ?? []}
              onChange={(unit) => update({ unit, township: null })}
              testId="rereview-unit"
              className="grow"
            />
          )}
          {data && (
            <div className="table-wrap">
              {byUnit ? (
                <CountsTable
                  by="unit"
                  counts={data.byUnit}
                  selected={null}
                  onSelect={(id) => update({ unit: id, township: null })}
                  nameOf={(c) => unitName(c.id, c.name)}
                  totals={totals}
                />
              ) : (
                <CountsTable
                  by="township"
                  counts={data.byTownship}
                  selected={townshipId}
                  onSelect={(id) => update({ township: id })}
                  totals={totals}
                />
              )}
            </div>
          )}
        </aside>

        <section className="split-main">
          <div className="tabs" role="tablist" aria-label={t("rereview.tabs")} onKeyDown={onTabKey}>
            {tabs.map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                id={`rereview-tab-${k}`}
                data-tab={k}
                aria-selected={k === tab}
                aria-controls={tabPanelId}
                tabIndex={k === tab ? 0 : -1}
                className={k === "overdue" && counts.overdue > 0 ? "tab tab-alert" : "tab"}
                onClick={() => update({ tab: k })}
                data-testid={`rereview-tab-${k}`}
              >
                {t(`rereview.tab.${k}`)}
                <span className="tab-count">{data ? counts[k] : "…"}</span>
              </button>
            ))}
          </div>

          <div className="tab-panel" role="tabpanel" id={tabPanelId} aria-labelledby={`rereview-tab-${tab}`}>
            <div className="toolbar">
              {townshipId && (
                <span className="filter-chip" data-testid="township-filter">
                  {t("rereview.townshipFilter", {
                    name: data?.byTownship.find((c) => c.id === townshipId)?.name ?? townshipId,
                  })}
                  <button
                    type="button"
                    className="chip-clear"
                    onClick={() => update({ township: null })}
                    aria-label={t("rereview.clearTownship")}
                  >
                    ×
                  </button>
                </span>
              )}
              <span className="toolbar-count muted" aria-live="polite" data-testid="rereview-count">
                {data ? t("rereview.shown", { count: rows.length }) : ""}
              </span>
            </div>

            <NoticeBar
              message={notice?.text}
              kind={notice?.kind}
              onClose={() => setNotice(null)}
              testId="rereview-notice"
            />

            <LoadError query={list} />
            {data?.truncated && (
              <p className="notice notice-warn">{t("queue.truncated", { count: allRows.length })}</p>
            )}

            <div className="table-wrap">
              <table
                className="data-table rereview-table"
                data-testid="rereview-table"
                aria-busy={list.isFetching}
              >
                <thead>
                  <tr>
                    <th scope="col">{t("queue.columns.name")}</th>
                    {showTownship && <th scope="col">{t("queue.columns.township")}</th>}
                    <th scope="col">{t("rereview.columns.due")}</th>
                    <th scope="col">{t("rereview.columns.gradeBefore")}</th>
                    <th scope="col">{t("rereview.columns.suggestion")}</th>
                    <th scope="col">{t("rereview.columns.status")}</th>
                    {showActions && <th scope="col">{t("rereview.columns.actions")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <ReReviewRow
                      key={row.id}
                      row={row}
                      role={me.role}
                      showTownship={showTownship}
                      showUnit={byUnit}
                      showActions={showActions}
                      unitName={unitName}
                      busy={rowStates.busy.has(row.id)}
                      error={rowStates.errors[row.id]}
                      from={location.pathname + location.search}
                      onAction={(action) => onAction(row, action)}
                    />
                  ))}
                </tbody>
              </table>
              {data && rows.length === 0 && (
                <p className="empty" data-testid="rereview-empty">
                  {t(`rereview.empty.${tab}`)}
                </p>
              )}
              {!data && list.isPending && <p className="empty">{t("app.loading")}</p>}
            </div>
          </div>
        </section>
      </div>

      {dialog?.kind === "record" && (
        <RecordDialog
          row={dialog.row}
          pending={record.isPending}
          issues={dialogIssues}
          onCancel={() => setDialog(null)}
          onConfirm={(value) => onRecord(dialog.row, value)}
        />
      )}
      {dialog?.kind === "decide" && (
        <DecideDialog
          row={dialog.row}
          approve={dialog.approve}
          pending={decide.isPending}
          issues={dialogIssues}
          onCancel={() => setDialog(null)}
          onConfirm={(reason) => onDecide(dialog.row, dialog.approve, reason)}
        />
      )}
      {dialog?.kind === "cityDecide" && (
        <CityDecideDialog
          row={dialog.row}
          pending={cityDecide.isPending}
          issues={dialogIssues}
          onCancel={() => setDialog(null)}
          onConfirm={(decision) => onCityDecide(dialog.row, decision)}
        />
      )}
      {dialog?.kind === "file" && (
        <FileDialog
          row={dialog.row}
          pending={file.isPending}
          onCancel={() => setDialog(null)}
          onConfirm={() => onFile(dialog.row)}
        />
      )}
    </div>
  );
}
