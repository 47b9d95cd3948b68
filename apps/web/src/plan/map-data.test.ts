import type { BeltDto } from "@beltmap/api";
import { beltColor } from "@beltmap/domain";
import { describe, expect, it } from "vitest";
import type { PlanDraft } from "./draft.ts";
import { beltLines, beltStops, OTHER_BELT_COLOR, plannedBelts } from "./map-data.ts";

const site = (id: number) => ({ name: `站点${id}`, lng: 118.8 + id / 100, lat: 28.9 });
const CANDIDATES = new Map([1, 2, 3, 4, 5].map((id) => [id, site(id)]));

const belt = (key: string, stopIds: number[]) => ({
  key,
  id: null,
  name: `示范带${key}`,
  theme: "",
  kind: "ORDINARY" as const,
  roundTrip: false,
  stopIds,
});
const DRAFT: PlanDraft = {
  belts: [belt("a", [1, 2]), belt("b", [3, 4, 5])],
  serviceCenter: null,
  nextNew: 1,
};

const OTHER: BeltDto = {
  id: 90,
  unitId: "KAIHUA",
  index: 2,
  name: "开化示范带",
  theme: "",
  kind: "ORDINARY",
  roundTrip: false,
  lengthKm: 3,
  stops: [1, 2].map((id, position) => ({
    position,
    organizationId: id,
    kind: "ENTERPRISE" as const,
    unitId: "KAIHUA",
    ...site(id),
  })),
};

describe("the planner's map data", () => {
  it("colours the draft's belts by their place, as every other map does", () => {
    const planned = plannedBelts(DRAFT, CANDIDATES, "b");
    expect(planned.map((b) => [b.index, b.color, b.active])).toEqual([
      [0, beltColor(0), false],
      [1, beltColor(1), true],
    ]);
  });

  it("labels the stops by belt letter and order", () => {
    const stops = beltStops(plannedBelts(DRAFT, CANDIDATES, null));
    expect(stops.features.map((f) => f.properties.label)).toEqual(["A1", "A2", "B1", "B2", "B3"]);
  });

  it("draws other units' belts grey beside a unit being planned, in their colours in the city's overview", () => {
    const planned = plannedBelts(DRAFT, CANDIDATES, null);
    const beside = beltLines(planned, [OTHER]).features.find((f) => f.properties.other);
    expect(beside?.properties.color).toBe(OTHER_BELT_COLOR);
    const overview = beltLines([], [OTHER], true).features[0];
    expect(overview?.properties.color).toBe(beltColor(2));
  });
});
