import "../i18n/plan.ts"; // this page's strings, loaded with it
import type { PlanDto, RuleResultDto } from "@beltmap/api";
import {
  acceptanceFailures,
  beltColor,
  diffPlans,
  type RuleResult,
  routeLengthKm,
  ruleResultJson,
  submissionWarnings,
  unitPasses,
} from "@beltmap/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LeaveGuard } from "../components/LeaveGuard.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { errorCode, serverMessage } from "../lib/errors.ts";
import { useParamUpdater } from "../lib/params.ts";
import { BeltEditor } from "../plan/BeltEditor.tsx";
import { CenterEditor } from "../plan/CenterEditor.tsx";
import { type ComplianceFocus, ComplianceMatrix } from "../plan/ComplianceMatrix.tsx";
import { type DraftAction, draftCompliance, draftToInput, optimisedOrder } from "../plan/draft.ts";
import { ExportMenu } from "../plan/ExportMenu.tsx";
import {
  beltLines,
  beltStops,
  changedStops,
  countyLabels,
  plannedBelts,
  sitesToGeoJSON,
  snapshotBelts,
  versionLines,
} from "../plan/map-data.ts";
import { PlanActions } from "../plan/PlanActions.tsx";
import { PlanMap, type PlanMapData } from "../plan/PlanMap.tsx";
import {
  countyStatuses,
  focusPoints,
  newBeltName,
  type PlannerSite,
  type Point,
  plannerSites,
  snapshotOf,
} from "../plan/page-model.ts";
import { RuleList } from "../plan/RuleList.tsx";
import { usePlanEditor } from "../plan/usePlanEditor.ts";
import { type Comparison, VersionPanel } from "../plan/VersionPanel.tsx";
import { useCycle, useCycleInput } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";

/** Quzhou as a whole, for the city's overview. */
const QUZHOU_CORNERS: Point[] = [
  { lng: 118.0, lat: 28.25 },
  { lng: 119.35, lat: 29.5 },
];

/** What the user is doing with one unit's plan; another unit starts from nothing. */
type UnitView = {
  unitId: string | null;
  activeKey: string | null;
  placing: boolean;
  comparing: Comparison | null;
  /** Sites ringed on the map (the offending ones of the failure last looked at). */
  highlight: readonly number[];
  notice: { kind: "success" | "error"; text: string } | null;
};

const emptyView = (unitId: string | null): UnitView => ({
  unitId,
  activeKey: null,
  placing: false,
  comparing: null,
  highlight: [],
  notice: null,
});

const NO_SITES: ReadonlyMap<number, PlannerSite> = new Map();

/**
 * 示范带: a county plans its unit's belts and service center on the map and submits the plan; the
 * city checks every unit in a matrix, flies to any failure, and accepts or returns plans.
 */
