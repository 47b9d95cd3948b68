import type { PlanDto, RuleResultDto } from "@beltmap/api";
import { type RuleId, submissionIsLate, validateAcceptance, validateReturnReason } from "@beltmap/domain";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { ReasonDialog } from "../components/ReasonDialog.tsx";
import { serverMessage } from "../lib/errors.ts";
import { formatDay, formatTime } from "../lib/format.ts";
import { useCycle, useCycleInput } from "../shell/cycle.ts";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";
import { ruleExplanation } from "./rule-text.ts";

type Notice = { kind: "success" | "error"; text: string } | null;

/** The plan's status and deadline, and what the user may do now: save, undo, submit, or check. */
export function PlanActions({
  plan,
  dirty,
  canUndo,
  canRedo,
  saving,
  warnings,
  acceptFailures,
  notice,
  onUndo,
  onRedo,
  onSave,
  onDiscard,
  onChanged,
}: {
  plan: PlanDto;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  saving: boolean;
  /** Binding rules the draft still breaks. */
  warnings: readonly RuleId[];
  /** Binding rules the submitted plan breaks, the deadline included: accepting them needs a reason. */
  acceptFailures: readonly RuleResultDto[];
  notice: Notice;
  onUndo: () => void;
  onRedo: () => void;
  onSave: () => void;
  onDiscard: () => void;
  onChanged: (fresh: PlanDto, message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const unitName = useUnitName()(plan.unitId, plan.unitName);
  const [dialog, setDialog] = useState<"submit" | "accept" | "return" | null>(null);
  const done = (message: string) => (fresh: PlanDto) => {
    setDialog(null);
    onChanged(fresh, message);
  };
  const submit = useMutation(
    trpc.plan.submit.mutationOptions({ onSuccess: done(t("plan.status.SUBMITTED")) }),
  );
  const accept = useMutation(
    trpc.plan.accept.mutationOptions({ onSuccess: done(t("plan.status.ACCEPTED")) }),
  );
  const giveBack = useMutation(
    trpc.plan.return.mutationOptions({ onSuccess: done(t("plan.status.RETURNED")) }),
  );
  // A past cycle's plan is history: nothing to save, submit or check (the server refuses too).
  const { isPast } = useCycle();
  const cycleInput = useCycleInput();
  const editable = !isPast && plan.can.edit.ok;
  const canSubmit = !isPast && plan.can.submit.ok;
  const canReview = !isPast && plan.can.review.ok;
  const late = submissionIsLate({
    deadline: new Date(plan.deadline),
    firstSubmittedAt: plan.firstSubmittedAt === null ? null : new Date(plan.firstSubmittedAt),
    now: new Date(plan.serverTime),
  });
  const status =
    plan.minBelts === 0 ? null : plan.versions.length === 0 && plan.status === "DRAFT" ? "NONE" : plan.status;

  return (
    <section className="plan-actions" data-testid="plan-actions">
      <h2 className="sidebar-title">
        {unitName}
        {status && (
          <span
            className={`plan-status status-${status}`}
            data-testid="plan-status"
            data-status={plan.status}
          >
            {t(`plan.status.${status}`)}
            {plan.version > 0 && ` · ${t("plan.versionShort", { version: plan.version })}`}
          </span>
        )}
      </h2>
      {plan.minBelts > 0 && (
        <p className="field-hint">
          {t("plan.deadline", { day: formatDay(plan.deadline, i18n.language) })}
          {plan.firstSubmittedAt &&
            ` · ${t("plan.firstSubmitted", { time: formatTime(plan.firstSubmittedAt, i18n.language) })}`}
        </p>
      )}
      {plan.status === "RETURNED" && plan.returnReason && (
        <p className="notice notice-warn" data-testid="return-reason">
          {t("plan.returnedBecause", { reason: plan.returnReason })}
        </p>
      )}
      {editable && (
        <div className="plan-buttons">
          <button
            type="button"
            className="button"
            onClick={onUndo}
            disabled={!canUndo}
            title="Ctrl+Z"
            data-testid="undo"
          >
            {t("plan.undo")}
          </button>
          <button
            type="button"
            className="button"
            onClick={onRedo}
            disabled={!canRedo}
            title="Ctrl+Shift+Z"
            data-testid="redo"
          >
            {t("plan.redo")}
          </button>
          <button
            type="button"
            className="button primary"
            onClick={onSave}
            disabled={!dirty || saving}
            data-testid="save-plan"
          >
            {saving ? t("common.saving") : t("plan.save")}
          </button>
          {dirty && (
            <button type="button" className="link-button" onClick={onDiscard}>
              {t("plan.discard")}
            </button>
          )}
        </div>
      )}
      {editable && dirty && (
        <p className="unsaved" role="status" data-testid="unsaved">
          {t("plan.unsaved")}
        </p>
      )}
      {canSubmit && (
        <button
          type="button"
          className="button primary"
          disabled={dirty}
          title={dirty ? t("plan.saveFirst") : undefined}
          onClick={() => setDialog("submit")}
          data-testid="submit-plan"
        >
          {t("plan.submit")}
        </button>
      )}
      {canReview && (
        <div className="plan-buttons">
          <button
            type="button"
            className="button primary"
            onClick={() => setDialog("accept")}
            data-testid="accept-plan"
          >
            {t("plan.accept")}
          </button>
          <button
            type="button"
            className="button danger"
            onClick={() => setDialog("return")}
            data-testid="return-plan"
          >
            {t("plan.return")}
          </button>
        </div>
      )}
      {notice && (
        <p
          className={notice.kind === "error" ? "form-error" : "notice notice-success"}
          role={notice.kind === "error" ? "alert" : "status"}
          data-testid="plan-notice"
        >
          {notice.text}
        </p>
      )}
      {dialog === "submit" && (
        <ConfirmDialog
          title={t("plan.submitTitle")}
          confirmLabel={t("plan.submit")}
          pending={submit.isPending}
          error={submit.error ? (serverMessage(submit.error) ?? t("app.networkError")) : null}
          onCancel={() => setDialog(null)}
          onConfirm={() => submit.mutate({ unitId: plan.unitId, revision: plan.revision, ...cycleInput })}
          testId="submit-dialog"
        >
          <p>{t("plan.submitText")}</p>
          {late && (
            <p className="notice notice-warn">
              {t("plan.submitLate", { day: formatDay(plan.deadline, i18n.language) })}
            </p>
          )}
          {warnings.length > 0 && (
            <>
              <p>{t("plan.submitWarnings")}</p>
              <ul>
                {warnings.map((rule) => (
                  <li key={rule}>✗ {t(`rules.${rule}`)}</li>
                ))}
              </ul>
            </>
          )}
        </ConfirmDialog>
      )}
      {dialog === "accept" && acceptFailures.length === 0 && (
        <ConfirmDialog
          title={t("plan.acceptTitle", { unit: unitName, version: plan.version })}
          confirmLabel={t("plan.accept")}
          pending={accept.isPending}
          error={accept.error ? (serverMessage(accept.error) ?? t("app.networkError")) : null}
          onCancel={() => setDialog(null)}
          onConfirm={() => accept.mutate({ unitId: plan.unitId, version: plan.version, ...cycleInput })}
          testId="accept-dialog"
        >
          <p>{t("plan.acceptText")}</p>
        </ConfirmDialog>
      )}
      {dialog === "accept" && acceptFailures.length > 0 && (
        <ReasonDialog
          title={t("plan.acceptTitle", { unit: unitName, version: plan.version })}
          testId="accept-dialog"
          hint={t("plan.acceptHint")}
          label={t("plan.acceptReason")}
          check={(reason) =>
            validateAcceptance(
              acceptFailures.map((r) => r.rule),
              reason,
            ) === null
              ? null
              : t("plan.acceptReasonRequired")
          }
          rows={3}
          maxLength={500}
          reasonTestId="plan-accept-reason"
          error={accept.error ? (serverMessage(accept.error) ?? t("app.networkError")) : null}
          confirmLabel={t("plan.accept")}
          danger={false}
          confirmTestId="plan-accept-confirm"
          pending={accept.isPending}
          onCancel={() => setDialog(null)}
          onConfirm={(reason) =>
            accept.mutate({ unitId: plan.unitId, version: plan.version, reason, ...cycleInput })
          }
        >
          <p>{t("plan.acceptFailing", { count: acceptFailures.length })}</p>
          <ul className="accept-failures" data-testid="accept-failures">
            {acceptFailures.map((rule) => (
              <li key={rule.rule}>
                {t("plan.acceptFailure", {
                  rule: t(`rules.${rule.rule}`),
                  why: ruleExplanation(rule, t, i18n.language),
                })}
              </li>
            ))}
          </ul>
        </ReasonDialog>
      )}
      {dialog === "return" && (
        <ReasonDialog
          title={t("plan.returnTitle", { unit: unitName, version: plan.version })}
          testId="return-plan-dialog"
          hint={t("plan.returnHint")}
          label={t("plan.returnReason")}
          check={(reason) => (validateReturnReason(reason) === null ? null : t("plan.reasonRequired"))}
          rows={4}
          reasonTestId="plan-return-reason"
          error={giveBack.error ? (serverMessage(giveBack.error) ?? t("app.networkError")) : null}
          errorIsReason={false}
          confirmLabel={t("plan.return")}
          pendingLabel={t("plan.return")}
          confirmTestId="plan-return-confirm"
          pending={giveBack.isPending}
          onCancel={() => setDialog(null)}
          onConfirm={(reason) =>
            giveBack.mutate({ unitId: plan.unitId, version: plan.version, reason, ...cycleInput })
          }
        />
      )}
    </section>
  );
}
