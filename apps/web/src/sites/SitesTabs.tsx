import "./sites.css";
import type { Role } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/** Who reads the roster of 两新工委委员 (the API's roster.list): the counties, the city, leaders. */
export function readsRoster(role: Role): boolean {
  return role === "COUNTY" || role === "CITY" || role === "LEADER";
}

/**
 * 示范点 | 两新工委委员: the two sides of "三联一领" (each site a contact member, each member one site),
 * as tabs over both pages; the header has no room for another link. `search` carries the unit
 * chosen from one page to the other.
 */
export function SitesTabs({ role, search = "" }: { role: Role; search?: string }) {
  const { t } = useTranslation();
  if (!readsRoster(role)) return null;
  return (
    <nav className="tabs page-tabs" aria-label={t("sites.tabs.label")}>
      <NavLink to={`/sites${search}`} end className="tab" data-testid="tab-sites">
        {t("sites.tabs.sites")}
      </NavLink>
      <NavLink to={`/roster${search}`} end className="tab" data-testid="tab-roster">
        {t("sites.tabs.roster")}
      </NavLink>
    </nav>
  );
}
