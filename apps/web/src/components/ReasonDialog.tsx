import { type ReactNode, useId, useState } from "react";
import { Dialog } from "./Dialog.tsx";
import { DialogActions } from "./DialogActions.tsx";

/**
 * A step taken with a written reason (退回, 不同意…): what it is about (`children`) and a hint above
 * the reason's box. `check` (when the reason is required) says what is wrong before anything is
 * sent; the server's refusal shows in the same line. The reason is confirmed trimmed.
 */
export function ReasonDialog({
  title,
  testId,
  wide,
  children,
  hint,
  label,
  check,
  rows = 3,
  maxLength,
  reasonTestId,
  error,
  errorIsReason = true,
  confirmLabel,
  pendingLabel,
  danger = true,
  confirmTestId,
  pending,
  onCancel,
  onConfirm,
}: {
  title: string;
  testId: string;
  wide?: boolean;
  children?: ReactNode;
  hint: string;
  label: string;
  /** The reason's problem, or null; given only where a reason is required. */
  check?: (reason: string) => string | null;
  rows?: number;
  maxLength?: number;
  reasonTestId: string;
  /** The server's message. */
  error: string | null;
  /** The server's message is about the reason (marks its box invalid); a refusal otherwise. */
  errorIsReason?: boolean;
  confirmLabel: string;
  pendingLabel?: string;
  danger?: boolean;
  confirmTestId: string;
  pending: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const reasonId = useId();
  const errorId = useId();
  const message = problem ?? error;
  const invalid = problem !== null || (error !== null && errorIsReason);
  return (
    <Dialog open title={title} onClose={onCancel} testId={testId} wide={wide}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const found = check?.(reason) ?? null;
          setProblem(found);
          if (found === null) onConfirm(reason.trim());
        }}
      >
        {children}
        <p className="field-hint">{hint}</p>
        <div className="field">
          <label htmlFor={reasonId}>{label}</label>
          <textarea
            id={reasonId}
            rows={rows}
            maxLength={maxLength}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            readOnly={pending}
            aria-required={check ? "true" : undefined}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={message ? errorId : undefined}
            data-testid={reasonTestId}
          />
        </div>
        <DialogActions
          error={message}
          errorId={errorId}
          pending={pending}
          onCancel={onCancel}
          confirmLabel={confirmLabel}
          pendingLabel={pendingLabel}
          danger={danger}
          testId={confirmTestId}
        />
      </form>
    </Dialog>
  );
}
