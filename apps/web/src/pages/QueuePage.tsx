import "../components/wall.css";
import type { QueueRowDto } from "@beltmap/api";
import { isStage, STAGE_OWNER, STAGES, type Stage, TIER_OF_GRADE } from "@beltmap/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useSearchParams } from "react-router";
import { LoadError } from "../components/LoadError.tsx";
import { SearchField } from "../components/SearchField.tsx";
import { TownshipOptions } from "../components/TownshipOptions.tsx";
import { UnitFilter } from "../components/UnitFilter.tsx";
import { formatTime } from "../lib/format.ts";
import { formatScore } from "../lib/scores.ts";
import { TIER_COLORS } from "../map/palette.ts";
import { Appendix2Export } from "../queue/Appendix2Export.tsx";
import { BulkDialog } from "../queue/BulkDialog.tsx";
import { QueuePager } from "../queue/QueuePager.tsx";
import { QuotaList } from "../queue/QuotaList.tsx";
import "../queue/queue.css";
import { cycleInputOf, useCycle } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useTRPC } from "../trpc.ts";

const NO_ROWS: readonly QueueRowDto[] = [];

/** 工作台: who waits at which stage in the user's region, filters, and the county's and city's bulk actions. */
export function QueuePage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const cycle = useCycle();
  const cycleInput = cycleInputOf(cycle);
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const stageParam = params.get("stage");
  const askedStage = isStage(stageParam) ? stageParam : undefined;
  const unitId = params.get("unit") || undefined;
  const townshipId = params.get("township") || undefined;
  const search = params.get("q") ?? "";
  const afterParam = Number(params.get("after"));
  const after = Number.isInteger(afterParam) && afterParam > 0 ? afterParam : undefined;
  const [searchText, setSearchText] = useState(search);
  const [bulkOpen, setBulkOpen] = useState(false);
  const tabPanelId = useId();

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        // Another stage or filter starts at its first page.
        if (!("after" in changes)) next.delete("after");
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === "") next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  // The name search goes to the server (the counts follow it), a moment after typing stops.
  const updateRef = useRef(update);
  updateRef.current = update;
  useEffect(() => {
    const query = searchText.trim();
    if (query === search) return;
    const timer = setTimeout(() => updateRef.current({ q: query }), 300);
    return () => clearTimeout(timer);
  }, [searchText, search]);

  const queue = useQuery({
    ...trpc.queue.list.queryOptions({
      stage: askedStage,
      unitId,
      townshipId,
      search: search || undefined,
      after,
      ...cycleInput,
    }),
    placeholderData: keepPreviousData,
    staleTime: 0, // others move organisations between stages: always asked for again on opening
  });
  const units = useQuery(trpc.unit.list.queryOptions());
  const showTownshipFilter = me.role !== "TOWNSHIP" && me.role !== "ORG";
  const townships = useQuery({
    ...trpc.unit.townships.queryOptions(unitId ? { unitId } : undefined),
    enabled: showTownshipFilter,
  });
  const data = queue.data;
  // Before the first answer, the tab of the stage the user's role fills in (the server's default too).
  const stage: Stage | undefined =
    askedStage ?? data?.stage ?? STAGES.find((s) => STAGE_OWNER[s] === me.role);
  const rows = data && data.stage === stage ? data.rows : NO_ROWS;

  const unitName = (id: string) => {
    const unit = units.data?.find((u) => u.id === id);
    return t(`units.${id}`, { defaultValue: unit?.name ?? id });
  };
  const showUnitFilter = me.role === "CITY" || me.role === "LEADER";
  const canBulk =
    !cycle.isPast &&
    (me.role === "COUNTY" || me.role === "CITY") &&
    data !== undefined &&
    stage === data.ownStage &&
    rows.length > 0;
  const previousStage = stage ? STAGES[STAGES.indexOf(stage) - 1] : undefined;

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!stage || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) return;
    const step = event.key === "ArrowRight" ? 1 : -1;
    const next = STAGES[(STAGES.indexOf(stage) + step + STAGES.length) % STAGES.length] as Stage;
    update({ stage: next });
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-stage="${next}"]`)?.focus();
  };

  return (
    <div className="page queue-page wall-zoom">
      <div className="page-head queue-head">
        <h2>
          {t("queue.title")}
          {cycle.isPast && cycle.selected && (
            <span className="muted"> · {t("app.cycle", { year: cycle.selected.year })}</span>
          )}
        </h2>
        {data && (
          <span className="muted" data-testid="queue-summary">
            {t(search || unitId || townshipId ? "queue.summaryFiltered" : "queue.summary", {
              total: data.total,
              determined: data.determined,
            })}
            {data.notCompetitors > 0 && (
              <span data-testid="queue-not-competitors">
                {"；"}
                {t("queue.notCompetitors", { count: data.notCompetitors })}
              </span>
            )}
          </span>
        )}
        {(me.role === "COUNTY" || me.role === "CITY" || me.role === "LEADER") && (
          <Appendix2Export unitId={unitId} />
        )}
      </div>
      {cycle.isPast && cycle.selected && (
        <p className="notice notice-info queue-history" data-testid="queue-history">
          {t("queue.history", { year: cycle.selected.year })}
        </p>
      )}

      <div className="tabs" role="tablist" aria-label={t("queue.tabs")} onKeyDown={onTabKey}>
        {STAGES.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            id={`tab-${s}`}
            data-stage={s}
            aria-selected={s === stage}
            aria-controls={tabPanelId}
            tabIndex={s === stage ? 0 : -1}
            className="tab"
            onClick={() => update({ stage: s })}
            data-testid={`tab-${s}`}
          >
            {t(`queue.waiting.${s}`)}
            <span className="tab-count">{data ? data.counts[s] : "…"}</span>
            {s === data?.ownStage && <span className="tab-own">{t("queue.own")}</span>}
          </button>
        ))}
      </div>

      <div
        className="tab-panel"
        role="tabpanel"
        id={tabPanelId}
        aria-labelledby={stage ? `tab-${stage}` : undefined}
      >
        <div className="toolbar">
          {showUnitFilter && (
            <UnitFilter
              value={unitId ?? ""}
              units={units.data ?? []}
              onChange={(unit) => update({ unit, township: null })}
              testId="queue-unit"
            />
          )}
          {showTownshipFilter && (townships.data?.length ?? 0) > 1 && (
            <label className="inline-field">
              <span>{t("queue.township")}</span>
              <select
                value={townshipId ?? ""}
                onChange={(event) => update({ township: event.target.value })}
                data-testid="queue-township"
              >
                <option value="">{t("queue.allTownships")}</option>
                <TownshipOptions townships={townships.data ?? []} unitName={unitName} />
              </select>
            </label>
          )}
          <SearchField
            label={t("queue.search")}
            value={searchText}
            placeholder={t("queue.searchPlaceholder")}
            onChange={setSearchText}
            testId="queue-search"
          />
          <span className="toolbar-count muted" aria-live="polite" data-testid="queue-count">
            {data && stage ? t("queue.shown", { count: data.counts[stage] }) : ""}
          </span>
          {canBulk && (
            <button
              type="button"
              className="button primary"
              onClick={() => setBulkOpen(true)}
              data-testid="bulk-open"
            >
              {t("bulk.open", { count: rows.length })}
            </button>
          )}
        </div>

        {data && <QuotaList quotas={data.quotas} unitName={unitName} />}

        <LoadError query={queue} />

        <div className="table-wrap">
          <table className="data-table queue-table" data-testid="queue-table" aria-busy={queue.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t("queue.columns.name")}</th>
                <th scope="col">{t("queue.columns.township")}</th>
                <th scope="col">{t("queue.columns.unit")}</th>
                <th scope="col">{t("queue.columns.status")}</th>
                {previousStage && (
                  <th scope="col" className="num">
                    {t("queue.columns.previous", { stage: t(`codes.stage.${previousStage}`) })}
                  </th>
                )}
                <th scope="col">{t("queue.columns.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.organizationId}
                  data-testid={`queue-row-${row.organizationId}`}
                  className={row.status === "RETURNED" ? "row-returned" : undefined}
                >
                  <td className="queue-name">
                    <Link
                      to={`/sheet/${row.organizationId}`}
                      state={{ from: location.pathname + location.search }}
                    >
                      {row.name}
                    </Link>
                  </td>
                  <td data-label={t("queue.columns.township")}>{row.townshipName}</td>
                  <td data-label={t("queue.columns.unit")}>{unitName(row.unitId)}</td>
                  <td data-label={t("queue.columns.status")}>
                    <span className={`status status-${row.status}`}>{t(`status.${row.status}`)}</span>
                    {row.status === "RETURNED" && row.returnReason && (
                      <div className="return-reason" data-testid="return-reason">
                        {t("queue.returnReason", { reason: row.returnReason })}
                      </div>
                    )}
                  </td>
                  {previousStage && (
                    <td
                      className="num"
                      data-label={t("queue.columns.previous", { stage: t(`codes.stage.${previousStage}`) })}
                    >
                      {row.previousTotal === null ? (
                        "—"
                      ) : (
                        <>
                          {formatScore(row.previousTotal)}
                          {row.previousGrade && (
                            <span className="grade-tag">
                              <span
                                className="grade-dot"
                                style={{ background: TIER_COLORS[TIER_OF_GRADE[row.previousGrade]] }}
                                aria-hidden="true"
                              />
                              {t(`codes.grade.${row.previousGrade}`)}
                            </span>
                          )}
                        </>
                      )}
                    </td>
                  )}
                  <td className="time" data-label={t("queue.columns.updated")}>
                    {formatTime(row.updatedAt, i18n.language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data && rows.length === 0 && data.page.before === 0 && (
            <p className="empty" data-testid="queue-empty">
              {t("queue.empty")}
            </p>
          )}
          {data && rows.length === 0 && data.page.before > 0 && (
            // Past the last row (the page's rows were all decided, or an old link): the others wait
            // on the pages before, not nowhere.
            <p className="empty" data-testid="queue-past-end">
              {t("queue.pastEnd", { number: data.page.before.toLocaleString(i18n.language) })}
            </p>
          )}
          {!data && queue.isPending && <p className="empty">{t("app.loading")}</p>}
        </div>
        {data && stage && data.stage === stage && (
          <QueuePager
            page={data.page}
            shown={rows.length}
            total={data.counts[stage]}
            onFirst={() => update({ after: null })}
            onNext={(next) => update({ after: String(next) })}
          />
        )}
      </div>

      {/* Mounted while open: it keeps the rows it was opened on, while the queue refreshes behind. */}
      {bulkOpen && stage && (
        <BulkDialog onClose={() => setBulkOpen(false)} stage={stage} rows={rows} role={me.role} />
      )}
    </div>
  );
}
