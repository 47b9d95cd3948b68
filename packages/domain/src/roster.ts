// 两新工委委员 and "三联一领": 每位两新工委委员要联系一家示范点 (衢两新〔2017〕3号). Each county keeps its
// own members (name, post, active); the city keeps the city-level ones. Every active member links
// exactly one demonstration site (联系点) in a cycle, and every site has a county member as contact.

export const MEMBER_LEVELS = ["CITY", "COUNTY"] as const;
export type MemberLevel = (typeof MEMBER_LEVELS)[number];

export type MemberInput = { name: string; title: string };
export type RosterProblem = { field: string; message: string };

export const MEMBER_LIMITS = { name: 20, title: 60 } as const;

export function validateMember(input: MemberInput): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const name = input.name.trim();
  if (name === "") problems.push({ field: "name", message: "请填写委员姓名" });
  else if (name.length > MEMBER_LIMITS.name)
    problems.push({ field: "name", message: `姓名最多 ${MEMBER_LIMITS.name} 个字` });
  if (input.title.trim().length > MEMBER_LIMITS.title)
    problems.push({ field: "title", message: `职务最多 ${MEMBER_LIMITS.title} 个字` });
  return problems;
}

export type ContactCheck = { ok: true } | { ok: false; field: string; message: string };

/**
 * May `member` become the contact of `site`? An active member; a county member only for a site of
 * its own unit (a city member for any); a demonstration site only; and a member who links no other
 * site this cycle (one member, one site).
 */
export function checkContactAssignment(args: {
  member: { name: string; active: boolean; level: MemberLevel; unitId: string | null };
  site: { unitId: string; isDemonstrationSite: boolean };
  /** The other site this member already links in the cycle, if any. */
  otherSiteOfMember: { name: string } | null;
}): ContactCheck {
  const { member, site, otherSiteOfMember } = args;
  if (!member.active)
    return { ok: false, field: "memberId", message: `${member.name}已停用，不能再联系示范点` };
  if (member.level === "COUNTY" && member.unitId !== site.unitId)
    return { ok: false, field: "memberId", message: "请选择本单位的县级两新工委委员" };
  if (!site.isDemonstrationSite)
    return { ok: false, field: "organizationId", message: "只有示范点（评定为优秀）可以作为委员联系点" };
  if (otherSiteOfMember !== null)
    return {
      ok: false,
      field: "memberId",
      message: `${member.name}已联系“${otherSiteOfMember.name}”，每位委员只联系一家示范点；请先解除原联系点`,
    };
  return { ok: true };
}

/** A unit's roster against its sites in one cycle. */
export type RosterFacts = {
  /** The unit's active county-level members. */
  activeMemberIds: readonly number[];
  /** Contacts of the cycle among the unit's sites and members (memberId → organisationId). */
  contacts: readonly { memberId: number; organizationId: number }[];
  /** The unit's demonstration sites. */
  siteIds: readonly number[];
};

export type RosterCompliance = {
  /** Active members linking no site. */
  membersWithoutSite: number[];
  /** Active members linking more than one site. */
  membersWithSeveralSites: number[];
  /** Demonstration sites no county member links. */
  sitesWithoutContact: number[];
  /** Sites with a county contact. */
  sitesWithContact: number;
  passed: boolean;
};

/** "Each member links exactly one 示范点 and each 示范点 has a contact member." */
export function rosterCompliance(facts: RosterFacts): RosterCompliance {
  const sites = new Set(facts.siteIds);
  const active = new Set(facts.activeMemberIds);
  const sitesOfMember = new Map<number, Set<number>>();
  const linked = new Set<number>();
  for (const { memberId, organizationId } of facts.contacts) {
    if (!active.has(memberId) || !sites.has(organizationId)) continue;
    const own = sitesOfMember.get(memberId) ?? new Set<number>();
    own.add(organizationId);
    sitesOfMember.set(memberId, own);
    linked.add(organizationId);
  }
  const membersWithoutSite = facts.activeMemberIds.filter((id) => !sitesOfMember.has(id));
  const membersWithSeveralSites = facts.activeMemberIds.filter(
    (id) => (sitesOfMember.get(id)?.size ?? 0) > 1,
  );
  const sitesWithoutContact = facts.siteIds.filter((id) => !linked.has(id));
  return {
    membersWithoutSite,
    membersWithSeveralSites,
    sitesWithoutContact,
    sitesWithContact: facts.siteIds.length - sitesWithoutContact.length,
    passed:
      membersWithoutSite.length === 0 &&
      membersWithSeveralSites.length === 0 &&
      sitesWithoutContact.length === 0,
  };
}
