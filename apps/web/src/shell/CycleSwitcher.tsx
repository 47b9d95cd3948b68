import "./cycle-switcher.css";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCycle } from "./cycle.ts";

const MANAGE = "manage";

/**
 * The header's 年度 switcher: every cycle, newest first, the current one marked; then the page of
 * the cycles (年度管理, where the city opens the next one; the others read it).
 */
export function CycleSwitcher({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { cycles, selected, select } = useCycle();
  if (!selected) return null;
  const label = (cycle: { year: number; isCurrent: boolean }) =>
    t(cycle.isCurrent ? "cycles.optionCurrent" : "cycles.optionPast", { year: cycle.year });
  // The native select (its list, keyboard and screen readers) lies invisible over a face that says
  // the year in full, or only the year where the header is short of room (a phone, English).
  return (
    <label className={`cycle-switcher${selected.isCurrent ? "" : " past"}`} title={t("cycles.switchHint")}>
      <span className="visually-hidden">{t("cycles.switch")}</span>
      <span className="cycle-switcher-face" aria-hidden="true">
        <span className="cycle-face-full">{label(selected)}</span>
        <span className="cycle-face-short">{t("cycles.short", { year: selected.year })}</span>
      </span>
      <select
        value={String(selected.year)}
        data-testid="cycle-switcher"
        onChange={(event) => {
          if (event.target.value === MANAGE) void navigate("/cycles");
          else select(Number(event.target.value));
        }}
      >
        {cycles.map((cycle) => (
          <option key={cycle.id} value={String(cycle.year)}>
            {label(cycle)}
          </option>
        ))}
        <option value={MANAGE}>{canManage ? t("cycles.manage") : t("cycles.overview")}</option>
      </select>
    </label>
  );
}

/** Said on every page while a past cycle is shown: history, read-only, and the way back. */
export function PastCycleBanner() {
  const { t } = useTranslation();
  const { selected, current, isPast, select } = useCycle();
  if (!isPast || !selected || !current) return null;
  return (
    <div className="past-cycle-banner" role="status" data-testid="past-cycle-banner">
      <span>{t("cycles.pastBanner", { year: selected.year })}</span>
      <button type="button" className="button small" onClick={() => select(current.year)}>
        {t("cycles.backToCurrent", { year: current.year })}
      </button>
    </div>
  );
}
