// A PNG of the dashboard or of a briefing slide for a report: the map and the charts side by side,
// with the title, the unit, the time of the data, a tier legend and 示例数据 when the data are the
// demo's. Each chart keeps its HTML frame: title, figures and legend are drawn with its plot.
import type { Map as MapLibreMap } from "maplibre-gl";
import type { LegendEntry } from "./chart-options.ts";

export type SnapshotChart = {
  title: string;
  subtitle: string;
  legend: readonly LegendEntry[];
  image: string;
};

/** The picture's colours: the dashboard's (light) or the briefing screen's (dark). */
export type SnapshotTheme = "light" | "dark";
const PAPER: Record<SnapshotTheme, { background: string; text: string; muted: string; line: string }> = {
  light: { background: "#ffffff", text: "#1f2933", muted: "#3d4654", line: "#d9dee5" },
  dark: { background: "#0b1220", text: "#e6edf7", muted: "#9fb0c8", line: "#1f2b44" },
};
/** The background a chart's own picture is drawn on, to match the page's. */
export const CHART_BACKGROUND = { light: "#ffffff", dark: "#0b1220" } as const;

export type SnapshotContent = {
  theme: SnapshotTheme;
  title: string;
  subtitle: string;
  dataTime: string;
  /** 示例数据, or null for real data. */
  demoLabel: string | null;
  legend: { label: string; color: string }[];
  /** The basemap's attribution (with its 审图号), when a basemap is drawn: it must go with the map. */
  attribution: string | null;
  map: string;
  charts: SnapshotChart[];
};

const WIDTH = 2400;
const MARGIN = 32;
const HEADER = 110;
const FOOTER = 60;
const MAP_WIDTH = 1300;
const FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** How long the map may take to draw the frame that is captured. */
const CAPTURE_TIMEOUT_MS = 5000;

/**
 * The map canvas as a PNG data URL. WebGL clears its buffer after each frame, so the picture is
 * taken inside the next render, while the frame is still there. A tab in the background draws no
 * frame: then it fails after a while rather than waiting for ever.
 */
export function captureMap(map: MapLibreMap): Promise<string> {
  return new Promise((resolve, reject) => {
    const onRender = () => {
      window.clearTimeout(timer);
      resolve(map.getCanvas().toDataURL("image/png"));
    };
    const timer = window.setTimeout(() => {
      map.off("render", onRender);
      reject(new Error("the map drew no frame to capture"));
    }, CAPTURE_TIMEOUT_MS);
    map.once("render", onRender);
    map.triggerRepaint();
  });
}

function loadImage(source: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("an image of the snapshot did not load"));
    image.src = source;
  });
}

/** Above each chart: its title and its figures; below it: its legend. */
const CAPTION = 62;
/** Room for a legend of two lines. */
const LEGEND = 64;
const LEGEND_LINE = 26;
const GAP = 16;

type Row = { items: { index: number; width: number }[]; height: number };

/**
 * The charts in rows across the column, as on the page: narrow ones side by side, each row scaled
 * to the column's width (never enlarged), all in a row at one height.
 */
export function chartRows(sizes: readonly { width: number; height: number }[], columnWidth: number): Row[] {
  const rows: Row[] = [];
  let current: number[] = [];
  const widthOf = (i: number) => sizes[i]?.width ?? 0;
  const flush = () => {
    if (current.length === 0) return;
    const gaps = GAP * (current.length - 1);
    const natural = current.reduce((sum, i) => sum + widthOf(i), 0);
    const scale = Math.min(1, (columnWidth - gaps) / natural);
    const height = Math.max(...current.map((i) => (sizes[i]?.height ?? 0) * scale));
    rows.push({ items: current.map((index) => ({ index, width: widthOf(index) * scale })), height });
    current = [];
  };
  sizes.forEach((size, index) => {
    const used = current.reduce((sum, i) => sum + widthOf(i) + GAP, 0);
    // Room for it beside the others (a little squeeze allowed), or a row of its own.
    if (current.length > 0 && used + size.width > columnWidth * 1.2) flush();
    current.push(index);
  });
  flush();
  return rows;
}

/** A row placed on the page: beside the map, or across the page once the map has ended. */
export type PlacedRow = Row & { y: number; beside: boolean };

/**
 * The charts beside the map while it lasts, then across the whole page, so a long dashboard does
 * not leave the space under the map empty. `y` is from the top of the body.
 */
export function chartLayout(
  sizes: readonly { width: number; height: number }[],
  columnWidth: number,
  fullWidth: number,
  besideHeight: number,
): { rows: PlacedRow[]; height: number } {
  const rows: PlacedRow[] = [];
  let start = 0;
  let y = 0;
  while (start < sizes.length) {
    const beside = y < besideHeight;
    const [row] = chartRows(sizes.slice(start), beside ? columnWidth : fullWidth);
    if (!row) break;
    rows.push({
      ...row,
      items: row.items.map((item) => ({ ...item, index: item.index + start })),
      y,
      beside,
    });
    start += row.items.length;
    y += row.height + CAPTION + LEGEND;
  }
  return { rows, height: y };
}

