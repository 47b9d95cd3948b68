// The bare MapLibre page of the transport benchmark, and the code it runs in the browser. The
// functions below are serialised into the page (loadMap) or sent by Playwright (interact), so they
// use nothing but their arguments and the page's globals.
import type * as MapLibre from "maplibre-gl";
import { type BinaryHeader, BOX, NO_TOTAL } from "./points.ts";
import { CLUSTER_MAX_ZOOM, TILE_LAYER, TILE_MAX_ZOOM } from "./tiles.ts";

export const TRANSPORTS = ["geojson", "binary", "tiles"] as const;
export type Transport = (typeof TRANSPORTS)[number];

export type LoadResult = {
  /** From navigation start to the first `idle` with the organisations drawn. */
  idleMs: number;
  /** From navigation start to the organisations parsed or decoded in the page (not for tiles). */
  dataMs: number | null;
  /** Main-thread long tasks that began before the idle. */
  longTaskMs: number;
  /** Organisations drawn in view (a cluster counts its points). */
  drawn: number;
};

export type FrameResult = { frames: number; p95Ms: number; maxMs: number; durationMs: number };

/** One scripted move, each lasting STEP_MS; the page waits for `idle` after it. */
export type Step =
  | { panBy: [number, number] }
  | { zoomTo: number }
  | { easeTo: { center: [number, number]; zoom: number } }
  | { fitBounds: [number, number, number, number] };
export const STEP_MS = 500;

declare global {
  interface Window {
    benchLongTasks: { start: number; duration: number }[];
    benchMap?: MapLibre.Map;
    benchLoaded?: Promise<LoadResult>;
  }
}

type PageSettings = {
  box: [number, number, number, number];
  tierColors: [string, string][];
  noneColor: string;
  noTotal: number;
  tileLayer: string;
  tileMaxZoom: number;
  clusterMaxZoom: number;
};

const SETTINGS: PageSettings = {
  box: BOX,
  // The app's Okabe–Ito tier colours (apps/web/src/map/palette.ts).
  tierColors: [
    ["DEMONSTRATION", "#0072B2"],
    ["CONSOLIDATION", "#009E73"],
    ["IMPROVEMENT", "#F0E442"],
    ["WARNING", "#D55E00"],
  ],
  noneColor: "#9a9a9a",
  noTotal: NO_TOTAL,
  tileLayer: TILE_LAYER,
  tileMaxZoom: TILE_MAX_ZOOM,
  clusterMaxZoom: CLUSTER_MAX_ZOOM,
};

