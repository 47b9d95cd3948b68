import "maplibre-gl/dist/maplibre-gl.css";
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { controlStrings } from "../map/control-strings.ts";
import { boundsOf } from "../map/features.ts";
import { serviceCenterIcon, starIcon } from "../map/icons.ts";
import { SERVICE_CENTER_COLOR } from "../map/palette.ts";
import { PLAN_LAYERS, PLAN_SOURCES, planStyle } from "./plan-layers.ts";

maplibregl.setWorkerUrl(workerUrl);

const COUNTIES_URL = "/geo/quzhou-counties.geojson";
const QUZHOU_BOUNDS: [number, number, number, number] = [118.0, 28.25, 119.35, 29.5];
const CLICKABLE = [PLAN_LAYERS.sites, PLAN_LAYERS.specialTowns];
const CLICK_SLACK_PX = 4;

export type PlanMapData = {
  countyLabels: GeoJSON.FeatureCollection;
  countyStatus: ReadonlyMap<string, "pass" | "fail">;
  versionLines: GeoJSON.FeatureCollection;
  beltLines: GeoJSON.FeatureCollection;
  beltStops: GeoJSON.FeatureCollection;
  sites: GeoJSON.FeatureCollection;
  changes: GeoJSON.FeatureCollection;
  centers: GeoJSON.FeatureCollection;
};

export type PlanMapProps = {
  data: PlanMapData;
  /** Fly so that these points are in view; a new object flies again. */
  focus: { points: readonly { lng: number; lat: number }[] } | null;
  /** Clicks on empty map place something (the service center): a crosshair shows it. */
  placing: boolean;
  onSiteClick: (organizationId: number) => void;
  onMapClick: (lngLat: { lng: number; lat: number }) => void;
};

/** The planner's map: county tints, belts with numbered stops, candidate sites, the service center. */
export function PlanMap({ data, focus, placing, onSiteClick, onMapClick }: PlanMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const { t } = useTranslation();
  // The controls' strings are fixed when the map is made: the page remakes the map in another language.
  const locale = useRef(controlStrings(t));
  const handlers = useRef({ onSiteClick, onMapClick, placing });
  handlers.current = { onSiteClick, onMapClick, placing };

  useEffect(() => {
    if (!container.current) return;
    const instance = new maplibregl.Map({
      container: container.current,
      style: planStyle(new URL(COUNTIES_URL, window.location.href).href),
      bounds: QUZHOU_BOUNDS,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      maxZoom: 17,
      fadeDuration: 0,
      locale: locale.current,
      // The print sheet and tests read the canvas.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    window.beltmap = { map: instance };
    instance.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    instance.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
    instance.addImage("star", starIcon(), { sdf: true });
    instance.addImage("service-center", serviceCenterIcon(SERVICE_CENTER_COLOR));

    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, offset: 10 });
    for (const layer of CLICKABLE) {
      instance.on("mousemove", layer, (event) => {
        const feature = event.features?.[0];
        if (!feature) return;
        instance.getCanvas().style.cursor = "pointer";
        popup
          .setLngLat(event.lngLat)
          .setText(String(feature.properties.name ?? ""))
          .addTo(instance);
      });
      instance.on("mouseleave", layer, () => {
        instance.getCanvas().style.cursor = handlers.current.placing ? "crosshair" : "";
        popup.remove();
      });
    }
    instance.on("click", (event) => {
      // A few pixels of slack: small circles are hard to hit exactly.
      const { x, y } = event.point;
      const box: [maplibregl.PointLike, maplibregl.PointLike] = [
        [x - CLICK_SLACK_PX, y - CLICK_SLACK_PX],
        [x + CLICK_SLACK_PX, y + CLICK_SLACK_PX],
      ];
      const site = nearest(instance, instance.queryRenderedFeatures(box, { layers: CLICKABLE }), event.point);
      if (site) handlers.current.onSiteClick(Number(site.properties.id));
      else handlers.current.onMapClick({ lng: event.lngLat.lng, lat: event.lngLat.lat });
    });
    const onStyle = () => {
      if (!instance.getSource(PLAN_SOURCES.sites)) return;
      instance.off("styledata", onStyle);
      setMap(instance);
    };
    instance.on("styledata", onStyle);
    instance.on("idle", () => container.current?.setAttribute("data-map-idle", "true"));
    instance.on("render", () => container.current?.setAttribute("data-map-idle", "false"));
    return () => {
      popup.remove();
      instance.remove();
      setMap(null);
      if (window.beltmap?.map === instance) window.beltmap = undefined;
    };
  }, []);

  useEffect(() => {
    if (!map) return;
    const set = (id: string, value: GeoJSON.FeatureCollection) =>
      map.getSource<maplibregl.GeoJSONSource>(id)?.setData(value);
    set(PLAN_SOURCES.countyLabels, data.countyLabels);
    set(PLAN_SOURCES.versionLines, data.versionLines);
    set(PLAN_SOURCES.beltLines, data.beltLines);
    set(PLAN_SOURCES.beltStops, data.beltStops);
    set(PLAN_SOURCES.sites, data.sites);
    set(PLAN_SOURCES.changes, data.changes);
    set(PLAN_SOURCES.centers, data.centers);
  }, [map, data]);

  // The county tint is feature state: it needs the outlines loaded, which may come after the style.
  useEffect(() => {
    if (!map) return;
    const apply = () => {
      if (!map.isSourceLoaded(PLAN_SOURCES.counties)) return false;
      map.removeFeatureState({ source: PLAN_SOURCES.counties });
      for (const [code, status] of data.countyStatus)
        map.setFeatureState({ source: PLAN_SOURCES.counties, id: code }, { status });
      return true;
    };
    if (apply()) return;
    const onData = () => {
      if (apply()) map.off("sourcedata", onData);
    };
    map.on("sourcedata", onData);
    return () => {
      map.off("sourcedata", onData);
    };
  }, [map, data.countyStatus]);

  useEffect(() => {
    if (map) map.getCanvas().style.cursor = placing ? "crosshair" : "";
  }, [map, placing]);

  useEffect(() => {
    if (!map || !focus) return;
    const bounds = boundsOf(focus.points);
    if (!bounds) return;
    // The panels beside the map may have just appeared: measure the container before fitting.
    map.resize();
    map.fitBounds(bounds, { padding: 80, maxZoom: 13, duration: 700 });
  }, [map, focus]);

  return <div ref={container} className="map plan-map" data-testid="plan-map" data-map-idle="false" />;
}

/** Of the features near a click, the one drawn closest to it. */
function nearest(
  map: maplibregl.Map,
  features: maplibregl.MapGeoJSONFeature[],
  at: maplibregl.Point,
): maplibregl.MapGeoJSONFeature | undefined {
  let best: maplibregl.MapGeoJSONFeature | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const feature of features) {
    if (feature.geometry.type !== "Point") continue;
    const distance = map.project(feature.geometry.coordinates as [number, number]).dist(at);
    if (distance < bestDistance) [best, bestDistance] = [feature, distance];
  }
  return best;
}
