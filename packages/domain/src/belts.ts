import { nearDuplicateBelts } from "./belt-identity.ts";
import type { Grade, OrgKind } from "./codes.ts";
import type { UnitSpec } from "./quota.ts";
import { type RosterFacts, rosterCompliance } from "./roster.ts";
import {
  isDemonstrationSite,
  type PlanTiming,
  type RuleId,
  type RuleResult,
  submissionIsLate,
} from "./rules.ts";

// The belt rules of DESIGN.md 1.4, checked one unit at a time.

/** An organisation as the belt rules see it. */
export type BeltSite = {
  id: number;
  unitId: string;
  kind: OrgKind;
  countyCode: string;
  /** The official grade (the city's 评定); EXCELLENT makes it a demonstration site. */
  grade: Grade | null;
};

export type BeltInput = { id: number; unitId: string; name: string; stopIds: number[] };

export type UnitInput = Pick<UnitSpec, "id" | "kind" | "countyCode" | "minBelts" | "needsServiceCenter">;

/**
 * May `site` be a stop on a belt of `unit`? Its own sites, and sites of a department (市经信委, which
 * has no territory and builds no belts) that lie in the unit's county.
 */
export function isEligibleStop(
  unit: UnitInput,
  site: BeltSite,
  departmentUnitIds: ReadonlySet<string>,
): boolean {
  if (site.unitId === unit.id) return true;
  return (
    unit.countyCode !== null && departmentUnitIds.has(site.unitId) && site.countyCode === unit.countyCode
  );
}

export type UnitComplianceInput = {
  unit: UnitInput;
  /** This unit's belts. */
  belts: readonly BeltInput[];
  /** Every organisation that may matter: this unit's own and every stop of its belts. */
  sites: ReadonlyMap<number, BeltSite>;
  /** Ids of the sites that are stops of ANY unit's belt. */
  onAnyBelt: ReadonlySet<number>;
  hasServiceCenter: boolean;
  /** Units without territory (市经信委) whose sites may ride on the belts of their county. */
  departmentUnitIds: ReadonlySet<string>;
  plan: PlanTiming;
  /**
   * The unit's committee roster against its sites; without it (the belt planner's live checks,
   * which concern the plan only) COMMITTEE_CONTACTS does not apply.
   */
  roster?: RosterFacts;
};

function result(rule: RuleId, fields: Partial<Omit<RuleResult, "rule">>): RuleResult {
  return {
    rule,
    passed: true,
    advisory: false,
    applicable: true,
    offendingBeltIds: [],
    offendingSiteIds: [],
    offendingMemberIds: [],
    ...fields,
  };
}

function isEligible({ unit, sites, departmentUnitIds }: UnitComplianceInput, stopId: number): boolean {
  const site = sites.get(stopId);
  return site !== undefined && isEligibleStop(unit, site, departmentUnitIds);
}

function isSpecialTownStop(sites: ReadonlyMap<number, BeltSite>, stopId: number): boolean {
  return sites.get(stopId)?.kind === "SPECIAL_TOWN";
}

function checkStopsEligible(args: UnitComplianceInput): RuleResult {
  const offendingSites = new Set<number>();
  const offendingBelts = args.belts.filter((belt) => {
    const bad = belt.stopIds.filter((stopId) => !isEligible(args, stopId));
    for (const stopId of bad) offendingSites.add(stopId);
    return bad.length > 0;
  });
  return result("STOPS_ELIGIBLE", {
    applicable: args.belts.length > 0,
    passed: offendingBelts.length === 0,
    offendingBeltIds: offendingBelts.map((belt) => belt.id),
    offendingSiteIds: [...offendingSites],
  });
}

function checkMinBelts({ unit, belts }: UnitComplianceInput): RuleResult {
  const applicable = unit.minBelts > 0;
  return result("MIN_BELTS", {
    applicable,
    passed: !applicable || belts.length >= unit.minBelts,
    expected: unit.minBelts,
    actual: belts.length,
  });
}

function checkServiceCenter({ unit, hasServiceCenter }: UnitComplianceInput): RuleResult {
  if (!unit.needsServiceCenter) return result("SERVICE_CENTER", { applicable: false });
  return result("SERVICE_CENTER", {
    passed: hasServiceCenter,
    expected: 1,
    actual: hasServiceCenter ? 1 : 0,
  });
}

