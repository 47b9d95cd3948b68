// Still pictures of belts for the print sheet: one MapLibre map, offscreen and without interaction
// or controls, drawn for one belt after another and read back as PNG. One WebGL context for any
// number of belts (browsers allow only a few), and <img>s that print like any picture.
// Loaded by BeltPrintPage with import(): MapLibre stays out of the app's main bundle.
import "maplibre-gl/dist/maplibre-gl.css";
import { beltColor, stopLabel } from "@beltmap/domain";
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { COUNTY_FILL_COLOR, COUNTY_LINE_COLOR } from "../map/palette.ts";

maplibregl.setWorkerUrl(workerUrl);

/** Served by apps/server from packages/geo, as for the main map. */
const COUNTIES_URL = "/geo/quzhou-counties.geojson";
/** Quzhou as a whole: [west, south, east, north]. */
const QUZHOU_BOUNDS: [number, number, number, number] = [118.0, 28.25, 119.35, 29.5];

/** What a picture shows: the stops in visiting order, of the belt at `index` in its unit's plan. */
export type BeltMapInput = {
  /** The belt's place in its unit's plan: its colour and its stops' labels (A1, A2…). */
  index: number;
  stops: readonly { lng: number; lat: number }[];
  roundTrip: boolean;
};

export type BeltMapRenderer = {
  /** A PNG data URL of the belt fitted into the picture; one call at a time. */
  render(belt: BeltMapInput): Promise<string>;
  /** Frees the map and its WebGL context; later renders fail. */
  dispose(): void;
};

export type BeltMapOptions = {
  /** CSS pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel: 2 or more prints sharp. */
  pixelRatio?: number;
  /** Give up on a belt whose map is not drawn by then. */
  timeoutMs?: number;
};

const SOURCES = { counties: "counties", route: "route", stops: "stops" } as const;
const MARKER_PIXEL_RATIO = 2;
const MARKER_SIZE = 24; // CSS pixels
const EMPTY: GeoJSON.FeatureCollection = { type: "FeatureCollection", features: [] };

function style(countiesUrl: string): maplibregl.StyleSpecification {
  // No glyphs: the numbers are drawn into the marker images, so nothing is fetched but the outlines.
  return {
    version: 8,
    sources: {
      [SOURCES.counties]: { type: "geojson", data: countiesUrl },
      [SOURCES.route]: { type: "geojson", data: EMPTY },
      [SOURCES.stops]: { type: "geojson", data: EMPTY },
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#dfe7ee" } },
      {
        id: "county-fill",
        type: "fill",
        source: SOURCES.counties,
        paint: { "fill-color": COUNTY_FILL_COLOR, "fill-opacity": 0.95 },
      },
      {
        id: "county-line",
        type: "line",
        source: SOURCES.counties,
        paint: { "line-color": COUNTY_LINE_COLOR, "line-width": 1.6 },
      },
      {
        id: "route-casing",
        type: "line",
        source: SOURCES.route,
        layout: { "line-join": "round", "line-cap": "round" },
        paint: { "line-color": "#ffffff", "line-width": 7 },
      },
      {
        id: "route",
        type: "line",
        source: SOURCES.route,
        layout: { "line-join": "round", "line-cap": "round" },
        paint: { "line-color": ["get", "color"], "line-width": 3.5 },
      },
      {
        id: "stops",
        type: "symbol",
        source: SOURCES.stops,
        layout: {
          "icon-image": ["concat", "stop-", ["get", "label"]],
          "icon-allow-overlap": true,
          "icon-ignore-placement": true,
          // The first stop on top where markers overlap.
          "symbol-sort-key": ["-", 0, ["get", "number"]],
        },
      },
    ],
  };
}

/** A labelled stop: its label (A1) in white on a disc of the belt's colour, ringed in white. */
function markerImage(text: string, color: string): ImageData {
  const size = MARKER_SIZE * MARKER_PIXEL_RATIO;
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("2D canvas unavailable");
  const r = size / 2;
  ctx.beginPath();
  ctx.arc(r, r, r - 2 * MARKER_PIXEL_RATIO, 0, 2 * Math.PI);
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 2 * MARKER_PIXEL_RATIO;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
  const fontPx = (text.length >= 3 ? 9 : text.length === 2 ? 11 : 13) * MARKER_PIXEL_RATIO;
  ctx.font = `700 ${fontPx}px system-ui, "Helvetica Neue", Arial, sans-serif`;
  ctx.fillStyle = "#ffffff";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(text, r, r + 0.5 * MARKER_PIXEL_RATIO);
  return ctx.getImageData(0, 0, size, size);
}

