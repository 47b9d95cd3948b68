import type { MapOrganizationDto } from "@beltmap/api";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

const MAX_SUGGESTIONS = 30;

/** Find an organisation by (part of) its name: the keyboard way to what the map shows. */
export function SearchBox({
  organizations,
  onPick,
}: {
  organizations: readonly MapOrganizationDto[];
  onPick: (organizationId: number) => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState("");
  const matches = useMemo(() => {
    const query = text.trim();
    if (query === "") return [];
    return organizations.filter((o) => o.name.includes(query)).slice(0, MAX_SUGGESTIONS);
  }, [organizations, text]);

  const pick = (value: string) => {
    const found = organizations.find((o) => o.name === value.trim());
    if (found) {
      onPick(found.id);
      setText("");
    }
  };

  return (
    <search className="search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          pick(matches.length === 1 ? (matches[0]?.name ?? text) : text);
        }}
      >
        <input
          type="search"
          list={listId}
          value={text}
          placeholder={t("search.placeholder")}
          aria-label={t("search.label")}
          data-testid="search"
          onChange={(event) => {
            setText(event.target.value);
            // Choosing from the list fills the whole name in: go there at once.
            if (organizations.some((o) => o.name === event.target.value)) pick(event.target.value);
          }}
        />
        <datalist id={listId}>
          {matches.map((o) => (
            <option key={o.id} value={o.name} />
          ))}
        </datalist>
        {text.trim() !== "" && matches.length === 0 && <p className="search-none">{t("search.none")}</p>}
      </form>
    </search>
  );
}
