import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { FormField } from "../components/FormField.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { useTRPC } from "../trpc.ts";

/** 修改密码: any signed-in user, their own; other sessions of theirs end, this one stays. */
export function PasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const issues = change.error ? issuesByField(change.error) : {};
  const otherError =
    change.error && !issues.currentPassword && !issues.newPassword
      ? (serverMessage(change.error) ?? t("app.networkError"))
      : null;
  const edited = () => {
    if (change.error) change.reset();
  };

  return (
    <Dialog open title={t("account.passwordTitle")} onClose={onClose} testId="password-dialog">
      {change.isSuccess ? (
        <>
          <p className="notice notice-success" role="status" data-testid="password-done">
            {t("account.passwordChanged")}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={onClose}>
              {t("common.close")}
            </button>
          </div>
        </>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (next !== repeat) {
              setMismatch(true);
              return;
            }
            setMismatch(false);
            change.mutate({ currentPassword: current, newPassword: next });
          }}
        >
          <FormField label={t("account.currentPassword")} error={issues.currentPassword}>
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(event) => {
                  setCurrent(event.target.value);
                  edited();
                }}
                disabled={change.isPending}
                data-testid="current-password"
              />
            )}
          </FormField>
          <FormField label={t("account.newPassword")} error={issues.newPassword}>
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="new-password"
                value={next}
                onChange={(event) => {
                  setNext(event.target.value);
                  edited();
                }}
                disabled={change.isPending}
                data-testid="new-password"
              />
            )}
          </FormField>
          <FormField label={t("account.repeatPassword")} error={mismatch ? t("account.mismatch") : undefined}>
            {(control) => (
              <input
                {...control}
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={(event) => {
                  setRepeat(event.target.value);
                  setMismatch(false);
                }}
                disabled={change.isPending}
                data-testid="repeat-password"
              />
            )}
          </FormField>
          <p className="field-hint">{t("account.otherSessions")}</p>
          <p className="form-error" aria-live="assertive">
            {otherError}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose} disabled={change.isPending}>
              {t("common.cancel")}
            </button>
            <button
              type="submit"
              className="button primary"
              disabled={change.isPending}
              data-testid="password-confirm"
            >
              {change.isPending ? t("common.saving") : t("account.passwordConfirm")}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
