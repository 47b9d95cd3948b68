import type { ReactNode } from "react";
import { Dialog } from "./Dialog.tsx";
import { DialogActions } from "./DialogActions.tsx";

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
  return (
    <Dialog open title={title} onClose={onCancel} testId={testId}>
      <div className="confirm-text">{children}</div>
      <DialogActions
        error={error}
        pending={pending}
        onCancel={onCancel}
        onConfirm={onConfirm}
        confirmLabel={confirmLabel}
        danger={danger}
        testId="confirm-button"
      />
    </Dialog>
  );
}
