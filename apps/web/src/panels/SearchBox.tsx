import type { MapOrganizationDto } from "@beltmap/api";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc.ts";

const MAX_SUGGESTIONS = 30;
/** The server is asked once typing pauses this long, not for every keystroke. */
const SERVER_SEARCH_PAUSE_MS = 250;

/** Where a found organisation is: given when the map does not hold every organisation. */
export type PickedPlace = { lng: number; lat: number };
type Match = { id: number; name: string; lng: number; lat: number };
const NO_MATCHES: readonly Match[] = [];

/** Find an organisation by (part of) its name, among those the page holds. */
export function SearchBox({
  organizations,
  onPick,
}: {
  organizations: readonly MapOrganizationDto[];
  onPick: (organizationId: number, at?: PickedPlace) => void;
}) {
  const [text, setText] = useState("");
  const matches = useMemo(() => {
    const query = text.trim();
    if (query === "") return [];
    // The name typed in full comes first, however many others contain it.
    const exact = organizations.filter((o) => o.name === query);
    const others = organizations.filter((o) => o.name !== query && o.name.includes(query));
    return [...exact, ...others].slice(0, MAX_SUGGESTIONS);
  }, [organizations, text]);
  const findExact = useCallback(
    (name: string) => organizations.find((o) => o.name === name.trim()),
    [organizations],
  );
  return (
    <SearchField
      text={text}
      onText={setText}
      matches={matches}
      findExact={findExact}
      searching={false}
      onPick={onPick}
    />
  );
}

/** The same search, asked of the server: for a region too large to send whole (the tiled map). */
export function ServerSearchBox({
  cycleId,
  onPick,
}: {
  cycleId: number | undefined;
  onPick: (organizationId: number, at?: PickedPlace) => void;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [asked, setAsked] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setAsked(text.trim()), SERVER_SEARCH_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);
  const found = useQuery({
    ...trpc.map.search.queryOptions({ text: asked, limit: MAX_SUGGESTIONS, ...(cycleId ? { cycleId } : {}) }),
    enabled: asked !== "",
  });
  const current = asked === text.trim();
  const matches = current ? (found.data ?? NO_MATCHES) : NO_MATCHES;
  // Enter before the suggestions came: ask at once, and go where the answer names.
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (pending === null || asked !== pending || !found.isSuccess || found.isFetching) return;
    setPending(null);
    const target = matches.find((o) => o.name === pending) ?? (matches.length === 1 ? matches[0] : undefined);
    if (target) {
      onPick(target.id, { lng: target.lng, lat: target.lat });
      setText("");
    }
  }, [pending, asked, found.isSuccess, found.isFetching, matches, onPick]);
  return (
    <SearchField
      text={text}
      onText={setText}
      matches={matches}
      searching={!current || found.isFetching}
      onPick={onPick}
      onEnterEarly={(value) => {
        setAsked(value);
        setPending(value);
      }}
    />
  );
}

/** The field: suggestions as the user types, a pick flies to the organisation. */
function SearchField({
  text,
  onText,
  matches,
  findExact,
  searching,
  onPick,
  onEnterEarly,
}: {
  text: string;
  onText: (text: string) => void;
  matches: readonly Match[];
  /** The organisation of exactly this name, among all (not only the suggestions); default: the suggestions'. */
  findExact?: (name: string) => Match | undefined;
  /** Matches for `text` are still on their way: "none found" waits. */
  searching: boolean;
  onPick: (organizationId: number, at?: PickedPlace) => void;
  /** Enter while the matches are still on their way (server search): the text typed. */
  onEnterEarly?: (text: string) => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const exact = (name: string) => (findExact ? findExact(name) : matches.find((o) => o.name === name.trim()));
  const pick = (value: string) => {
    const found = exact(value);
    if (found) {
      onPick(found.id, { lng: found.lng, lat: found.lat });
      onText("");
    }
  };

  return (
    <search className="search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (searching && onEnterEarly && text.trim() !== "") onEnterEarly(text.trim());
          else pick(matches.length === 1 ? (matches[0]?.name ?? text) : text);
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
            onText(event.target.value);
            // Choosing from the list fills the whole name in: go there at once.
            if (exact(event.target.value)) pick(event.target.value);
          }}
        />
        <datalist id={listId}>
          {matches.map((o) => (
            <option key={o.id} value={o.name} />
          ))}
        </datalist>
        {text.trim() !== "" && !searching && matches.length === 0 && (
          <p className="search-none">{t("search.none")}</p>
        )}
      </form>
    </search>
  );
}
