import type { RosterMemberDto, SiteRowDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { countyContacts } from "./choices.ts";

/**
 * Deactivating asks first and says what follows for the site the member links (left without a
 * contact, or still linked by others); reactivating asks to choose a site afterwards.
 */
export function MemberToggleDialog({
  member,
  sites,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  member: RosterMemberDto;
  sites: readonly SiteRowDto[];
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const deactivating = member.active;
  return (
    <ConfirmDialog
      title={t(deactivating ? "roster.deactivateTitle" : "roster.reactivateTitle")}
      confirmLabel={t(deactivating ? "roster.deactivate" : "roster.reactivate")}
      danger={deactivating}
      pending={pending}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
      testId="member-toggle-dialog"
    >
      <p>{t(deactivating ? "roster.deactivateText" : "roster.reactivateText", { name: member.name })}</p>
      {deactivating &&
        member.sites.map((linked) => {
          // The rule counts county members' contacts: does one stay?
          const site = sites.find((s) => s.organizationId === linked.organizationId);
          const others = site ? countyContacts(site, member.id) : [];
          return others.length === 0 ? (
            <p key={linked.organizationId} className="notice notice-warn" data-testid="deactivate-warning">
              {t("roster.deactivateLeavesSite", { name: member.name, site: linked.name })}
            </p>
          ) : (
            <p key={linked.organizationId} className="notice notice-info" data-testid="deactivate-shared">
              {t("roster.deactivateSharedSite", {
                name: member.name,
                site: linked.name,
                others: others.map((c) => c.name).join(t("roster.listSeparator")),
              })}
            </p>
          );
        })}
    </ConfirmDialog>
  );
}
