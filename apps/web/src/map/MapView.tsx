import type { BeltDto, CountyDto, MapOrganizationDto, ServiceCenterDto, TownshipAreaDto } from "@beltmap/api";
import { TIERS, type Tier } from "@beltmap/domain";
import type { Bbox } from "@beltmap/geo/unit-bounds";
import "maplibre-gl/dist/maplibre-gl.css";
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { prefersReducedMotion } from "../lib/motion.ts";
import { controlStrings } from "./control-strings.ts";
import {
  beltLinesToGeoJSON,
  beltStopsToGeoJSON,
  beltTooltip,
  countyLabelsToGeoJSON,
  isShown,
  type MapCategory,
  organizationFilter,
  organizationsToGeoJSON,
  organizationTooltip,
  serviceCentersToGeoJSON,
  townshipAreasToGeoJSON,
  unitBounds,
  unitFilter,
} from "./features.ts";
import { serviceCenterIcon, starIcon } from "./icons.ts";
import {
  type Basemap,
  basemapLayers,
  baseStyle,
  COUNTY_FILL_OPACITY,
  LAYER_GROUP_NAMES,
  LAYER_GROUPS,
  LAYERS,
  type LayerGroup,
  type MapTheme,
  ORGANIZATION_LAYER_FILTERS,
  ORGANIZATION_LAYERS,
  SOURCES,
} from "./layers.ts";
import {
  absoluteTileUrl,
  type OrganizationTiles,
  TILE_SOURCE_LAYER,
  withOrganizationTiles,
} from "./organization-tiles.ts";
import { SERVICE_CENTER_COLOR } from "./palette.ts";
import {
  CLUSTER_LAYERS,
  CLUSTER_MAX_ZOOM,
  CLUSTER_SOURCE,
  heatLayerId,
  POINT_OPACITY_UNDER_HEAT,
} from "./tier-overlays.ts";

maplibregl.setWorkerUrl(workerUrl);
// The map's worker starts loading with this module (which the map pages ask for at once), not when
// the first map is made after the page's data has come: the worker loads the county outlines and
// every tile, and its own start took a few hundred milliseconds on the 2-core machine. It also stays
// up between the pages' maps.
maplibregl.prewarm();

const NO_HEAT: ReadonlySet<Tier> = new Set();
const NO_GROUPS: ReadonlySet<LayerGroup> = new Set();
const NO_AREAS: readonly TownshipAreaDto[] = [];
/** Room around what the map is fitted to. */
const FIT_PADDING = 48;

/** Served by apps/server from packages/geo. */
const COUNTIES_URL = "/geo/quzhou-counties.geojson";

/** Quzhou as a whole: [west, south, east, north]. */
const QUZHOU_BOUNDS: [number, number, number, number] = [118.0, 28.25, 119.35, 29.5];

