import type { BeltDto, UnitDto } from "@beltmap/api";
import { TIERS } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { BeltKey } from "../legend/BeltKey.tsx";
import { MapSymbolItems } from "../legend/MapSymbolItems.tsx";
import type { MapCategory, TierCounts } from "../map/features.ts";
import { NON_COMPETITOR_COLOR, TIER_COLORS, UNGRADED_COLOR } from "../map/palette.ts";

type Props = {
  units: readonly UnitDto[];
  unitId: string | null;
  onUnit: (unitId: string | null) => void;
  tiers: ReadonlySet<MapCategory>;
  onTiers: (tiers: ReadonlySet<MapCategory>) => void;
  counts: TierCounts;
  /** The cycle's belts: the key names those of the unit shown. */
  belts: readonly BeltDto[];
};

function categoryLabel(category: MapCategory, t: (key: string) => string): string {
  if (category === "NONE") return t("legend.ungraded");
  if (category === "NON_COMPETITOR") return t("cycleMap.nonCompetitor");
  return t(`codes.tier.${category}`);
}

function swatchStyle(category: MapCategory) {
  if (category === "NONE") return { background: UNGRADED_COLOR };
  // Hollow: as the map draws a non-competitor.
  if (category === "NON_COMPETITOR")
    return { background: "transparent", border: `2px solid ${NON_COMPETITOR_COLOR}` };
  return { background: TIER_COLORS[category] };
}

/** Unit and tier filters; the tier list doubles as the legend, with counts. */
export function FilterPanel({ units, unitId, onUnit, tiers, onTiers, counts, belts }: Props) {
  const { t } = useTranslation();
  const toggle = (tier: MapCategory) => {
    const next = new Set(tiers);
    if (next.has(tier)) next.delete(tier);
    else next.add(tier);
    onTiers(next);
  };
  const rows: MapCategory[] = [
    ...TIERS,
    ...(counts.NONE > 0 ? (["NONE"] as const) : []),
    ...(counts.NON_COMPETITOR > 0 ? (["NON_COMPETITOR"] as const) : []),
  ];
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
            <span className="swatch" style={swatchStyle(tier)} aria-hidden="true" />
            <span className="legend-label">{categoryLabel(tier, t)}</span>
            <span className="legend-count" data-testid={`tier-count-${tier}`}>
              {counts[tier]}
            </span>
          </label>
        ))}
      </fieldset>
      <ul className="symbols">
        <MapSymbolItems />
        <li className="symbol-note">{t("legend.provisional")}</li>
        {counts.NON_COMPETITOR > 0 && <li className="symbol-note">{t("cycleMap.nonCompetitorNote")}</li>}
      </ul>
      <BeltKey belts={belts} unitId={unitId} />
    </div>
  );
}
