import "./legend.css";
import type { BeltDto } from "@beltmap/api";
import { TIERS } from "@beltmap/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TIER_COLORS } from "../map/palette.ts";
import { BeltKey } from "./BeltKey.tsx";
import { MapSymbolItems } from "./MapSymbolItems.tsx";

/** As narrow as a phone: the dashboard's layout for phones begins here (dashboard.css). */
const PHONE_WIDTH = "(max-width: 700px)";

/**
 * A legend laid over a map that has no side panel (the dashboard, the 大屏): the tiers, the
 * symbols and the belt key. It folds away to a button, and starts folded on a phone, where it would
 * cover most of the map.
 */
export function MapLegend({
  belts,
  unitId,
  theme = "light",
  initiallyOpen,
}: {
  belts: readonly BeltDto[];
  unitId: string | null;
  theme?: "light" | "dark";
  /** Open at first; by default, unless the screen is a phone's. */
  initiallyOpen?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => initiallyOpen ?? !window.matchMedia(PHONE_WIDTH).matches);
  return (
    <aside
      className={`map-legend map-legend-${theme}`}
      aria-label={t("legend.title")}
      data-testid="map-legend"
    >
      <button
        type="button"
        className="map-legend-toggle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {t("legend.title")}
      </button>
      {open && (
        <div className="map-legend-body">
          <ul className="map-legend-tiers">
            {TIERS.map((tier) => (
              <li key={tier}>
                <span className="swatch" style={{ background: TIER_COLORS[tier] }} aria-hidden="true" />
                {t(`codes.tier.${tier}`)}
              </li>
            ))}
            <MapSymbolItems />
          </ul>
          <BeltKey belts={belts} unitId={unitId} />
        </div>
      )}
    </aside>
  );
}
