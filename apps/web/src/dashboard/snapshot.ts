// A PNG of the dashboard for a report: the map and the charts side by side, with the title, the
// unit, the time of the data, a tier legend and 示例数据 when the data are the demo's.
import type { Map as MapLibreMap } from "maplibre-gl";

export type SnapshotChart = { title: string; image: string };

export type SnapshotContent = {
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

/**
 * The map canvas as a PNG data URL. WebGL clears its buffer after each frame, so the picture is
 * taken inside the next render, while the frame is still there.
 */
export function captureMap(map: MapLibreMap): Promise<string> {
  return new Promise((resolve) => {
    map.once("render", () => resolve(map.getCanvas().toDataURL("image/png")));
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

const CAPTION = 34;
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

/** Lays the parts out on one canvas and returns it as a PNG. */
export async function composeSnapshot(content: SnapshotContent): Promise<Blob> {
  const [map, ...charts] = await Promise.all([
    loadImage(content.map),
    ...content.charts.map((c) => loadImage(c.image)),
  ]);
  if (!map) throw new Error("no map image");
  const mapHeight = Math.round((map.height / map.width) * MAP_WIDTH);
  const columnWidth = WIDTH - MAP_WIDTH - MARGIN * 3;
  const rows = chartRows(charts, columnWidth);
  const bodyHeight = Math.max(
    mapHeight,
    rows.reduce((sum, row) => sum + row.height + CAPTION, 0),
  );
  const canvas = document.createElement("canvas");
  canvas.width = WIDTH;
  canvas.height = HEADER + bodyHeight + FOOTER + MARGIN;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("2D canvas unavailable");

  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#c8102e";
  ctx.fillRect(0, 0, WIDTH, 8);
  ctx.fillStyle = "#1f2933";
  ctx.font = `bold 40px ${FONT}`;
  ctx.textBaseline = "alphabetic";
  ctx.fillText(content.title, MARGIN, 62);
  ctx.font = `28px ${FONT}`;
  ctx.fillStyle = "#3d4654";
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

  ctx.drawImage(map, MARGIN, HEADER, MAP_WIDTH, mapHeight);
  ctx.strokeStyle = "#d9dee5";
  ctx.strokeRect(MARGIN, HEADER, MAP_WIDTH, mapHeight);

  let y = HEADER;
  for (const row of rows) {
    let x = MARGIN * 2 + MAP_WIDTH;
    for (const { index, width } of row.items) {
      const chart = charts[index];
      if (!chart) continue;
      ctx.font = `bold 24px ${FONT}`;
      ctx.fillStyle = "#1f2933";
      ctx.fillText(content.charts[index]?.title ?? "", x, y + 24);
      ctx.drawImage(chart, x, y + CAPTION, width, row.height);
      x += width + GAP;
    }
    y += row.height + CAPTION;
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
    ctx.strokeStyle = "#333333";
    ctx.stroke();
    ctx.fillStyle = "#1f2933";
    ctx.fillText(item.label, lx + 28, ly);
    lx += 28 + ctx.measureText(item.label).width + 36;
  }

  if (content.attribution) {
    ctx.font = `20px ${FONT}`;
    ctx.fillStyle = "#3d4654";
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