export type MapViewProps = {
  counties: readonly CountyDto[];
  organizations: readonly MapOrganizationDto[];
  belts: readonly BeltDto[];
  serviceCenters: readonly ServiceCenterDto[];
  /** The townships' derived areas (dashed, from a unit's zoom on); none: not drawn. */
  townshipAreas?: readonly TownshipAreaDto[];
  unitId: string | null;
  /** The categories shown: tiers, "NONE" (ungraded) and "NON_COMPETITOR". */
  tiers: ReadonlySet<MapCategory>;
  selectedId: number | null;
  /**
   * A request to fly to an organisation; a new object flies again. Where it is, when the map does
   * not hold every organisation (tiles), or it is looked up among `organizations`.
   */
  flyTo: { id: number; lng?: number; lat?: number } | null;
  onSelect: (organizationId: number) => void;
  /** Tiers drawn as heatmaps (weighted by score, fading into the points as one zooms in). */
  heatTiers?: ReadonlySet<Tier>;
  /** Group the points into clusters with per-tier counts at low zoom. */
  clusters?: boolean;
  /** Layer groups switched off in the layer panel (belts, 特色小镇, service centers, labels). */
  hiddenGroups?: ReadonlySet<LayerGroup>;
  /** Device pixels per CSS pixel: more on a stage scaled up by a transform, to stay sharp. */
  pixelRatio?: number;
  /** The live map once it can take data, and null when it goes (e.g. for a PNG of the page). */
  onMap?: (map: maplibregl.Map | null) => void;
  /**
   * The raster basemap (meta.info's), drawn beneath the counties with its attribution; null or
   * not known yet: none, the offline map, which does not wait for it.
   */
  basemap?: Basemap;
  /** Dark for the 大屏; fixed when the map is made. */
  theme?: MapTheme;
  /** Room kept clear when the map fits the city or a unit (e.g. beside a panel laid over the map). */
  fitPadding?: maplibregl.PaddingOptions;
  /** Dots run along the belts (the 大屏), unless the viewer asks for reduced motion. */
  animateBelts?: boolean;
  /**
   * Draw the organisations from the API's vector tiles rather than `organizations` (a region too
   * large to send whole); fixed when the map is made, the URL may change (filters, new data).
   */
  organizationTiles?: OrganizationTiles | null;
  /** Where a unit's view goes; by default the box of its organisations among `organizations`. */
  boundsOfUnit?: ((unitId: string) => Bbox | null) | undefined;
};

declare global {
  interface Window {
    /** The live map, for debugging in the console and for the browser tests. */
    beltmap?: { map: maplibregl.Map };
  }
}

