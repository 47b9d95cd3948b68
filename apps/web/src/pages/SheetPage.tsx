import "../components/wall.css";
import type { SheetDto, SheetStageDto } from "@beltmap/api";
import {
  checkExcellentDetermination,
  ITEM_KEYS,
  STAGES,
  type Stage,
  validateReturnReason,
} from "@beltmap/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { LeaveGuard } from "../components/LeaveGuard.tsx";
import { ReasonDialog } from "../components/ReasonDialog.tsx";
import { errorCode, issuesByField, serverMessage } from "../lib/errors.ts";
import { formatTime } from "../lib/format.ts";
import { type DraftScores, draftOf, formatScore, parseDraft, totalsOf } from "../lib/scores.ts";
import { quotaClass } from "../queue/QuotaList.tsx";
import { GradeLine } from "../sheet/GradeLine.tsx";
import { HistoryPanel } from "../sheet/HistoryPanel.tsx";
import { ScoreTable } from "../sheet/ScoreTable.tsx";
import { SubmitDialog } from "../sheet/SubmitDialog.tsx";
import "../sheet/sheet.css";
import { cycleInputOf, useCycle } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useTRPC } from "../trpc.ts";

/** What the user is filling in: one stage's scores as typed, against the version they were read at. */
type Form = {
  stage: Stage | null;
  version: number;
  draft: DraftScores;
  opinion: string;
  overrideReason: string;
  /** Typed since the last load or save: a refetch must not overwrite it. */
  dirty: boolean;
};

type Notice = { kind: "success" | "error" | "conflict" | "info"; text: string } | null;

/** Nobody writes on a past cycle's sheet, nor scores an organisation that is not a 争创对象. */
function isWritable(sheet: SheetDto): boolean {
  return sheet.cycleIsCurrent && sheet.organization.notCompetitorReason === null;
}

function formFrom(sheet: SheetDto): Form {
  const editable = isWritable(sheet) ? sheet.stages.find((s) => s.canEdit) : undefined;
  return {
    stage: editable?.stage ?? null,
    version: editable?.version ?? 0,
    draft: draftOf(editable?.items ?? {}),
    opinion: editable?.opinion ?? "",
    overrideReason: "",
    dirty: false,
  };
}

/** The back link's words follow the page the sheet was opened from. */
function backKey(from: string): string {
  if (from.startsWith("/rereviews")) return "sheet.backRereviews";
  if (from.startsWith("/sites")) return "sheet.backSites";
  return "sheet.back";
}

export function SheetPage() {
  const { organizationId } = useParams();
  const id = Number(organizationId);
  const { t } = useTranslation();
  if (!Number.isInteger(id) || id <= 0) {
    return (
      <div className="page-message">
        <p>{t("app.notFound")}</p>
      </div>
    );
  }
  // A fresh form for each organisation.
  return <SheetEditor key={id} organizationId={id} />;
}

