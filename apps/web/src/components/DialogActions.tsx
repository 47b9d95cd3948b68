import { useTranslation } from "react-i18next";

/**
 * A dialog's last lines: the server's (or the form's) message, read out as it comes, then 取消 and
 * the confirming button — the form's submit, or a click when `onConfirm` is given. Both wait while
 * the call is pending, the confirming one saying so.
 */
export function DialogActions({
  error,
  errorId,
  errorTestId,
  pending,
  onCancel,
  onConfirm,
  confirmLabel,
  pendingLabel,
  danger = false,
  testId,
}: {
  /** The message line; left out altogether when undefined (null keeps the empty line). */
  error?: string | null;
  errorId?: string;
  errorTestId?: string;
  pending: boolean;
  onCancel: () => void;
  /** A click confirms; without it the button submits the dialog's form. */
  onConfirm?: () => void;
  confirmLabel: string;
  /** The confirming button's words while pending; 正在提交… unless told. */
  pendingLabel?: string;
  danger?: boolean;
  /** The confirming button's test id. */
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error !== undefined && (
        <p id={errorId} className="form-error" aria-live="assertive" data-testid={errorTestId}>
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} disabled={pending}>
          {t("common.cancel")}
        </button>
        <button
          type={onConfirm ? "button" : "submit"}
          className={danger ? "button danger" : "button primary"}
          onClick={onConfirm}
          disabled={pending}
          data-testid={testId}
        >
          {pending ? (pendingLabel ?? t("common.saving")) : confirmLabel}
        </button>
      </div>
    </>
  );
}
