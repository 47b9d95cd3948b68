// The belt rules' names and outcomes: what the dashboard, the matrix and the planner show of a
// check. The checks themselves are in belts.ts; this is apart so that pages which only show results
// do not load them.
import { NEAR_DUPLICATE_SHARE } from "./belt-identity.ts";
import type { Grade } from "./codes.ts";

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
