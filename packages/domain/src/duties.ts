import type { Grade } from "./codes.ts";

// DESIGN.md 1.2: every demonstration site (优秀) must be under county-level dual management, the
// contact point of a county committee member, and a stop on a belt.

export const DUTY_IDS = ["COUNTY_DUAL_MANAGEMENT", "COMMITTEE_CONTACT", "ON_A_BELT"] as const;
export type DutyId = (typeof DUTY_IDS)[number];

export const DUTY_TITLES_ZH: Readonly<Record<DutyId, string>> = {
  COUNTY_DUAL_MANAGEMENT: "纳入县级双重管理",
  COMMITTEE_CONTACT: "县级两新工委委员联系点",
  ON_A_BELT: "排进党建示范带创建线路",
};

export type SiteDutyInput = {
  grade: Grade | null;
  countyDualManaged: boolean;
  /** County-level committee members who have this site as their contact point. */
  countyContactCount: number;
  /** Belts (of any unit) that have this site as a stop. */
  beltCount: number;
};

export type DutyResult = { duty: DutyId; met: boolean };

/** The duties of a demonstration site, each met or not; an organisation that is not 优秀 has none. */
export function demonstrationSiteDuties(site: SiteDutyInput): DutyResult[] {
  if (site.grade !== "EXCELLENT") return [];
  return [
    { duty: "COUNTY_DUAL_MANAGEMENT", met: site.countyDualManaged },
    { duty: "COMMITTEE_CONTACT", met: site.countyContactCount > 0 },
    { duty: "ON_A_BELT", met: site.beltCount > 0 },
  ];
}
