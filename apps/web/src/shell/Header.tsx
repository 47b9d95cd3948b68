import type { AppInfoDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { type Language, setLanguage } from "../i18n/index.ts";

export function Header({ info }: { info: AppInfoDto | undefined }) {
  const { t, i18n } = useTranslation();
  const next: Language = i18n.language === "en" ? "zh-CN" : "en";
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <h1>{t("app.title")}</h1>
        <span className="brand-sub">{t("app.subtitle")}</span>
        {info?.cycle && <span className="cycle">{t("app.cycle", { year: info.cycle.year })}</span>}
      </div>
      <div className="header-actions">
        {info?.demoData && (
          <span className="demo-badge" title={t("app.demoDataHint")} data-testid="demo-badge">
            {t("app.demoData")}
          </span>
        )}
        <button type="button" className="lang-switch" onClick={() => setLanguage(next)} lang={next}>
          {t("app.language")}
        </button>
      </div>
    </header>
  );
}