export function MapView({
  counties,
  organizations,
  belts,
  serviceCenters,
  townshipAreas = NO_AREAS,
  unitId,
  tiers,
  selectedId,
  flyTo,
  onSelect,
  heatTiers = NO_HEAT,
  clusters = false,
  hiddenGroups = NO_GROUPS,
  pixelRatio,
  basemap = null,
  theme = "light",
  animateBelts = false,
  fitPadding,
  onMap,
  organizationTiles = null,
  boundsOfUnit,
}: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const [loadedMap, setLoadedMap] = useState<maplibregl.Map | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const { t, i18n } = useTranslation();
  const tRef = useRef(t);
  tRef.current = t;
  const controlsLanguage = useRef<string | null>(null);
  const pixelRatioRef = useRef(pixelRatio);
  const onMapRef = useRef(onMap);
  onMapRef.current = onMap;
  const themeRef = useRef(theme);
  const tilesRef = useRef(organizationTiles);
  const tiled = tilesRef.current !== null;
  const fitPaddingRef = useRef(fitPadding);
  fitPaddingRef.current = fitPadding;
  // What the view is fitted to (the city, a unit): when the map's box changes before anyone has
  // moved the map (the 大屏's columns settling as its figures arrive), it is fitted again rather than
  // left off to one side. A user's own pan or zoom, or a flight to an organisation, ends this.
  const fitted = useRef<FitTarget | null>(null);

  // Create the map once; data and filters below update it in place.
  useEffect(() => {
    if (!container.current) return;
    const base = baseStyle(new URL(COUNTIES_URL, window.location.href).href, null, themeRef.current);
    const tiles = tilesRef.current;
    const map = new maplibregl.Map({
      container: container.current,
      style: tiles ? withOrganizationTiles(base, { ...tiles, url: absoluteTileUrl(tiles.url) }) : base,
      bounds: QUZHOU_BOUNDS,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      maxZoom: 17,
      // Labels appear at once: no fade-in to wait for before the map is idle.
      fadeDuration: 0,
      // The styles are this code's own, validated by its unit tests (layers.test.ts,
      // organization-tiles.test.ts); validating them again in the page cost its main thread ~0.1 s.
      validateStyle: false,
      locale: controlStrings(tRef.current),
      ...(pixelRatioRef.current === undefined ? {} : { pixelRatio: pixelRatioRef.current }),
    });
    window.beltmap = { map };
    fitted.current = { bounds: QUZHOU_BOUNDS, padding: fitPaddingRef.current ?? 24 };
    if (fitPaddingRef.current) fitWhereItFits(map, fitted.current, 0);
    map.on("resize", () => {
      if (fitted.current) fitWhereItFits(map, fitted.current, 0);
    });
    map.on("movestart", (event: { originalEvent?: unknown }) => {
      if (event.originalEvent) fitted.current = null;
    });
    addControls(map);
    map.addImage("star", starIcon(), { sdf: true });
    map.addImage("service-center", serviceCenterIcon(SERVICE_CENTER_COLOR));

    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 10 });
    let hovered: number | null = null;
    const setHover = (id: number | null) => {
      if (hovered !== null) map.setFeatureState(organizationFeature(hovered, tiles), { hover: false });
      hovered = id;
      if (id !== null) map.setFeatureState(organizationFeature(id, tiles), { hover: true });
    };
    const showTip = (at: maplibregl.LngLat, tooltip: { title: string; line: string }) => {
      popup.setLngLat(at).setHTML(`<strong></strong><div class="tooltip-line"></div>`).addTo(map);
      // Text content, never HTML: names come from data.
      const element = popup.getElement();
      const strong = element.querySelector("strong");
      const line = element.querySelector(".tooltip-line");
      if (strong) strong.textContent = tooltip.title;
      if (line) line.textContent = tooltip.line;
    };
    for (const layer of ORGANIZATION_LAYERS) {
      map.on("mousemove", layer, (event) => {
        const feature = event.features?.[0];
        if (!feature) return;
        map.getCanvas().style.cursor = "pointer";
        setHover(Number(feature.id));
        showTip(event.lngLat, organizationTooltip(feature.properties, tRef.current));
      });
      map.on("mouseleave", layer, () => {
        map.getCanvas().style.cursor = "";
        setHover(null);
        popup.remove();
      });
      map.on("click", layer, (event) => {
        const feature = event.features?.[0];
        if (feature) onSelectRef.current(Number(feature.id));
      });
    }
    // Sources can take data as soon as the style is parsed: the sites are tiled while the county
    // outlines are still loading, instead of after the whole first render ('load').
    const onStyle = () => {
      if (!map.getSource(SOURCES.organizations)) return;
      map.off("styledata", onStyle);
      setLoadedMap(map);
    };
    map.on("styledata", onStyle);
    // A cluster opens where it is clicked (a tile's cluster says at which zoom).
    map.on("click", CLUSTER_LAYERS.circles, (event) => {
      const feature = event.features?.[0];
      if (feature?.geometry.type !== "Point") return;
      const center = feature.geometry.coordinates as [number, number];
      const source = map.getSource(CLUSTER_SOURCE);
      const expansion =
        source instanceof maplibregl.GeoJSONSource
          ? source.getClusterExpansionZoom(Number(feature.properties.cluster_id))
          : Promise.resolve(Number(feature.properties.expansionZoom));
      void expansion.then((zoom) => map.easeTo({ center, zoom: zoom + 0.5 }));
    });
    // A belt's tip where no organisation is under the pointer (an organisation's tip wins).
    map.on("mousemove", LAYERS.beltCasing, (event) => {
      const feature = event.features?.[0];
      if (!feature || hovered !== null) return;
      showTip(event.lngLat, beltTooltip(feature.properties, tRef.current));
    });
    map.on("mouseleave", LAYERS.beltCasing, () => {
      if (hovered === null) popup.remove();
    });
    map.on("mousemove", LAYERS.serviceCenters, () => {
      map.getCanvas().style.cursor = "default";
    });

    // After each render settles, record what is actually drawn (tests and the status line read it).
    // Only features inside the visible container count: a collapsed map draws nothing. The count is
    // taken again only when something but the belts' moving dots changed (they settle ten times a
    // second on the 大屏, and a scan of every drawn feature is not free).
    let recount = true;
    map.on("data", (event) => {
      if (!("sourceId" in event && event.sourceId === SOURCES.beltFlow)) recount = true;
    });
    map.on("move", () => {
      recount = true;
    });
    map.on("resize", () => {
      recount = true;
    });
    map.on("idle", () => {
      const element = container.current;
      if (!element) return;
      if (recount) {
        recount = false;
        const inside = (f: maplibregl.MapGeoJSONFeature) =>
          isInside(map, f.geometry, element.clientWidth, element.clientHeight);
        const drawn = new Set(
          map
            .queryRenderedFeatures({ layers: ORGANIZATION_LAYERS })
            .filter(inside)
            .map((f) => f.id),
        );
        // Tiles' clusters stand for their members (each once, though a tile's edge repeats it).
        const clustered = tiles
          ? new Map(
              map
                .queryRenderedFeatures({ layers: [CLUSTER_LAYERS.circles] })
                .filter(inside)
                .map((f) => [f.properties.cluster_id, Number(f.properties.point_count)]),
            )
          : new Map<unknown, number>();
        const members = [...clustered.values()].reduce((sum, n) => sum + n, 0);
        element.setAttribute("data-drawn-organizations", String(drawn.size + members));
      }
      element.setAttribute("data-map-idle", "true");
    });
    map.on("render", () => container.current?.setAttribute("data-map-idle", "false"));

    return () => {
      popup.remove();
      removedMaps.add(map);
      map.remove();
      setLoadedMap(null);
      if (window.beltmap?.map === map) window.beltmap = undefined;
    };
  }, []);

  // The controls' own words follow the UI language: MapLibre reads them when a control is added.
  useEffect(() => {
    if (!loadedMap || i18n.language === controlsLanguage.current) return;
    const first = controlsLanguage.current === null;
    controlsLanguage.current = i18n.language;
    if (first) return; // made in this language already
    loadedMap._locale = { ...loadedMap._locale, ...controlStrings(tRef.current) };
    for (const control of controls.get(loadedMap) ?? []) loadedMap.removeControl(control);
    addControls(loadedMap);
  }, [loadedMap, i18n.language]);

  useSourceData(
    loadedMap,
    SOURCES.countyLabels,
    useMemo(() => countyLabelsToGeoJSON(counties), [counties]),
  );
  useSourceData(
    loadedMap,
    SOURCES.organizations,
    useMemo(() => organizationsToGeoJSON(organizations), [organizations]),
  );
  const townships = useMemo(() => townshipAreasToGeoJSON(townshipAreas), [townshipAreas]);
  useSourceData(loadedMap, SOURCES.townships, townships.areas);
  useSourceData(loadedMap, SOURCES.townshipLabels, townships.labels);
  const beltLines = useMemo(() => beltLinesToGeoJSON(belts), [belts]);
  useSourceData(loadedMap, SOURCES.beltLines, beltLines);
  useBeltFlow(loadedMap, animateBelts, beltLines);
  useSourceData(
    loadedMap,
    SOURCES.beltStops,
    useMemo(() => beltStopsToGeoJSON(belts), [belts]),
  );
  useSourceData(
    loadedMap,
    SOURCES.serviceCenters,
    useMemo(() => serviceCentersToGeoJSON(serviceCenters), [serviceCenters]),
  );

  // Clusters count what the filters show: the clustered source gets the shown organisations only.
  useSourceData(
    loadedMap,
    CLUSTER_SOURCE,
    useMemo(
      () => organizationsToGeoJSON(clusters ? organizations.filter((o) => isShown(o, unitId, tiers)) : []),
      [clusters, organizations, unitId, tiers],
    ),
  );

  useWhenLoaded(
    loadedMap,
    (map) => {
      for (const tier of TIERS)
        map.setLayoutProperty(heatLayerId(tier), "visibility", heatTiers.has(tier) ? "visible" : "none");
      // From tiles the low zooms are the server's clusters, always on; single points between them.
      if (!tiled) {
        for (const layer of Object.values(CLUSTER_LAYERS))
          map.setLayoutProperty(layer, "visibility", clusters ? "visible" : "none");
        // Under the clusters the single points wait until the clusters open.
        for (const layer of Object.keys(ORGANIZATION_LAYER_FILTERS))
          map.setLayerZoomRange(layer, clusters ? CLUSTER_MAX_ZOOM + 1 : 0, 24);
      }
      const opacity = heatTiers.size > 0 ? POINT_OPACITY_UNDER_HEAT : 1;
      map.setPaintProperty(LAYERS.organizations, "circle-opacity", opacity);
      map.setPaintProperty(LAYERS.organizations, "circle-stroke-opacity", opacity);
      map.setPaintProperty(LAYERS.specialTowns, "icon-opacity", opacity);
    },
    [heatTiers, clusters],
  );

  useWhenLoaded(
    loadedMap,
    (map) => {
      for (const group of LAYER_GROUP_NAMES)
        for (const layer of LAYER_GROUPS[group])
          map.setLayoutProperty(layer, "visibility", hiddenGroups.has(group) ? "none" : "visible");
    },
    [hiddenGroups],
  );

  useWhenLoaded(
    loadedMap,
    (map) => {
      const filter = organizationFilter(unitId, tiers);
      for (const [layer, base] of Object.entries(ORGANIZATION_LAYER_FILTERS)) {
        map.setFilter(layer, ["all", base, filter]);
      }
      // The heat follows the filters too: a unit's heat, not the city's, when a unit is chosen
      // (tiles hold only what the filters show: the server filtered them).
      if (!tiled)
        for (const tier of TIERS)
          map.setFilter(heatLayerId(tier), ["all", ["==", ["get", "tier"], tier], filter]);
      for (const layer of [
        LAYERS.beltCasing,
        LAYERS.beltLine,
        LAYERS.beltFlow,
        LAYERS.beltStopNumbers,
        LAYERS.serviceCenters,
        LAYERS.townshipLine,
        LAYERS.townshipLabel,
      ]) {
        map.setFilter(layer, unitFilter(unitId));
      }
    },
    [unitId, tiers],
  );

  // The basemap is added once known (meta.info answers after the map has started), beneath the
  // county fill, which turns into a light tint so the basemap shows; its attribution appears with it.
  useEffect(() => {
    if (!loadedMap || !basemap) return;
    const map = loadedMap;
    const { sources, layers } = basemapLayers(basemap);
    for (const [id, source] of Object.entries(sources)) map.addSource(id, source);
    for (const layer of layers) map.addLayer(layer, LAYERS.countyFill);
    map.setPaintProperty(LAYERS.countyFill, "fill-opacity", COUNTY_FILL_OPACITY.overBasemap);
    const attribution = new maplibregl.AttributionControl({ compact: true });
    map.addControl(attribution, "bottom-left");
    return () => {
      if (removedMaps.has(map)) return; // gone with everything on it
      map.removeControl(attribution);
      for (const layer of layers) map.removeLayer(layer.id);
      for (const id of Object.keys(sources)) map.removeSource(id);
      map.setPaintProperty(LAYERS.countyFill, "fill-opacity", COUNTY_FILL_OPACITY.alone);
    };
  }, [loadedMap, basemap]);

  useEffect(() => {
    onMapRef.current?.(loadedMap);
  }, [loadedMap]);

  useEffect(() => {
    if (loadedMap && pixelRatio !== undefined && loadedMap.getPixelRatio() !== pixelRatio)
      loadedMap.setPixelRatio(pixelRatio);
  }, [loadedMap, pixelRatio]);

  // The tiles of what the filters show now (the URL names them), or of new data. Changed only while
  // no tile is loading: MapLibre (6.x) finishes a tile that was loading when the tiles changed from
  // the old URL's data and keeps it (a unit chosen and at once unchosen left that unit's points).
  const tileUrl = organizationTiles?.url;
  useEffect(() => {
    const map = loadedMap;
    const source = map?.getSource(SOURCES.organizations);
    if (!map || !tileUrl || !(source instanceof maplibregl.VectorTileSource)) return;
    const url = absoluteTileUrl(tileUrl);
    const apply = (): boolean => {
      // Undefined until the source has read its first tiles from the style.
      const current: readonly string[] | undefined = source.tiles;
      if (current?.[0] === url) return true;
      if (!map.isSourceLoaded(SOURCES.organizations)) return false;
      source.setTiles([url]);
      return true;
    };
    if (apply()) return;
    const onData = (event: maplibregl.MapSourceDataEvent) => {
      if (event.sourceId === SOURCES.organizations && apply()) map.off("sourcedata", onData);
    };
    map.on("sourcedata", onData);
    return () => {
      map.off("sourcedata", onData);
    };
  }, [loadedMap, tileUrl]);

  // Ring the selected organisation.
  useEffect(() => {
    if (!loadedMap || selectedId === null) return;
    const target = organizationFeature(selectedId, tilesRef.current);
    loadedMap.setFeatureState(target, { selected: true });
    return () => {
      if (loadedMap.getSource(SOURCES.organizations)) loadedMap.setFeatureState(target, { selected: false });
    };
  }, [loadedMap, selectedId]);

  // Each request flies once: new organisations for the same request (another cycle played back) do
  // not fly again, the view stays where the user put it.
  const flown = useRef<{ id: number } | null>(null);
  useEffect(() => {
    if (!loadedMap || !flyTo || flown.current === flyTo) return;
    const { lng, lat } = flyTo;
    const organization =
      lng !== undefined && lat !== undefined ? { lng, lat } : organizations.find((o) => o.id === flyTo.id);
    if (!organization) return;
    flown.current = flyTo;
    fitted.current = null; // the organisation is what the view is about now
    loadedMap.flyTo({
      center: [organization.lng, organization.lat],
      zoom: Math.max(loadedMap.getZoom(), 12),
    });
  }, [loadedMap, flyTo, organizations]);

  // Fly to the chosen unit's organisations, or back to the whole city (not at start: it is there).
  const flownFor = useRef<string | null>(null);
  useWhenLoaded(
    loadedMap,
    (map) => {
      if (flownFor.current === unitId) return;
      const bounds =
        unitId === null
          ? QUZHOU_BOUNDS
          : boundsOfUnit
            ? boundsOfUnit(unitId)
            : unitBounds(organizations, unitId, counties);
      // A view opened on a unit (from a link) flies once its organisations have arrived.
      if (!bounds) return;
      flownFor.current = unitId;
      fitted.current = { bounds, padding: fitPaddingRef.current ?? FIT_PADDING };
      fitWhereItFits(map, fitted.current, 800);
    },
    [unitId, organizations.length > 0, boundsOfUnit],
  );

  return <div ref={container} className="map" data-testid="map" data-map-idle="false" />;
}

