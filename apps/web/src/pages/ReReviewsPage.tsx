import "../i18n/rereview.ts"; // this page's strings, loaded with it
import type { ReReviewRowDto } from "@beltmap/api";
import type { RereviewSuggestion, Role } from "@beltmap/domain";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { GradeTag } from "../components/GradeTag.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { formatDay } from "../lib/format.ts";
import { useParamUpdater } from "../lib/params.ts";
import { CountsTable } from "../rereviews/CountsTable.tsx";
import { DecideDialog } from "../rereviews/DecideDialog.tsx";
import { RecordDialog } from "../rereviews/RecordDialog.tsx";
import { useMe } from "../shell/me.ts";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";

type Tab = "awaiting" | "due" | "overdue" | "open";

const MATCHES: Record<Tab, (row: ReReviewRowDto) => boolean> = {
  awaiting: (r) => r.awaitsMe,
  due: (r) => r.dueState === "DUE_SOON",
  overdue: (r) => r.dueState === "OVERDUE",
  open: () => true,
};

const ALL_TABS: Tab[] = ["awaiting", "due", "overdue", "open"];
const LEADER_TABS: Tab[] = ["due", "overdue", "open"];

/** Leaders act on nothing: no 待办 tab for them. */
function tabsOf(role: Role): Tab[] {
  return role === "LEADER" ? LEADER_TABS : ALL_TABS;
}

function isTab(value: string | null, tabs: Tab[]): value is Tab {
  return tabs.includes(value as Tab);
}

type Dialog =
  | { kind: "record"; row: ReReviewRowDto }
  | { kind: "decide"; row: ReReviewRowDto; approve: boolean }
  | null;

type Notice = { kind: "success" | "error"; text: string } | null;

const NO_ROWS: readonly ReReviewRowDto[] = [];

/**
 * 动态管理: the re-reviews of the user's region that are open (to record, to decide, to file), with
 * the due and overdue ones per township; each role's step on its rows.
 */
