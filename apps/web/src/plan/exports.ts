// A unit's belts as files for GIS tools, phones and 2-way radios (GeoJSON and KML, built by
// @beltmap/geo), and the files' names. Pure: no DOM; ExportMenu saves what these build.

import type { BeltDto } from "@beltmap/api";
import { beltColor, beltLetter } from "@beltmap/domain";
import type { ExportBelt } from "@beltmap/geo";
import { chinaDate } from "../lib/format.ts";

type Translate = (key: string, options?: { lng?: string }) => string;

/** A belt's stops in visiting order (the API sends them so; sorting again costs nothing). */
export function stopsInOrder<S extends { position: number }>(stops: readonly S[]): S[] {
  return [...stops].sort((a, b) => a.position - b.position);
}

/**
 * The belts as @beltmap/geo exports them. The files speak Chinese whatever the UI language (the KML
 * descriptions say 主题/类型/单位/全长), so the kind label is the Chinese one: 示范带 / 特色小镇示范带.
 */
export function toExportBelts(unitName: string, belts: readonly BeltDto[], t: Translate): ExportBelt[] {
  return belts.map((belt) => ({
    name: belt.name,
    letter: beltLetter(belt.index),
    color: beltColor(belt.index),
    theme: belt.theme,
    kindLabel: t(`codes.beltKind.${belt.kind}`, { lng: "zh-CN" }),
    unitName,
    roundTrip: belt.roundTrip,
    lengthKm: belt.lengthKm,
    stops: stopsInOrder(belt.stops).map((s) => ({ name: s.name, lng: s.lng, lat: s.lat })),
  }));
}

/** The KML document's name, as a GIS tool or a phone lists it: the unit and the cycle (年度). */
export function exportDocumentName(unitName: string, year: number): string {
  return `${unitName}${year}年度示范带`;
}

/** Characters file systems (Windows above all) refuse in a name, and control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const NOT_IN_FILE_NAME = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/**
 * E.g. `柯城区-2026年度示范带-2026-11-26.kml`: the unit, the cycle (年度) the belts are of, and the
 * day of the export by China's calendar.
 */
export function exportFileName(unitName: string, year: number, ext: string, now: Date = new Date()): string {
  const unit = unitName.replace(NOT_IN_FILE_NAME, "").trim() || "示范带";
  return `${unit}-${year}年度示范带-${chinaDate(now)}.${ext.replace(/^\./, "")}`;
}

export const GEOJSON_MIME = "application/geo+json";
export const KML_MIME = "application/vnd.google-earth.kml+xml";
