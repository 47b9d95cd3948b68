import { isDemonstrationSite } from "@beltmap/domain";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PlannerSite } from "./page-model.ts";

const MAX_MATCHES = 8;

/** Finds a site by name to add (or to put the center at): demonstration sites and 特色小镇 first. */
export function StopSearch({
  sites,
  exclude,
  onPick,
  label,
  testId = "stop-search",
}: {
  sites: ReadonlyMap<number, PlannerSite>;
  exclude: readonly number[];
  onPick: (organizationId: number) => void;
  label?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const id = useId();
  const matches = useMemo(() => {
    const q = query.trim();
    if (q.length === 0) return [];
    const excluded = new Set(exclude);
    const rank = (c: PlannerSite) =>
      (isDemonstrationSite(c.officialGrade) ? 0 : 2) + (c.kind === "SPECIAL_TOWN" ? 0 : 1);
    return [...sites.values()]
      .filter((c) => !c.unavailable && !excluded.has(c.id) && c.name.includes(q))
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "zh-CN"))
      .slice(0, MAX_MATCHES);
  }, [query, sites, exclude]);

  return (
    <div className="stop-search">
      <label htmlFor={id}>{label ?? t("plan.addStopSearch")}</label>
      <input
        id={id}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid={testId}
        autoComplete="off"
      />
      {matches.length > 0 && (
        <ul className="stop-matches">
          {matches.map((c) => (
            <li key={c.id}>
              <span>
                {c.name}
                {c.kind === "SPECIAL_TOWN" && <span className="tag small">{t("plan.specialTownMark")}</span>}
                {isDemonstrationSite(c.officialGrade) && (
                  <span className="tag small demo">{t("plan.demonstrationMark")}</span>
                )}
                <span className="field-hint"> · {c.townshipName}</span>
              </span>
              <button
                type="button"
                className="button small"
                onClick={() => {
                  onPick(c.id);
                  setQuery("");
                }}
                data-testid="stop-match-add"
              >
                {t("plan.addStop")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
