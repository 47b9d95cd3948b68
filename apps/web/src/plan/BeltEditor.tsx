import {
  BELT_KINDS,
  type BeltKind,
  estimateTravel,
  isDemonstrationSite,
  PLAN_LIMITS,
  routeLengthKm,
  stopLabel,
} from "@beltmap/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { BeltBadge } from "../components/BeltBadge.tsx";
import type { DraftAction, DraftBelt } from "./draft.ts";
import type { PlannerSite } from "./page-model.ts";
import { StopSearch } from "./StopSearch.tsx";

export type BeltEditorProps = {
  belt: DraftBelt;
  index: number;
  color: string;
  active: boolean;
  editable: boolean;
  sites: ReadonlyMap<number, PlannerSite>;
  /** Where "optimise from the service center" starts, when the unit has one. */
  center: { lng: number; lat: number } | null;
  onActivate: () => void;
  onAction: (action: DraftAction) => void;
  /** Leaving a text field: further typing there is a new undo step. */
  onEndTyping: () => void;
  onOptimise: (fromCenter: boolean) => void;
  onDelete: () => void;
  onShow: () => void;
};

/** One belt: its name, theme, kind, ordered stops (drag or buttons), length and travel estimate. */
export function BeltEditor(props: BeltEditorProps) {
  const { belt, index, color, active, editable, sites, center, onActivate, onAction, onEndTyping } = props;
  const { t } = useTranslation();
  const [fromCenter, setFromCenter] = useState(false);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  // Every stop of the draft is shown (one the unit may no longer use is marked), so positions in
  // this list are positions in the belt.
  const stops = belt.stopIds.map((id) => sites.get(id) ?? unknownSite(id));
  const km = routeLengthKm(
    stops.filter((s) => !Number.isNaN(s.lng)).map((s) => [s.lng, s.lat] as const),
    belt.roundTrip,
  );
  const travel = estimateTravel(km);
  const update = (changes: Partial<Pick<DraftBelt, "name" | "theme" | "kind" | "roundTrip">>) =>
    onAction({ type: "updateBelt", key: belt.key, changes });
  const move = (from: number, to: number) => onAction({ type: "moveStop", key: belt.key, from, to });

  return (
    <section
      className={active ? "belt-card active" : "belt-card"}
      style={{ borderLeftColor: color }}
      data-testid={`belt-${index}`}
      aria-label={belt.name}
    >
      <header className="belt-card-head">
        <BeltBadge index={index} />
        <strong className="belt-name" translate="no">
          {belt.name || t("plan.newBeltName", { n: index + 1 })}
        </strong>
        {belt.kind === "SPECIAL_TOWN" && <span className="tag">{t("plan.kinds.SPECIAL_TOWN")}</span>}
        <span className="belt-length" data-testid={`belt-length-${index}`}>
          {t("plan.length", { km: km.toFixed(1) })}
        </span>
        <button type="button" className="button small" onClick={props.onShow}>
          {t("plan.showOnMap")}
        </button>
        {editable && !active && (
          <button
            type="button"
            className="button small"
            onClick={onActivate}
            data-testid={`edit-belt-${index}`}
          >
            {t("plan.edit")}
          </button>
        )}
      </header>
      {active && (
        <div className="belt-card-body">
          {editable && (
            <div className="belt-fields">
              <label className="field">
                <span>{t("plan.beltName")}</span>
                <input
                  value={belt.name}
                  maxLength={PLAN_LIMITS.beltName}
                  onChange={(e) => update({ name: e.target.value })}
                  onBlur={onEndTyping}
                  data-testid="belt-name-input"
                />
              </label>
              <label className="field">
                <span>{t("plan.theme")}</span>
                <input
                  value={belt.theme}
                  maxLength={PLAN_LIMITS.theme}
                  placeholder={t("plan.themePlaceholder")}
                  onChange={(e) => update({ theme: e.target.value })}
                  onBlur={onEndTyping}
                />
              </label>
              <label className="field">
                <span>{t("plan.kind")}</span>
                <select value={belt.kind} onChange={(e) => update({ kind: e.target.value as BeltKind })}>
                  {BELT_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`plan.kinds.${kind}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={belt.roundTrip}
                  onChange={(e) => update({ roundTrip: e.target.checked })}
                />
                {t("plan.roundTrip")}
              </label>
            </div>
          )}
          <h4 className="stops-title">
            {t("plan.stops", { count: stops.length })}
            {editable && stops.length > 1 && <span className="field-hint"> · {t("plan.dragHint")}</span>}
          </h4>
          {stops.length === 0 && <p className="field-hint">{t("plan.noStops")}</p>}
          <ol className="stop-list" data-testid="stop-list">
            {stops.map((stop, i) => (
              <li
                key={stop.id}
                draggable={editable}
                onDragStart={() => setDragFrom(i)}
                onDragOver={(e) => {
                  if (dragFrom !== null) e.preventDefault();
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  if (dragFrom !== null) move(dragFrom, i);
                  setDragFrom(null);
                }}
                onDragEnd={() => setDragFrom(null)}
                className={dragFrom === i ? "dragging" : undefined}
                data-testid="stop-item"
                data-organization-id={stop.id}
              >
                <span className="stop-number" style={{ borderColor: color, color }}>
                  {stopLabel(index, i)}
                </span>
                <span className="stop-name">
                  {stop.name}
                  {stop.kind === "SPECIAL_TOWN" && (
                    <span className="tag small">{t("plan.specialTownMark")}</span>
                  )}
                  {isDemonstrationSite(stop.officialGrade) && (
                    <span className="tag small demo">{t("plan.demonstrationMark")}</span>
                  )}
                  {stop.unavailable && (
                    <span className="tag small warn" title={t("plan.unavailableHint")}>
                      {t("plan.unavailable")}
                    </span>
                  )}
                </span>
                {editable && (
                  <span className="stop-actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`${t("plan.moveUp")} ${stop.name}`}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`${t("plan.moveDown")} ${stop.name}`}
                      disabled={i === stops.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`${t("plan.removeStop")} ${stop.name}`}
                      onClick={() => onAction({ type: "removeStop", key: belt.key, organizationId: stop.id })}
                    >
                      ×
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
          {stops.length > 0 && (
            <p className="travel-estimate" data-testid="travel-estimate">
              {t("plan.estimate", {
                time: durationText(travel.roundedMinutes, t),
                factor: travel.detourFactor,
                speed: travel.speedKmh,
              })}
            </p>
          )}
          {editable && (
            <>
              <div className="belt-tools">
                <button
                  type="button"
                  className="button small"
                  disabled={stops.length < 3}
                  onClick={() => props.onOptimise(fromCenter && center !== null)}
                  data-testid="optimise"
                >
                  {t("plan.optimise")}
                </button>
                {center && (
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={fromCenter}
                      onChange={(e) => setFromCenter(e.target.checked)}
                    />
                    {t("plan.optimiseFromCenter")}
                  </label>
                )}
                <button type="button" className="button small danger" onClick={props.onDelete}>
                  {t("plan.deleteBelt")}
                </button>
              </div>
              <StopSearch
                sites={sites}
                exclude={belt.stopIds}
                onPick={(id) => onAction({ type: "addStop", key: belt.key, organizationId: id })}
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}

function durationText(
  minutes: number,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? t("plan.hours", { h, m }) : t("plan.minutes", { m });
}

/** A stop known by id only (not among the sites): shown so it can be removed. */
function unknownSite(id: number): PlannerSite {
  return {
    id,
    name: `#${id}`,
    kind: "OTHER",
    unitId: "",
    countyCode: "",
    townshipName: "",
    lng: Number.NaN,
    lat: Number.NaN,
    officialGrade: null,
    tier: null,
    unavailable: true,
  };
}