export function BeltsPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const unitNameOf = useUnitName();
  const queryClient = useQueryClient();
  const [params, update] = useParamUpdater();
  const planner = me.role === "COUNTY";
  const unitId = planner ? me.unitId : params.get("unit") || null;
  // The cycle (年度) shown: a past one's belts and plans are history, read only.
  const cycle = useCycle();
  const cycleInput = useCycleInput();

  const compliance = useQuery(trpc.belt.compliance.queryOptions({ ...cycleInput }));
  const allBelts = useQuery(trpc.belt.list.queryOptions({ ...cycleInput }));
  const units = useQuery(trpc.unit.list.queryOptions({ ...cycleInput }));
  const counties = useQuery(
    trpc.map.counties.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const plan = useQuery({
    ...trpc.plan.get.queryOptions({ unitId: unitId ?? "", ...cycleInput }),
    enabled: unitId !== null,
  });
  // The roster names the members who break COMMITTEE_CONTACTS (the users who read it).
  const readsRoster = me.role === "COUNTY" || me.role === "CITY" || me.role === "LEADER";
  const roster = useQuery({ ...trpc.roster.list.queryOptions({ ...cycleInput }), enabled: readsRoster });
  const memberNames = useMemo(
    () => new Map(roster.data?.members.map((m) => [m.id, m.name]) ?? []),
    [roster.data],
  );
  const names = useMemo(() => ({ member: (id: number) => memberNames.get(id) }), [memberNames]);
  const editor = usePlanEditor(plan.data);
  const { draft } = editor;

  const [storedView, setView] = useState<UnitView>(() => emptyView(unitId));
  const view = storedView.unitId === unitId ? storedView : emptyView(unitId);
  const patchView = useCallback(
    (changes: Partial<UnitView>) =>
      setView((v) => ({ ...(v.unitId === unitId ? v : emptyView(unitId)), ...changes })),
    [unitId],
  );
  const { activeKey, placing, comparing } = view;

  const sites = useMemo(() => (plan.data ? plannerSites(plan.data) : NO_SITES), [plan.data]);
  const baseVersion = useQuery({
    ...trpc.plan.version.queryOptions({ unitId: unitId ?? "", version: comparing?.base ?? 1, ...cycleInput }),
    enabled: unitId !== null && comparing !== null,
  });
  const targetVersion = useQuery({
    ...trpc.plan.version.queryOptions({
      unitId: unitId ?? "",
      version: comparing?.target ?? 1,
      ...cycleInput,
    }),
    enabled: unitId !== null && comparing !== null && comparing.target !== null,
  });
  const before = comparing ? baseVersion.data : undefined;
  // A later version compared with an earlier one is shown in place of the draft, read only.
  const shownVersion = comparing?.target != null ? targetVersion.data : undefined;

  const afterChange = (fresh: PlanDto, message: string) => {
    queryClient.setQueryData(trpc.plan.get.queryKey({ unitId: fresh.unitId, ...cycleInput }), fresh);
    // A new belt gets its id on saving; the belt being edited stays the one being edited.
    const activeIndex = draft?.belts.findIndex((b) => b.key === activeKey) ?? -1;
    const saved = fresh.belts[activeIndex];
    const keepActive = activeIndex >= 0 && saved !== undefined && draft?.belts.length === fresh.belts.length;
    patchView({
      activeKey: keepActive ? String(saved.id) : null,
      notice: { kind: "success", text: message },
    });
    editor.reset(fresh);
    for (const key of [
      trpc.belt.pathKey(),
      trpc.map.pathKey(),
      trpc.site.pathKey(),
      trpc.dashboard.pathKey(),
    ])
      void queryClient.invalidateQueries({ queryKey: key });
  };
  const save = useMutation(
    trpc.plan.save.mutationOptions({
      onSuccess: (fresh) => afterChange(fresh, t("plan.saved")),
      onError: (error) =>
        patchView({
          notice: {
            kind: "error",
            text:
              errorCode(error) === "CONFLICT"
                ? t("plan.conflict")
                : t("plan.saveFailed", { message: serverMessage(error) ?? t("app.networkError") }),
          },
        }),
    }),
  );
  // Nothing changes while a save is on its way (it would be lost when the saved plan comes back),
  // nor while an earlier version is on show.
  const editable =
    !cycle.isPast && plan.data?.can.edit.ok === true && !save.isPending && shownVersion === undefined;

  const liveRules = useMemo(
    () => (draft && plan.data ? draftCompliance(draft, plan.data) : null),
    [draft, plan.data],
  );
  const savedUnit = compliance.data?.find((u) => u.unitId === unitId);
  // The planner sees the rules over the draft as it stands; a checker sees what is saved. The live
  // checks know no roster: the roster's rule (not a matter of the plan) is the server's.
  const rules = plan.data?.can.edit.ok
    ? liveRules && [
        ...liveRules.map(ruleResultJson).filter((r) => r.rule !== "COMMITTEE_CONTACTS"),
        ...(savedUnit?.rules.filter((r) => r.rule === "COMMITTEE_CONTACTS") ?? []),
      ]
    : (savedUnit?.rules ?? null);
  // With nothing unsaved the draft is the saved plan, and its live rules are the saved verdict at
  // once, not a second later when the city-wide compliance has been fetched again.
  const savedPassed =
    plan.data?.can.edit.ok && !editor.dirty && rules ? unitPasses(rules) : (savedUnit?.passed ?? null);

  const draftSnapshot = useMemo(() => (draft ? snapshotOf(draft, sites) : null), [draft, sites]);
  const after = comparing?.target != null ? shownVersion : draftSnapshot;
  const diff = useMemo(() => (before && after ? diffPlans(before, after) : null), [before, after]);

  // ——— The map ———
  const status = useMemo(
    () => countyStatuses(compliance.data ?? [], units.data ?? []),
    [compliance.data, units.data],
  );
  const mapData = useMemo((): PlanMapData => {
    const planned = shownVersion
      ? snapshotBelts(shownVersion)
      : draft
        ? plannedBelts(draft, sites, activeKey)
        : [];
    const others = (allBelts.data ?? []).filter((b) => b.unitId !== unitId);
    const addedIds = new Set(diff?.belts.flatMap((b) => b.addedStopIds) ?? []);
    const removedIds = new Set(diff?.belts.flatMap((b) => b.removedStopIds) ?? []);
    const added = after?.belts.flatMap((b) => b.stops.filter((s) => addedIds.has(s.organizationId))) ?? [];
    const removed =
      before?.belts.flatMap((b) => b.stops.filter((s) => removedIds.has(s.organizationId))) ?? [];
    const center = shownVersion ? shownVersion.serviceCenter : draft?.serviceCenter;
    return {
      countyLabels: countyLabels(counties.data ?? [], status),
      countyStatus: status,
      versionLines: versionLines(before ?? null),
      beltLines: beltLines(planned, others, unitId === null),
      beltStops: beltStops(planned),
      sites: sitesToGeoJSON([...sites.values()], draft, activeKey, new Set(view.highlight)),
      changes: changedStops(added, removed),
      centers: {
        type: "FeatureCollection",
        features: center
          ? [
              {
                type: "Feature",
                geometry: { type: "Point", coordinates: [center.lng, center.lat] },
                properties: {},
              },
            ]
          : [],
      },
    };
  }, [
    shownVersion,
    draft,
    sites,
    activeKey,
    allBelts.data,
    unitId,
    diff,
    after,
    before,
    counties.data,
    status,
    view.highlight,
  ]);

  // Fly somewhere only on request: a unit opened, a failure clicked, "show on the map".
  const [mapFocus, setMapFocus] = useState<{ points: readonly Point[] } | null>(null);
  const flyTo = useCallback((points: readonly Point[]) => {
    if (points.length > 0) setMapFocus({ points });
  }, []);
  const fittedUnit = useRef<string | null>(null);
  /** A failure clicked in the matrix for a unit whose plan is still loading. */
  const pendingFocus = useRef<ComplianceFocus | null>(null);
  const pointsOf = useCallback(
    (focus: { beltIds: readonly number[]; siteIds: readonly number[] }, fresh: PlanDto) =>
      focusPoints(
        fresh.belts.filter((b) => focus.beltIds.includes(b.id)),
        focus.siteIds,
        plannerSites(fresh),
      ),
    [],
  );
  useEffect(() => {
    if (unitId === null) {
      if (fittedUnit.current !== null) flyTo(QUZHOU_CORNERS);
      fittedUnit.current = null;
      return;
    }
    if (!plan.data || plan.data.unitId !== unitId || fittedUnit.current === unitId) return;
    fittedUnit.current = unitId;
    const pending = pendingFocus.current?.unitId === unitId ? pendingFocus.current : null;
    pendingFocus.current = null;
    // A failure with nothing on the map (the roster's, by members only) shows the whole unit.
    const focused = pending ? pointsOf(pending, plan.data) : [];
    flyTo(focused.length > 0 ? focused : [...plannerSites(plan.data).values()]);
  }, [unitId, plan.data, flyTo, pointsOf]);

  const focusFailure = (focus: ComplianceFocus) => {
    const activeKey = focus.beltIds[0] === undefined ? null : String(focus.beltIds[0]);
    setView({ ...emptyView(focus.unitId), activeKey, highlight: focus.siteIds });
    if (focus.unitId === unitId && plan.data?.unitId === unitId) {
      const focused = pointsOf(focus, plan.data);
      flyTo(focused.length > 0 ? focused : [...plannerSites(plan.data).values()]);
    } else {
      pendingFocus.current = focus;
      update({ unit: focus.unitId });
    }
  };

  const focusRule = (rule: RuleResultDto) => {
    if (plan.data?.can.edit.ok && draft) {
      // The draft's rules number belts by their place in the draft.
      const belts = rule.offendingBeltIds.map((i) => draft.belts[i]).filter((b) => b !== undefined);
      patchView({ activeKey: belts[0]?.key ?? activeKey, highlight: rule.offendingSiteIds });
      flyTo(
        focusPoints(
          belts.map((b) => ({ stops: b.stopIds.map((id) => sites.get(id)).filter((s) => s !== undefined) })),
          rule.offendingSiteIds,
          sites,
        ),
      );
    } else if (plan.data) {
      patchView({
        activeKey: rule.offendingBeltIds[0] === undefined ? activeKey : String(rule.offendingBeltIds[0]),
        highlight: rule.offendingSiteIds,
      });
      flyTo(pointsOf({ beltIds: rule.offendingBeltIds, siteIds: rule.offendingSiteIds }, plan.data));
    }
  };

  // ——— Editing ———
  const dispatch = useCallback(
    (action: DraftAction) => {
      editor.dispatch(action);
      patchView({ notice: null });
    },
    [editor.dispatch, patchView],
  );

  const placeCenter = (at: Point, organizationId: number | null) => {
    if (!draft || !plan.data) return;
    dispatch({
      type: "setCenter",
      center: {
        name: draft.serviceCenter?.name || defaultCenterName(plan.data.unitName),
        address: draft.serviceCenter?.address ?? "",
        lng: at.lng,
        lat: at.lat,
        organizationId,
      },
    });
    patchView({ placing: false });
  };

  const onSiteClick = (organizationId: number) => {
    if (!editable || !draft) return;
    const site = sites.get(organizationId);
    if (!site) return;
    if (placing) {
      if (!site.unavailable) placeCenter(site, organizationId);
      return;
    }
    const active = draft.belts.find((b) => b.key === activeKey);
    if (!active) return;
    if (active.stopIds.includes(organizationId))
      dispatch({ type: "removeStop", key: active.key, organizationId });
    else if (!site.unavailable) dispatch({ type: "addStop", key: active.key, organizationId });
  };

  const onMapClick = (at: Point) => {
    if (editable && placing) placeCenter(at, null);
  };

  // Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) outside text fields and dialogs; AltGr (Ctrl+Alt) types.
  const { undo, redo } = editor;
  useEffect(() => {
    if (!editable) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select") || document.querySelector("dialog[open]")) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) undo();
      else if (key === "y" || (key === "z" && event.shiftKey)) redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editable, undo, redo]);

  const beltNameOf = (id: number) =>
    plan.data?.can.edit.ok
      ? (draft?.belts[id]?.name ?? String(id))
      : (plan.data?.belts.find((b) => b.id === id)?.name ?? String(id));
  // The roster names the sites without contact when the plan's candidates do not.
  const rosterSiteName = (id: number) =>
    roster.data?.units.flatMap((u) => u.sitesWithoutContact).find((s) => s.organizationId === id)?.name;
  const siteNameOf = (id: number) => sites.get(id)?.name ?? rosterSiteName(id) ?? String(id);

  const failed = [compliance, allBelts, units, counties, plan].find((q) => q.isError);
  const activeBelt = draft?.belts.find((b) => b.key === activeKey);
  // Shown in the UI's language; names written into the plan (new belts, the center) stay Chinese data.
  const unitName = plan.data ? unitNameOf(plan.data.unitId, plan.data.unitName) : "";
  const readOnly = plan.data?.can.edit;

  return (
    <div className="workspace belts-page">
      <aside className="sidebar belts-sidebar">
        {!planner && (
          <section>
            <h2 className="sidebar-title">{t("plan.overview")}</h2>
            {compliance.data && (
              <ComplianceMatrix
                compliance={compliance.data}
                selectedUnitId={unitId}
                onSelectUnit={(id) => update({ unit: id })}
                onFocus={focusFailure}
                names={names}
              />
            )}
            {unitId ? (
              <button type="button" className="link-button" onClick={() => update({ unit: null })}>
                {t("plan.allUnits")}
              </button>
            ) : (
              <p className="field-hint">{t("plan.chooseUnit")}</p>
            )}
            <p className="field-hint">
              <Link to="/roster" data-testid="matrix-roster-link">
                {t("compliance.rosterLink")}
              </Link>
            </p>
          </section>
        )}
        {plan.data && (
          <PlanActions
            plan={plan.data}
            dirty={editor.dirty}
            canUndo={editable && editor.canUndo}
            canRedo={editable && editor.canRedo}
            saving={save.isPending}
            warnings={liveRules ? submissionWarnings(liveRules).map((r: RuleResult) => r.rule) : []}
            acceptFailures={acceptFailuresOf(liveRules)}
            notice={view.notice}
            onUndo={editor.undo}
            onRedo={editor.redo}
            onSave={() => {
              if (draft && unitId && editor.baseRevision !== null)
                save.mutate({
                  unitId,
                  revision: editor.baseRevision,
                  ...draftToInput(draft),
                  ...cycleInput,
                });
            }}
            onDiscard={() => {
              patchView({ notice: null });
              void plan.refetch().then((r) => r.data && editor.reset(r.data));
            }}
            onChanged={afterChange}
          />
        )}
        {rules && plan.data && plan.data.minBelts > 0 && (
          <section className="rules-section">
            <h3>{t("plan.rules")}</h3>
            {savedPassed !== null && (
              <p
                className={savedPassed ? "saved-compliance pass" : "saved-compliance fail"}
                data-testid="saved-compliance"
                data-passed={String(savedPassed)}
              >
                {savedPassed ? "✓ " : "✗ "}
                {t(savedPassed ? "plan.savedPasses" : "plan.savedFails")}
              </p>
            )}
            {plan.data.can.edit.ok && <p className="field-hint">{t("plan.rulesLive")}</p>}
            <RuleList
              rules={rules}
              beltName={beltNameOf}
              siteName={siteNameOf}
              names={names}
              rosterPath={readsRoster ? `/roster?unit=${plan.data.unitId}` : undefined}
              onFocus={focusRule}
            />
          </section>
        )}
      </aside>
      <section className="map-area">
        <PlanMap
          // Its controls' strings are set when the map is made.
          key={i18n.language}
          data={mapData}
          focus={mapFocus}
          placing={placing}
          onSiteClick={onSiteClick}
          onMapClick={onMapClick}
        />
        {failed && <LoadError query={failed} />}
      </section>
      {plan.data && draft && (
        <aside className="plan-panel" data-testid="plan-panel">
          <h2 className="plan-panel-title">
            {unitName}
            {plan.data.minBelts > 0 && (
              <span className="field-hint"> · {t("plan.belts", { count: draft.belts.length })}</span>
            )}
          </h2>
          {plan.data.minBelts === 0 ? (
            <p className="field-hint">{t("plan.noPlanBelts")}</p>
          ) : (
            <>
              {cycle.isPast && cycle.selected && (
                <p className="notice notice-info" role="status" data-testid="plan-past-cycle">
                  {t("plan.pastCycle", { year: cycle.selected.year })}
                </p>
              )}
              {planner && !cycle.isPast && readOnly && !readOnly.ok && readOnly.code && (
                <p className="notice notice-info" role="status">
                  {t("plan.readOnly", { reason: t(`plan.refusal.${readOnly.code}`) })}
                </p>
              )}
              {shownVersion && (
                <p className="notice notice-info" role="status" data-testid="showing-version">
                  {t("plan.showingVersion", { version: comparing?.target })}
                </p>
              )}
              {editable && activeBelt && (
                <p className="field-hint">
                  {t("plan.clickToAdd", {
                    // While its name is being retyped, the belt is called by its number.
                    name:
                      activeBelt.name.trim() ||
                      t("plan.newBeltName", { n: draft.belts.indexOf(activeBelt) + 1 }),
                  })}
                </p>
              )}
              <div className="belt-cards">
                {draft.belts.map((belt, index) => (
                  <BeltEditor
                    key={belt.key}
                    belt={belt}
                    index={index}
                    color={beltColor(index)}
                    active={belt.key === activeKey}
                    editable={editable}
                    sites={sites}
                    center={draft.serviceCenter}
                    onActivate={() => patchView({ activeKey: belt.key })}
                    onAction={dispatch}
                    onEndTyping={editor.endTyping}
                    onOptimise={(fromCenter) => {
                      const stopIds = optimisedOrder(belt.stopIds, (id) => sites.get(id), {
                        roundTrip: belt.roundTrip,
                        startAt: fromCenter ? draft.serviceCenter : null,
                      });
                      const km = (ids: readonly number[]) => beltKm(ids, belt.roundTrip, sites).toFixed(1);
                      const same = stopIds.every((id, i) => id === belt.stopIds[i]);
                      if (!same) dispatch({ type: "setOrder", key: belt.key, stopIds });
                      // Say what happened: the order and the km figure alone change too quietly.
                      patchView({
                        notice: {
                          kind: "success",
                          text: same
                            ? t("plan.optimisedSame", { km: km(stopIds) })
                            : t("plan.optimised", { before: km(belt.stopIds), after: km(stopIds) }),
                        },
                      });
                    }}
                    onDelete={() => dispatch({ type: "deleteBelt", key: belt.key })}
                    onShow={() =>
                      flyTo(belt.stopIds.map((id) => sites.get(id)).filter((s) => s !== undefined))
                    }
                  />
                ))}
              </div>
              {editable && (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    dispatch({
                      type: "addBelt",
                      name: newBeltName(plan.data.unitName, draft),
                      kind: "ORDINARY",
                    });
                    patchView({ activeKey: `new-${draft.nextNew}` });
                  }}
                  data-testid="add-belt"
                >
                  ＋ {t("plan.addBelt")}
                </button>
              )}
              <CenterEditor
                center={draft.serviceCenter}
                needed={plan.data.needsServiceCenter}
                editable={editable}
                placing={placing}
                sites={sites}
                onPlace={(placing) => patchView({ placing })}
                onPickSite={(site) => placeCenter(site, site.id)}
                onChange={(center) => dispatch({ type: "setCenter", center })}
                onRemove={() => dispatch({ type: "clearCenter" })}
                onShow={() => draft.serviceCenter && flyTo([draft.serviceCenter])}
              />
              <VersionPanel
                versions={plan.data.versions}
                comparing={comparing}
                diff={diff}
                onCompare={(comparison) => patchView({ comparing: comparison })}
              />
              {editor.dirty && <p className="field-hint">{t("plan.exportSaved")}</p>}
              <ExportMenu
                unitId={plan.data.unitId}
                unitName={plan.data.unitName}
                belts={plan.data.belts}
                year={cycle.selected?.year ?? new Date().getFullYear()}
                past={cycle.isPast}
              />
            </>
          )}
        </aside>
      )}
      <LeaveGuard dirty={editor.dirty} message={t("plan.unsavedLeave")} />
    </div>
  );
}

/** The default name of a unit's center: data, so Chinese whatever the UI language. */
function defaultCenterName(unitName: string): string {
  return `${unitName}区域性党群服务中心`;
}

/** The rules a submitted plan breaks, as the city is shown them before it accepts (and the server checks). */
function acceptFailuresOf(rules: readonly RuleResult[] | null): RuleResultDto[] {
  if (!rules) return [];
  const failing = new Set(acceptanceFailures(rules));
  return rules.filter((r) => failing.has(r.rule)).map(ruleResultJson);
}

/** A belt's route length in km over the stops' places, as the cards show it. */
function beltKm(
  stopIds: readonly number[],
  roundTrip: boolean,
  sites: ReadonlyMap<number, { lng: number; lat: number }>,
): number {
  const points = stopIds.flatMap((id) => {
    const site = sites.get(id);
    return site ? [[site.lng, site.lat] as const] : [];
  });
  return routeLengthKm(points, roundTrip);
}
