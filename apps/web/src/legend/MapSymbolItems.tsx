import { useTranslation } from "react-i18next";

/** The map's two symbols, as list items of a legend: the 特色小镇 star and the service center. */
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
    </>
  );
}
