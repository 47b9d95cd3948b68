import type { RosterMemberDto, SiteRowDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { countyContacts, siteChoiceLabel } from "./choices.ts";

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A member's 联系示范点, chosen from the sites of its unit (a city-level member: any unit's, grouped
 * by unit), each saying who links it already; "none" unlinks.
 */
export function SiteLinkSelect({
  member,
  sites,
  disabled,
  unitName,
  onLink,
}: {
  member: RosterMemberDto;
  /** Every 示范点 the user may link, with its contacts. */
  sites: readonly SiteRowDto[];
  disabled: boolean;
  unitName: (unitId: string) => string;
  onLink: (organizationId: number | null) => void;
}) {
  const { t } = useTranslation();
  const choices = member.level === "CITY" ? sites : sites.filter((s) => s.unitId === member.unitId);
  const linked = member.sites[0];
  return (
    <select
      className="compact-select"
      aria-label={t("roster.linkFor", { name: member.name })}
      value={linked?.organizationId ?? ""}
      disabled={disabled}
      onChange={(event) => onLink(event.target.value === "" ? null : Number(event.target.value))}
      data-testid="member-link"
    >
      <option value="">{t("roster.noSiteOption")}</option>
      {/* A linked site the choice does not list (still shown as it is). */}
      {member.sites
        .filter((s) => !choices.some((c) => c.organizationId === s.organizationId))
        .map((s) => (
          <option key={s.organizationId} value={s.organizationId}>
            {s.name}
          </option>
        ))}
      <SiteOptions
        choices={choices}
        member={member}
        grouped={member.level === "CITY"}
        unitName={unitName}
        t={t}
      />
    </select>
  );
}

/** The sites of a member's choice; a city-level member's grouped by unit. */
function SiteOptions({
  choices,
  member,
  grouped,
  unitName,
  t,
}: {
  choices: readonly SiteRowDto[];
  member: RosterMemberDto;
  grouped: boolean;
  unitName: (unitId: string) => string;
  t: Translate;
}) {
  const option = (site: SiteRowDto) => (
    <option
      key={site.organizationId}
      value={site.organizationId}
      data-taken={countyContacts(site, member.id).length > 0 ? "true" : "false"}
    >
      {member.sites.some((s) => s.organizationId === site.organizationId)
        ? site.name
        : siteChoiceLabel(site, member.id, t)}
    </option>
  );
  if (!grouped) return <>{choices.map(option)}</>;
  const unitIds = [...new Set(choices.map((s) => s.unitId))];
  return (
    <>
      {unitIds.map((unitId) => (
        <optgroup key={unitId} label={unitName(unitId)}>
          {choices.filter((s) => s.unitId === unitId).map(option)}
        </optgroup>
      ))}
    </>
  );
}
