import type { PlanCandidateDto } from "@beltmap/api";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

const MAX_MATCHES = 8;

/** Adds a stop by name: demonstration sites and 特色小镇 first among the matches. */
export function StopSearch({
  candidates,
  exclude,
  onPick,
}: {
  candidates: ReadonlyMap<number, PlanCandidateDto>;
  exclude: readonly number[];
  onPick: (organizationId: number) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const id = useId();
  const matches = useMemo(() => {
    const q = query.trim();
    if (q.length === 0) return [];
    const excluded = new Set(exclude);
    const rank = (c: PlanCandidateDto) =>
      (c.officialGrade === "EXCELLENT" ? 0 : 2) + (c.kind === "SPECIAL_TOWN" ? 0 : 1);
    return [...candidates.values()]
      .filter((c) => !excluded.has(c.id) && c.name.includes(q))
      .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "zh-CN"))
      .slice(0, MAX_MATCHES);
  }, [query, candidates, exclude]);

  return (
    <div className="stop-search">
      <label htmlFor={id}>{t("plan.addStopSearch")}</label>
      <input
        id={id}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="stop-search"
        autoComplete="off"
      />
      {matches.length > 0 && (
        <ul className="stop-matches">
          {matches.map((c) => (
            <li key={c.id}>
              <span>
                {c.name}
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