type FitTarget = {
  bounds: [number, number, number, number];
  padding: number | maplibregl.PaddingOptions;
};

/**
 * Fits the map to `target`, with its padding where the box leaves room for it; in a box too small
 * for it (not laid out yet, a phone) with a narrow margin instead, rather than not at all.
 */
function fitWhereItFits(map: maplibregl.Map, { bounds, padding }: FitTarget, duration: number): void {
  const { clientWidth: width, clientHeight: height } = map.getContainer();
  const sides =
    typeof padding === "number"
      ? { top: padding, right: padding, bottom: padding, left: padding }
      : { top: 0, right: 0, bottom: 0, left: 0, ...padding };
  const room =
    width - sides.left - sides.right > MIN_FITTED_PX && height - sides.top - sides.bottom > MIN_FITTED_PX;
  map.fitBounds(bounds, { padding: room ? padding : 16, maxZoom: 12, duration });
}

/** The least room, in pixels each way, a fitted city or unit is drawn in. */
const MIN_FITTED_PX = 120;

const controls = new WeakMap<maplibregl.Map, maplibregl.IControl[]>();

/** Maps already removed (unmounted): the effects' cleanups leave them alone. */
const removedMaps = new WeakSet<maplibregl.Map>();

function addControls(map: maplibregl.Map): void {
  const navigation = new maplibregl.NavigationControl({ showCompass: false });
  const scale = new maplibregl.ScaleControl({ unit: "metric" });
  map.addControl(navigation, "top-right");
  map.addControl(scale, "bottom-right");
  controls.set(map, [navigation, scale]);
}

