import type { CycleDetailDto, CycleSummaryDto } from "@beltmap/api";
import type { CycleDraft } from "@beltmap/domain";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { CycleFormFields } from "./CycleForm.tsx";
import { byField, type CycleForm, draftOf, editingForm, formProblems, openingForm } from "./form.ts";
import { formatCycleDay } from "./format.ts";

const UNFINISHED_KEYS = ["undetermined", "plansAwaitingCity", "reportsAwaitingCity"] as const;

/** A call to the server as the page runs it (the page owns it, so it outlives the dialog). */
export type CycleCall = {
  pending: boolean;
  error: unknown;
  reset: () => void;
};

/**
 * The form's messages: the domain's checks as the user types (the same the server runs), and what
 * the server said about a field until that field is edited again.
 */
function useFormMessages(
  form: CycleForm,
  cycles: readonly CycleSummaryDto[],
  editing: { id: number } | null,
) {
  const live = useMemo(() => formProblems(form, cycles, editing), [form, cycles, editing]);
  return { live, liveByField: useMemo(() => byField(live), [live]) };
}

function focusFirstInvalid(container: HTMLElement | null) {
  container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** A message of the server that names none of the form's fields, or a network failure. */
function generalMessage(error: unknown, fallback: string): string | null {
  if (!error) return null;
  return Object.keys(issuesByField(error)).length > 0 ? null : (serverMessage(error) ?? fallback);
}

/**
 * 开启新年度: the form prefilled with the next year (Appendix 3's quotas), checked as it is typed;
 * then what carries over and what starts afresh, confirmed; then the server copies every plan
 * (a busy state: it takes a while).
 */
export function OpenCycleDialog({
  cycles,
  current,
  unfinished,
  call,
  onOpen,
  onClose,
}: {
  cycles: readonly CycleSummaryDto[];
  current: CycleSummaryDto | null;
  /** What is still open in the current cycle (it freezes as history). */
  unfinished: CycleDetailDto["unfinished"];
  call: CycleCall;
  onOpen: (draft: CycleDraft) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<CycleForm>(() => openingForm(cycles));
  const [step, setStep] = useState<"form" | "confirm">("form");
  const [tried, setTried] = useState(false);
  const { live, liveByField } = useFormMessages(form, cycles, null);
  const fieldsRef = useRef<HTMLDivElement>(null);
  const draft = draftOf(form);
  // The server's messages by field (it refused): the form shows them there until edited.
  const refused = issuesByField(call.error);
  const refusedByField = Object.keys(refused).length > 0;
  const showForm = step === "form" || refusedByField;
  useEffect(() => {
    if (refusedByField) setStep("form");
  }, [refusedByField]);
  const errors = { ...refused, ...liveByField };
  const lang = i18n.language;

  const change = (next: CycleForm) => {
    setForm(next);
    if (call.error) call.reset();
  };
  const next = () => {
    setTried(true);
    if (live.length > 0) {
      requestAnimationFrame(() => focusFirstInvalid(fieldsRef.current));
      return;
    }
    call.reset();
    setStep("confirm");
  };
  const message = generalMessage(call.error, t("app.networkError"));
  const previousYear = current?.year ?? null;
  const openItems = unfinished
    ? UNFINISHED_KEYS.map((k) => [k, unfinished[k]] as const).filter(([, n]) => n > 0)
    : [];

  return (
    <Dialog
      open
      title={showForm ? t("cycleAdmin.form.openTitle") : t("cycleAdmin.confirm.title", { year: draft.year })}
      onClose={onClose}
      testId="cycle-open-dialog"
      wide
    >
      {showForm ? (
        <form
          noValidate
          className="cycle-dialog-body"
          onSubmit={(event) => {
            event.preventDefault();
            next();
          }}
        >
          <div ref={fieldsRef}>
            <CycleFormFields form={form} onChange={change} errors={errors} opening disabled={false} />
          </div>
          <p className="form-error" aria-live="assertive" data-testid="cycle-form-error">
            {tried && live.length > 0 ? t("cycleAdmin.form.fix", { count: live.length }) : message}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              {t("common.cancel")}
            </button>
            <button type="submit" className="button primary" data-testid="cycle-next">
              {t("cycleAdmin.form.next")}
            </button>
          </div>
        </form>
      ) : (
        <div className="cycle-dialog-body" aria-busy={call.pending}>
          <div className="confirm-text cycle-confirm" data-testid="cycle-confirm-text">
            <p>
              {t("cycleAdmin.confirm.lead", {
                name: draft.name.trim(),
                from: formatCycleDay(draft.startsOn, lang),
                to: formatCycleDay(draft.endsOn, lang),
              })}
            </p>
            <div className="cycle-confirm-columns">
              <section>
                <h3>{t("cycleAdmin.confirm.carriesTitle", { year: previousYear ?? "" })}</h3>
                <ul>
                  {(["organizations", "sites", "practices", "roster", "plans"] as const).map((key) => (
                    <li key={key}>{t(`cycleAdmin.confirm.carries.${key}`)}</li>
                  ))}
                </ul>
              </section>
              <section>
                <h3>{t("cycleAdmin.confirm.freshTitle")}</h3>
                <ul>
                  {(["scores", "reports"] as const).map((key) => (
                    <li key={key}>{t(`cycleAdmin.confirm.fresh.${key}`)}</li>
                  ))}
                </ul>
              </section>
            </div>
            {previousYear !== null && (
              <div className="notice notice-warn" data-testid="cycle-confirm-history">
                <p>{t("cycleAdmin.confirm.history", { year: previousYear })}</p>
                {openItems.length > 0 && (
                  <>
                    <p>{t("cycleAdmin.confirm.unfinished", { year: previousYear })}</p>
                    <ul data-testid="cycle-unfinished">
                      {openItems.map(([key, count]) => (
                        <li key={key}>{t(`cycleAdmin.confirm.open.${key}`, { count })}</li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            )}
          </div>
          {call.pending && <BusyNote text={t("cycleAdmin.busy", { year: draft.year })} />}
          <p className="form-error" aria-live="assertive">
            {message}
          </p>
          <div className="dialog-actions">
            <button
              type="button"
              className="button"
              disabled={call.pending}
              onClick={() => {
                call.reset();
                setStep("form");
              }}
            >
              {t("cycleAdmin.confirm.back")}
            </button>
            <button
              type="button"
              className="button primary"
              disabled={call.pending}
              onClick={() => onOpen(draft)}
              data-testid="cycle-open-confirm"
            >
              {call.pending ? t("common.saving") : t("cycleAdmin.confirm.confirm", { year: draft.year })}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** 修改当前年度: name, period, deadlines, targets and quotas (with reasons), checked as typed. */
export function EditCycleDialog({
  cycles,
  cycle,
  call,
  onSave,
  onClose,
}: {
  cycles: readonly CycleSummaryDto[];
  cycle: CycleDetailDto;
  call: CycleCall;
  onSave: (draft: Omit<CycleDraft, "year">) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<CycleForm>(() => editingForm(cycle));
  const [tried, setTried] = useState(false);
  const editing = useMemo(() => ({ id: cycle.id }), [cycle.id]);
  const { live, liveByField } = useFormMessages(form, cycles, editing);
  const fieldsRef = useRef<HTMLDivElement>(null);
  const errors = { ...issuesByField(call.error), ...liveByField };
  const message = generalMessage(call.error, t("app.networkError"));

  return (
    <Dialog
      open
      title={t("cycleAdmin.form.editTitle", { year: cycle.year })}
      onClose={onClose}
      testId="cycle-edit-dialog"
      wide
    >
      <form
        noValidate
        className="cycle-dialog-body"
        aria-busy={call.pending}
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (live.length > 0) {
            requestAnimationFrame(() => focusFirstInvalid(fieldsRef.current));
            return;
          }
          const { year: _year, ...draft } = draftOf(form);
          onSave(draft);
        }}
      >
        <div ref={fieldsRef}>
          <CycleFormFields
            form={form}
            onChange={(next) => {
              setForm(next);
              if (call.error) call.reset();
            }}
            errors={errors}
            opening={false}
            disabled={call.pending}
          />
        </div>
        <p className="form-error" aria-live="assertive" data-testid="cycle-form-error">
          {tried && live.length > 0 ? t("cycleAdmin.form.fix", { count: live.length }) : message}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={call.pending}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="button primary" disabled={call.pending} data-testid="cycle-save">
            {call.pending ? t("cycleAdmin.form.saving") : t("cycleAdmin.form.save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A long step under way: said in words, with a bar that moves (the server gives no percentage). */
export function BusyNote({ text }: { text: string }) {
  return (
    <div className="cycle-busy" role="status" data-testid="cycle-busy">
      <span>{text}</span>
      <span className="cycle-busy-bar" aria-hidden="true">
        <span />
      </span>
    </div>
  );
}
