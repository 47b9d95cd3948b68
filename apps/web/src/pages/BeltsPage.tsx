import "../i18n/plan.ts"; // this page's strings, loaded with it
import type { PlanCandidateDto, PlanDto, RuleResultDto } from "@beltmap/api";
import { diffPlans, type PlanSnapshot, submissionWarnings } from "@beltmap/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { Dialog } from "../components/Dialog.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { errorCode, serverMessage } from "../lib/errors.ts";
import { useParamUpdater } from "../lib/params.ts";
import { BeltEditor } from "../plan/BeltEditor.tsx";
import { CenterEditor } from "../plan/CenterEditor.tsx";
import { ComplianceMatrix } from "../plan/ComplianceMatrix.tsx";
import {
  asRuleDto,
  type DraftAction,
  draftCompliance,
  draftToInput,
  optimisedOrder,
  type PlanDraft,
} from "../plan/draft.ts";
import { ExportMenu } from "../plan/ExportMenu.tsx";
import {
  beltColor,
  beltLines,
  beltStops,
  changedStops,
  countyLabels,
  countyStatus,
  plannedBelts,
  sitesToGeoJSON,
  snapshotBelts,
  versionLines,
} from "../plan/map-data.ts";
import { PlanActions } from "../plan/PlanActions.tsx";
import { PlanMap, type PlanMapData } from "../plan/PlanMap.tsx";
import { RuleList } from "../plan/RuleList.tsx";
import { usePlanEditor } from "../plan/usePlanEditor.ts";
import { VersionPanel } from "../plan/VersionPanel.tsx";
import { useMe } from "../shell/me.ts";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";

type Point = { lng: number; lat: number };
/** A request to show offending belts or sites of a unit; resolved once that unit's plan is loaded. */
type FocusRequest = { unitId: string; beltIds: number[]; siteIds: number[]; points?: Point[] };

const NO_CANDIDATES: readonly PlanCandidateDto[] = [];

/**
 * 示范带: a county plans its unit's belts and service center on the map and submits the plan; the
 * city checks every unit in a matrix, flies to any failure, and accepts or returns plans.
 */
