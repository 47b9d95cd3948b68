import "../i18n/compliance.ts"; // the matrix's strings, loaded with it
import type { RuleResultDto, UnitComplianceDto } from "@beltmap/api";
import { RULE_IDS, type RuleId } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { type CellState, cellState, type RuleNames, ruleExplanation } from "./rule-text.ts";

/** Where a failed rule points on the map: its unit and the belts and sites that break it. */
export type ComplianceFocus = { unitId: string; rule: RuleId; beltIds: number[]; siteIds: number[] };

export type ComplianceMatrixProps = {
  compliance: readonly UnitComplianceDto[];
  selectedUnitId: string | null;
  onSelectUnit: (unitId: string) => void;
  /** A ✗ was clicked: fly the map to the offending belts and sites (the unit is selected too). */
  onFocus: (focus: ComplianceFocus) => void;
  /** Names of the roster's members, for the explanation of COMMITTEE_CONTACTS. */
  names?: RuleNames;
};

const MARKS: Readonly<Record<CellState, string>> = { pass: "✓", fail: "✗", advice: "!", na: "—" };

/**
 * The belt rules (DESIGN.md 1.4) of every unit at a glance: a row per unit, a column per rule. ✓ met,
 * ✗ not met (a button: shows the offending belts and sites on the map), ! advice (an advisory rule not
 * followed, never a failure), — does not apply. Symbol, fill and words agree, so colour is never the
 * only signal.
 */
export function ComplianceMatrix({
  compliance,
  selectedUnitId,
  onSelectUnit,
  onFocus,
  names,
}: ComplianceMatrixProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;

  if (compliance.length === 0)
    return (
      <p className="empty compliance-empty" data-testid="compliance-matrix">
        {t("compliance.empty")}
      </p>
    );

  return (
    <div className="compliance" data-testid="compliance-matrix">
      <table className="compliance-matrix">
        <caption className="visually-hidden">{t("compliance.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="cm-head cm-unit-head">
              {t("compliance.unit")}
            </th>
            {RULE_IDS.map((rule) => (
              <th scope="col" key={rule} className="cm-head cm-rule-head" title={t(`rules.${rule}`)}>
                <span className="cm-rule-short" aria-hidden="true">
                  {t(`compliance.short.${rule}`)}
                </span>
                <span className="visually-hidden">{t(`rules.${rule}`)}</span>
              </th>
            ))}
            <th scope="col" className="cm-head cm-status-head">
              {t("compliance.planStatus")}
            </th>
          </tr>
        </thead>
        <tbody>
          {compliance.map((unit) => {
            const name = t(`units.${unit.unitId}`, { defaultValue: unit.unitName });
            const selected = unit.unitId === selectedUnitId;
            const status = unit.planStatus ?? "none";
            const statusLabel = t(`compliance.status.${status}`);
            const overall = unit.passed ? "pass" : "fail";
            return (
              <tr
                key={unit.unitId}
                className={selected ? "cm-row selected" : "cm-row"}
                data-testid={`compliance-row-${unit.unitId}`}
                data-passed={unit.passed ? "true" : "false"}
              >
                <th scope="row" className="cm-unit">
                  <button
                    type="button"
                    className="cm-unit-button"
                    aria-pressed={selected}
                    aria-label={t("compliance.selectUnit", {
                      unit: name,
                      state: t(unit.passed ? "compliance.unitPassed" : "compliance.unitFailed"),
                    })}
                    title={name}
                    onClick={() => onSelectUnit(unit.unitId)}
                    data-testid={`compliance-unit-${unit.unitId}`}
                  >
                    <span className={`cm-mark cm-${overall}`} aria-hidden="true">
                      {MARKS[overall]}
                    </span>
                    <span className="cm-unit-name">{name}</span>
                  </button>
                </th>
                {RULE_IDS.map((ruleId) => (
                  <RuleCell
                    key={ruleId}
                    unitId={unit.unitId}
                    unitName={name}
                    ruleId={ruleId}
                    result={unit.rules.find((r) => r.rule === ruleId)}
                    language={language}
                    names={names}
                    onFocus={(focus) => {
                      onSelectUnit(unit.unitId);
                      onFocus(focus);
                    }}
                  />
                ))}
                <td
                  className={`cm-status cm-status-${status}`}
                  title={
                    unit.planVersion > 0
                      ? t("compliance.statusVersion", { status: statusLabel, version: unit.planVersion })
                      : statusLabel
                  }
                  data-testid={`compliance-status-${unit.unitId}`}
                  data-status={status}
                >
                  <span aria-hidden="true">{t(`compliance.statusShort.${status}`)}</span>
                  <span className="visually-hidden">{statusLabel}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="cm-legend" aria-hidden="true">
        {(["pass", "fail", "advice", "na"] as const).map((state) => (
          <span key={state} className="cm-legend-item">
            <span className={`cm-mark cm-${state}`}>{MARKS[state]}</span>
            {t(`compliance.legend.${state}`)}
          </span>
        ))}
      </p>
    </div>
  );
}

function RuleCell({
  unitId,
  unitName,
  ruleId,
  result,
  language,
  names,
  onFocus,
}: {
  unitId: string;
  unitName: string;
  ruleId: RuleId;
  result: RuleResultDto | undefined;
  language: string;
  names: RuleNames | undefined;
  onFocus: (focus: ComplianceFocus) => void;
}) {
  const { t } = useTranslation();
  const state: CellState = result ? cellState(result) : "na";
  const explanation = result
    ? ruleExplanation(result, t, language, names)
    : t("compliance.explain.notApplicable");
  // Only members break the roster rule when every site has a contact: nothing to fly to.
  const onMap = result !== undefined && result.offendingBeltIds.length + result.offendingSiteIds.length > 0;
  const stateWord = t(`compliance.state.${state}`);
  const testId = `cell-${unitId}-${ruleId}`;
  if (state === "fail" && result)
    return (
      <td className="cm-cell" data-testid={testId} data-state={state} title={explanation}>
        <button
          type="button"
          className="cm-mark cm-fail"
          title={explanation}
          aria-label={t(onMap ? "compliance.failLabel" : "compliance.failLabelUnit", {
            unit: unitName,
            rule: t(`rules.${ruleId}`),
            explanation,
          })}
          onClick={() =>
            onFocus({
              unitId,
              rule: ruleId,
              beltIds: [...result.offendingBeltIds],
              siteIds: [...result.offendingSiteIds],
            })
          }
        >
          {MARKS.fail}
        </button>
      </td>
    );
  return (
    <td className="cm-cell" data-testid={testId} data-state={state} title={explanation}>
      <span className={`cm-mark cm-${state}`} aria-hidden="true">
        {MARKS[state]}
      </span>
      <span className="visually-hidden">
        {/* Advice says so itself (建议：…). */}
        {state === "advice" ? explanation : t("compliance.cellText", { state: stateWord, explanation })}
      </span>
    </td>
  );
}
