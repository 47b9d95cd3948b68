import { useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCycleInput } from "../shell/cycle.ts";
import { useTRPC } from "../trpc.ts";

const SHOWN = 50;

/** An organisation by name: type part of it, pick from the matches (the city sees every one). */
export function OrganizationPicker({
  value,
  onChange,
  error,
  disabled,
}: {
  value: number | null;
  onChange: (id: number | null) => void;
  error: string | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  // The same organisations in every cycle: the one shown shares its answer with the map's.
  const cycleInput = useCycleInput();
  const organizations = useQuery(trpc.map.organizations.queryOptions({ ...cycleInput }));
  const [search, setSearch] = useState("");
  const searchId = useId();
  const listId = useId();
  const errorId = useId();
  const all = organizations.data ?? [];
  const current = all.find((o) => o.id === value);
  const query = search.trim();
  const matches = useMemo(
    () => (query === "" ? [] : all.filter((o) => o.name.includes(query)).slice(0, SHOWN)),
    [all, query],
  );
  const options = current && !matches.some((o) => o.id === current.id) ? [current, ...matches] : matches;
  return (
    <div className="field">
      <label htmlFor={searchId}>{t("users.organization")}</label>
      <input
        id={searchId}
        type="search"
        value={search}
        placeholder={t("users.organizationSearch")}
        onChange={(event) => setSearch(event.target.value)}
        disabled={disabled}
        data-testid="user-org-search"
      />
      <select
        id={listId}
        size={5}
        aria-label={t("users.organization")}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value === "" ? null : Number(event.target.value))}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="org-list"
        data-testid="user-org"
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}（{o.townshipName}）
          </option>
        ))}
      </select>
      <span className="field-hint">
        {organizations.isPending
          ? t("app.loading")
          : query === ""
            ? t("users.organizationHint")
            : t("users.organizationMatches", { count: matches.length })}
      </span>
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}