/** A chart's legend from (x, baseline), wrapped to its width: swatches like the page's, then the label. */
function drawLegend(
  ctx: CanvasRenderingContext2D,
  legend: readonly LegendEntry[],
  x: number,
  firstBaseline: number,
  width: number,
  ink: string,
): void {
  ctx.font = `18px ${FONT}`;
  let lx = x;
  let baseline = firstBaseline;
  for (const entry of legend) {
    const itemWidth = 32 + ctx.measureText(entry.label).width;
    if (lx > x && lx + itemWidth > x + width) {
      lx = x;
      baseline += LEGEND_LINE;
    }
    const top = baseline - 15;
    if (entry.mark === "outline" || entry.mark === "dashed") {
      ctx.strokeStyle = entry.color;
      ctx.lineWidth = 2;
      ctx.setLineDash(entry.mark === "dashed" ? [4, 3] : []);
      ctx.strokeRect(lx + 1, top + 1, 24, 14);
      ctx.setLineDash([]);
    } else {
      ctx.fillStyle = entry.color;
      ctx.fillRect(lx, top, 26, 16);
      if (entry.mark === "hatch") {
        ctx.strokeStyle = "rgba(255, 255, 255, 0.6)";
        ctx.lineWidth = 2;
        ctx.save();
        ctx.beginPath();
        ctx.rect(lx, top, 26, 16);
        ctx.clip();
        for (let i = -16; i < 26; i += 6) {
          ctx.beginPath();
          ctx.moveTo(lx + i, top + 16);
          ctx.lineTo(lx + i + 16, top);
          ctx.stroke();
        }
        ctx.restore();
      }
    }
    ctx.fillStyle = ink;
    ctx.fillText(entry.label, lx + 32, baseline);
    lx += itemWidth + 24;
  }
}

/** Lays the parts out on one canvas and returns it as a PNG. */
export async function composeSnapshot(content: SnapshotContent): Promise<Blob> {
  const [map, ...charts] = await Promise.all([
    loadImage(content.map),
    ...content.charts.map((c) => loadImage(c.image)),
  ]);
  if (!map) throw new Error("no map image");
  // The map alone (the map page's picture) takes the whole width.
  const mapWidth = charts.length === 0 ? WIDTH - MARGIN * 2 : MAP_WIDTH;
  const mapHeight = Math.round((map.height / map.width) * mapWidth);
  const columnWidth = WIDTH - MAP_WIDTH - MARGIN * 3;
  const layout = chartLayout(charts, columnWidth, WIDTH - MARGIN * 2, mapHeight + MARGIN);
  const bodyHeight = Math.max(mapHeight, layout.height);
  const paper = PAPER[content.theme];
  const canvas = document.createElement("canvas");
  canvas.width = WIDTH;
  canvas.height = HEADER + bodyHeight + FOOTER + MARGIN;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("2D canvas unavailable");

  ctx.fillStyle = paper.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#c8102e";
  ctx.fillRect(0, 0, WIDTH, 8);
  ctx.fillStyle = paper.text;
  ctx.font = `bold 40px ${FONT}`;
  ctx.textBaseline = "alphabetic";
  ctx.fillText(content.title, MARGIN, 62);
  ctx.font = `28px ${FONT}`;
  ctx.fillStyle = paper.muted;
  ctx.fillText(content.subtitle, MARGIN, 98);
  ctx.textAlign = "right";
  ctx.fillText(content.dataTime, WIDTH - MARGIN, 98);
  if (content.demoLabel) {
    ctx.font = `bold 28px ${FONT}`;
    const width = ctx.measureText(content.demoLabel).width + 24;
    ctx.fillStyle = "#ffd54f";
    ctx.fillRect(WIDTH - MARGIN - width, 30, width, 40);
    ctx.fillStyle = "#1f2933";
    ctx.fillText(content.demoLabel, WIDTH - MARGIN - 12, 60);
  }
  ctx.textAlign = "left";

  ctx.drawImage(map, MARGIN, HEADER, mapWidth, mapHeight);
  ctx.strokeStyle = paper.line;
  ctx.strokeRect(MARGIN, HEADER, mapWidth, mapHeight);

  for (const row of layout.rows) {
    const y = HEADER + row.y;
    let x = row.beside ? MARGIN * 2 + MAP_WIDTH : MARGIN;
    for (const { index, width } of row.items) {
      const chart = charts[index];
      const part = content.charts[index];
      if (!chart || !part) continue;
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, y, width, row.height + CAPTION + LEGEND);
      ctx.clip();
      ctx.font = `bold 24px ${FONT}`;
      ctx.fillStyle = paper.text;
      ctx.fillText(part.title, x, y + 24);
      ctx.font = `20px ${FONT}`;
      ctx.fillStyle = paper.muted;
      ctx.fillText(part.subtitle, x, y + 52);
      ctx.drawImage(chart, x, y + CAPTION, width, row.height);
      drawLegend(ctx, part.legend, x, y + CAPTION + row.height + 28, width, paper.muted);
      ctx.restore();
      x += width + GAP;
    }
  }

  // The tiers' colours, named: the map's points and heat use them.
  let lx = MARGIN;
  const ly = HEADER + bodyHeight + 40;
  ctx.font = `24px ${FONT}`;
  for (const item of content.legend) {
    ctx.fillStyle = item.color;
    ctx.beginPath();
    ctx.arc(lx + 10, ly - 8, 10, 0, Math.PI * 2);
    ctx.fill();
    ctx.strokeStyle = paper.muted;
    ctx.stroke();
    ctx.fillStyle = paper.text;
    ctx.fillText(item.label, lx + 28, ly);
    lx += 28 + ctx.measureText(item.label).width + 36;
  }

  if (content.attribution) {
    ctx.font = `20px ${FONT}`;
    ctx.fillStyle = paper.muted;
    ctx.textAlign = "right";
    ctx.fillText(content.attribution, WIDTH - MARGIN, ly);
    ctx.textAlign = "left";
  }

  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("the snapshot could not be encoded"))),
      "image/png",
    ),
  );
}
