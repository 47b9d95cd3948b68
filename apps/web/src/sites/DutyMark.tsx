import { useTranslation } from "react-i18next";

/** ✓ or ✗ with the words for screen readers, green or red: colour, symbol and text agree. */
export function DutyMark({ met, label }: { met: boolean; label?: string }) {
  const { t } = useTranslation();
  return (
    <span className={met ? "duty-mark met" : "duty-mark unmet"} data-met={met}>
      <span aria-hidden="true">{met ? "✓" : "✗"}</span>
      <span className="duty-word">{label ?? t(met ? "sites.met" : "sites.unmet")}</span>
    </span>
  );
}