function isInside(map: maplibregl.Map, geometry: GeoJSON.Geometry, width: number, height: number): boolean {
  if (geometry.type !== "Point") return false;
  const point = map.project(geometry.coordinates as [number, number]);
  return point.x >= 0 && point.y >= 0 && point.x <= width && point.y <= height;
}

/**
 * Puts `data` into a GeoJSON source once the map has loaded, and whenever it changes (a source
 * drawn from tiles, or none, is left alone).
 */
function useSourceData(map: maplibregl.Map | null, sourceId: string, data: GeoJSON.FeatureCollection) {
  useEffect(() => {
    const source = map?.getSource(sourceId);
    if (source instanceof maplibregl.GeoJSONSource) source.setData(data);
  }, [map, sourceId, data]);
}

/** An organisation's feature, for its hover and selected state: in the tiles' layer when tiled. */
function organizationFeature(id: number, tiles: OrganizationTiles | null): maplibregl.FeatureIdentifier {
  return tiles
    ? { source: SOURCES.organizations, sourceLayer: TILE_SOURCE_LAYER, id }
    : { source: SOURCES.organizations, id };
}

/**
 * Moves the belts' dots a step at a time while `on`: each step waits until the map has taken the
 * last one (its source loaded) and FLOW_STEP_MS more, so the map still settles between steps (idle)
 * however slow the machine, and a flight or a drag is never slowed by it (the dots wait). Off, or
 * for a viewer who asks for reduced motion, the belts stand still.
 */
