import type { RosterMemberDto, SiteRowDto } from "@beltmap/api";
import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import { MemberActions } from "./MemberActions.tsx";
import { SiteLinkSelect } from "./SiteLinkSelect.tsx";

/** What the user may do on the rows (null: read only — a leader, or a past cycle). */
export type RowWrites = {
  mayEdit: (member: RosterMemberDto) => boolean;
  /** The 示范点 a member may link; undefined until they have come. */
  sites: readonly SiteRowDto[] | undefined;
  onLink: (member: RosterMemberDto, organizationId: number | null) => void;
  onEdit: (member: RosterMemberDto) => void;
  onToggle: (member: RosterMemberDto) => void;
};

/**
 * One member: name (and the refusal of its last change), post, unit (the city's view), status, its
 * 联系示范点 — a choice where the user may change it — and the row's buttons.
 */
export function MemberRow({
  member,
  showUnit,
  writes,
  problem,
  isNew,
  rowRef,
  busy,
  error,
  unitName,
}: {
  member: RosterMemberDto;
  showUnit: boolean;
  writes: RowWrites | null;
  /** The rule finds the member at fault (no site, or several). */
  problem: boolean;
  /** Just added: marked, and brought into view. */
  isNew: boolean;
  rowRef?: Ref<HTMLTableRowElement> | undefined;
  busy: boolean;
  error: string | undefined;
  unitName: (unitId: string, fallback?: string) => string;
}) {
  const { t } = useTranslation();
  const editable = writes?.mayEdit(member) ?? false;
  const classes = [
    problem ? "row-unmet" : "",
    member.active ? "" : "row-disabled",
    isNew ? "row-new" : "",
  ].filter(Boolean);
  return (
    <tr
      ref={rowRef}
      className={classes.join(" ") || undefined}
      data-testid={`member-row-${member.id}`}
      data-active={member.active ? "true" : "false"}
      aria-busy={busy}
    >
      <td className="roster-name">
        <strong data-testid="member-name-cell">{member.name}</strong>
        {error && (
          <p className="row-error-text" role="alert" data-testid="row-error">
            {error}
          </p>
        )}
      </td>
      <td className="roster-post">{member.title || <span className="muted">—</span>}</td>
      {showUnit && (
        <td>
          {member.unitId === null
            ? t("roster.cityLevel")
            : unitName(member.unitId, member.unitName ?? member.unitId)}
        </td>
      )}
      <td className="roster-status">
        <span
          className={member.active ? "status user-enabled" : "status user-disabled"}
          data-testid="member-status"
        >
          {t(member.active ? "roster.active" : "roster.inactive")}
        </span>
      </td>
      <td className="roster-site" data-testid="member-site">
        {writes && editable && member.active ? (
          <SiteLinkSelect
            member={member}
            sites={writes.sites ?? []}
            disabled={busy || !writes.sites}
            unitName={unitName}
            onLink={(organizationId) => writes.onLink(member, organizationId)}
          />
        ) : member.sites.length > 0 ? (
          <span>{member.sites.map((s) => s.name).join(t("roster.listSeparator"))}</span>
        ) : (
          <span className="muted">{member.active ? t("roster.noSite") : "—"}</span>
        )}
        {member.active && member.sites.length > 1 && (
          <p className="row-error-text">{t("roster.severalSites", { count: member.sites.length })}</p>
        )}
      </td>
      {writes && (
        <td className="row-actions">
          {editable && (
            <MemberActions
              member={member}
              onEdit={() => writes.onEdit(member)}
              onToggle={() => writes.onToggle(member)}
            />
          )}
        </td>
      )}
    </tr>
  );
}