export function ReReviewsPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const queryClient = useQueryClient();
  const location = useLocation();
  const unitName = useUnitName();
  const units = useQuery(trpc.unit.list.queryOptions());
  const [params, update] = useParamUpdater();
  const tabs = tabsOf(me.role);
  const tabParam = params.get("tab");
  const tab: Tab = isTab(tabParam, tabs) ? tabParam : (tabs[0] as Tab);
  const unitId = params.get("unit") || undefined;
  const townshipId = params.get("township") || null;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dialogIssues, setDialogIssues] = useState<Record<string, string>>({});
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<ReadonlySet<number>>(new Set());
  const [notice, setNotice] = useState<Notice>(null);
  const tabPanelId = useId();

  // Every open re-review of the region (or the unit picked) in one answer: the tabs, the counts and
  // the township filter are views of it, so their numbers always agree.
  const listInput = { show: "open" as const, unitId };
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

  const setBusyRow = (id: number, on: boolean) =>
    setBusy((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const clearRowError = (id: number) => setRowErrors(({ [id]: _dropped, ...rest }) => rest);

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
    setRowErrors((current) => ({ ...current, [row.id]: serverMessage(error) ?? t("app.networkError") }));
    void list.refetch();
  };

  const record = useMutation(
    trpc.rereview.record.mutationOptions({
      onMutate: (input) => setBusyRow(input.id, true),
      onSettled: (_data, _error, input) => setBusyRow(input.id, false),
    }),
  );
  const decide = useMutation(
    trpc.rereview.decide.mutationOptions({
      onMutate: (input) => setBusyRow(input.id, true),
      onSettled: (_data, _error, input) => setBusyRow(input.id, false),
    }),
  );
  // The city may file several rows in a row: the outcome of each is handled here, per call (the
  // callbacks given to mutate() would only run for the latest one).
  const rowById = new Map(allRows.map((r) => [r.id, r]));
  const rowByIdRef = useRef(rowById);
  rowByIdRef.current = rowById;
  const file = useMutation(
    trpc.rereview.file.mutationOptions({
      onMutate: (input) => setBusyRow(input.id, true),
      onSettled: (_data, _error, input) => setBusyRow(input.id, false),
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
    clearRowError(row.id);
    record.mutate(
      { id: row.id, ...value },
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
    clearRowError(row.id);
    decide.mutate(
      { id: row.id, approve, reason },
      {
        onSuccess: async () => {
          setDialog(null);
          await refresh(approve);
          const due = nextDueOf(row.organizationId, row.id);
          const grades = {
            name: row.organizationName,
            from: t(`codes.grade.${row.gradeBefore}`),
            to: row.suggestedGrade ? t(`codes.grade.${row.suggestedGrade}`) : "",
          };
          setNotice({
            kind: "success",
            text: approve
              ? `${t("rereview.approved", grades)}${due ? t("rereview.nextDue", { due }) : ""}`
              : t("rereview.rejected", grades),
          });
        },
        onError: (error) => refuse(row, error, ["reason"]),
      },
    );
  };

  const onFile = (row: ReReviewRowDto) => {
    clearRowError(row.id);
    setNotice(null);
    file.mutate({ id: row.id });
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
    if (next) clearRowError(next.row.id);
    setDialog(next);
  };

  return (
    <div className="page rereview-page">
      <div className="page-head">
        <h2>{t("rereview.title")}</h2>
        <span className="muted">{t("rereview.cadence")}</span>
      </div>

      <div className="split">
        <aside className="split-side" aria-label={t("rereview.countsLabel")}>
          {showUnitFilter && (
            <label className="inline-field">
              <span>{t("queue.unit")}</span>
              <select
                className="grow"
                value={unitId ?? ""}
                onChange={(event) => update({ unit: event.target.value, township: null })}
                data-testid="rereview-unit"
              >
                <option value="">{t("queue.allUnits")}</option>
                {units.data?.map((u) => (
                  <option key={u.id} value={u.id}>
                    {unitName(u.id, u.name)}
                  </option>
                ))}
              </select>
            </label>
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
                />
              ) : (
                <CountsTable
                  by="township"
                  counts={data.byTownship}
                  selected={townshipId}
                  onSelect={(id) => update({ township: id })}
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

            <div aria-live="polite" data-testid="rereview-notice">
              {notice && (
                <p className={`notice notice-${notice.kind}`}>
                  {notice.text}
                  <button
                    type="button"
                    className="notice-close"
                    onClick={() => setNotice(null)}
                    aria-label={t("common.close")}
                  >
                    ×
                  </button>
                </p>
              )}
            </div>

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
                    {me.role !== "LEADER" && <th scope="col">{t("rereview.columns.actions")}</th>}
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
                      unitName={unitName}
                      busy={busy.has(row.id)}
                      error={rowErrors[row.id]}
                      from={location.pathname + location.search}
                      onRecord={() => openDialog({ kind: "record", row })}
                      onDecide={(approve) => openDialog({ kind: "decide", row, approve })}
                      onFile={() => onFile(row)}
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
    </div>
  );
}

function DueCell({ row }: { row: ReReviewRowDto }) {
  const { t, i18n } = useTranslation();
  const day = formatDay(row.dueOn, i18n.language);
  if (row.status !== "PENDING") {
    return (
      <td className="time">
        {day}
        {row.reviewedAt && (
          <div className="sub">
            {t("rereview.reviewedOn", { day: formatDay(row.reviewedAt, i18n.language) })}
          </div>
        )}
      </td>
    );
  }
  return (
    <td className="time">
      <span className="due-day">{day}</span>
      {row.dueState === "OVERDUE" && (
        <span className="due-badge due-OVERDUE" data-testid="overdue">
          {t("rereview.overdueDays", { count: row.daysOverdue })}
        </span>
      )}
      {row.dueState === "DUE_SOON" && <span className="due-badge due-DUE_SOON">{t("rereview.dueSoon")}</span>}
    </td>
  );
}

function ReReviewRow({
  row,
  role,
  showTownship,
  showUnit,
  unitName,
  busy,
  error,
  from,
  onRecord,
  onDecide,
  onFile,
}: {
  row: ReReviewRowDto;
  role: Role;
  showTownship: boolean;
  showUnit: boolean;
  unitName: (id: string, fallback?: string) => string;
  busy: boolean;
  error: string | undefined;
  from: string;
  onRecord: () => void;
  onDecide: (approve: boolean) => void;
  onFile: () => void;
}) {
  const { t } = useTranslation();
  const rowClass = [row.dueState === "OVERDUE" ? "row-overdue" : "", error ? "row-error" : ""].join(" ");
  return (
    <tr className={rowClass.trim() || undefined} data-testid={`rereview-row-${row.id}`} aria-busy={busy}>
      <td>
        <Link to={`/sheet/${row.organizationId}`} state={{ from }}>
          {row.organizationName}
        </Link>
      </td>
      {showTownship && (
        <td>
          {row.townshipName}
          {showUnit && <div className="sub">{unitName(row.unitId, row.unitName)}</div>}
        </td>
      )}
      <DueCell row={row} />
      <td>
        <GradeTag grade={row.gradeBefore} />
      </td>
      <td>
        {row.status === "PENDING" ? (
          <span className="muted">—</span>
        ) : row.suggestion === "NONE" || !row.suggestedGrade ? (
          t("rereview.suggest.NONE")
        ) : (
          <span className={`suggestion suggestion-${row.suggestion}`}>
            {t(`rereview.suggestShort.${row.suggestion}`)}
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden">{t("rereview.to")}</span>
            <GradeTag grade={row.suggestedGrade} />
          </span>
        )}
        {row.notes && <div className="sub notes">{row.notes}</div>}
      </td>
      <td>
        <span className={`status rr-status-${row.status}`}>{t(`codes.rereviewStatus.${row.status}`)}</span>
      </td>
      {role !== "LEADER" && (
        <td className="row-actions">
          <div className="row-buttons">
            {role === "TOWNSHIP" && row.awaitsMe && (
              <button
                type="button"
                className="button small"
                onClick={onRecord}
                disabled={busy}
                data-testid="record-open"
              >
                {t("rereview.record")}
              </button>
            )}
            {role === "COUNTY" && row.awaitsMe && (
              <>
                <button
                  type="button"
                  className="button small primary"
                  onClick={() => onDecide(true)}
                  disabled={busy}
                  data-testid="approve-open"
                >
                  {t("rereview.approve")}
                </button>
                <button
                  type="button"
                  className="button small danger"
                  onClick={() => onDecide(false)}
                  disabled={busy}
                  data-testid="reject-open"
                >
                  {t("rereview.reject")}
                </button>
              </>
            )}
            {role === "CITY" && row.awaitsMe && (
              <button
                type="button"
                className="button small primary"
                onClick={onFile}
                disabled={busy}
                data-testid="file-button"
              >
                {busy ? t("common.saving") : t("rereview.file")}
              </button>
            )}
            {!row.awaitsMe && <span className="muted">{t(`rereview.waitingFor.${row.status}`)}</span>}
          </div>
          {error && (
            <p className="row-error-text" role="alert" data-testid="row-error">
              {error}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}
