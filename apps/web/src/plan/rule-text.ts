// A belt rule's result in words, read off the data (counts, offending ids, the plan's dates), and the
// state its cell in the compliance matrix shows. Pure: the caller passes `t` (strings of
// ../i18n/compliance.ts) and the language for dates.
import type { RuleResultDto } from "@beltmap/api";
import { formatDay } from "../lib/format.ts";

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** pass ✓, fail ✗ (binding rule broken), advice (advisory rule not followed), na — (does not apply). */
export type CellState = "pass" | "fail" | "advice" | "na";

export function cellState(rule: Pick<RuleResultDto, "applicable" | "passed" | "advisory">): CellState {
  if (!rule.applicable) return "na";
  if (rule.passed) return "pass";
  return rule.advisory ? "advice" : "fail";
}

/** How many of the rule's objects are short: the offending ids if any, else expected − actual. */
function shortfall(rule: RuleResultDto, ids: readonly number[]): number {
  if (ids.length > 0) return ids.length;
  if (rule.expected !== null && rule.actual !== null) return Math.max(0, rule.expected - rule.actual);
  return 0;
}

/** Names for the ids a rule names, where the caller knows them (the roster's members). */
export type RuleNames = { member?: (id: number) => string | undefined };

/**
 * One line on why `rule` passed or failed, e.g. 示范带 2 条，至少 3 条 · 1 个示范点未排进示范带 ·
 * 截止 2017/08/10，2017/08/14 报送（逾期）. Dates are days on China's calendar.
 */
export function ruleExplanation(
  rule: RuleResultDto,
  t: Translate,
  language = "zh-CN",
  names: RuleNames = {},
): string {
  if (!rule.applicable) return t("compliance.explain.notApplicable");
  const outcome = rule.passed ? "pass" : "fail";
  switch (rule.rule) {
    case "MIN_BELTS":
      return t("compliance.explain.MIN_BELTS", {
        actual: rule.actual ?? 0,
        expected: rule.expected ?? 0,
      });
    case "SERVICE_CENTER":
      return t(`compliance.explain.SERVICE_CENTER.${outcome}`);
    case "STOPS_ELIGIBLE":
      return t(`compliance.explain.STOPS_ELIGIBLE.${outcome}`, {
        sites: rule.offendingSiteIds.length,
        belts: rule.offendingBeltIds.length,
      });
    case "SPECIAL_TOWN_IN_EVERY_BELT":
      return rule.passed
        ? t("compliance.explain.SPECIAL_TOWN_IN_EVERY_BELT.pass", { count: rule.expected ?? 0 })
        : t("compliance.explain.SPECIAL_TOWN_IN_EVERY_BELT.fail", {
            count: shortfall(rule, rule.offendingBeltIds),
          });
    case "DISTINCT_BELTS":
      return rule.passed
        ? t("compliance.explain.DISTINCT_BELTS.pass", {
            count: rule.expected ?? 0,
          })
        : t("compliance.explain.DISTINCT_BELTS.fail", {
            count: rule.offendingBeltIds.length,
          });
    case "EVERY_SITE_ON_A_BELT":
      if (rule.passed)
        return rule.expected === 0
          ? t("compliance.explain.EVERY_SITE_ON_A_BELT.none")
          : t("compliance.explain.EVERY_SITE_ON_A_BELT.pass", { count: rule.expected ?? 0 });
      return t("compliance.explain.EVERY_SITE_ON_A_BELT.fail", {
        count: shortfall(rule, rule.offendingSiteIds),
      });
    case "SPECIAL_TOWN_BELT":
      return t(`compliance.explain.SPECIAL_TOWN_BELT.${rule.passed ? "pass" : "advice"}`);
    case "PLAN_ON_TIME": {
      const deadline = formatDay(rule.deadline, language);
      if (rule.submittedAt === null)
        return rule.deadline === null
          ? t("compliance.explain.PLAN_ON_TIME.missingNoDeadline")
          : t("compliance.explain.PLAN_ON_TIME.missing", { deadline });
      return t(`compliance.explain.PLAN_ON_TIME.${rule.passed ? "onTime" : "late"}`, {
        deadline,
        submitted: formatDay(rule.submittedAt, language),
      });
    }
    case "COMMITTEE_CONTACTS":
      return committeeContacts(rule, t, names);
  }
}

/**
 * 示范点 19 个，18 个有联系委员 · 未联系或联系多家示范点的委员：张三: the sites against those with a
 * contact, then the members who break the rule, by name when the caller knows them.
 */
function committeeContacts(rule: RuleResultDto, t: Translate, names: RuleNames): string {
  const sites = { expected: rule.expected ?? 0, actual: rule.actual ?? 0 };
  if (rule.passed) return t("compliance.explain.COMMITTEE_CONTACTS.pass", { count: sites.expected });
  const parts = [t("compliance.explain.COMMITTEE_CONTACTS.sites", sites)];
  const members = rule.offendingMemberIds;
  if (members.length > 0) {
    const named = members.map((id) => names.member?.(id));
    parts.push(
      named.every((n) => n !== undefined)
        ? t("compliance.explain.COMMITTEE_CONTACTS.membersNamed", {
            names: named.join(t("compliance.explain.listSeparator")),
          })
        : t("compliance.explain.COMMITTEE_CONTACTS.members", { count: members.length }),
    );
  }
  return parts.join(t("compliance.explain.partSeparator"));
}
