import "../i18n/compliance.ts"; // the state words (达标/未达标/建议/不适用) are the matrix's
import type { RuleResultDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { cellState, type RuleNames, ruleExplanation } from "./rule-text.ts";

const MARKS = { pass: "✓", fail: "✗", advice: "!", na: "—" } as const;

/** How an offending site is named under its rule. */
function offendingSiteKey(rule: RuleResultDto["rule"]): string {
  if (rule === "EVERY_SITE_ON_A_BELT") return "plan.offendingSite";
  if (rule === "COMMITTEE_CONTACTS") return "plan.siteWithoutContact";
  return "plan.offendingBelt";
}

/**
 * One unit's rules, ✓/✗/建议, each failure with what offends and a way to see it on the map. The
 * roster's rule is left out where it does not apply (the planner's live checks know no roster).
 */
export function RuleList({
  rules,
  beltName,
  siteName,
  names,
  rosterPath,
  onFocus,
}: {
  rules: readonly RuleResultDto[];
  beltName: (id: number) => string;
  siteName: (id: number) => string;
  names?: RuleNames;
  /** Where the unit's roster is kept (the roster rule's failure links there), if the user may go. */
  rosterPath?: string;
  onFocus: (rule: RuleResultDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const shown = rules.filter((r) => r.rule !== "COMMITTEE_CONTACTS" || r.applicable);
  return (
    <ul className="rule-list" data-testid="rule-list">
      {shown.map((rule) => {
        const state = cellState(rule);
        const offending = [
          ...rule.offendingBeltIds.map((id) => beltName(id)),
          ...rule.offendingSiteIds.map((id) => t(offendingSiteKey(rule.rule), { name: siteName(id) })),
        ];
        return (
          <li
            key={rule.rule}
            className={`rule rule-${state}`}
            data-testid={`rule-${rule.rule}`}
            data-state={state}
          >
            <span className="rule-mark" aria-hidden="true">
              {MARKS[state]}
            </span>
            <span className="rule-body">
              <span className="rule-title">
                {t(`rules.${rule.rule}`)}
                <span className="visually-hidden">（{t(`compliance.state.${state}`)}）</span>
              </span>
              {state !== "pass" && state !== "na" && (
                <span className="rule-detail">{ruleExplanation(rule, t, i18n.language, names)}</span>
              )}
              {state !== "pass" && offending.length > 0 && (
                <span className="rule-offending">
                  {offending.join("、")}{" "}
                  <button type="button" className="link-button" onClick={() => onFocus(rule)}>
                    {t("plan.showOnMap")}
                  </button>
                </span>
              )}
              {state === "fail" && rule.rule === "COMMITTEE_CONTACTS" && rosterPath && (
                <Link className="rule-offending" to={rosterPath} data-testid="rule-roster-link">
                  {t("compliance.rosterLink")}
                </Link>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
