import type { RuleResultDto } from "@beltmap/api";
import { RULE_TITLES_EN, RULE_TITLES_ZH } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { ruleExplanation } from "./rule-text.ts";

/** One unit's rules, ✓/✗/建议, each failure with what offends and a way to see it on the map. */
export function RuleList({
  rules,
  beltName,
  siteName,
  onFocus,
}: {
  rules: readonly RuleResultDto[];
  beltName: (id: number) => string;
  siteName: (id: number) => string;
  onFocus: (rule: RuleResultDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const titles = i18n.language === "en" ? RULE_TITLES_EN : RULE_TITLES_ZH;
  return (
    <ul className="rule-list" data-testid="rule-list">
      {rules.map((rule) => {
        const state = !rule.applicable ? "na" : rule.passed ? "pass" : rule.advisory ? "advice" : "fail";
        const offending = [
          ...rule.offendingBeltIds.map((id) => beltName(id)),
          ...rule.offendingSiteIds.map((id) => t("plan.offendingSite", { name: siteName(id) })),
        ];
        return (
          <li
            key={rule.rule}
            className={`rule rule-${state}`}
            data-testid={`rule-${rule.rule}`}
            data-state={state}
          >
            <span className="rule-mark" aria-hidden="true">
              {state === "pass" ? "✓" : state === "fail" ? "✗" : state === "advice" ? "!" : "—"}
            </span>
            <span className="rule-body">
              <span className="rule-title">{titles[rule.rule]}</span>
              {state !== "pass" && state !== "na" && (
                <span className="rule-detail">{ruleExplanation(rule, t, i18n.language)}</span>
              )}
              {state !== "pass" && offending.length > 0 && (
                <span className="rule-offending">
                  {offending.join("、")}{" "}
                  <button type="button" className="link-button" onClick={() => onFocus(rule)}>
                    {t("plan.showOnMap")}
                  </button>
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
