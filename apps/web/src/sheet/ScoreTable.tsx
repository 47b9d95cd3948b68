import type { SheetDefinitionDto, SheetStageDto } from "@beltmap/api";
import { dimensionSubtotals, gradeFromTotal, type Stage, sheetTotal } from "@beltmap/domain";
import type { KeyboardEvent } from "react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type DraftScores, formatScore, parseScore, scoreChange, type Totals } from "../lib/scores.ts";

type Props = {
  definition: SheetDefinitionDto;
  stages: readonly SheetStageDto[];
  /** The one column the user fills in, if any. */
  editStage: Stage | null;
  draft: DraftScores;
  /** Totals of the column being filled in, as typed; null before any score is typed. */
  live: Totals | null;
  cellErrors: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (itemKey: string, value: string) => void;
};

/** Enter and the arrow keys move between the score inputs, as in a spreadsheet column. */
function moveFocus(event: KeyboardEvent<HTMLInputElement>) {
  const step = event.key === "ArrowUp" ? -1 : event.key === "ArrowDown" || event.key === "Enter" ? 1 : 0;
  if (step === 0) return;
  const inputs = [
    ...(event.currentTarget.closest("table")?.querySelectorAll<HTMLInputElement>("input.score-input") ?? []),
  ];
  const next = inputs[inputs.indexOf(event.currentTarget) + step];
  if (next) {
    event.preventDefault();
    next.focus();
    next.select();
  }
}

/**
 * The 五强 sheet: 25 items under their 5 dimensions, the four stages side by side, subtotals per
 * dimension and the total and grade per stage.
 */
export function ScoreTable({
  definition,
  stages,
  editStage,
  draft,
  live,
  cellErrors,
  disabled,
  onChange,
}: Props) {
  const { t } = useTranslation();
  // Each stage's score of an item against the last stage before it that has scores: what a
  // reviewer raised or lowered is marked (▲/▼) with the earlier score on hover.
  const scoreOf = (index: number, itemKey: string): number | null | undefined => {
    const s = stages[index];
    if (!s) return undefined;
    if (s.stage === editStage) return parseScore(draft[itemKey] ?? "") ?? undefined;
    return s.status === "EMPTY" ? undefined : s.items[itemKey];
  };
  const earlier = (index: number, itemKey: string) => {
    for (let i = index - 1; i >= 0; i--) if (stages[i]?.status !== "EMPTY") return scoreOf(i, itemKey);
    return undefined;
  };
  const changeMark = (index: number, itemKey: string) => {
    const before = earlier(index, itemKey);
    const change = scoreChange(before, scoreOf(index, itemKey));
    if (!change) return null;
    return (
      <span
        className={`score-change score-${change}`}
        title={t("sheet.changedFrom", { before: formatScore(before) })}
        data-testid="score-change"
      >
        {change === "up" ? "▲" : "▼"}
      </span>
    );
  };
  const totals = useMemo(
    () =>
      stages.map((s): Totals | null => {
        if (s.stage === editStage) return live;
        if (s.status === "EMPTY") return null;
        const total = s.total ?? sheetTotal(s.items);
        return { total, subtotals: dimensionSubtotals(s.items), grade: gradeFromTotal(total) };
      }),
    [stages, editStage, live],
  );

  return (
    <table className="score-table" data-testid="score-table">
      <colgroup>
        <col className="col-key" />
        <col className="col-text" />
        {stages.map((s) => (
          <col key={s.stage} className={s.stage === editStage ? "col-stage col-edit" : "col-stage"} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{t("sheet.key")}</th>
          <th scope="col" className="text">
            {t("sheet.item", {
              max: definition.dimensions[0]?.items[0]?.maxScore ?? 4,
              step: definition.step,
            })}
          </th>
          {stages.map((s) => (
            <th
              key={s.stage}
              scope="col"
              className={s.stage === editStage ? "stage-head editing" : "stage-head"}
              data-testid={`stage-head-${s.stage}`}
            >
              <span className="stage-name" title={t(`codes.stage.${s.stage}`)}>
                {t(`stageShort.${s.stage}`)}
              </span>
              <span className={`status status-${s.status}`}>{t(`status.${s.status}`)}</span>
              {s.stage === editStage && <span className="editing-mark">{t("sheet.editing")}</span>}
            </th>
          ))}
        </tr>
      </thead>
      {definition.dimensions.map((dimension) => (
        <tbody key={dimension.key}>
          <tr className="dimension-row">
            <th scope="rowgroup">{dimension.key}</th>
            <th scope="rowgroup" className="text">
              {dimension.name}
              <span className="muted">
                {" "}
                {t("sheet.subtotal", { max: dimension.items.reduce((sum, i) => sum + i.maxScore, 0) })}
              </span>
            </th>
            {stages.map((s, index) => (
              <td key={s.stage} className="num" data-testid={`subtotal-${s.stage}-${dimension.key}`}>
                {formatScore(totals[index]?.subtotals[dimension.key])}
              </td>
            ))}
          </tr>
          {dimension.items.map((item) => (
            <tr key={item.key}>
              <td className="key">{item.key}</td>
              <td className="text">{item.text}</td>
              {stages.map((s, index) =>
                s.stage === editStage ? (
                  <td key={s.stage} className={cellErrors[item.key] ? "edit-cell invalid" : "edit-cell"}>
                    <input
                      className="score-input"
                      inputMode="decimal"
                      autoComplete="off"
                      value={draft[item.key] ?? ""}
                      onChange={(event) => onChange(item.key, event.target.value)}
                      onKeyDown={moveFocus}
                      onFocus={(event) => event.currentTarget.select()}
                      readOnly={disabled}
                      aria-label={t("sheet.scoreLabel", {
                        item: item.key,
                        stage: t(`codes.stage.${s.stage}`),
                      })}
                      aria-invalid={cellErrors[item.key] ? true : undefined}
                      aria-describedby={cellErrors[item.key] ? `error-${item.key}` : undefined}
                      data-testid={`score-${item.key}`}
                    />
                    {changeMark(index, item.key)}
                    {cellErrors[item.key] && (
                      <span className="cell-error" id={`error-${item.key}`}>
                        {cellErrors[item.key]}
                      </span>
                    )}
                  </td>
                ) : (
                  <td key={s.stage} className="num" data-testid={`cell-${s.stage}-${item.key}`}>
                    {changeMark(index, item.key)}
                    {formatScore(s.items[item.key])}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      ))}
      <tfoot className="foot">
        <tr className="total-row">
          <th scope="row" colSpan={2}>
            {t("sheet.total", { max: definition.maxTotal })}
          </th>
          {stages.map((s, index) => (
            <td key={s.stage} className="num" data-testid={`total-${s.stage}`}>
              {formatScore(totals[index]?.total)}
            </td>
          ))}
        </tr>
        <tr className="grade-row">
          <th scope="row" colSpan={2}>
            {t("sheet.grade")}
          </th>
          {stages.map((s, index) => {
            const grade = totals[index]?.grade;
            return (
              <td key={s.stage} data-testid={`grade-${s.stage}`}>
                {grade ? t(`codes.grade.${grade}`) : "—"}
                {grade && s.stage === editStage && (
                  <span className="muted">{t("sheet.provisionalMark")}</span>
                )}
              </td>
            );
          })}
        </tr>
      </tfoot>
    </table>
  );
}