export function pageHtml(transport: Transport): string {
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>html, body, #map { margin: 0; width: 100%; height: 100%; }</style>
<script>
  // Observing from the very start: MapLibre's own parse and start-up count too.
  window.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.benchLongTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  // tsx compiles with esbuild's keepNames: serialised functions call its __name helper.
  var __name = (f) => f;
</script>
<script type="module">
  import * as maplibregl from "/maplibre/maplibre-gl.mjs";
  maplibregl.setWorkerUrl(new URL("/maplibre/maplibre-gl-worker.mjs", location.href).href);
  window.benchLoaded = (${loadMap.toString()})(maplibregl, ${JSON.stringify(transport)}, ${JSON.stringify(SETTINGS)});
</script>
</head>
<body><div id="map"></div></body>
</html>`;
}

/** Runs in the page: the map, its data in `transport`, and what the load cost. */
async function loadMap(
  maplibregl: typeof MapLibre,
  transport: Transport,
  settings: PageSettings,
): Promise<LoadResult> {
  // Asked for before the map exists, as an app would, so fetching overlaps MapLibre's start-up.
  const features =
    transport === "geojson"
      ? fetch("/orgs.geojson").then((r) => r.json() as Promise<GeoJSON.FeatureCollection>)
      : transport === "binary"
        ? fetch("/orgs.bin").then(async (r) => fromBinary(await r.arrayBuffer()))
        : null;

  function fromBinary(buffer: ArrayBuffer): GeoJSON.FeatureCollection {
    const headerLength = new DataView(buffer).getUint32(0, true);
    const header = JSON.parse(
      new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)),
    ) as BinaryHeader;
    const { count, offsets } = header;
    const ids = new Int32Array(buffer, offsets.id, count);
    const lngs = new Uint16Array(buffer, offsets.lng, count);
    const lats = new Uint16Array(buffer, offsets.lat, count);
    const totals = new Uint16Array(buffer, offsets.total, count);
    const units = new Uint16Array(buffer, offsets.unit, count);
    const tiers = new Uint8Array(buffer, offsets.tier, count);
    const flags = new Uint8Array(buffer, offsets.flags, count);
    const [west, south, east, north] = header.box;
    const out: GeoJSON.Feature[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const id = ids[i] as number;
      const total = totals[i] as number;
      const flag = flags[i] as number;
      out[i] = {
        type: "Feature",
        id,
        geometry: {
          type: "Point",
          coordinates: [
            west + ((lngs[i] as number) / 65535) * (east - west),
            south + ((lats[i] as number) / 65535) * (north - south),
          ],
        },
        properties: {
          id,
          tier: header.tiers[tiers[i] as number],
          official: (flag & 1) === 1,
          total: total === settings.noTotal ? null : total / 2,
          unitId: header.units[units[i] as number],
          kind: header.kinds[flag >> 1],
        },
      };
    }
    return { type: "FeatureCollection", features: out };
  }

  const tierColor: MapLibre.ExpressionSpecification = [
    "match",
    ["get", "tier"],
    ...settings.tierColors.flat(),
    settings.noneColor,
  ] as unknown as MapLibre.ExpressionSpecification;
  const pointPaint: MapLibre.CircleLayerSpecification["paint"] = {
    "circle-radius": 3,
    "circle-color": tierColor,
    "circle-stroke-width": ["case", ["==", ["get", "official"], true], 1, 0],
    "circle-stroke-color": "#ffffff",
  };
  const vector = transport === "tiles";
  const sourceLayer = vector ? { "source-layer": settings.tileLayer } : {};
  const map = new maplibregl.Map({
    container: "map",
    style: {
      version: 8,
      sources: {
        orgs: vector
          ? {
              type: "vector",
              tiles: [`${location.origin}/tiles/{z}/{x}/{y}.pbf`],
              maxzoom: settings.tileMaxZoom,
            }
          : { type: "geojson", data: { type: "FeatureCollection", features: [] } },
      },
      layers: [
        { id: "bg", type: "background", paint: { "background-color": "#eef" } },
        {
          id: "clusters",
          type: "circle",
          source: "orgs",
          ...sourceLayer,
          filter: ["has", "point_count"],
          paint: {
            "circle-radius": ["interpolate", ["linear"], ["get", "point_count"], 2, 8, 100, 16, 2000, 28],
            "circle-color": "#5b7db1",
            "circle-opacity": 0.8,
            "circle-stroke-width": 1,
            "circle-stroke-color": "#ffffff",
          },
        },
        {
          id: "points",
          type: "circle",
          source: "orgs",
          ...sourceLayer,
          filter: ["!", ["has", "point_count"]],
          paint: pointPaint,
        },
      ],
    },
    bounds: settings.box,
    fitBoundsOptions: { padding: 24 },
    attributionControl: false,
    maxZoom: 17,
    fadeDuration: 0,
  });
  window.benchMap = map;
  const next = (event: "style.load" | "idle") => map.once(event) as Promise<unknown>;
  // The style is parsed a frame after the map is made; its sources exist only from then on.
  const styled = next("style.load");

  let dataMs: number | null = null;
  if (features) {
    const data = await features;
    dataMs = performance.now();
    await styled;
    map.getSource<MapLibre.GeoJSONSource>("orgs")?.setData(data);
  }
  await next("idle");
  const idleMs = performance.now();

  const drawn = new Map<string | number, number>();
  for (const f of map.queryRenderedFeatures({ layers: ["clusters", "points"] })) {
    drawn.set(f.id ?? JSON.stringify(f.geometry), Number(f.properties.point_count ?? 1));
  }
  // A long task is reported once it has ended: let the one the idle event ran in come in.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    idleMs,
    dataMs,
    longTaskMs: window.benchLongTasks.filter((t) => t.start < idleMs).reduce((sum, t) => sum + t.duration, 0),
    drawn: [...drawn.values()].reduce((sum, n) => sum + n, 0),
  };
}

/** Runs in the page after loadMap: the steps one after another, timing every animation frame. */
export async function interact({ steps, stepMs }: { steps: Step[]; stepMs: number }): Promise<FrameResult> {
  const map = window.benchMap;
  if (!map) throw new Error("no map to move");
  const deltas: number[] = [];
  let running = true;
  let last = 0;
  const tick = (now: number) => {
    if (last > 0) deltas.push(now - last);
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const started = performance.now();
  for (const step of steps) {
    const idle = map.once("idle") as Promise<unknown>;
    const options = { duration: stepMs };
    if ("panBy" in step) map.panBy(step.panBy, options);
    else if ("zoomTo" in step) map.zoomTo(step.zoomTo, options);
    else if ("easeTo" in step) map.easeTo({ ...step.easeTo, ...options });
    else map.fitBounds(step.fitBounds, { ...options, padding: 24 });
    await idle;
  }
  running = false;
  const durationMs = performance.now() - started;
  deltas.sort((a, b) => a - b);
  return {
    frames: deltas.length,
    p95Ms: deltas[Math.min(deltas.length - 1, Math.ceil(deltas.length * 0.95) - 1)] ?? Number.NaN,
    maxMs: deltas[deltas.length - 1] ?? Number.NaN,
    durationMs,
  };
}