function routeData(belt: BeltMapInput): GeoJSON.FeatureCollection {
  const coordinates = belt.stops.map((s) => [s.lng, s.lat]);
  const first = coordinates[0];
  if (belt.roundTrip && first && coordinates.length >= 2) coordinates.push(first);
  return {
    type: "FeatureCollection",
    features:
      coordinates.length >= 2
        ? [
            {
              type: "Feature",
              geometry: { type: "LineString", coordinates },
              properties: { color: beltColor(belt.index) },
            },
          ]
        : [],
  };
}

function stopsData(belt: BeltMapInput): GeoJSON.FeatureCollection {
  return {
    type: "FeatureCollection",
    features: belt.stops.map((s, i) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [s.lng, s.lat] },
      properties: { number: i + 1, label: stopLabel(belt.index, i) },
    })),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** One offscreen map for a series of belt pictures; `dispose()` when done. */
export function createBeltMapRenderer({
  width,
  height,
  pixelRatio = 2,
  timeoutMs = 30_000,
}: BeltMapOptions): BeltMapRenderer {
  const container = document.createElement("div");
  container.setAttribute("aria-hidden", "true");
  // Laid out (MapLibre sizes its canvas from the container) but out of sight and out of print.
  Object.assign(container.style, {
    position: "fixed",
    left: "-10000px",
    top: "0",
    width: `${width}px`,
    height: `${height}px`,
    pointerEvents: "none",
  });
  container.className = "belt-map-offscreen";
  // Drawn to be read back as pictures, never looked at or read out as it is.
  container.setAttribute("aria-hidden", "true");
  document.body.append(container);

  let map: maplibregl.Map | null = null;
  let loaded: Promise<unknown> | null = null;
  let disposed = false;
  const markers = new Set<string>();

  function ensureMap(): { map: maplibregl.Map; loaded: Promise<unknown> } {
    if (!map || !loaded) {
      map = new maplibregl.Map({
        container,
        style: style(new URL(COUNTIES_URL, window.location.href).href),
        bounds: QUZHOU_BOUNDS,
        interactive: false,
        attributionControl: false,
        trackResize: false,
        renderWorldCopies: false,
        fadeDuration: 0,
        pixelRatio,
        // Read back after drawing: keep the drawing buffer rather than clearing it once shown.
        canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      });
      loaded = map.once("load");
    }
    return { map, loaded };
  }

  async function draw(belt: BeltMapInput): Promise<string> {
    const current = ensureMap();
    await current.loaded;
    if (disposed) throw new Error("renderer disposed");
    const m = current.map;
    belt.stops.forEach((_, i) => {
      const label = stopLabel(belt.index, i);
      if (markers.has(label)) return;
      m.addImage(`stop-${label}`, markerImage(label, beltColor(belt.index)), {
        pixelRatio: MARKER_PIXEL_RATIO,
      });
      markers.add(label);
    });
    m.getSource<maplibregl.GeoJSONSource>(SOURCES.route)?.setData(routeData(belt));
    m.getSource<maplibregl.GeoJSONSource>(SOURCES.stops)?.setData(stopsData(belt));
    const padding = { top: 40, bottom: 40, left: 48, right: 48 };
    const [first] = belt.stops;
    if (belt.stops.length === 1 && first) {
      m.jumpTo({ center: [first.lng, first.lat], zoom: 12 });
    } else if (first) {
      const bounds = new maplibregl.LngLatBounds([first.lng, first.lat], [first.lng, first.lat]);
      for (const s of belt.stops) bounds.extend([s.lng, s.lat]);
      const camera = m.cameraForBounds(bounds, { padding, maxZoom: 14 });
      if (camera) m.jumpTo(camera);
    } else {
      m.fitBounds(QUZHOU_BOUNDS, { padding: 16, duration: 0 });
    }
    const idle = m.once("idle");
    m.triggerRepaint();
    await idle;
    if (disposed) throw new Error("renderer disposed");
    return m.getCanvas().toDataURL("image/png");
  }

  return {
    render(belt) {
      if (disposed) return Promise.reject(new Error("renderer disposed"));
      return withTimeout(draw(belt), timeoutMs, "timed out drawing the map");
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      // MapLibre frees its WebGL context on remove.
      map?.remove();
      container.remove();
    },
  };
}
