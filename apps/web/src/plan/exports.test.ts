import type { BeltDto, BeltStopDto } from "@beltmap/api";
import { beltColor } from "@beltmap/domain";
import { beltsToGeoJSON, beltsToKml } from "@beltmap/geo/belt-export";
import { describe, expect, it } from "vitest";
import { i18next, loadLanguage } from "../i18n/index.ts";
import { chinaDate } from "../lib/format.ts";
import { exportDocumentName, exportFileName, toExportBelts } from "./exports.ts";

function stop(position: number, name: string, lng: number, lat: number): BeltStopDto {
  return { position, organizationId: 100 + position, name, kind: "ENTERPRISE", unitId: "kecheng", lng, lat };
}

/** Sent out of position order on purpose: the export follows `position`. */
const TOWN_BELT: BeltDto = {
  id: 7,
  unitId: "kecheng",
  index: 0,
  name: "柯城区示范带一",
  theme: "共同富裕",
  kind: "SPECIAL_TOWN",
  roundTrip: true,
  lengthKm: 9.8,
  stops: [
    stop(2, "丙公司", 118.9, 28.96),
    stop(0, "甲公司", 118.87, 28.94),
    { ...stop(1, "乙小镇", 118.88, 28.95), kind: "SPECIAL_TOWN" },
  ],
};

const PLAIN_BELT: BeltDto = {
  id: 8,
  unitId: "kecheng",
  index: 1,
  name: "柯城区示范带二",
  theme: "",
  kind: "ORDINARY",
  roundTrip: false,
  lengthKm: 4.2,
  stops: [stop(0, "丁律所", 118.8, 28.9), stop(1, "戊学校", 118.81, 28.91), stop(2, "己医院", 118.82, 28.92)],
};

const t = i18next.t.bind(i18next);

describe("toExportBelts", () => {
  it("keeps every belt's facts, its letter and colour as on the maps, and labels its kind in Chinese", () => {
    const [town, plain] = toExportBelts("柯城区", [TOWN_BELT, PLAIN_BELT], t);
    expect(town).toEqual({
      name: "柯城区示范带一",
      letter: "A",
      color: beltColor(0),
      theme: "共同富裕",
      kindLabel: "特色小镇示范带",
      unitName: "柯城区",
      roundTrip: true,
      lengthKm: 9.8,
      stops: [
        { name: "甲公司", lng: 118.87, lat: 28.94 },
        { name: "乙小镇", lng: 118.88, lat: 28.95 },
        { name: "丙公司", lng: 118.9, lat: 28.96 },
      ],
    });
    expect(plain?.kindLabel).toBe("示范带");
    expect([plain?.letter, plain?.color]).toEqual(["B", beltColor(1)]);
  });

  it("writes Chinese kind labels while the UI speaks English", async () => {
    await loadLanguage("en");
    await i18next.changeLanguage("en");
    try {
      expect(toExportBelts("柯城区", [TOWN_BELT, PLAIN_BELT], t).map((b) => b.kindLabel)).toEqual([
        "特色小镇示范带",
        "示范带",
      ]);
    } finally {
      await i18next.changeLanguage("zh-CN");
    }
  });

  it("gives GeoJSON with the stops in visiting order", () => {
    const collection = beltsToGeoJSON(toExportBelts("柯城区", [TOWN_BELT, PLAIN_BELT], t));
    const lines = collection.features.filter((f) => f.geometry.type === "LineString");
    expect(lines.map((f) => f.properties?.stops)).toEqual([
      ["甲公司", "乙小镇", "丙公司"],
      ["丁律所", "戊学校", "己医院"],
    ]);
    // The round trip closes back at 甲公司.
    expect(lines[0]?.geometry).toEqual({
      type: "LineString",
      coordinates: [
        [118.87, 28.94],
        [118.88, 28.95],
        [118.9, 28.96],
        [118.87, 28.94],
      ],
    });
    const points = collection.features
      .filter((f) => f.geometry.type === "Point")
      .map((f) => [f.properties?.belt, f.properties?.order, f.properties?.name]);
    expect(points).toEqual([
      ["柯城区示范带一", 1, "甲公司"],
      ["柯城区示范带一", 2, "乙小镇"],
      ["柯城区示范带一", 3, "丙公司"],
      ["柯城区示范带二", 1, "丁律所"],
      ["柯城区示范带二", 2, "戊学校"],
      ["柯城区示范带二", 3, "己医院"],
    ]);
    expect(lines[0]?.properties).toMatchObject({ kind: "特色小镇示范带", unit: "柯城区", theme: "共同富裕" });
  });

  it("gives KML with the stops numbered in visiting order", () => {
    const kml = beltsToKml(
      exportDocumentName("柯城区", 2026),
      toExportBelts("柯城区", [TOWN_BELT, PLAIN_BELT], t),
    );
    const names = [...kml.matchAll(/<name>([^<]*)<\/name>/g)].map((m) => m[1]);
    expect(names).toEqual([
      "柯城区2026年度示范带",
      "A · 柯城区示范带一",
      "柯城区示范带一",
      "A1. 甲公司",
      "A2. 乙小镇",
      "A3. 丙公司",
      "B · 柯城区示范带二",
      "柯城区示范带二",
      "B1. 丁律所",
      "B2. 戊学校",
      "B3. 己医院",
    ]);
    expect(kml).toContain(
      "<description>主题：共同富裕；类型：特色小镇示范带；单位：柯城区；全长：9.8 公里（环线）</description>",
    );
    expect(kml).toContain("<coordinates>118.87,28.94 118.88,28.95 118.9,28.96 118.87,28.94</coordinates>");
  });

  it("does not reorder the caller's stops", () => {
    toExportBelts("柯城区", [TOWN_BELT], t);
    expect(TOWN_BELT.stops.map((s) => s.position)).toEqual([2, 0, 1]);
  });
});

describe("exportFileName", () => {
  it("names the file after the unit, the cycle and China's date", () => {
    // 2026-11-25 17:30 UTC is already the 26th in China.
    const lateEvening = new Date("2026-11-25T17:30:00Z");
    expect(exportFileName("柯城区", 2026, "kml", lateEvening)).toBe("柯城区-2026年度示范带-2026-11-26.kml");
    expect(exportFileName("柯城区", 2026, "geojson", new Date("2026-01-05T03:00:00Z"))).toBe(
      "柯城区-2026年度示范带-2026-01-05.geojson",
    );
    expect(exportFileName("柯城区", 2026, ".kml", lateEvening)).toBe("柯城区-2026年度示范带-2026-11-26.kml");
  });

  it("leaves out what file systems refuse", () => {
    const day = new Date("2026-11-26T04:00:00Z");
    expect(exportFileName('市直/机关:"工委"', 2026, "kml", day)).toBe(
      "市直机关工委-2026年度示范带-2026-11-26.kml",
    );
    expect(exportFileName("  ", 2026, "kml", day)).toBe("示范带-2026年度示范带-2026-11-26.kml");
    // A past cycle's belts exported today.
    expect(exportFileName("柯城区", 2017, "kml", day)).toBe("柯城区-2017年度示范带-2026-11-26.kml");
  });

  it("dates by China's calendar around midnight", () => {
    expect(chinaDate(new Date("2026-12-31T15:59:59Z"))).toBe("2026-12-31");
    expect(chinaDate(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
  });
});
