import { TIERS, type Tier } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { LAYER_GROUP_NAMES, type LayerGroup } from "../map/layers.ts";
import { TIER_COLORS } from "../map/palette.ts";

/**
 * The map's layers: what is drawn (belts, 特色小镇, service centers, labels), a heatmap per tier
 * (e.g. 示范 and 预警 side by side) and clusters.
 */
export function LayerToggles({
  heatTiers,
  onHeatTiers,
  clusters,
  onClusters,
  hiddenGroups,
  onHiddenGroups,
  clustersAlways = false,
}: {
  heatTiers: ReadonlySet<Tier>;
  onHeatTiers: (tiers: ReadonlySet<Tier>) => void;
  clusters: boolean;
  onClusters: (on: boolean) => void;
  hiddenGroups: ReadonlySet<LayerGroup>;
  onHiddenGroups: (groups: ReadonlySet<LayerGroup>) => void;
  /** The region is drawn from tiles, clustered at low zoom by the server: on, and not to be switched off. */
  clustersAlways?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="layer-toggles" data-testid="layer-toggles">
      <legend>{t("layers.title")}</legend>
      <div className="layer-row">
        <span className="layer-label">{t("layers.show")}</span>
        {LAYER_GROUP_NAMES.map((group) => (
          <label key={group} className="chip">
            <input
              type="checkbox"
              checked={!hiddenGroups.has(group)}
              onChange={(e) => {
                const next = new Set(hiddenGroups);
                if (e.target.checked) next.delete(group);
                else next.add(group);
                onHiddenGroups(next);
              }}
              data-testid={`layer-${group}`}
            />
            {t(`layers.groups.${group}`)}
          </label>
        ))}
      </div>
      <div className="layer-row">
        <span className="layer-label">{t("layers.heat")}</span>
        {TIERS.map((tier) => (
          <label key={tier} className="chip">
            <input
              type="checkbox"
              checked={heatTiers.has(tier)}
              onChange={(e) => {
                const next = new Set(heatTiers);
                if (e.target.checked) next.add(tier);
                else next.delete(tier);
                onHeatTiers(next);
              }}
              data-testid={`heat-${tier}`}
            />
            <span className="chip-swatch" style={{ background: TIER_COLORS[tier] }} aria-hidden="true" />
            {t(`codes.tier.${tier}`)}
          </label>
        ))}
      </div>
      <label className="chip" title={clustersAlways ? t("layers.clustersAlways") : undefined}>
        <input
          type="checkbox"
          checked={clusters || clustersAlways}
          disabled={clustersAlways}
          onChange={(e) => onClusters(e.target.checked)}
          data-testid="clusters"
        />
        {t("layers.clusters")}
      </label>
    </fieldset>
  );
}
