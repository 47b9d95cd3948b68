import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { CopyButton } from "../components/CopyButton.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { formatTime } from "../lib/format.ts";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";

/**
 * 大屏链接: read-only links to the briefing screen, for a wall display that has no personal login.
 * The city makes one for the whole city or a unit; its address is shown once; revoking it signs the
 * display out at once.
 */
export function BriefingLinks() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const unitName = useUnitName();
  const units = useQuery(trpc.unit.list.queryOptions());
  const links = useQuery(trpc.briefing.links.queryOptions());
  const [label, setLabel] = useState("");
  const [unitId, setUnitId] = useState("");
  const [made, setMade] = useState<string | null>(null);
  const address = useRef<HTMLElement>(null);
  const [revoking, setRevoking] = useState<{ id: number; label: string } | null>(null);
  const labelId = useId();
  const unitFieldId = useId();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.briefing.links.queryKey() });
  const create = useMutation(
    trpc.briefing.createLink.mutationOptions({
      onSuccess: (link) => {
        setMade(new URL(link.path, window.location.origin).href);
        setLabel("");
        refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.briefing.revokeLink.mutationOptions({
      onSuccess: () => {
        setRevoking(null);
        refresh();
      },
    }),
  );
  const labelError = create.error ? issuesByField(create.error).label : undefined;

  return (
    <section className="card briefing-links" data-testid="briefing-links">
      <h3>{t("users.links.title")}</h3>
      <p className="field-hint">{t("users.links.hint")}</p>
      <form
        className="briefing-link-form"
        onSubmit={(event) => {
          event.preventDefault();
          setMade(null);
          create.mutate({ label, unitId: unitId || null });
        }}
      >
        <div className="field">
          <label htmlFor={labelId}>{t("users.links.label")}</label>
          <input
            id={labelId}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            placeholder={t("users.links.labelPlaceholder")}
            aria-invalid={labelError ? true : undefined}
            data-testid="link-label"
          />
        </div>
        <div className="field">
          <label htmlFor={unitFieldId}>{t("users.links.scope")}</label>
          <select
            id={unitFieldId}
            value={unitId}
            onChange={(e) => setUnitId(e.target.value)}
            data-testid="link-unit"
          >
            <option value="">{t("users.links.wholeCity")}</option>
            {(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {unitName(u.id, u.name)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button primary"
          disabled={create.isPending}
          data-testid="link-create"
        >
          {t("users.links.create")}
        </button>
      </form>
      {create.error && (
        <p className="form-error" role="alert">
          {labelError ?? serverMessage(create.error) ?? t("app.networkError")}
        </p>
      )}
      {made && (
        <div className="notice notice-success" data-testid="link-made">
          <p>{t("users.links.made")}</p>
          <code className="link-address" data-testid="link-address" ref={address}>
            {made}
          </code>
          <CopyButton text={made} source={address} />
        </div>
      )}
      <table className="data-table">
        <thead>
          <tr>
            <th>{t("users.links.label")}</th>
            <th>{t("users.links.scope")}</th>
            <th>{t("users.links.created")}</th>
            <th>{t("users.links.lastOpened")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(links.data ?? []).map((link) => (
            <tr key={link.id} data-testid={`link-${link.id}`}>
              <td>{link.label}</td>
              <td>{link.unitId ? unitName(link.unitId) : t("users.links.wholeCity")}</td>
              <td>
                {formatTime(link.createdAt, i18n.language)}
                {link.createdBy && <span className="muted"> · {link.createdBy}</span>}
              </td>
              <td>{link.lastOpenedAt ? formatTime(link.lastOpenedAt, i18n.language) : "—"}</td>
              <td>
                {link.revokedAt ? (
                  <span className="tag">{t("users.links.revoked")}</span>
                ) : (
                  <button
                    type="button"
                    className="button small danger"
                    onClick={() => setRevoking({ id: link.id, label: link.label })}
                    data-testid={`link-revoke-${link.id}`}
                  >
                    {t("users.links.revoke")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revoking && (
        <ConfirmDialog
          title={t("users.links.revokeTitle")}
          confirmLabel={t("users.links.revoke")}
          danger
          pending={revoke.isPending}
          error={revoke.error ? (serverMessage(revoke.error) ?? t("app.networkError")) : null}
          onCancel={() => setRevoking(null)}
          onConfirm={() => revoke.mutate({ id: revoking.id })}
          testId="link-revoke-dialog"
        >
          <p>{t("users.links.revokeText", { label: revoking.label })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
