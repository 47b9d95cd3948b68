import type { UserDto } from "@beltmap/api";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { FormField } from "../components/FormField.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { useTRPC } from "../trpc.ts";

/** A new password for someone else (the city); their sessions end. The rules are the server's. */
export function ResetPasswordDialog({
  user,
  onClose,
  onDone,
}: {
  user: UserDto;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [password, setPassword] = useState("");
  const reset = useMutation(trpc.user.resetPassword.mutationOptions({ onSuccess: onDone }));
  const fieldError = reset.error ? issuesByField(reset.error).password : undefined;
  const otherError =
    reset.error && !fieldError ? (serverMessage(reset.error) ?? t("app.networkError")) : null;
  return (
    <Dialog
      open
      title={t("users.resetTitle", { name: user.username })}
      onClose={onClose}
      testId="reset-dialog"
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          reset.mutate({ id: user.id, password });
        }}
      >
        <p className="field-hint">{t("users.resetHint", { name: user.displayName })}</p>
        <FormField label={t("users.newPassword")} error={fieldError}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => {
                setPassword(event.target.value);
                if (reset.error) reset.reset();
              }}
              disabled={reset.isPending}
              data-testid="reset-password"
            />
          )}
        </FormField>
        <p className="form-error" aria-live="assertive">
          {otherError}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={reset.isPending}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            className="button primary"
            disabled={reset.isPending}
            data-testid="reset-confirm"
          >
            {reset.isPending ? t("common.saving") : t("users.resetConfirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
