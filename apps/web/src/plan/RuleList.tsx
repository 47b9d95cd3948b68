import "../i18n/compliance.ts"; // the state words (达标/未达标/建议/不适用) are the matrix's
import type { RuleResultDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { cellState, ruleExplanation } from "./rule-text.ts";

const MARKS = { pass: "✓", fail: "✗", advice: "!", na: "—" } as const;

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
  return (
    <ul className="rule-list" data-testid="rule-list">
      {rules.map((rule) => {
        const state = cellState(rule);
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
              {MARKS[state]}
            </span>
            <span className="rule-body">
              <span className="rule-title">
                {t(`rules.${rule.rule}`)}
                <span className="visually-hidden">（{t(`compliance.state.${state}`)}）</span>
              </span>
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
