import { type Stage, validateReturnReason } from "@beltmap/domain";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";

/** Sends a stage back to the level below, with the reason they will read (required). */
export function ReturnDialog({
  stage,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  stage: Stage;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const reasonId = useId();
  const errorId = useId();
  const stageName = t(`codes.stage.${stage}`);
  const serverIssue = error ? issuesByField(error).reason : undefined;
  const message = missing
    ? t("sheet.reasonRequired")
    : error
      ? (serverMessage(error) ?? t("app.networkError"))
      : null;
  return (
    <Dialog
      open
      title={t("sheet.returnTitle", { stage: stageName })}
      onClose={onCancel}
      testId="return-dialog"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (validateReturnReason(reason) !== null) {
            setMissing(true);
            return;
          }
          setMissing(false);
          onConfirm(reason.trim());
        }}
      >
        <p className="field-hint">{t("sheet.returnHint", { stage: stageName })}</p>
        <div className="field">
          <label htmlFor={reasonId}>{t("sheet.returnReason")}</label>
          <textarea
            id={reasonId}
            rows={4}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={missing || serverIssue ? true : undefined}
            aria-describedby={message ? errorId : undefined}
            aria-required="true"
            data-testid="return-reason-input"
          />
        </div>
        <p id={errorId} className="form-error" aria-live="assertive">
          {message}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="button danger" disabled={pending} data-testid="return-confirm">
            {t("sheet.confirmReturn")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
