import { NEAR_DUPLICATE_SHARE, nearDuplicateBelts } from "./belt-identity.ts";
import type { Grade, OrgKind } from "./codes.ts";
import type { UnitSpec } from "./quota.ts";
import { type RosterFacts, rosterCompliance } from "./roster.ts";

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

export const RULE_IDS = [
  "MIN_BELTS",
  "SERVICE_CENTER",
  "STOPS_ELIGIBLE",
  "SPECIAL_TOWN_IN_EVERY_BELT",
  "DISTINCT_BELTS",
  "EVERY_SITE_ON_A_BELT",
  "SPECIAL_TOWN_BELT",
  "PLAN_ON_TIME",
  "COMMITTEE_CONTACTS",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const RULE_TITLES_ZH: Readonly<Record<RuleId, string>> = {
  MIN_BELTS: "示范带数量达到要求",
  SERVICE_CENTER: "建有区域性党群服务中心",
  STOPS_ELIGIBLE: "站点均为本单位（或所在县市经信委）的组织",
  SPECIAL_TOWN_IN_EVERY_BELT: "每条示范带至少有一个特色小镇",
  DISTINCT_BELTS: `示范带互不重复（与另一条共用的站点少于${NEAR_DUPLICATE_SHARE * 100}%）`,
  EVERY_SITE_ON_A_BELT: "每个示范点都排进示范带",
  SPECIAL_TOWN_BELT: "建设一条特色小镇示范带（建议）",
  PLAN_ON_TIME: "按期报送示范带创建方案",
  COMMITTEE_CONTACTS: "每位委员联系一家示范点，每个示范点有联系委员",
};

export const RULE_TITLES_EN: Readonly<Record<RuleId, string>> = {
  MIN_BELTS: "Required number of belts",
  SERVICE_CENTER: "A regional party-mass service center",
  STOPS_ELIGIBLE: "Every stop is a site of the unit (or of 市经信委 in its county)",
  SPECIAL_TOWN_IN_EVERY_BELT: "A special-town site in every belt",
  DISTINCT_BELTS: `No belt repeats another (under ${NEAR_DUPLICATE_SHARE * 100}% of its stops on one other belt)`,
  EVERY_SITE_ON_A_BELT: "Every demonstration site on a belt",
  SPECIAL_TOWN_BELT: "One belt of special-town sites (advisory)",
  PLAN_ON_TIME: "Belt plan submitted by the deadline",
  COMMITTEE_CONTACTS: "Each committee member links one site; each site has a contact",
};

export type RuleResult = {
  rule: RuleId;
  passed: boolean;
  /** Advisory rules are shown but never make a unit fail. */
  advisory: boolean;
  /** False when the rule does not concern this unit; such a result always passes. */
  applicable: boolean;
  expected?: number;
  actual?: number;
  offendingBeltIds: number[];
  offendingSiteIds: number[];
  /** COMMITTEE_CONTACTS only: members who link no site, or more than one. */
  offendingMemberIds: number[];
  /** PLAN_ON_TIME only: the cycle's deadline and the plan's first submission (null: never). */
  deadline?: Date;
  submittedAt?: Date | null;
};

/** What the deadline rule needs of a unit's belt plan. */
export type PlanTiming = {
  /** The cycle's 示范带创建方案 deadline (data of the cycle). */
  deadline: Date;
  /** When the first version was submitted; later revisions do not make a plan late. */
  firstSubmittedAt: Date | null;
  /** The time of the check: before the deadline an unsubmitted plan is not yet late. */
  now: Date;
};

/** Would submitting now be late? Only if no version went in by the deadline and it has passed. */
export function submissionIsLate({ deadline, firstSubmittedAt, now }: PlanTiming): boolean {
  return firstSubmittedAt === null && now.getTime() > deadline.getTime();
}

/** A demonstration site (示范点) is an organisation the city has determined 优秀. */
export function isDemonstrationSite(officialGrade: Grade | null): boolean {
  return officialGrade === "EXCELLENT";
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

/** A rule result as it travels as JSON (API answers, the planner's live checks): dates as ISO text. */
export type RuleResultJson = Omit<RuleResult, "expected" | "actual" | "deadline" | "submittedAt"> & {
  title: string;
  expected: number | null;
  actual: number | null;
  deadline: string | null;
  submittedAt: string | null;
};

export function ruleResultJson(r: RuleResult): RuleResultJson {
  return {
    rule: r.rule,
    title: RULE_TITLES_ZH[r.rule],
    passed: r.passed,
    advisory: r.advisory,
    applicable: r.applicable,
    expected: r.expected ?? null,
    actual: r.actual ?? null,
    offendingBeltIds: r.offendingBeltIds,
    offendingSiteIds: r.offendingSiteIds,
    offendingMemberIds: r.offendingMemberIds,
    deadline: r.deadline?.toISOString() ?? null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
  };
}

type RuleOutcome = Pick<RuleResult, "applicable" | "advisory" | "passed">;

const isBinding = (r: RuleOutcome) => r.applicable && !r.advisory;

/** True when every applicable rule that is not advisory passed. */
export function unitPasses<T extends RuleOutcome>(results: readonly T[]): boolean {
  return results.filter(isBinding).every((r) => r.passed);
}

/** The binding rules that apply (advisory and inapplicable ones left out): how many pass, how many fail. */
export function bindingRuleTally<T extends RuleOutcome>(
  results: readonly T[],
): {
  passed: number;
  failed: number;
} {
  const binding = results.filter(isBinding);
  const failed = binding.filter((r) => !r.passed).length;
  return { passed: binding.length - failed, failed };
}
