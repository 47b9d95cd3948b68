import { PLAN_LIMITS, type PlanServiceCenter } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import type { PlannerSite } from "./page-model.ts";
import { StopSearch } from "./StopSearch.tsx";

/** The unit's 区域性党群服务中心: placed at a site or a clicked point, named, addressed. */
export function CenterEditor({
  center,
  needed,
  editable,
  placing,
  sites,
  onPlace,
  onPickSite,
  onChange,
  onRemove,
  onShow,
}: {
  center: PlanServiceCenter | null;
  needed: boolean;
  editable: boolean;
  placing: boolean;
  sites: ReadonlyMap<number, PlannerSite>;
  onPlace: (placing: boolean) => void;
  /** At a site picked by name: the keyboard's way to place it. */
  onPickSite: (site: PlannerSite) => void;
  onChange: (center: PlanServiceCenter) => void;
  onRemove: () => void;
  onShow: () => void;
}) {
  const { t } = useTranslation();
  if (!needed)
    return (
      <section className="center-editor">
        <h3>{t("plan.center")}</h3>
        <p className="field-hint">{t("plan.centerNotNeeded")}</p>
      </section>
    );
  return (
    <section className="center-editor" data-testid="center-editor">
      <h3>{t("plan.center")}</h3>
      {center ? (
        <>
          <p className="field-hint">
            {center.organizationId === null
              ? t("plan.centerAtPoint")
              : t("plan.centerAtSite", {
                  name: sites.get(center.organizationId)?.name ?? String(center.organizationId),
                })}{" "}
            · {center.lng.toFixed(5)}, {center.lat.toFixed(5)}{" "}
            <button type="button" className="link-button" onClick={onShow}>
              {t("plan.showOnMap")}
            </button>
          </p>
          {editable ? (
            <div className="belt-fields">
              <label className="field">
                <span>{t("plan.centerName")}</span>
                <input
                  value={center.name}
                  maxLength={PLAN_LIMITS.centerName}
                  onChange={(e) => onChange({ ...center, name: e.target.value })}
                  data-testid="center-name"
                />
              </label>
              <label className="field">
                <span>{t("plan.centerAddress")}</span>
                <input
                  value={center.address}
                  maxLength={PLAN_LIMITS.address}
                  onChange={(e) => onChange({ ...center, address: e.target.value })}
                />
              </label>
            </div>
          ) : (
            <p>
              <strong>{center.name}</strong>
              {center.address && <span className="field-hint"> · {center.address}</span>}
            </p>
          )}
        </>
      ) : (
        <p className="field-hint" data-testid="no-center">
          {t("plan.noCenter")}
        </p>
      )}
      {editable && (
        <div className="belt-tools">
          {placing ? (
            <>
              <span className="placing-hint" role="status">
                {t("plan.placingCenter")}
              </span>
              <button type="button" className="button small" onClick={() => onPlace(false)}>
                {t("plan.cancelPlacing")}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button small"
              onClick={() => onPlace(true)}
              data-testid="place-center"
            >
              {t("plan.placeCenter")}
            </button>
          )}
          {center && (
            <button type="button" className="button small danger" onClick={onRemove}>
              {t("plan.removeCenter")}
            </button>
          )}
        </div>
      )}
      {editable && (
        <StopSearch
          sites={sites}
          exclude={center?.organizationId == null ? [] : [center.organizationId]}
          onPick={(id) => {
            const site = sites.get(id);
            if (site) onPickSite(site);
          }}
          label={t("plan.centerPickSite")}
          testId="center-site-search"
        />
      )}
    </section>
  );
}
