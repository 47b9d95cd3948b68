import { routeLengthKm } from "@beltmap/domain";
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from "maplibre-gl";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

const SOURCE = "measure";
const LINE = "measure-line";
const POINTS = "measure-points";
type Point = [lng: number, lat: number];

/**
 * 测距: while on, each click on the map adds a point and the straight-line distance along them is
 * shown (as belt lengths are: great-circle km between points). Clicks then measure rather than
 * select; turning it off or 清除 removes the line.
 */
export function MeasureTool({
  map,
  active,
  onActive,
}: {
  map: () => MapLibreMap | null;
  active: boolean;
  onActive: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  const [points, setPoints] = useState<Point[]>([]);
  // The getter may be a new function on every render; the map behind it is what counts.
  const mapOf = useRef(map);
  mapOf.current = map;

  useEffect(() => {
    const live = mapOf.current();
    if (!live || !active) return;
    if (!live.getSource(SOURCE)) {
      live.addSource(SOURCE, { type: "geojson", data: { type: "FeatureCollection", features: [] } });
      live.addLayer({
        id: LINE,
        type: "line",
        source: SOURCE,
        paint: { "line-color": "#c8102e", "line-width": 2.5, "line-dasharray": [2, 1.5] },
      });
      live.addLayer({
        id: POINTS,
        type: "circle",
        source: SOURCE,
        filter: ["==", ["geometry-type"], "Point"],
        paint: {
          "circle-radius": 5,
          "circle-color": "#ffffff",
          "circle-stroke-color": "#c8102e",
          "circle-stroke-width": 2,
        },
      });
    }
    const canvas = live.getCanvas();
    canvas.style.cursor = "crosshair";
    const onClick = (event: MapMouseEvent) => setPoints((p) => [...p, [event.lngLat.lng, event.lngLat.lat]]);
    live.on("click", onClick);
    return () => {
      live.off("click", onClick);
      canvas.style.cursor = "";
      for (const layer of [LINE, POINTS]) if (live.getLayer(layer)) live.removeLayer(layer);
      if (live.getSource(SOURCE)) live.removeSource(SOURCE);
      setPoints([]);
    };
  }, [active]);

  useEffect(() => {
    const source = mapOf.current()?.getSource<GeoJSONSource>(SOURCE);
    source?.setData({
      type: "FeatureCollection",
      features: [
        ...points.map((coordinates) => ({
          type: "Feature" as const,
          geometry: { type: "Point" as const, coordinates },
          properties: {},
        })),
        ...(points.length >= 2
          ? [
              {
                type: "Feature" as const,
                geometry: { type: "LineString" as const, coordinates: points },
                properties: {},
              },
            ]
          : []),
      ],
    });
  }, [points]);

  const km = routeLengthKm(points, false);
  return (
    <div className="measure-tool">
      <button
        type="button"
        className={active ? "button small primary" : "button small"}
        aria-pressed={active}
        onClick={() => onActive(!active)}
        data-testid="measure-toggle"
      >
        {t("map.measure")}
      </button>
      {active && (
        <span className="measure-readout" role="status" data-testid="measure-readout">
          {points.length < 2 ? t("map.measureHint") : t("map.measured", { km: km.toFixed(2) })}
          {points.length > 0 && (
            <button type="button" className="link-button" onClick={() => setPoints([])}>
              {t("map.measureClear")}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
