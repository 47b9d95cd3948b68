import "../playback/playback.css";
import type { CycleSummaryDto, UnitDto } from "@beltmap/api";
import type { Tier } from "@beltmap/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Map as MapLibreMap } from "maplibre-gl";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { chinaDate, formatTime } from "../lib/format.ts";
import { ALL_CATEGORIES, type MapCategory } from "../map/features.ts";
import type { LayerGroup } from "../map/layers.ts";
import type { PickedPlace } from "../panels/SearchBox.tsx";
import { inputForCycle } from "../playback/cycles.ts";
import { CycleBadge, PlaybackSlot } from "../playback/PlaybackSlot.tsx";
import { usePlayedCycle } from "../playback/usePlayedCycle.ts";
import { useCycle } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useUnitName } from "../shell/units.ts";
import { queryClient, type trpc as trpcOptions, useTRPC } from "../trpc.ts";
import { organizationsLoaded, prefetchOrganizations, useMapOrganizations } from "./map-organizations.ts";
import { loadMapView, loadSidebar, mapQueries } from "./map-prefetch.ts";

const MapView = lazy(() => loadMapView().then((m) => ({ default: m.MapView })));
// 测距 and the map's picture: with the map, not in the app's first load.
const MapTools = lazy(() => import("../map/MapTools.tsx").then((m) => ({ default: m.MapTools })));
// The side panel on a click, the playback bar (PlaybackSlot) a moment later.
const MapSidebar = lazy(() => loadSidebar().then((m) => ({ default: m.MapSidebar })));
const OrganizationPanel = lazy(() =>
  import("../panels/OrganizationPanel.tsx").then((m) => ({ default: m.OrganizationPanel })),
);

/** Asks for what the map shows of a played cycle: organisations, belts, service centers, figures. */
function prefetchCycle(trpc: typeof trpcOptions, cycle: CycleSummaryDto): void {
  const q = mapQueries(trpc, inputForCycle(cycle));
  void prefetchOrganizations(q);
  void queryClient.prefetchQuery(q.belts);
  void queryClient.prefetchQuery(q.centers);
  void queryClient.prefetchQuery(q.summary);
}

/** The map can show a played cycle: its organisations, belts and service centers have come. */
function cycleLoaded(trpc: typeof trpcOptions, cycle: CycleSummaryDto): boolean {
  const q = mapQueries(trpc, inputForCycle(cycle));
  return (
    organizationsLoaded(q) &&
    queryClient.getQueryData(q.belts.queryKey) !== undefined &&
    queryClient.getQueryData(q.centers.queryKey) !== undefined
  );
}

const ignoreSelect = () => undefined;
const NO_GROUPS: ReadonlySet<LayerGroup> = new Set();
const NO_UNITS: readonly UnitDto[] = [];
const NO_HEAT: ReadonlySet<Tier> = new Set();

