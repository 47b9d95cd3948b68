import type { UnitDto } from "@beltmap/api";
import { TIERS, type Tier } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import type { TierCounts } from "../map/features.ts";
import { BELT_COLOR, TIER_COLORS, UNGRADED_COLOR } from "../map/palette.ts";

type Props = {
  units: readonly UnitDto[];
  unitId: string | null;
  onUnit: (unitId: string | null) => void;
  tiers: ReadonlySet<Tier | "NONE">;
  onTiers: (tiers: ReadonlySet<Tier | "NONE">) => void;
  counts: TierCounts;
};

/** Unit and tier filters; the tier list doubles as the legend, with counts. */
export function FilterPanel({ units, unitId, onUnit, tiers, onTiers, counts }: Props) {
  const { t } = useTranslation();
  const toggle = (tier: Tier | "NONE") => {
    const next = new Set(tiers);
    if (next.has(tier)) next.delete(tier);
    else next.add(tier);
    onTiers(next);
  };
  const rows: (Tier | "NONE")[] = counts.NONE > 0 ? [...TIERS, "NONE"] : [...TIERS];
  return (
    <div className="card filter-panel">
      <label className="field">
        <span>{t("filter.unit")}</span>
        <select
          value={unitId ?? ""}
          onChange={(event) => onUnit(event.target.value === "" ? null : event.target.value)}
          data-testid="unit-filter"
        >
          <option value="">{t("filter.allUnits")}</option>
          {units.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {t(`units.${unit.id}`, { defaultValue: unit.name })}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="legend">
        <legend>{t("legend.tierCounts")}</legend>
        {rows.map((tier) => (
          <label key={tier} className="legend-row">
            <input type="checkbox" checked={tiers.has(tier)} onChange={() => toggle(tier)} />
            <span
              className="swatch"
              style={{ background: tier === "NONE" ? UNGRADED_COLOR : TIER_COLORS[tier] }}
              aria-hidden="true"
            />
            <span className="legend-label">
              {tier === "NONE" ? t("legend.ungraded") : t(`codes.tier.${tier}`)}
            </span>
            <span className="legend-count" data-testid={`tier-count-${tier}`}>
              {counts[tier]}
            </span>
          </label>
        ))}
      </fieldset>
      <ul className="symbols">
        <li>
          <span className="symbol-line" style={{ background: BELT_COLOR }} aria-hidden="true" />
          {t("legend.belt")}
        </li>
        <li>
          <span className="symbol-number" style={{ color: BELT_COLOR }} aria-hidden="true">
            1
          </span>
          {t("legend.stop")}
        </li>
        <li>
          <span className="symbol-star" aria-hidden="true">
            ★
          </span>
          {t("legend.specialTown")}
        </li>
        <li>
          <span className="symbol-center" aria-hidden="true">
            ⌂
          </span>
          {t("legend.serviceCenter")}
        </li>
        <li className="symbol-note">{t("legend.provisional")}</li>
      </ul>
    </div>
  );
}
