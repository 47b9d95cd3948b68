// The benchmark's own HTTP server (node:http, nothing else): the page, MapLibre's files, and the
// organisations of the current data set in each transport. Everything is sent uncompressed: on
// loopback the wire costs nothing either way, and the gzipped sizes are reported apart.
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pageHtml, TRANSPORTS, type Transport } from "./page.ts";
import { encodeTile, type TileIndex } from "./tiles.ts";

export type DataSet = { geojson: Buffer; binary: Buffer; tiles: TileIndex };
/** A tile as served: its body (to measure) and the time it took to cut and encode. */
export type ServedTile = { path: string; body: Uint8Array; encodeMs: number };

export type BenchServer = {
  url: string;
  setData: (data: DataSet) => void;
  /** The tiles served since the last call, oldest first. */
  takeServedTiles: () => ServedTile[];
  close: () => Promise<void>;
};

const MAPLIBRE_FILES: Record<string, string> = {
  "maplibre-gl.mjs": "text/javascript",
  "maplibre-gl-worker.mjs": "text/javascript",
  "maplibre-gl.css": "text/css",
};

export async function startBenchServer(): Promise<BenchServer> {
  const dist = path.dirname(fileURLToPath(import.meta.resolve("maplibre-gl")));
  const maplibre = new Map<string, Buffer>();
  for (const file of Object.keys(MAPLIBRE_FILES)) maplibre.set(file, await readFile(path.join(dist, file)));

  let data: DataSet | null = null;
  let served: ServedTile[] = [];
  const send = (response: ServerResponse, type: string, body: Uint8Array | string) => {
    response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    response.end(body);
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const tile = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(url.pathname);
    const file = url.pathname.startsWith("/maplibre/") ? url.pathname.slice("/maplibre/".length) : null;
    const transport = url.searchParams.get("transport") as Transport | null;
    if (url.pathname === "/" && transport && TRANSPORTS.includes(transport)) {
      send(response, "text/html; charset=utf-8", pageHtml(transport));
    } else if (file && MAPLIBRE_FILES[file]) {
      send(response, MAPLIBRE_FILES[file], maplibre.get(file) as Buffer);
    } else if (data && url.pathname === "/orgs.geojson") {
      send(response, "application/geo+json", data.geojson);
    } else if (data && url.pathname === "/orgs.bin") {
      send(response, "application/octet-stream", data.binary);
    } else if (data && tile) {
      const [z, x, y] = tile.slice(1).map(Number) as [number, number, number];
      const started = performance.now();
      try {
        const body = encodeTile(data.tiles, z, x, y);
        served.push({ path: url.pathname, body, encodeMs: performance.now() - started });
        send(response, "application/x-protobuf", body);
      } catch (error) {
        // The page logs the failed tile, and a page error fails the run.
        response.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      }
    } else {
      response.writeHead(404).end();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the bench server has no port");

  return {
    url: `http://127.0.0.1:${address.port}`,
    setData: (next) => {
      data = next;
    },
    takeServedTiles: () => {
      const taken = served;
      served = [];
      return taken;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}