/** The map of every organisation in the user's region: the app's first screen for leaders. */
export function MapPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const { selected: headerCycle } = useCycle();
  // 年度回放: ready to show a cycle once its organisations, belts and centers are in the cache.
  const isReady = useCallback((cycle: CycleSummaryDto) => cycleLoaded(trpc, cycle), [trpc]);
  const prefetch = useCallback((cycle: CycleSummaryDto) => prefetchCycle(trpc, cycle), [trpc]);
  const { played, setPlayed, playing, cycleInput } = usePlayedCycle(prefetch);
  const queries = mapQueries(trpc, cycleInput);
  // Another cycle's answers replace the shown ones when they come (no empty map in between).
  const keep = { placeholderData: keepPreviousData };
  const units = useQuery({ ...queries.units, ...keep });
  const belts = useQuery({ ...queries.belts, ...keep });
  const centers = useQuery({ ...queries.centers, ...keep });
  const counties = useQuery(queries.counties);
  const summary = useQuery({ ...queries.summary, ...keep });
  const info = useQuery(queries.info);
  const series = useQuery({ ...trpc.dashboard.series.queryOptions(), enabled: played !== null });

  // A county's, township's or organisation's user opens on its own unit, not on the whole city.
  const me = useMe();
  const [unitId, setUnitId] = useState<string | null>(me.regionUnitId);
  const [tiers, setTiers] = useState<ReadonlySet<MapCategory>>(ALL_CATEGORIES);
  const drawn = useMapOrganizations(queries, { unitId, tiers });
  const { tiled, tileSet } = drawn;
  const townships = useQuery({ ...queries.townships, enabled: drawn.pending === false });
  // `?org=<id>` (a link from the data-quality list): that organisation selected and flown to.
  const [params] = useSearchParams();
  const linked = Number(params.get("org")) || null;
  const [selected, setSelected] = useState<number | null>(linked);
  const [heatTiers, setHeatTiers] = useState<ReadonlySet<Tier>>(NO_HEAT);
  const [clusters, setClusters] = useState(false);
  const [hiddenGroups, setHiddenGroups] = useState<ReadonlySet<LayerGroup>>(NO_GROUPS);
  // Bumped by a search, so the map flies there (a click on the map selects without flying).
  const [flyTo, setFlyTo] = useState<{ id: number; at: number; lng?: number; lat?: number } | null>(
    linked ? { id: linked, at: 0 } : null,
  );
  // A tiled map holds no organisations to look the linked one up in: where it is comes with its
  // details (the same query as its panel's).
  const linkedDetail = useQuery({
    ...trpc.map.organization.queryOptions({ id: linked ?? 0, ...cycleInput }),
    enabled: tiled === true && linked !== null,
  });
  const linkedAt = linkedDetail.data;
  useEffect(() => {
    if (linkedAt) setFlyTo({ id: linkedAt.id, at: 0, lng: linkedAt.lng, lat: linkedAt.lat });
  }, [linkedAt]);

  const closePanel = useCallback(() => setSelected(null), []);
  const pick = useCallback((id: number, at?: PickedPlace) => {
    setSelected(id);
    setFlyTo({ id, at: Date.now(), ...at });
  }, []);
  const failed = [units, drawn.inUse, belts, centers, counties, summary].find((q) => q?.isError);
  // The cycle the map shows: the played one, else the header's; its data may still be on its way.
  const shownCycle = played ?? headerCycle;
  const liveMap = useRef<MapLibreMap | null>(null);
  const getLiveMap = useCallback(() => liveMap.current, []);
  const [measuring, setMeasuring] = useState(false);
  const unitName = useUnitName();
  const place = unitId ? unitName(unitId) : t("filter.allUnits");
  const loadingCycle = drawn.placeholder || [belts, centers].some((q) => q.isPlaceholderData);

  return (
    <div
      className="workspace"
      data-cycle-year={shownCycle?.year}
      data-cycle-loading={loadingCycle ? "true" : "false"}
      data-testid="map-workspace"
    >
      <aside className="sidebar">
        <Suspense fallback={<p className="status-line">{t("app.loading")}</p>}>
          <MapSidebar
            summary={summary.data}
            units={units.data ?? NO_UNITS}
            organizations={drawn.list}
            tiled={tiled === true}
            tileSet={tileSet.data}
            belts={belts.data ?? []}
            loading={drawn.pending}
            unitId={unitId}
            onUnit={setUnitId}
            tiers={tiers}
            onTiers={setTiers}
            heatTiers={heatTiers}
            onHeatTiers={setHeatTiers}
            clusters={clusters}
            onClusters={setClusters}
            hiddenGroups={hiddenGroups}
            onHiddenGroups={setHiddenGroups}
            onPick={pick}
            series={playing ? (series.data ?? null) : null}
            playedYear={played?.year ?? null}
          />
        </Suspense>
      </aside>
      <section className="map-area">
        <Suspense fallback={<div className="map-loading">{t("app.loading")}</div>}>
          {/* Made once it is known whether the organisations come whole or as tiles. */}
          {!drawn.canMakeMap ? (
            <div className="map-loading">{t("app.loading")}</div>
          ) : (
            <MapView
              key={tiled ? "tiles" : "whole"}
              organizationTiles={drawn.source}
              boundsOfUnit={drawn.boundsOfUnit}
              counties={counties.data ?? []}
              organizations={drawn.list}
              belts={belts.data ?? []}
              serviceCenters={centers.data ?? []}
              townshipAreas={townships.data}
              unitId={unitId}
              tiers={tiers}
              selectedId={selected}
              flyTo={flyTo}
              // While measuring, a click places a point rather than opening an organisation.
              onSelect={measuring ? ignoreSelect : setSelected}
              heatTiers={heatTiers}
              clusters={clusters}
              hiddenGroups={hiddenGroups}
              basemap={info.data?.basemap}
              onMap={(live) => {
                liveMap.current = live;
              }}
            />
          )}
        </Suspense>
        {shownCycle && <CycleBadge year={shownCycle.year} playing={playing} />}
        <Suspense fallback={null}>
          <MapTools
            map={getLiveMap}
            measuring={measuring}
            onMeasuring={setMeasuring}
            picture={
              summary.data && shownCycle
                ? {
                    subtitle: `${t("cycleMap.shows", { year: shownCycle.year })} · ${place}`,
                    dataTime: t("map.dataTime", {
                      time: formatTime(summary.data.generatedAt, i18n.language),
                    }),
                    demo: info.data?.demoData === true,
                    attribution: info.data?.basemap?.attribution ?? null,
                    fileName: `${t("map.snapshotFile")}-${shownCycle.year}-${place}-${chinaDate(new Date(summary.data.generatedAt))}.png`,
                  }
                : null
            }
          />
        </Suspense>
        <PlaybackSlot isReady={isReady} onCycle={setPlayed} loading={loadingCycle} className="map-playback" />
        {failed?.error && (
          <div className="error-banner" role="alert">
            {t("app.loadFailed", { message: failed.error.message })}
            <button type="button" onClick={() => void failed.refetch()}>
              {t("app.retry")}
            </button>
          </div>
        )}
      </section>
      {selected !== null && (
        <Suspense fallback={null}>
          <OrganizationPanel id={selected} onClose={closePanel} cycleInput={cycleInput} />
        </Suspense>
      )}
    </div>
  );
}
