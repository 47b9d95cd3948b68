import type { ReReviewRowDto } from "@beltmap/api";
import { type RereviewSuggestion, suggestedGradeFor } from "@beltmap/domain";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { DialogActions } from "../components/DialogActions.tsx";
import { GradeTag } from "../components/GradeTag.tsx";
import { formatDay } from "../lib/format.ts";
import { GradeChange } from "./GradeChange.tsx";

const SUGGESTIONS: readonly RereviewSuggestion[] = ["NONE", "UPGRADE", "DOWNGRADE"];

/**
 * 登记复查 (township): keep the grade or suggest one step up or down, with the resulting grade
 * shown; 优秀 cannot go up nor 未达标 down. Notes are optional.
 */
export function RecordDialog({
  row,
  pending,
  issues,
  onCancel,
  onConfirm,
}: {
  row: ReReviewRowDto;
  pending: boolean;
  /** The server's messages for this dialog's fields (suggestion, notes). */
  issues: Record<string, string>;
  onCancel: () => void;
  onConfirm: (value: { suggestion: RereviewSuggestion; notes: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const [suggestion, setSuggestion] = useState<RereviewSuggestion>("NONE");
  const [notes, setNotes] = useState("");
  const notesId = useId();
  const errorId = useId();
  const problem = issues.suggestion ?? issues.notes ?? null;
  return (
    <Dialog open title={t("rereview.recordTitle")} onClose={onCancel} testId="record-dialog" wide>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm({ suggestion, notes: notes.trim() });
        }}
      >
        <p className="dialog-subject">
          <strong>{row.organizationName}</strong>
          <span className="muted">
            {t("rereview.recordFacts", {
              township: row.townshipName,
              due: formatDay(row.dueOn, i18n.language),
            })}
          </span>
        </p>
        <p className="dialog-subject">
          <span className="muted">{t("rereview.gradeNow")}</span> <GradeTag grade={row.gradeBefore} />
        </p>
        <fieldset className="choice" aria-describedby={problem ? errorId : undefined}>
          <legend>{t("rereview.suggestion")}</legend>
          {SUGGESTIONS.map((s) => {
            const result = s === "NONE" ? row.gradeBefore : suggestedGradeFor(row.gradeBefore, s);
            return (
              <label key={s} className={result === null ? "choice-disabled" : undefined}>
                <input
                  type="radio"
                  name="suggestion"
                  value={s}
                  checked={suggestion === s}
                  disabled={result === null || pending}
                  onChange={() => setSuggestion(s)}
                  data-testid={`suggestion-${s}`}
                />
                <span>{t(`rereview.suggest.${s}`)}</span>
                {result === null ? (
                  <span className="muted">
                    {t(s === "UPGRADE" ? "rereview.cannotUpgrade" : "rereview.cannotDowngrade")}
                  </span>
                ) : (
                  <span className="grade-change">
                    <GradeChange from={row.gradeBefore} to={s === "NONE" ? null : result} />
                  </span>
                )}
              </label>
            );
          })}
        </fieldset>
        <div className="field">
          <label htmlFor={notesId}>{t("rereview.notes")}</label>
          <textarea
            id={notesId}
            rows={3}
            maxLength={2000}
            value={notes}
            placeholder={t("rereview.notesPlaceholder")}
            onChange={(event) => setNotes(event.target.value)}
            readOnly={pending}
            aria-invalid={issues.notes ? true : undefined}
            data-testid="record-notes"
          />
        </div>
        <p className="field-hint">{t("rereview.cadenceHint")}</p>
        <DialogActions
          error={problem}
          errorId={errorId}
          pending={pending}
          onCancel={onCancel}
          confirmLabel={t("rereview.recordConfirm")}
          testId="record-confirm"
        />
      </form>
    </Dialog>
  );
}
