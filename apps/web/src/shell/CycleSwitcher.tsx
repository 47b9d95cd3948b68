import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCycle } from "./cycle.ts";

const MANAGE = "manage";

/**
 * The header's 年度 switcher: every cycle, newest first, the current one marked; the city also
 * finds 年度管理 (opening the next cycle) here.
 */
export function CycleSwitcher({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { cycles, selected, select } = useCycle();
  if (!selected) return null;
  return (
    <label className={`cycle-switcher${selected.isCurrent ? "" : " past"}`} title={t("cycles.switchHint")}>
      <span className="visually-hidden">{t("cycles.switch")}</span>
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
            {t(cycle.isCurrent ? "cycles.optionCurrent" : "cycles.optionPast", { year: cycle.year })}
          </option>
        ))}
        {canManage && <option value={MANAGE}>{t("cycles.manage")}</option>}
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
