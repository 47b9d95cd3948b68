import { APPENDIX3_UNITS, CYCLE_LIMITS, CYCLE_TARGET_KEYS } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { FormField } from "../components/FormField.tsx";
import { useUnitName } from "../shell/units.ts";
import {
  type CycleForm,
  type DayField,
  differsFromAppendix3,
  type QuotaRow,
  type TargetKey,
} from "./form.ts";

const DAY_LABELS: Record<DayField, string> = {
  startsOn: "cycleAdmin.form.startsOn",
  endsOn: "cycleAdmin.form.endsOn",
  beltPlanDeadline: "cycleAdmin.form.beltPlanDeadline",
  initialSummaryDeadline: "cycleAdmin.form.initialSummaryDeadline",
};

/**
 * The fields of a cycle: year (when opening), name, period, the two deadlines, the targets and a
 * quota per unit with its reason. Each field shows its message (`errors`, keyed by the domain's
 * field names) below it.
 */
export function CycleFormFields({
  form,
  onChange,
  errors,
  opening,
  disabled,
}: {
  form: CycleForm;
  onChange: (next: CycleForm) => void;
  errors: Record<string, string>;
  opening: boolean;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const unitName = useUnitName();
  const set = (patch: Partial<CycleForm>) => onChange({ ...form, ...patch });
  const setTarget = (key: TargetKey, value: string) => set({ targets: { ...form.targets, [key]: value } });
  const setQuota = (index: number, patch: Partial<QuotaRow>) =>
    set({ quotas: form.quotas.map((q, i) => (i === index ? { ...q, ...patch } : q)) });

  const day = (field: DayField, hint?: string) => (
    <div data-field={field}>
      <FormField label={t(DAY_LABELS[field])} error={errors[field]} hint={hint}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={form[field]}
            disabled={disabled}
            onChange={(event) => set({ [field]: event.target.value })}
            data-testid={`cycle-input-${field}`}
          />
        )}
      </FormField>
    </div>
  );

  return (
    <div className="cycle-form">
      <fieldset className="cycle-fieldset">
        <legend>{t("cycleAdmin.form.basics")}</legend>
        <div className="cycle-form-grid">
          {opening && (
            <div data-field="year">
              <FormField label={t("cycleAdmin.form.year")} error={errors.year}>
                {(control) => (
                  <input
                    {...control}
                    type="number"
                    inputMode="numeric"
                    min={CYCLE_LIMITS.firstYear}
                    max={CYCLE_LIMITS.lastYear}
                    value={form.year}
                    disabled={disabled}
                    onChange={(event) => set({ year: event.target.value })}
                    data-testid="cycle-input-year"
                  />
                )}
              </FormField>
            </div>
          )}
          <div data-field="name" className={opening ? undefined : "cycle-form-wide"}>
            <FormField label={t("cycleAdmin.form.name")} error={errors.name}>
              {(control) => (
                <input
                  {...control}
                  value={form.name}
                  maxLength={CYCLE_LIMITS.name * 2}
                  disabled={disabled}
                  onChange={(event) => set({ name: event.target.value })}
                  data-testid="cycle-input-name"
                />
              )}
            </FormField>
          </div>
          {day("startsOn")}
          {day("endsOn")}
          {day("beltPlanDeadline", t("cycleAdmin.form.deadlineHint"))}
          {day("initialSummaryDeadline", t("cycleAdmin.form.deadlineHint"))}
        </div>
      </fieldset>

      <fieldset className="cycle-fieldset">
        <legend>{t("cycleAdmin.form.targets")}</legend>
        <div className="cycle-target-grid">
          {CYCLE_TARGET_KEYS.map((key) => (
            <div data-field={`targets.${key}`} key={key}>
              <FormField label={t(`cycleAdmin.target.${key}`)} error={errors[`targets.${key}`]}>
                {(control) => (
                  <input
                    {...control}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    value={form.targets[key]}
                    disabled={disabled}
                    onChange={(event) => setTarget(key, event.target.value)}
                    data-testid={`cycle-input-target-${key}`}
                  />
                )}
              </FormField>
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="cycle-fieldset">
        <legend>{t("cycleAdmin.form.quotas")}</legend>
        <p className="field-hint">{t("cycleAdmin.form.quotasHint")}</p>
        {errors.quotas && (
          <p className="field-error" data-field="quotas">
            {errors.quotas}
          </p>
        )}
        <table className="cycle-quota-editor" data-testid="cycle-quota-editor">
          <thead>
            <tr>
              <th scope="col" className="col-unit">
                {t("cycleAdmin.columns.unit")}
              </th>
              <th scope="col" className="col-quota">
                {t("cycleAdmin.columns.excellentQuota")}
              </th>
              <th scope="col" className="col-quota">
                {t("cycleAdmin.columns.practiceQuota")}
              </th>
              <th scope="col">{t("cycleAdmin.columns.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {form.quotas.map((row, index) => {
              const unit = APPENDIX3_UNITS.find((u) => u.id === row.unitId);
              const changed = differsFromAppendix3(row);
              const field = `quotas[${index}]`;
              const name = unitName(row.unitId, unit?.name);
              const cell = (
                key: "excellentQuota" | "practiceQuota",
                label: string,
                appendix3: number | undefined,
              ) => {
                const error = errors[`${field}.${key}`];
                const errorId = `cycle-${row.unitId}-${key}-error`;
                return (
                  <td data-field={`${field}.${key}`} data-label={label}>
                    <input
                      type="number"
                      inputMode="numeric"
                      min={0}
                      value={row[key]}
                      disabled={disabled}
                      aria-label={`${name} ${label}`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId : undefined}
                      onChange={(event) => setQuota(index, { [key]: event.target.value })}
                      data-testid={`cycle-quota-${row.unitId}-${key}`}
                    />
                    <span className="quota-appendix3">{t("cycleAdmin.appendix3", { count: appendix3 })}</span>
                    {error && (
                      <span className="field-error" id={errorId} data-testid="field-error">
                        {error}
                      </span>
                    )}
                  </td>
                );
              };
              const reasonError = errors[`${field}.reason`] ?? errors[`${field}.unitId`];
              const reasonErrorId = `cycle-${row.unitId}-reason-error`;
              return (
                <tr key={row.unitId} className={changed ? "quota-row-changed" : undefined}>
                  <th scope="row">{name}</th>
                  {cell("excellentQuota", t("cycleAdmin.columns.excellentQuota"), unit?.excellentQuota)}
                  {cell("practiceQuota", t("cycleAdmin.columns.practiceQuota"), unit?.practiceQuota)}
                  <td data-field={`${field}.reason`} data-label={t("cycleAdmin.columns.reason")}>
                    <input
                      value={row.reason}
                      maxLength={CYCLE_LIMITS.reason * 2}
                      disabled={disabled}
                      placeholder={
                        changed
                          ? t("cycleAdmin.form.reasonPlaceholder")
                          : t("cycleAdmin.form.reasonNotNeeded")
                      }
                      aria-label={`${name} ${t("cycleAdmin.columns.reason")}`}
                      aria-required={changed}
                      aria-invalid={reasonError ? true : undefined}
                      aria-describedby={reasonError ? reasonErrorId : undefined}
                      onChange={(event) => setQuota(index, { reason: event.target.value })}
                      data-testid={`cycle-quota-${row.unitId}-reason`}
                    />
                    {reasonError && (
                      <span className="field-error" id={reasonErrorId} data-testid="field-error">
                        {reasonError}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
    </div>
  );
}
