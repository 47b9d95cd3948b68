import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "./Dialog.tsx";

/** Asks once before a step that is not undone by itself; the server's refusal shows in it. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  pending,
  error,
  onCancel,
  onConfirm,
  testId,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open title={title} onClose={onCancel} testId={testId}>
      <div className="confirm-text">{children}</div>
      <p className="form-error" aria-live="assertive">
        {error}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} disabled={pending}>
          {t("common.cancel")}
        </button>
        <button
          type="button"
          className={danger ? "button danger" : "button primary"}
          onClick={onConfirm}
          disabled={pending}
          data-testid="confirm-button"
        >
          {pending ? t("common.saving") : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
