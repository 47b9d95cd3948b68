import { validateReturnReason } from "@beltmap/domain";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";

/** 退回 (city): a version sent back to the unit with a reason (required, the domain's rule). */
export function ReturnDialog({
  unitName,
  version,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  unitName: string;
  version: number;
  pending: boolean;
  /** The server's message (its reason field's, or a refusal). */
  error: string | null;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const reasonId = useId();
  const errorId = useId();
  const message = problem ?? error;
  return (
    <Dialog
      open
      title={t("appendix2.returnTitle", { unit: unitName, version })}
      onClose={onCancel}
      testId="a2-return-dialog"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const invalid = validateReturnReason(reason);
          setProblem(invalid);
          if (!invalid) onConfirm(reason.trim());
        }}
      >
        <p className="field-hint">{t("appendix2.returnHint")}</p>
        <div className="field">
          <label htmlFor={reasonId}>{t("appendix2.returnReason")}</label>
          <textarea
            id={reasonId}
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            readOnly={pending}
            aria-required="true"
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? errorId : undefined}
            data-testid="a2-return-reason"
          />
        </div>
        <p id={errorId} className="form-error" aria-live="assertive">
          {message}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="button danger" disabled={pending} data-testid="a2-return-confirm">
            {pending ? t("common.saving") : t("appendix2.returnConfirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
