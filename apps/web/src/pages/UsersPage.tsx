import "../i18n/users.ts"; // this page's strings, loaded with it
import type { UserDto } from "@beltmap/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { NoticeBar } from "../components/NoticeBar.tsx";
import { SearchField } from "../components/SearchField.tsx";
import { serverMessage } from "../lib/errors.ts";
import { formatTime } from "../lib/format.ts";
import { useMe } from "../shell/me.ts";
import { useTRPC } from "../trpc.ts";
import { BriefingLinks } from "../users/BriefingLinks.tsx";
import { ResetPasswordDialog } from "../users/ResetPasswordDialog.tsx";
import { UserDialog } from "../users/UserDialog.tsx";

type Open =
  | { kind: "create" }
  | { kind: "edit"; user: UserDto }
  | { kind: "reset"; user: UserDto }
  | { kind: "toggle"; user: UserDto }
  | null;

/** 用户管理 (city only): accounts with their role, region and sessions; create, edit, disable, reset. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.role !== "CITY") {
    return (
      <div className="page-message" role="alert" data-testid="forbidden">
        <p>{t("users.forbidden")}</p>
      </div>
    );
  }
  return (
    <>
      <UserList />
      <div className="page">
        <BriefingLinks />
      </div>
    </>
  );
}

function UserList() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.user.list.queryOptions(undefined, { staleTime: 0 }));
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [search, setSearch] = useState("");

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
  const toggle = useMutation(
    trpc.user.update.mutationOptions({
      onSuccess: async (user) => {
        setOpen(null);
        setNotice(t(user.disabled ? "users.disabledDone" : "users.enabledDone", { name: user.displayName }));
        await refresh();
      },
    }),
  );

  const query = search.trim().toLowerCase();
  const rows = (users.data ?? []).filter(
    (u) =>
      query === "" ||
      u.username.toLowerCase().includes(query) ||
      u.displayName.toLowerCase().includes(query) ||
      u.regionName.toLowerCase().includes(query),
  );

  return (
    <div className="page users-page">
      <div className="page-head">
        <h2>{t("users.title")}</h2>
        {users.data && (
          <span className="muted">
            {t("users.summary", {
              total: users.data.length,
              disabled: users.data.filter((u) => u.disabled).length,
            })}
          </span>
        )}
      </div>
      <div className="toolbar">
        <SearchField
          label={t("users.search")}
          value={search}
          placeholder={t("users.searchPlaceholder")}
          onChange={setSearch}
          testId="users-search"
        />
        <span className="toolbar-count muted" aria-live="polite">
          {users.data ? t("users.shown", { count: rows.length }) : ""}
        </span>
        <button
          type="button"
          className="button primary"
          onClick={() => setOpen({ kind: "create" })}
          data-testid="user-create"
        >
          {t("users.createButton")}
        </button>
      </div>

      <NoticeBar message={notice} onClose={() => setNotice(null)} testId="users-notice" />
      <LoadError query={users} />

      <div className="table-wrap">
        <table className="data-table users-table" data-testid="users-table" aria-busy={users.isFetching}>
          <thead>
            <tr>
              <th scope="col">{t("users.username")}</th>
              <th scope="col">{t("users.displayName")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.region")}</th>
              <th scope="col">{t("users.status")}</th>
              <th scope="col" className="num">
                {t("users.sessions")}
              </th>
              <th scope="col">{t("users.createdAt")}</th>
              <th scope="col">{t("users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((user) => (
              <tr
                key={user.id}
                className={user.disabled ? "row-disabled" : undefined}
                data-testid={`user-row-${user.username}`}
              >
                <td className="mono">{user.username}</td>
                <td>
                  {user.displayName}
                  {user.id === me.id && <span className="tag">{t("users.you")}</span>}
                </td>
                <td>{t(`codes.role.${user.role}`)}</td>
                <td>{user.regionName}</td>
                <td>
                  <span className={user.disabled ? "status user-disabled" : "status user-enabled"}>
                    {t(user.disabled ? "users.disabled" : "users.enabled")}
                  </span>
                </td>
                <td className="num">{user.sessions}</td>
                <td className="time">{formatTime(user.createdAt, i18n.language)}</td>
                <td className="row-actions">
                  <div className="row-buttons">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setOpen({ kind: "edit", user })}
                      data-testid="user-edit"
                    >
                      {t("users.edit")}
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setOpen({ kind: "reset", user })}
                      data-testid="user-reset"
                    >
                      {t("users.reset")}
                    </button>
                    {user.id !== me.id && (
                      <button
                        type="button"
                        className={user.disabled ? "link-button" : "link-button danger"}
                        onClick={() => {
                          toggle.reset();
                          setOpen({ kind: "toggle", user });
                        }}
                        data-testid="user-toggle"
                      >
                        {t(user.disabled ? "users.enable" : "users.disable")}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {users.data && rows.length === 0 && <p className="empty">{t("users.empty")}</p>}
        {users.isPending && <p className="empty">{t("app.loading")}</p>}
      </div>

      {(open?.kind === "create" || open?.kind === "edit") && (
        <UserDialog
          user={open.kind === "edit" ? open.user : null}
          onClose={() => setOpen(null)}
          onSaved={(user) => {
            setNotice(
              t(open.kind === "create" ? "users.created" : "users.saved", {
                name: user.displayName,
                username: user.username,
              }),
            );
            setOpen(null);
            void refresh();
          }}
        />
      )}
      {open?.kind === "reset" && (
        <ResetPasswordDialog
          user={open.user}
          onClose={() => setOpen(null)}
          onDone={() => {
            setNotice(t("users.resetDone", { name: open.user.displayName }));
            setOpen(null);
            void refresh();
          }}
        />
      )}
      {open?.kind === "toggle" && (
        <ConfirmDialog
          title={t(open.user.disabled ? "users.enableTitle" : "users.disableTitle")}
          confirmLabel={t(open.user.disabled ? "users.enable" : "users.disable")}
          danger={!open.user.disabled}
          pending={toggle.isPending}
          error={toggle.error ? (serverMessage(toggle.error) ?? t("app.networkError")) : null}
          onCancel={() => setOpen(null)}
          onConfirm={() =>
            toggle.mutate({
              id: open.user.id,
              displayName: open.user.displayName,
              disabled: !open.user.disabled,
              role: open.user.role,
              unitId: open.user.unitId,
              townshipId: open.user.townshipId,
              organizationId: open.user.organizationId,
            })
          }
          testId="toggle-dialog"
        >
          <p>
            {t(open.user.disabled ? "users.enableText" : "users.disableText", {
              name: open.user.displayName,
              username: open.user.username,
            })}
          </p>
          {!open.user.disabled && <p className="notice notice-warn">{t("users.disableWarning")}</p>}
        </ConfirmDialog>
      )}
    </div>
  );
}
