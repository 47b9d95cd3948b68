import { useTranslation } from "react-i18next";

/**
 * The map's symbols, as list items of a legend: the 特色小镇 star, the service center, and the
 * townships' and parks' estimated outlines.
 */
export function MapSymbolItems() {
  const { t } = useTranslation();
  return (
    <>
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
      {/* One line across the legend: the two outlines are read together. */}
      <li className="symbol-outlines">
        <span className="symbol-township" aria-hidden="true" />
        {t("legend.townshipArea")}
        <span className="symbol-park" aria-hidden="true" />
        {t("legend.parkArea")}
      </li>
    </>
  );
}
