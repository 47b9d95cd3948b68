// Which members the roster page lists, in which order. Pure.
import type { RosterMemberDto, RosterUnitDto } from "@beltmap/api";

/** The unit filter's value for the city-level members. */
export const CITY_LEVEL = "CITY";

/** The members of the unit chosen: all (null), the city-level ones (CITY_LEVEL), or a unit's own. */
export function membersInUnit(members: readonly RosterMemberDto[], unit: string | null): RosterMemberDto[] {
  return members.filter(
    (m) =>
      unit === null || (unit === CITY_LEVEL ? m.level === "CITY" : m.unitId === unit && m.level === "COUNTY"),
  );
}

/** The members the rule finds at fault: linking no site, or several. */
export function problemMemberIds(
  units: readonly Pick<RosterUnitDto, "membersWithoutSite" | "membersWithSeveralSites">[],
): Set<number> {
  return new Set(units.flatMap((u) => [...u.membersWithoutSite, ...u.membersWithSeveralSites]));
}

export type MemberFilters = {
  showInactive: boolean;
  onlyProblems: boolean;
  /** Part of a name or a post; "" for any. */
  search: string;
  /** A member just added: shown whatever the filters, to be linked. */
  justAdded: number | null;
};

/**
 * The rows shown: the filters applied, by unit in the roster's order (city-level members last),
 * then the active ones first, then in the order they were added.
 */
export function shownMembers(
  members: readonly RosterMemberDto[],
  units: readonly Pick<RosterUnitDto, "unitId">[],
  problemIds: ReadonlySet<number>,
  { showInactive, onlyProblems, search, justAdded }: MemberFilters,
): RosterMemberDto[] {
  const query = search.trim();
  const unitOrder = new Map(units.map((u, i) => [u.unitId, i]));
  const orderOf = (m: RosterMemberDto) => unitOrder.get(m.unitId ?? "") ?? unitOrder.size;
  return members
    .filter((m) => showInactive || m.active || m.id === justAdded)
    .filter((m) => !onlyProblems || problemIds.has(m.id))
    .filter((m) => query === "" || m.name.includes(query) || m.title.includes(query))
    .sort((a, b) => orderOf(a) - orderOf(b) || Number(b.active) - Number(a.active) || a.id - b.id);
}
