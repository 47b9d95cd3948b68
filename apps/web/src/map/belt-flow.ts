// The 大屏's moving belts: a bright dot with a short tail runs along each belt, start to end, so a
// room sees at a glance which way a belt is walked and where it goes.

/** One run along a belt takes this long, whatever its length (a short belt is walked slowly). */
export const FLOW_LOOP_MS = 9_000;
/** The tail: each dot's lag behind the head, as a share of the run. */
const TAIL = [0, 0.018, 0.036, 0.054] as const;
/** How often the dots move (10 a second: smooth enough from across a room, light on the machine). */
export const FLOW_STEP_MS = 100;

type Line = GeoJSON.Feature<GeoJSON.LineString, { unitId: string; color: string }>;

/** A belt's line with its vertices' running distance, measured once. */
export type FlowPath = {
  unitId: string;
  color: string;
  coordinates: [number, number][];
  /** Distance from the start to each vertex (degrees, east–west shrunk by the latitude). */
  along: number[];
};

export function flowPaths(
  lines: GeoJSON.FeatureCollection<GeoJSON.LineString, Line["properties"]>,
): FlowPath[] {
  return lines.features.map((line) => {
    const coordinates = line.geometry.coordinates.map(([lng, lat]) => [lng, lat] as [number, number]);
    const along = [0];
    for (let i = 1; i < coordinates.length; i++) {
      const [x0, y0] = coordinates[i - 1] as [number, number];
      const [x1, y1] = coordinates[i] as [number, number];
      const shrink = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
      along.push((along[i - 1] as number) + Math.hypot((x1 - x0) * shrink, y1 - y0));
    }
    return { unitId: line.properties.unitId, color: line.properties.color, coordinates, along };
  });
}

/** The point `share` (0–1) of the way along `path`. */
export function pointAlong(path: FlowPath, share: number): [number, number] {
  const total = path.along[path.along.length - 1] ?? 0;
  const first = path.coordinates[0] ?? [0, 0];
  if (total === 0) return first;
  const target = Math.min(1, Math.max(0, share)) * total;
  let i = 1;
  while (i < path.along.length - 1 && (path.along[i] as number) < target) i++;
  const start = path.along[i - 1] as number;
  const end = path.along[i] as number;
  const t = end === start ? 0 : (target - start) / (end - start);
  const [x0, y0] = path.coordinates[i - 1] as [number, number];
  const [x1, y1] = path.coordinates[i] as [number, number];
  return [x0 + (x1 - x0) * t, y0 + (y1 - y0) * t];
}

/** The dots at `timeMs`: per belt, the head and its tail (`tail` 0 is the head), never before the start. */
export function flowPoints(
  paths: readonly FlowPath[],
  timeMs: number,
): GeoJSON.FeatureCollection<GeoJSON.Point, { unitId: string; color: string; tail: number }> {
  const head = (((timeMs % FLOW_LOOP_MS) + FLOW_LOOP_MS) % FLOW_LOOP_MS) / FLOW_LOOP_MS;
  return {
    type: "FeatureCollection",
    features: paths.flatMap((path) =>
      TAIL.filter((lag) => head - lag >= 0).map((lag, tail) => ({
        type: "Feature" as const,
        geometry: { type: "Point" as const, coordinates: pointAlong(path, head - lag) },
        properties: { unitId: path.unitId, color: path.color, tail },
      })),
    ),
  };
}