function checkSpecialTownInEveryBelt(args: UnitComplianceInput): RuleResult {
  const { unit, belts, sites } = args;
  // A unit that builds no belts (市经信委) has nothing to check unless it drew some anyway.
  const applicable = unit.minBelts > 0 || belts.length > 0;
  // Only a 特色小镇 the belt may carry counts: another county's does not make the belt whole.
  const offending = belts.filter(
    (belt) => !belt.stopIds.some((stopId) => isSpecialTownStop(sites, stopId) && isEligible(args, stopId)),
  );
  return result("SPECIAL_TOWN_IN_EVERY_BELT", {
    applicable,
    passed: offending.length === 0,
    expected: belts.length,
    actual: belts.length - offending.length,
    offendingBeltIds: offending.map((belt) => belt.id),
  });
}

function checkDistinctBelts({ belts }: UnitComplianceInput): RuleResult {
  // A belt made of another's stops would count twice towards MIN_BELTS without being a second route.
  const duplicates = nearDuplicateBelts(belts);
  return result("DISTINCT_BELTS", {
    applicable: belts.length > 1,
    passed: duplicates.length === 0,
    expected: belts.length,
    actual: belts.length - duplicates.length,
    offendingBeltIds: duplicates.map((d) => d.beltId),
  });
}

function checkEverySiteOnABelt({ unit, sites, onAnyBelt }: UnitComplianceInput): RuleResult {
  // Whichever unit's belt carries a site counts, so a 市经信委 site on a 柯城区 belt is fine, and a
  // site left off is reported under the unit that owns it.
  const demonstrationSites = [...sites.values()].filter(
    (site) => site.unitId === unit.id && isDemonstrationSite(site.grade),
  );
  const offending = demonstrationSites.filter((site) => !onAnyBelt.has(site.id));
  return result("EVERY_SITE_ON_A_BELT", {
    passed: offending.length === 0,
    expected: demonstrationSites.length,
    actual: demonstrationSites.length - offending.length,
    offendingSiteIds: offending.map((site) => site.id),
  });
}

function checkSpecialTownBelt({ unit, belts, sites }: UnitComplianceInput): RuleResult {
  // "A unit that can": one with at least two 特色小镇 of its own, enough to make a route of them.
  let ownSpecialTowns = 0;
  for (const site of sites.values()) {
    if (site.unitId === unit.id && site.kind === "SPECIAL_TOWN") ownSpecialTowns++;
  }
  const applicable = ownSpecialTowns >= 2;
  const hasSpecialTownBelt = belts.some(
    (belt) => belt.stopIds.length > 0 && belt.stopIds.every((stopId) => isSpecialTownStop(sites, stopId)),
  );
  return result("SPECIAL_TOWN_BELT", {
    advisory: true,
    applicable,
    passed: !applicable || hasSpecialTownBelt,
  });
}

function checkPlanOnTime({ unit, belts, plan }: UnitComplianceInput): RuleResult {
  // A unit that builds no belts (市经信委) has no plan to submit.
  const applicable = unit.minBelts > 0 || belts.length > 0;
  const { firstSubmittedAt, deadline } = plan;
  const onTime =
    firstSubmittedAt === null ? !submissionIsLate(plan) : firstSubmittedAt.getTime() <= deadline.getTime();
  return result("PLAN_ON_TIME", {
    applicable,
    passed: !applicable || onTime,
    deadline,
    submittedAt: firstSubmittedAt,
  });
}

function checkCommitteeContacts({ roster }: UnitComplianceInput): RuleResult {
  if (!roster || (roster.siteIds.length === 0 && roster.activeMemberIds.length === 0))
    return result("COMMITTEE_CONTACTS", { applicable: false });
  const check = rosterCompliance(roster);
  return result("COMMITTEE_CONTACTS", {
    passed: check.passed,
    expected: roster.siteIds.length,
    actual: check.sitesWithContact,
    offendingSiteIds: check.sitesWithoutContact,
    offendingMemberIds: [...check.membersWithoutSite, ...check.membersWithSeveralSites],
  });
}

/** Every rule of DESIGN.md 1.4 for one unit, and the roster's (1.2, "三联一领"), in RULE_IDS order. */
export function checkUnitCompliance(args: UnitComplianceInput): RuleResult[] {
  return [
    checkMinBelts(args),
    checkServiceCenter(args),
    checkStopsEligible(args),
    checkSpecialTownInEveryBelt(args),
    checkDistinctBelts(args),
    checkEverySiteOnABelt(args),
    checkSpecialTownBelt(args),
    checkPlanOnTime(args),
    checkCommitteeContacts(args),
  ];
}