export function BeltsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const unitNameOf = useUnitName();
  const queryClient = useQueryClient();
  const [params, update] = useParamUpdater();
  const planner = me.role === "COUNTY";
  const unitId = planner ? me.unitId : params.get("unit") || null;

  const compliance = useQuery(trpc.belt.compliance.queryOptions());
  const allBelts = useQuery(trpc.belt.list.queryOptions());
  const units = useQuery(trpc.unit.list.queryOptions());
  const counties = useQuery(
    trpc.map.counties.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }),
  );
  const plan = useQuery({
    ...trpc.plan.get.queryOptions({ unitId: unitId ?? "" }),
    enabled: unitId !== null,
  });
  const editor = usePlanEditor(plan.data);
  const { draft } = editor;
  const editable = plan.data?.can.edit.ok === true;

  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  // Two versions side by side, or a version and the current plan (target null).
  const [comparing, setComparing] = useState<{ base: number; target: number | null } | null>(null);
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string } | null>(null);

  // A new unit starts afresh: nothing active, nothing compared, nothing being placed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the unit changes
  useEffect(() => {
    setActiveKey(null);
    setPlacing(false);
    setComparing(null);
    setNotice(null);
  }, [unitId]);

  const candidates = plan.data?.candidates ?? NO_CANDIDATES;
  const candidateMap = useMemo(() => new Map(candidates.map((c) => [c.id, c])), [candidates]);
  const baseVersion = useQuery({
    ...trpc.plan.version.queryOptions({ unitId: unitId ?? "", version: comparing?.base ?? 1 }),
    enabled: unitId !== null && comparing !== null,
  });
  const targetVersion = useQuery({
    ...trpc.plan.version.queryOptions({ unitId: unitId ?? "", version: comparing?.target ?? 1 }),
    enabled: unitId !== null && comparing !== null && comparing.target !== null,
  });

  const liveRules = useMemo(
    () => (draft && plan.data ? draftCompliance(draft, plan.data).map(asRuleDto) : null),
    [draft, plan.data],
  );
  const savedUnit = compliance.data?.find((u) => u.unitId === unitId);
  const serverRules = savedUnit?.rules ?? null;
  // The planner sees the rules over the draft as it stands; a checker sees what is saved.
  const rules = editable ? liveRules : serverRules;

  const draftSnapshot = useMemo(
    () => (draft ? snapshotOf(draft, candidateMap) : null),
    [draft, candidateMap],
  );
  const before = comparing ? baseVersion.data : undefined;
  const shownVersion = comparing?.target != null ? targetVersion.data : undefined;
  const after = comparing?.target != null ? shownVersion : draftSnapshot;
  const diff = useMemo(() => (before && after ? diffPlans(before, after) : null), [before, after]);

  const focusPoints = useMemo(
    () => resolveFocus(focusRequest, plan.data, draft, candidateMap),
    [focusRequest, plan.data, draft, candidateMap],
  );

  const mapData = useMemo((): PlanMapData => {
    const countyOfUnit = new Map(
      (units.data ?? [])
        .filter((u) => u.kind === "COUNTY" && u.countyCode)
        .map((u) => [u.id, u.countyCode as string]),
    );
    const status = countyStatus(compliance.data ?? [], countyOfUnit);
    // A later version compared with an earlier one is drawn in place of the draft.
    const planned = shownVersion
      ? snapshotBelts(shownVersion)
      : draft
        ? plannedBelts(draft, candidateMap, activeKey)
        : [];
    const others = (allBelts.data ?? []).filter((b) => b.unitId !== unitId);
    const highlighted = new Set(focusRequest?.siteIds ?? []);
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
      beltLines: beltLines(planned, others),
      beltStops: beltStops(planned),
      sites: sitesToGeoJSON(candidates, draft, activeKey, highlighted),
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
    units.data,
    compliance.data,
    draft,
    candidateMap,
    activeKey,
    allBelts.data,
    unitId,
    focusRequest,
    diff,
    before,
    after,
    shownVersion,
    counties.data,
    candidates,
  ]);

  const [mapFocus, setMapFocus] = useState<{ points: readonly Point[] } | null>(null);
  useEffect(() => {
    if (focusPoints && focusPoints.length > 0) setMapFocus({ points: focusPoints });
  }, [focusPoints]);
  // Opening a unit shows all its candidates.
  useEffect(() => {
    if (plan.data && plan.data.unitId === unitId && plan.data.candidates.length > 0)
      setMapFocus({ points: plan.data.candidates });
  }, [plan.data?.unitId, unitId, plan.data]);

  const dispatch = useCallback(
    (action: DraftAction) => {
      editor.dispatch(action);
      setNotice(null);
    },
    [editor.dispatch],
  );

  const onSiteClick = (organizationId: number) => {
    if (!editable || !draft) return;
    const site = candidateMap.get(organizationId);
    if (!site) return;
    if (placing) {
      dispatch({
        type: "setCenter",
        center: {
          name: draft.serviceCenter?.name || defaultCenterName(plan.data?.unitName ?? ""),
          address: draft.serviceCenter?.address ?? "",
          lng: site.lng,
          lat: site.lat,
          organizationId,
        },
      });
      setPlacing(false);
      return;
    }
    const active = draft.belts.find((b) => b.key === activeKey);
    if (!active) return;
    dispatch(
      active.stopIds.includes(organizationId)
        ? { type: "removeStop", key: active.key, organizationId }
        : { type: "addStop", key: active.key, organizationId },
    );
  };

  const onMapClick = (at: Point) => {
    if (!placing || !draft) return;
    dispatch({
      type: "setCenter",
      center: {
        name: draft.serviceCenter?.name || defaultCenterName(plan.data?.unitName ?? ""),
        address: draft.serviceCenter?.address ?? "",
        lng: at.lng,
        lat: at.lat,
        organizationId: null,
      },
    });
    setPlacing(false);
  };

  const afterChange = (fresh: PlanDto, message: string) => {
    queryClient.setQueryData(trpc.plan.get.queryKey({ unitId: fresh.unitId }), fresh);
    // A new belt gets its id on saving; the belt being edited stays the one being edited.
    const activeIndex = draft?.belts.findIndex((b) => b.key === activeKey) ?? -1;
    const saved = fresh.belts[activeIndex];
    setActiveKey(
      activeIndex >= 0 && saved && draft?.belts.length === fresh.belts.length ? String(saved.id) : null,
    );
    editor.reset(fresh);
    setNotice({ kind: "success", text: message });
    for (const key of [
      trpc.belt.pathKey(),
      trpc.map.pathKey(),
      trpc.site.pathKey(),
      trpc.dashboard.pathKey(),
    ])
      void queryClient.invalidateQueries({ queryKey: key });
  };
  const refuse = (error: unknown) =>
    setNotice({
      kind: "error",
      text:
        errorCode(error) === "CONFLICT"
          ? t("plan.conflict")
          : t("plan.saveFailed", { message: serverMessage(error) ?? t("app.networkError") }),
    });
  const save = useMutation(
    trpc.plan.save.mutationOptions({
      onSuccess: (fresh) => afterChange(fresh, t("plan.saved")),
      onError: refuse,
    }),
  );

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => editor.dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!editor.dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [editor.dirty]);

  // Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) outside text fields.
  useEffect(() => {
    if (!editable) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select")) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) editor.undo();
      else if (key === "y" || (key === "z" && event.shiftKey)) editor.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [editable, editor.undo, editor.redo]);

  const beltNameOf = (id: number) =>
    editable
      ? (draft?.belts[id]?.name ?? String(id))
      : (plan.data?.belts.find((b) => b.id === id)?.name ?? String(id));
  const siteNameOf = (id: number) => candidateMap.get(id)?.name ?? String(id);

  const focusRule = (rule: RuleResultDto) => {
    if (!unitId) return;
    if (editable && draft) {
      const belt = draft.belts[rule.offendingBeltIds[0] ?? -1];
      if (belt) setActiveKey(belt.key);
      setFocusRequest({
        unitId,
        beltIds: [],
        siteIds: rule.offendingSiteIds,
        points: rule.offendingBeltIds.flatMap((i) =>
          (draft.belts[i]?.stopIds ?? []).map((id) => candidateMap.get(id)).filter(isPoint),
        ),
      });
    } else {
      setFocusRequest({ unitId, beltIds: rule.offendingBeltIds, siteIds: rule.offendingSiteIds });
    }
  };

  const failed = [compliance, allBelts, units, counties, plan].find((q) => q.isError);
  const activeBelt = draft?.belts.find((b) => b.key === activeKey);
  // Shown in the UI's language; names written into the plan (new belts, the center) stay Chinese data.
  const unitName = plan.data ? unitNameOf(plan.data.unitId, plan.data.unitName) : "";

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
                onFocus={(focus) => {
                  update({ unit: focus.unitId });
                  setActiveKey(focus.beltIds[0] === undefined ? null : String(focus.beltIds[0]));
                  setFocusRequest({ unitId: focus.unitId, beltIds: focus.beltIds, siteIds: focus.siteIds });
                }}
              />
            )}
            {unitId ? (
              <button type="button" className="link-button" onClick={() => update({ unit: null })}>
                {t("plan.allUnits")}
              </button>
            ) : (
              <p className="field-hint">{t("plan.chooseUnit")}</p>
            )}
          </section>
        )}
        {plan.data && (
          <PlanActions
            plan={plan.data}
            dirty={editor.dirty}
            canUndo={editor.canUndo}
            canRedo={editor.canRedo}
            saving={save.isPending}
            warnings={liveRules ? submissionWarnings(liveRules.map(fromDto)).map((r) => r.rule) : []}
            notice={notice}
            onUndo={editor.undo}
            onRedo={editor.redo}
            onSave={() => {
              if (draft && unitId)
                save.mutate({ unitId, revision: plan.data.revision, ...draftToInput(draft) });
            }}
            onDiscard={() => {
              setNotice(null);
              void plan.refetch().then((r) => r.data && editor.reset(r.data));
            }}
            onChanged={afterChange}
          />
        )}
        {rules && plan.data && plan.data.minBelts > 0 && (
          <section className="rules-section">
            <h3>{t("plan.rules")}</h3>
            {savedUnit && (
              <p
                className={savedUnit.passed ? "saved-compliance pass" : "saved-compliance fail"}
                data-testid="saved-compliance"
                data-passed={String(savedUnit.passed)}
              >
                {savedUnit.passed ? "✓ " : "✗ "}
                {t(savedUnit.passed ? "plan.savedPasses" : "plan.savedFails")}
              </p>
            )}
            {editable && <p className="field-hint">{t("plan.rulesLive")}</p>}
            <RuleList rules={rules} beltName={beltNameOf} siteName={siteNameOf} onFocus={focusRule} />
          </section>
        )}
      </aside>
      <section className="map-area">
        <PlanMap
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
              {!editable && plan.data.can.edit.reason && planner && (
                <p className="notice notice-info" role="status">
                  {t("plan.readOnly", { reason: plan.data.can.edit.reason })}
                </p>
              )}
              {editable && activeBelt && (
                <p className="field-hint">{t("plan.clickToAdd", { name: activeBelt.name })}</p>
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
                    candidates={candidateMap}
                    center={draft.serviceCenter}
                    onActivate={() => setActiveKey(belt.key)}
                    onAction={dispatch}
                    onOptimise={(fromCenter) =>
                      dispatch({
                        type: "setOrder",
                        key: belt.key,
                        stopIds: optimisedOrder(belt.stopIds, (id) => candidateMap.get(id), {
                          roundTrip: belt.roundTrip,
                          startAt: fromCenter ? draft.serviceCenter : null,
                        }),
                      })
                    }
                    onDelete={() => dispatch({ type: "deleteBelt", key: belt.key })}
                    onShow={() =>
                      setMapFocus({ points: belt.stopIds.map((id) => candidateMap.get(id)).filter(isPoint) })
                    }
                  />
                ))}
              </div>
              {editable && (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    const n = draft.belts.length + 1;
                    dispatch({
                      type: "addBelt",
                      name: `${plan.data?.unitName ?? ""}示范带${n}`,
                      kind: "ORDINARY",
                    });
                    setActiveKey(`new-${draft.nextNew}`);
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
                siteName={siteNameOf}
                onPlace={setPlacing}
                onChange={(center) => dispatch({ type: "setCenter", center })}
                onRemove={() => dispatch({ type: "clearCenter" })}
                onShow={() => draft.serviceCenter && setMapFocus({ points: [draft.serviceCenter] })}
              />
              <VersionPanel
                versions={plan.data.versions}
                comparing={comparing}
                diff={diff}
                onCompare={setComparing}
              />
              <ExportMenu unitId={plan.data.unitId} unitName={plan.data.unitName} belts={plan.data.belts} />
            </>
          )}
        </aside>
      )}
      <Dialog
        open={blocker.state === "blocked"}
        title={t("sheet.unsavedTitle")}
        onClose={() => blocker.reset?.()}
        testId="unsaved-dialog"
      >
        <p className="confirm-text">{t("plan.unsavedLeave")}</p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => blocker.reset?.()}>
            {t("sheet.stay")}
          </button>
          <button type="button" className="button danger" onClick={() => blocker.proceed?.()}>
            {t("sheet.leave")}
          </button>
        </div>
      </Dialog>
    </div>
  );
}