function useBeltFlow(map: maplibregl.Map | null, on: boolean, lines: ReturnType<typeof beltLinesToGeoJSON>) {
  useEffect(() => {
    if (!map || !on || prefersReducedMotion()) return;
    const source = map.getSource<maplibregl.GeoJSONSource>(SOURCES.beltFlow);
    if (!source) return;
    let stopped = false;
    let timer = 0;
    let onSourceData: ((event: maplibregl.MapSourceDataEvent) => void) | null = null;
    // Only the 大屏 moves its belts: the other pages never load the code.
    void import("./belt-flow.ts").then(({ FLOW_STEP_MS, flowPaths, flowPoints }) => {
      if (stopped) return;
      const paths = flowPaths(lines);
      const step = () => {
        if (map.isMoving()) {
          timer = window.setTimeout(step, FLOW_STEP_MS);
          return;
        }
        source.setData(flowPoints(paths, performance.now()));
      };
      onSourceData = (event) => {
        if (event.sourceId !== SOURCES.beltFlow || !event.isSourceLoaded) return;
        window.clearTimeout(timer);
        timer = window.setTimeout(step, FLOW_STEP_MS);
      };
      map.on("sourcedata", onSourceData);
      step();
    });
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      if (onSourceData) map.off("sourcedata", onSourceData);
      if (!removedMaps.has(map)) source.setData({ type: "FeatureCollection", features: [] });
    };
  }, [map, on, lines]);
}

/** Runs `apply` once the map has loaded, and again whenever `deps` change. */
function useWhenLoaded(
  map: maplibregl.Map | null,
  apply: (map: maplibregl.Map) => void,
  deps: React.DependencyList,
) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `apply` reads
  useEffect(() => {
    if (map) apply(map);
  }, [map, ...deps]);
}
