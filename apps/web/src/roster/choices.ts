// The words of the two pickers of "三联一领": a site's contact member (示范点 page) and a member's
// site (两新工委委员 page), each saying what is taken already. Pure: the caller passes `t`.
import type { CommitteeMemberDto, SiteRowDto } from "@beltmap/api";

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The county members linking `site`, but `memberId`: those the rule counts (city-level ones do not). */
export function countyContacts(site: Pick<SiteRowDto, "contacts">, memberId: number) {
  return site.contacts.filter((c) => c.id !== memberId && c.level === "COUNTY");
}

/**
 * A 示范点 in a member's choice: its name and which county member links it already (allowed: a site
 * may have several), or that none does. Strings of i18n/roster.ts.
 */
export function siteChoiceLabel(site: Pick<SiteRowDto, "name" | "contacts">, memberId: number, t: Translate) {
  const others = countyContacts(site, memberId);
  if (others.length === 0) return t("roster.siteFree", { site: site.name });
  return t("roster.siteTaken", {
    site: site.name,
    names: others.map((c) => c.name).join(t("roster.listSeparator")),
  });
}

/**
 * A member in a site's contact picker: its name, and the site it links elsewhere (the server refuses
 * such a member: one member, one site). Strings of i18n/sites.ts.
 */
export function memberChoiceLabel(
  member: Pick<CommitteeMemberDto, "name" | "linkedSites">,
  siteId: number,
  t: Translate,
): string {
  const elsewhere = member.linkedSites.filter((s) => s.organizationId !== siteId);
  return elsewhere.length === 0
    ? member.name
    : t("sites.linkedElsewhere", { name: member.name, sites: elsewhere.map((s) => s.name).join("、") });
}