function isPoint<T extends Point>(value: T | undefined): value is T {
  return value !== undefined;
}

function fromDto(rule: RuleResultDto) {
  return {
    ...rule,
    expected: rule.expected ?? undefined,
    actual: rule.actual ?? undefined,
    deadline: rule.deadline ? new Date(rule.deadline) : undefined,
    submittedAt: rule.submittedAt ? new Date(rule.submittedAt) : null,
  } as Parameters<typeof submissionWarnings>[0][number];
}

/** The draft as a version snapshot would hold it, so it can be compared with one. */
function snapshotOf(draft: PlanDraft, candidates: ReadonlyMap<number, PlanCandidateDto>): PlanSnapshot {
  return {
    belts: draft.belts.map((b) => ({
      id: b.id,
      name: b.name,
      theme: b.theme,
      kind: b.kind,
      roundTrip: b.roundTrip,
      stops: b.stopIds.map((id) => {
        const c = candidates.get(id);
        return { organizationId: id, name: c?.name ?? String(id), lng: c?.lng ?? 0, lat: c?.lat ?? 0 };
      }),
    })),
    serviceCenter: draft.serviceCenter,
  };
}

/** The points a focus request stands for, once the unit's plan is at hand. */
function resolveFocus(
  request: FocusRequest | null,
  plan: PlanDto | undefined,
  draft: PlanDraft | null,
  candidates: ReadonlyMap<number, PlanCandidateDto>,
): Point[] | null {
  if (!request) return null;
  if (request.points && request.points.length > 0)
    return [...request.points, ...sitePoints(request.siteIds, candidates)];
  if (!plan || plan.unitId !== request.unitId) return null;
  const beltPoints = request.beltIds.flatMap(
    (id) => plan.belts.find((b) => b.id === id)?.stops.map((s) => ({ lng: s.lng, lat: s.lat })) ?? [],
  );
  const points = [...beltPoints, ...sitePoints(request.siteIds, candidates)];
  if (points.length > 0) return points;
  // A rule about the unit as a whole (number of belts, the center, the deadline): the unit.
  return draft ? [...candidates.values()] : null;
}

function sitePoints(ids: readonly number[], candidates: ReadonlyMap<number, PlanCandidateDto>): Point[] {
  return ids.map((id) => candidates.get(id)).filter(isPoint);
}

/** The default name of a unit's center: data, so Chinese whatever the UI language. */
function defaultCenterName(unitName: string): string {
  return `${unitName}区域性党群服务中心`;
}
