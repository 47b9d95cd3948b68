import "./legend.css";
import type { BeltDto } from "@beltmap/api";
import { beltLetter, stopLabel } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { BeltBadge } from "../components/BeltBadge.tsx";

/**
 * The key to the belts on a map: for one unit, each belt by its letter and colour with its name,
 * length and stops; for the whole city (where every unit's belts are lettered A, B, C… in their own
 * county), the letters in use and how a stop is labelled.
 */
export function BeltKey({ belts, unitId }: { belts: readonly BeltDto[]; unitId: string | null }) {
  const { t } = useTranslation();
  const shown = unitId === null ? belts : belts.filter((b) => b.unitId === unitId);
  if (shown.length === 0) return null;
  if (unitId === null) {
    const letters = Math.max(...shown.map((b) => b.index)) + 1;
    return (
      <div className="belt-key" data-testid="belt-key">
        <p className="belt-key-title">{t("legend.beltsByLetter")}</p>
        <p className="belt-key-letters">
          {Array.from({ length: letters }, (_, index) => beltLetter(index)).map((letter, index) => (
            <BeltBadge key={letter} index={index} />
          ))}
        </p>
        <p className="belt-key-note">{t("legend.stopLabel", { example: stopLabel(0, 0) })}</p>
      </div>
    );
  }
  const ordered = [...shown].sort((a, b) => a.index - b.index);
  return (
    <div className="belt-key" data-testid="belt-key">
      <p className="belt-key-title">{t("legend.beltsOfUnit", { count: ordered.length })}</p>
      <ul>
        {ordered.map((belt) => (
          <li key={belt.id} data-testid="belt-key-row" data-belt-id={belt.id}>
            <BeltBadge index={belt.index} />
            <span className="belt-key-name">{belt.name}</span>
            <span className="belt-key-facts">
              {t("legend.beltFacts", { km: belt.lengthKm.toFixed(1), count: belt.stops.length })}
            </span>
          </li>
        ))}
      </ul>
      <p className="belt-key-note">{t("legend.stopLabel", { example: stopLabel(0, 0) })}</p>
    </div>
  );
}
