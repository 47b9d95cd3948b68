import type { RosterMemberDto } from "@beltmap/api";
import { MEMBER_LIMITS, validateMember } from "@beltmap/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { DialogActions } from "../components/DialogActions.tsx";
import { FormField } from "../components/FormField.tsx";

/** The unit choice's value for a city-level member (unitId null). */
const CITY = "CITY";

export type MemberForm = { name: string; title: string; unitId: string | null };

/**
 * 新增 / 修改 a committee member: name and post (职务); a new member's unit too, which the city
 * chooses (any unit, or city level) and a county cannot (its own). The domain's rules (the server's
 * messages) are checked before sending; the server's refusals come back on their fields.
 */
export function MemberDialog({
  member,
  units,
  fixedUnit,
  pending,
  issues,
  message,
  onCancel,
  onSave,
}: {
  /** null: a new member. */
  member: RosterMemberDto | null;
  /** The units the city may choose from (id, name shown). */
  units: readonly { id: string; name: string }[];
  /** A county's own unit: new members are of it. */
  fixedUnit: { id: string; name: string } | null;
  pending: boolean;
  /** The server's refusal, field → message. */
  issues: Record<string, string>;
  /** The server's refusal that names no field of the form. */
  message: string | null;
  onCancel: () => void;
  onSave: (form: MemberForm) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(member?.name ?? "");
  const [title, setTitle] = useState(member?.title ?? "");
  const [unit, setUnit] = useState<string>(fixedUnit?.id ?? "");
  const [local, setLocal] = useState<Record<string, string>>({});
  const shown = { ...issues, ...local };

  const submit = () => {
    const found: Record<string, string> = {};
    for (const problem of validateMember({ name, title })) found[problem.field] ??= problem.message;
    if (!member && !fixedUnit && unit === "") found.unitId = t("roster.chooseUnit");
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    onSave({
      name: name.trim(),
      title: title.trim(),
      unitId: member ? member.unitId : unit === CITY ? null : unit || null,
    });
  };

  return (
    <Dialog
      open
      title={member ? t("roster.editTitle", { name: member.name }) : t("roster.addTitle")}
      onClose={onCancel}
      testId="member-dialog"
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <FormField label={t("roster.name")} error={shown.name}>
          {(control) => (
            <input
              {...control}
              value={name}
              maxLength={MEMBER_LIMITS.name * 2}
              autoComplete="off"
              onChange={(event) => {
                setName(event.target.value);
                setLocal(({ name: _dropped, ...rest }) => rest);
              }}
              readOnly={pending}
              aria-required="true"
              data-testid="member-name"
            />
          )}
        </FormField>
        <FormField label={t("roster.post")} error={shown.title}>
          {(control) => (
            <input
              {...control}
              value={title}
              maxLength={MEMBER_LIMITS.title * 2}
              placeholder={t("roster.postPlaceholder")}
              autoComplete="off"
              onChange={(event) => {
                setTitle(event.target.value);
                setLocal(({ title: _dropped, ...rest }) => rest);
              }}
              readOnly={pending}
              data-testid="member-title"
            />
          )}
        </FormField>
        {!member &&
          (fixedUnit ? (
            <p className="dialog-subject">
              <span className="muted">{t("roster.memberUnit")}</span>
              <strong>{fixedUnit.name}</strong>
            </p>
          ) : (
            <FormField label={t("roster.memberUnit")} error={shown.unitId} hint={t("roster.memberUnitHint")}>
              {(control) => (
                <select
                  {...control}
                  value={unit}
                  onChange={(event) => {
                    setUnit(event.target.value);
                    setLocal(({ unitId: _dropped, ...rest }) => rest);
                  }}
                  disabled={pending}
                  aria-required="true"
                  data-testid="member-unit"
                >
                  <option value="">{t("roster.chooseUnit")}</option>
                  {units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                  <option value={CITY}>{t("roster.cityLevelOption")}</option>
                </select>
              )}
            </FormField>
          ))}
        <DialogActions
          error={message}
          pending={pending}
          onCancel={onCancel}
          confirmLabel={t(member ? "roster.save" : "roster.create")}
          testId="member-save"
        />
      </form>
    </Dialog>
  );
}
