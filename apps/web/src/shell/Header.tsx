import type { AppInfoDto, MeDto } from "@beltmap/api";
import type { Role } from "@beltmap/domain";
import { lazy, Suspense, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useLocation, useNavigate } from "react-router";
import { type Language, setLanguage } from "../i18n/index.ts";
import type { LoginState } from "../lib/session.ts";
import { CycleSwitcher } from "./CycleSwitcher.tsx";

// Opened on a click: not in the app's first load.
const PasswordDialog = lazy(() =>
  import("./PasswordDialog.tsx").then((m) => ({ default: m.PasswordDialog })),
);

/** Who sees which page in the navigation (the pages and the server check again). */
export const NAV_ROLES: Record<
  "dashboard" | "rereviews" | "sites" | "belts" | "import" | "users",
  readonly Role[]
> = {
  dashboard: ["COUNTY", "CITY", "LEADER"],
  rereviews: ["TOWNSHIP", "COUNTY", "CITY", "LEADER"],
  sites: ["TOWNSHIP", "COUNTY", "CITY", "LEADER"],
  belts: ["COUNTY", "CITY", "LEADER"],
  import: ["COUNTY", "CITY"],
  users: ["CITY"],
};

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next: Language = i18n.language === "en" ? "zh-CN" : "en";
  return (
    <button type="button" className="lang-switch" onClick={() => void setLanguage(next)} lang={next}>
      {t("app.language")}
    </button>
  );
}

export function Header({ me, info }: { me: MeDto; info: AppInfoDto | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [changingPassword, setChangingPassword] = useState(false);
  // On a phone the links and the account's buttons fold into a menu, closed again on every page.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the menu
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <header className={menuOpen ? "header menu-open" : "header"}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <h1>{t("app.title")}</h1>
        <span className="brand-sub">{t("app.subtitle")}</span>
        {info?.cycle && <CycleSwitcher canManage={me.role === "CITY"} />}
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={() => setMenuOpen((open) => !open)}
          data-testid="menu-toggle"
        >
          {menuOpen ? t("nav.closeMenu") : t("nav.menu")}
        </button>
      </div>
      <nav
        className="main-nav"
        id={menuId}
        aria-label={t("nav.label")}
        // A link followed closes the menu, the current page's link included (no page change then).
        onClickCapture={(event) => {
          if ((event.target as HTMLElement).closest("a")) setMenuOpen(false);
        }}
      >
        <NavLink to="/" end>
          {t("nav.map")}
        </NavLink>
        {NAV_ROLES.dashboard.includes(me.role) && <NavLink to="/dashboard">{t("nav.dashboard")}</NavLink>}
        <NavLink to="/queue">{t("nav.queue")}</NavLink>
        {me.role === "ORG" && me.organizationId && (
          <NavLink to={`/sheet/${me.organizationId}`}>{t("nav.ownSheet")}</NavLink>
        )}
        {NAV_ROLES.rereviews.includes(me.role) && <NavLink to="/rereviews">{t("nav.rereviews")}</NavLink>}
        {NAV_ROLES.sites.includes(me.role) && (
          // 两新工委委员 (/roster) is a tab of 示范点.
          <NavLink
            to="/sites"
            className={({ isActive }) => (isActive || pathname === "/roster" ? "active" : "")}
          >
            {t("nav.sites")}
          </NavLink>
        )}
        {NAV_ROLES.belts.includes(me.role) && (
          <NavLink to="/belts" end>
            {t("nav.belts")}
          </NavLink>
        )}
        {NAV_ROLES.import.includes(me.role) && <NavLink to="/import">{t("nav.import")}</NavLink>}
        {NAV_ROLES.users.includes(me.role) && <NavLink to="/users">{t("nav.users")}</NavLink>}
      </nav>
      <div className="header-actions">
        {info?.demoData && (
          <span className="demo-badge" title={t("app.demoDataHint")} data-testid="demo-badge">
            {t("app.demoData")}
          </span>
        )}
        <span className="user" data-testid="current-user">
          {/* Names are data, in the language they were given in: translate="no". */}
          <strong translate="no">{me.displayName}</strong>
          <span className="user-region">
            {/* An organisation's account is named after it: its region would say the same again. */}
            {!me.displayName.includes(me.regionName) && (
              <>
                <span translate="no">{me.regionName}</span>
                {" · "}
              </>
            )}
            {t(`codes.role.${me.role}`)}
          </span>
        </span>
        <LanguageSwitch />
        <button
          type="button"
          className="header-link"
          onClick={() => setChangingPassword(true)}
          data-testid="change-password"
        >
          {t("nav.changePassword")}
        </button>
        <button
          type="button"
          className="logout"
          // The login page ends the session once the user has left (a sheet with unsaved scores
          // may hold them back first).
          onClick={() =>
            void navigate("/login", { replace: true, state: { signOut: true } satisfies LoginState })
          }
          data-testid="logout"
        >
          {t("nav.logout")}
        </button>
      </div>
      {changingPassword && (
        <Suspense fallback={null}>
          <PasswordDialog onClose={() => setChangingPassword(false)} />
        </Suspense>
      )}
    </header>
  );
}
