import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useUnitName } from "../shell/units.ts";

/**
 * A toolbar's unit filter (the city's pages): "all units" (the empty value) first, then each unit by
 * its name; a page's own choices (`children`) come last. Labelled 创建单位 / 全部单位 unless told.
 */
export function UnitFilter({
  label,
  allLabel,
  value,
  units,
  onChange,
  testId,
  className,
  children,
}: {
  label?: string;
  allLabel?: string;
  /** The unit chosen; "" for all. */
  value: string;
  units: readonly { id: string; name?: string }[];
  onChange: (value: string) => void;
  testId: string;
  /** The select's class (e.g. "grow"). */
  className?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const unitName = useUnitName();
  return (
    <label className="inline-field">
      <span>{label ?? t("queue.unit")}</span>
      <select
        className={className}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      >
        <option value="">{allLabel ?? t("queue.allUnits")}</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {unitName(u.id, u.name)}
          </option>
        ))}
        {children}
      </select>
    </label>
  );
}