function SheetEditor({ organizationId }: { organizationId: number }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const cycleInput = cycleInputOf(useCycle());
  const queryClient = useQueryClient();
  const location = useLocation();
  const backTo = (location.state as { from?: string } | null)?.from ?? "/queue";
  const backLabel = t(backKey(backTo));
  const definition = useQuery(
    trpc.sheet.definition.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const sheetInput = { organizationId, ...cycleInput };
  const sheetKey = trpc.sheet.get.queryKey(sheetInput);
  // Others change sheets too: shown from cache at once, always asked for again on opening.
  const sheet = useQuery(trpc.sheet.get.queryOptions(sheetInput, { staleTime: 0 }));
  const [form, setForm] = useState<Form | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [showMissing, setShowMissing] = useState(false);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [returning, setReturning] = useState<SheetStageDto | null>(null);
  const opinionId = useId();
  const overrideId = useId();
  const noticeRef = useRef<HTMLDivElement>(null);

  // Take the server's sheet whenever it changes, unless the user has typed something since.
  useEffect(() => {
    if (sheet.data) {
      const data = sheet.data;
      setForm((previous) => (previous?.dirty ? previous : formFrom(data)));
    }
  }, [sheet.data]);

  const parsed = useMemo(() => parseDraft(form?.draft ?? {}), [form?.draft]);
  const live = useMemo(
    () => (Object.keys(parsed.items).length > 0 ? totalsOf(parsed.items) : null),
    [parsed.items],
  );

  const accept = useCallback(
    (fresh: SheetDto, message: string) => {
      queryClient.setQueryData(sheetKey, fresh);
      setForm(formFrom(fresh));
      setIssues({});
      setShowMissing(false);
      setNotice({ kind: "success", text: message });
      for (const key of [
        trpc.queue.pathKey(),
        trpc.map.pathKey(),
        trpc.dashboard.pathKey(),
        trpc.audit.pathKey(),
        trpc.site.pathKey(),
      ])
        void queryClient.invalidateQueries({ queryKey: key });
    },
    [queryClient, sheetKey, trpc],
  );
  const refuse = useCallback(
    (error: unknown) => {
      const text = serverMessage(error) ?? t("app.networkError");
      if (errorCode(error) === "CONFLICT") {
        setNotice({ kind: "conflict", text });
      } else {
        setIssues(issuesByField(error));
        setNotice({ kind: "error", text });
      }
      noticeRef.current?.scrollIntoView({ block: "nearest" });
    },
    [t],
  );

  const save = useMutation(
    trpc.sheet.save.mutationOptions({ onSuccess: (d) => accept(d, t("sheet.saved")), onError: refuse }),
  );
  const submit = useMutation(
    trpc.sheet.submit.mutationOptions({
      onSuccess: (d) => {
        setConfirmSubmit(false);
        accept(d, t("sheet.submitted"));
      },
      onError: (error) => {
        setConfirmSubmit(false);
        refuse(error);
      },
    }),
  );
  const giveBack = useMutation(
    trpc.sheet.return.mutationOptions({
      onSuccess: (d) => {
        setReturning(null);
        accept(d, t("sheet.returned"));
      },
    }),
  );

  if (sheet.isError || definition.isError) {
    const error = sheet.error ?? definition.error;
    return (
      <div className="page-message" role="alert">
        <p>{t("app.loadFailed", { message: serverMessage(error) ?? t("app.networkError") })}</p>
        <Link to={backTo}>{backLabel}</Link>
      </div>
    );
  }
  if (!sheet.data || !definition.data || !form) {
    return (
      <div className="page-message" role="status">
        {t("app.loading")}
      </div>
    );
  }

  const data = sheet.data;
  const editStage = form.stage;
  const editing = editStage ? data.stages.find((s) => s.stage === editStage) : undefined;
  const previous = editStage ? data.stages[STAGES.indexOf(editStage) - 1] : undefined;
  const writable = isWritable(data);
  const returnable = writable ? data.stages.filter((s) => s.canReturn) : [];
  const notCompetitor = data.organization.notCompetitorReason;
  const neverScored = data.stages.every((s) => s.status === "EMPTY");
  const busy = save.isPending || submit.isPending;
  const stageName = (stage: Stage) => t(`codes.stage.${stage}`);

  const cellErrors: Record<string, string> = {};
  if (showMissing) for (const key of parsed.missing) cellErrors[key] = t("sheet.missingScore");
  for (const key of ITEM_KEYS) {
    const issue = issues[`items.${key}`];
    if (issue) cellErrors[key] = issue;
  }
  for (const key of parsed.invalid) cellErrors[key] = t("sheet.invalidScore");

  // The domain's quota rule: a 优秀 beyond the unit's places needs a recorded reason.
  const needsOverride =
    editStage === "CITY_FINAL" &&
    live?.grade === "EXCELLENT" &&
    !checkExcellentDetermination({ quota: data.quota.quota, usedExcellent: data.quota.used }).ok;
  const showOverride = needsOverride || issues.overrideReason !== undefined;

  const change = (patch: Partial<Form>, field?: string) => {
    setForm((f) => (f ? { ...f, ...patch, dirty: true } : f));
    if (field && issues[field]) {
      setIssues(({ [field]: _dropped, ...rest }) => rest);
    }
    // What was said about the last attempt is out of date once the user corrects it; a conflict
    // stays until the user chooses what to do.
    if (notice && notice.kind !== "conflict") setNotice(null);
  };

  const focusCell = (key: string | undefined) => {
    if (key) document.querySelector<HTMLInputElement>(`[data-testid="score-${key}"]`)?.focus();
  };

  const payload = () => ({
    ...cycleInput,
    organizationId,
    stage: editStage as Stage,
    version: form.version,
    items: parsed.items,
    opinion: editStage === "COUNTY_INITIAL" ? form.opinion : null,
  });

  const onSave = () => {
    if (parsed.invalid.length > 0) {
      setNotice({ kind: "error", text: t("sheet.invalidCount", { count: parsed.invalid.length }) });
      focusCell(parsed.invalid[0]);
      return;
    }
    save.mutate(payload());
  };

  const onSubmit = () => {
    const problems: string[] = [];
    if (parsed.invalid.length > 0) problems.push(t("sheet.invalidCount", { count: parsed.invalid.length }));
    if (parsed.missing.length > 0) problems.push(t("sheet.missingCount", { count: parsed.missing.length }));
    const fieldProblems: Record<string, string> = {};
    if (editStage === "COUNTY_INITIAL" && form.opinion.trim() === "")
      fieldProblems.opinion = t("sheet.opinionRequired");
    if (needsOverride && form.overrideReason.trim() === "")
      fieldProblems.overrideReason = t("sheet.overrideRequired");
    problems.push(...Object.values(fieldProblems));
    if (problems.length > 0) {
      setShowMissing(true);
      setIssues((current) => ({ ...current, ...fieldProblems }));
      setNotice({ kind: "error", text: problems.join("；") });
      focusCell(parsed.invalid[0] ?? parsed.missing[0]);
      return;
    }
    setConfirmSubmit(true);
  };

  const reload = async (keepMine: boolean) => {
    const fresh = await sheet.refetch();
    if (!fresh.data) return;
    const latest = fresh.data.stages.find((s) => s.stage === editStage);
    if (keepMine && latest?.canEdit) {
      setForm((f) => (f ? { ...f, version: latest.version } : f));
      setNotice({ kind: "info", text: t("sheet.keptMine") });
    } else {
      setForm(formFrom(fresh.data));
      setIssues({});
      setShowMissing(false);
      setNotice(keepMine ? { kind: "error", text: t("sheet.noLongerEditable") } : null);
    }
  };

  const copyPrevious = () => {
    if (!previous) return;
    change({ draft: { ...form.draft, ...draftOf(previous.items) } });
    setIssues({});
  };

  return (
    <div className="page sheet-page wall-zoom">
      <div className="sheet-head">
        <Link to={backTo} className="back-link">
          ← {backLabel}
        </Link>
        <h2 data-testid="sheet-org-name">{data.organization.name}</h2>
        <span className="muted">
          {t(`units.${data.organization.unitId}`, { defaultValue: data.organization.unitName })} ·{" "}
          {data.organization.townshipName} · {t(`codes.orgKind.${data.organization.kind}`)} ·{" "}
          <span data-testid="sheet-cycle">{t("app.cycle", { year: data.cycleYear })}</span>
        </span>
        <span className="sheet-grade" data-testid="sheet-grade">
          <GradeLine sheet={data} />
        </span>
      </div>
      {!data.cycleIsCurrent && (
        <p className="notice notice-info sheet-banner" data-testid="sheet-history">
          {t("sheet.history", { year: data.cycleYear })}
        </p>
      )}
      {notCompetitor && (
        <p className="notice notice-warn sheet-banner" data-testid="not-competitor">
          {notCompetitor}
        </p>
      )}

      <div className="sheet-body">
        <div className="sheet-table-wrap">
          {notCompetitor && neverScored ? (
            <p className="empty" data-testid="not-scored">
              {t("sheet.notCompetitorNoScores")}
            </p>
          ) : (
            <ScoreTable
              definition={definition.data}
              stages={data.stages}
              editStage={editStage}
              draft={form.draft}
              live={live}
              cellErrors={cellErrors}
              disabled={busy}
              onChange={(key, value) => change({ draft: { ...form.draft, [key]: value } }, `items.${key}`)}
            />
          )}
        </div>

        <aside className="sheet-side" aria-label={t("sheet.actions")}>
          {editStage ? (
            <section className="side-block">
              <h3>{t("sheet.fillingIn", { stage: stageName(editStage) })}</h3>
              <p className="live-total" data-testid="live-total">
                <strong>{formatScore(live?.total ?? null)}</strong>
                <span>
                  {t("sheet.points")}
                  {live && ` · ${t(`codes.grade.${live.grade}`)}${t("sheet.provisionalMark")}`}
                </span>
              </p>
              {editing?.status === "RETURNED" && (
                <p className="notice notice-warn" data-testid="returned-banner">
                  {t("sheet.returnedBanner", {
                    stage: stageName(editStage),
                    reason: editing.returnReason ?? "",
                  })}
                </p>
              )}
            </section>
          ) : (
            <p className="side-block muted" data-testid="sheet-readonly">
              {notCompetitor
                ? t("sheet.notCompetitor")
                : !data.cycleIsCurrent
                  ? t("sheet.history", { year: data.cycleYear })
                  : me.role === "LEADER"
                    ? t("sheet.readOnly")
                    : t("sheet.nothingToEdit")}
            </p>
          )}

          <div ref={noticeRef} aria-live="polite" data-testid="sheet-notice">
            {notice && (
              <div className={`notice notice-${notice.kind === "conflict" ? "error" : notice.kind}`}>
                <p>{notice.text}</p>
                {notice.kind === "conflict" && (
                  <div className="notice-actions">
                    <button type="button" className="button" onClick={() => void reload(false)}>
                      {t("sheet.conflictReload")}
                    </button>
                    <button type="button" className="button" onClick={() => void reload(true)}>
                      {t("sheet.conflictKeep")}
                    </button>
                  </div>
                )}
              </div>
            )}
          </div>

          <div className={`${quotaClass(data.quota)} quota-line`} data-testid="sheet-quota">
            <span>
              {t("sheet.quota", {
                unit: t(`units.${data.organization.unitId}`, { defaultValue: data.organization.unitName }),
              })}
            </span>
            <strong>
              {data.quota.used} / {data.quota.quota}
            </strong>
            {data.quota.exceeded ? (
              <em>{t("quota.exceeded")}</em>
            ) : data.quota.reached ? (
              <em>{t("quota.reached")}</em>
            ) : (
              <span className="muted">{t("sheet.quotaRemaining", { count: data.quota.remaining })}</span>
            )}
          </div>

          {editStage === "COUNTY_INITIAL" && (
            <div className="field">
              <label htmlFor={opinionId}>{t("sheet.opinion")}</label>
              <textarea
                id={opinionId}
                rows={3}
                value={form.opinion}
                placeholder={t("sheet.opinionPlaceholder")}
                onChange={(event) => change({ opinion: event.target.value }, "opinion")}
                readOnly={busy}
                aria-invalid={issues.opinion ? true : undefined}
                aria-describedby={issues.opinion ? `${opinionId}-error` : undefined}
                data-testid="opinion"
              />
              {issues.opinion && (
                <span className="field-error" id={`${opinionId}-error`}>
                  {issues.opinion}
                </span>
              )}
            </div>
          )}

          {showOverride && (
            <div className="field">
              <label htmlFor={overrideId}>{t("sheet.overrideReason")}</label>
              <p className="field-hint">
                {t("sheet.overrideHint", { used: data.quota.used, quota: data.quota.quota })}
              </p>
              <textarea
                id={overrideId}
                rows={2}
                value={form.overrideReason}
                onChange={(event) => change({ overrideReason: event.target.value }, "overrideReason")}
                readOnly={busy}
                aria-invalid={issues.overrideReason ? true : undefined}
                aria-describedby={issues.overrideReason ? `${overrideId}-error` : undefined}
                data-testid="override-reason"
              />
              {issues.overrideReason && (
                <span className="field-error" id={`${overrideId}-error`}>
                  {issues.overrideReason}
                </span>
              )}
            </div>
          )}

          {editStage && (
            <div className="side-actions">
              {previous && previous.status !== "EMPTY" && (
                <button
                  type="button"
                  className="button"
                  onClick={copyPrevious}
                  disabled={busy}
                  title={t("sheet.copyFrom", { stage: stageName(previous.stage) })}
                  data-testid="copy-previous"
                >
                  {t("sheet.copyPrevious")}
                </button>
              )}
              <button type="button" className="button" onClick={onSave} disabled={busy} data-testid="save">
                {save.isPending ? t("sheet.saving") : t("sheet.save")}
              </button>
              <button
                type="button"
                className="button primary"
                onClick={onSubmit}
                disabled={busy}
                data-testid="submit"
              >
                {t("sheet.submit")}
              </button>
            </div>
          )}
          {returnable.map((s) => (
            <button
              key={s.stage}
              type="button"
              className="button danger"
              onClick={() => {
                giveBack.reset();
                setReturning(s);
              }}
              data-testid={`return-${s.stage}`}
            >
              {t("sheet.returnStage", { stage: stageName(s.stage) })}
            </button>
          ))}

          <section className="side-block">
            <h3>{t("sheet.stageStatus")}</h3>
            <ul className="stage-list" data-testid="stage-list">
              {data.stages.map((s) => (
                <li key={s.stage} data-testid={`stage-status-${s.stage}`}>
                  <span className="stage-name">{t(`stageShort.${s.stage}`)}</span>
                  <span className={`status status-${s.status}`}>{t(`status.${s.status}`)}</span>
                  {s.status === "SUBMITTED" && (
                    <span className="muted stage-time">{formatTime(s.submittedAt, i18n.language)}</span>
                  )}
                  {s.status === "DRAFT" && (
                    <span className="muted stage-time">{formatTime(s.updatedAt, i18n.language)}</span>
                  )}
                  {s.status === "RETURNED" && s.returnReason && (
                    <span className="return-reason">
                      {t("queue.returnReason", { reason: s.returnReason })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
            {data.stages
              .filter((s) => s.stage === "COUNTY_INITIAL" && s.opinion && s.stage !== editStage)
              .map((s) => (
                <p key={s.stage} className="opinion" data-testid="opinion-readonly">
                  {t("sheet.opinionLine", { opinion: s.opinion })}
                </p>
              ))}
          </section>

          <HistoryPanel organizationId={organizationId} unitId={data.organization.unitId} />
        </aside>
      </div>

      <SubmitDialog
        open={confirmSubmit}
        sheet={data}
        stage={editStage}
        total={live?.total ?? null}
        grade={live?.grade ?? null}
        pending={submit.isPending}
        onCancel={() => setConfirmSubmit(false)}
        onConfirm={() =>
          submit.mutate({ ...payload(), overrideReason: showOverride ? form.overrideReason : null })
        }
      />

      {returning && (
        <ReasonDialog
          title={t("sheet.returnTitle", { stage: t(`codes.stage.${returning.stage}`) })}
          testId="return-dialog"
          hint={t("sheet.returnHint", { stage: t(`codes.stage.${returning.stage}`) })}
          label={t("sheet.returnReason")}
          check={(reason) => (validateReturnReason(reason) === null ? null : t("sheet.reasonRequired"))}
          rows={4}
          reasonTestId="return-reason-input"
          error={giveBack.error ? (serverMessage(giveBack.error) ?? t("app.networkError")) : null}
          errorIsReason={issuesByField(giveBack.error).reason !== undefined}
          confirmLabel={t("sheet.confirmReturn")}
          pendingLabel={t("sheet.confirmReturn")}
          confirmTestId="return-confirm"
          pending={giveBack.isPending}
          onCancel={() => setReturning(null)}
          onConfirm={(reason) =>
            giveBack.mutate({
              ...cycleInput,
              organizationId,
              stage: returning.stage,
              version: returning.version,
              reason,
            })
          }
        />
      )}

      <LeaveGuard dirty={form?.dirty === true} message={t("sheet.unsaved")} />
    </div>
  );
}
