import type { UserDto } from "@beltmap/api";
import { ROLES, type Role } from "@beltmap/domain";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { DialogActions } from "../components/DialogActions.tsx";
import { FormField } from "../components/FormField.tsx";
import { TownshipOptions } from "../components/TownshipOptions.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { scopeOf } from "../lib/users.ts";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";
import { OrganizationPicker } from "./OrganizationPicker.tsx";

type Form = {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  unitId: string;
  townshipId: string;
  organizationId: number | null;
};

const FIELDS = ["username", "displayName", "password", "role", "unitId", "townshipId", "organizationId"];

/** Creates a user (name, password, role and region) or edits one (name, role and region). */
export function UserDialog({
  user,
  onClose,
  onSaved,
}: {
  /** null: a new user. */
  user: UserDto | null;
  onClose: () => void;
  onSaved: (user: UserDto) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const unitName = useUnitName();
  const [form, setForm] = useState<Form>(() => ({
    username: user?.username ?? "",
    displayName: user?.displayName ?? "",
    password: "",
    role: user?.role ?? "TOWNSHIP",
    unitId: user?.unitId ?? "",
    townshipId: user?.townshipId ?? "",
    organizationId: user?.organizationId ?? null,
  }));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const units = useQuery(trpc.unit.list.queryOptions());
  const townships = useQuery({ ...trpc.unit.townships.queryOptions(), enabled: form.role === "TOWNSHIP" });

  const refuse = (error: unknown) => {
    const byField = issuesByField(error);
    setIssues(byField);
    // Messages about fields the form shows go there; anything else above the buttons.
    setMessage(
      Object.keys(byField).some((f) => FIELDS.includes(f))
        ? null
        : (serverMessage(error) ?? t("app.networkError")),
    );
  };
  const create = useMutation(trpc.user.create.mutationOptions({ onSuccess: onSaved, onError: refuse }));
  const edit = useMutation(trpc.user.update.mutationOptions({ onSuccess: onSaved, onError: refuse }));
  const pending = create.isPending || edit.isPending;

  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    const fields = Object.keys(patch);
    if (fields.includes("role")) setIssues({});
    else
      setIssues((current) =>
        Object.fromEntries(Object.entries(current).filter(([f]) => !fields.includes(f))),
      );
    setMessage(null);
  };

  /** What is plainly missing, all at once (the server's rules, e.g. for passwords, come back from it). */
  const missing = (): Record<string, string> => {
    const found: Record<string, string> = {};
    if (!user && form.username.trim() === "") found.username = t("users.required.username");
    if (form.displayName.trim() === "") found.displayName = t("users.required.displayName");
    if (form.role === "COUNTY" && !form.unitId) found.unitId = t("users.required.unitId");
    if (form.role === "TOWNSHIP" && !form.townshipId) found.townshipId = t("users.required.townshipId");
    if (form.role === "ORG" && form.organizationId === null)
      found.organizationId = t("users.required.organizationId");
    return found;
  };

  const submit = () => {
    const found = missing();
    if (Object.keys(found).length > 0) {
      setIssues(found);
      setMessage(null);
      return;
    }
    const scope = scopeOf(form);
    if (user) {
      edit.mutate({ id: user.id, displayName: form.displayName, disabled: user.disabled, ...scope });
    } else {
      create.mutate({
        username: form.username,
        displayName: form.displayName,
        password: form.password,
        ...scope,
      });
    }
  };

  return (
    <Dialog
      open
      title={user ? t("users.editTitle", { name: user.username }) : t("users.createTitle")}
      onClose={onClose}
      testId="user-dialog"
      wide
    >
      <form
        className="user-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="form-grid">
          {!user && (
            <FormField label={t("users.username")} error={issues.username} hint={t("users.usernameHint")}>
              {(control) => (
                <input
                  {...control}
                  value={form.username}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  onChange={(event) => set({ username: event.target.value })}
                  disabled={pending}
                  data-testid="user-username"
                />
              )}
            </FormField>
          )}
          <FormField label={t("users.displayName")} error={issues.displayName}>
            {(control) => (
              <input
                {...control}
                value={form.displayName}
                maxLength={60}
                onChange={(event) => set({ displayName: event.target.value })}
                disabled={pending}
                data-testid="user-display-name"
              />
            )}
          </FormField>
          {!user && (
            <FormField label={t("users.password")} error={issues.password}>
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete="new-password"
                  value={form.password}
                  onChange={(event) => set({ password: event.target.value })}
                  disabled={pending}
                  data-testid="user-password"
                />
              )}
            </FormField>
          )}
          <FormField label={t("users.role")} error={issues.role}>
            {(control) => (
              <select
                {...control}
                value={form.role}
                onChange={(event) => set({ role: event.target.value as Role })}
                disabled={pending}
                data-testid="user-role"
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`users.roles.${role}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>

          {(form.role === "COUNTY" || form.role === "LEADER") && (
            <FormField
              label={t("users.unit")}
              error={issues.unitId}
              hint={form.role === "LEADER" ? t("users.leaderHint") : undefined}
            >
              {(control) => (
                <select
                  {...control}
                  value={form.unitId}
                  onChange={(event) => set({ unitId: event.target.value })}
                  disabled={pending}
                  data-testid="user-unit"
                >
                  <option value="">{t(form.role === "LEADER" ? "users.wholeCity" : "users.choose")}</option>
                  {units.data?.map((u) => (
                    <option key={u.id} value={u.id}>
                      {unitName(u.id, u.name)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          )}
          {form.role === "TOWNSHIP" && (
            <FormField label={t("users.township")} error={issues.townshipId}>
              {(control) => (
                <select
                  {...control}
                  value={form.townshipId}
                  onChange={(event) => set({ townshipId: event.target.value })}
                  disabled={pending}
                  data-testid="user-township"
                >
                  <option value="">{townships.isPending ? t("app.loading") : t("users.choose")}</option>
                  <TownshipOptions townships={townships.data ?? []} unitName={unitName} />
                </select>
              )}
            </FormField>
          )}
        </div>
        {form.role === "ORG" && (
          <OrganizationPicker
            value={form.organizationId}
            onChange={(organizationId) => set({ organizationId })}
            error={issues.organizationId}
            disabled={pending}
          />
        )}
        {form.role === "CITY" && <p className="field-hint">{t("users.cityHint")}</p>}
        {user && <p className="field-hint">{t("users.regionChangeHint")}</p>}

        <DialogActions
          error={message}
          errorTestId="user-form-error"
          pending={pending}
          onCancel={onClose}
          confirmLabel={t(user ? "users.save" : "users.create")}
          testId="user-save"
        />
      </form>
    </Dialog>
  );
}
