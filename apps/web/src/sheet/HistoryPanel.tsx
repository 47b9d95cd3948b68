import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { auditActionName, auditSummary } from "../lib/audit.ts";
import { serverMessage } from "../lib/errors.ts";
import { formatTime } from "../lib/format.ts";
import { useCycleInput } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useTRPC } from "../trpc.ts";

/**
 * 操作记录: the organisation's history, newest first, loaded when opened: who did what when, with a
 * short account of the change (scores submitted, returns with their reason, grades, duties).
 */
export function HistoryPanel({ organizationId, unitId }: { organizationId: number; unitId: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const cycleInput = useCycleInput();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const history = useQuery({
    ...trpc.audit.organization.queryOptions({ organizationId }, { staleTime: 0 }),
    enabled: open,
  });
  // Contact changes name members by id; the roles that may list the unit's members get their names.
  const members = useQuery({
    ...trpc.site.members.queryOptions({ unitId, ...cycleInput }),
    enabled: open && (me.role === "COUNTY" || me.role === "CITY" || me.role === "LEADER"),
  });
  const memberName = (id: number) => members.data?.find((m) => m.id === id)?.name;
  const entries = history.data ?? [];

  return (
    <section className="side-block history" data-testid="history">
      <h3>
        <button
          type="button"
          className="disclosure"
          aria-expanded={open}
          aria-controls={regionId}
          onClick={() => setOpen((o) => !o)}
          data-testid="history-toggle"
        >
          <span className="disclosure-mark" aria-hidden="true">
            {open ? "▾" : "▸"}
          </span>
          {t("history.title")}
          {history.data && <span className="tab-count">{entries.length}</span>}
        </button>
      </h3>
      {open && (
        <div id={regionId}>
          {history.isPending && <p className="muted">{t("app.loading")}</p>}
          {history.isError && (
            <p className="form-error" role="alert">
              {t("app.loadFailed", { message: serverMessage(history.error) ?? t("app.networkError") })}
            </p>
          )}
          {history.data && entries.length === 0 && <p className="muted">{t("history.empty")}</p>}
          <ol className="history-list" data-testid="history-list">
            {entries.map((entry) => {
              const summary = auditSummary(entry, t, memberName);
              return (
                <li key={entry.id} data-action={entry.action}>
                  <div className="history-head">
                    <span className="history-action">{auditActionName(entry.action, t)}</span>
                    <time dateTime={entry.at}>{formatTime(entry.at, i18n.language)}</time>
                  </div>
                  {summary && <p className="history-summary">{summary}</p>}
                  {/* A user's name says their level already (柯城区两新工委…); the role is there on hover. */}
                  <p
                    className="history-who"
                    title={
                      entry.role ? t(`codes.role.${entry.role}`, { defaultValue: entry.role }) : undefined
                    }
                  >
                    {entry.userName ??
                      (entry.role
                        ? t(`codes.role.${entry.role}`, { defaultValue: entry.role })
                        : t("history.system"))}
                  </p>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}
