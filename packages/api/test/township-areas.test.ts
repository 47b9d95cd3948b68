// The townships' areas as the map gets them: derived from the demo's organisations, every township
// with organisations has one, and nearly every organisation lies in its own township's area.
import type { Database } from "@beltmap/db";
import { shareInOwnArea, TOWNSHIPS } from "@beltmap/geo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TownshipAreaDto } from "../src/dto.ts";
import { type Caller, openDemoDatabase, signIn } from "./support.ts";

let db: Database;
let city: Caller;
let areas: TownshipAreaDto[];

beforeAll(async () => {
  db = await openDemoDatabase();
  city = (await signIn(db, "demo-city")).call();
  areas = await city.map.townshipAreas();
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe("map.townshipAreas", () => {
  it("gives every statistical township with organisations an area, and each zone's park a hull", async () => {
    const withOrganizations = await db.prisma.organization.groupBy({ by: ["townshipId"], _count: true });
    const counts = new Map(withOrganizations.map((g) => [g.townshipId, g._count]));
    const statistical = new Set(TOWNSHIPS.map((t) => t.code));
    expect(
      areas
        .filter((a) => a.kind === "TOWNSHIP")
        .map((a) => a.townshipId)
        .sort(),
    ).toEqual([...counts.keys()].filter((id) => statistical.has(id)).sort());
    expect(
      areas
        .filter((a) => a.kind === "PARK")
        .map((a) => a.unitId)
        .sort(),
    ).toEqual(["GREEN_ZONE", "GREEN_ZONE", "WEST_ZONE"]);
    for (const area of areas) expect(area.organizations).toBe(counts.get(area.townshipId));
  });

  it("puts nine in ten of the demo's organisations in their own township's area", async () => {
    const organizations = await db.prisma.organization.findMany({
      select: { townshipId: true, lng: true, lat: true },
    });
    const own = organizations.filter((o) => TOWNSHIPS.some((t) => t.code === o.townshipId));
    const share = shareInOwnArea(
      areas
        .filter((a) => a.kind === "TOWNSHIP")
        .map((a) => ({
          type: "Feature" as const,
          geometry: a.geometry,
          properties: {
            townshipId: a.townshipId,
            organizations: a.organizations,
            seat: [a.labelLng, a.labelLat] as [number, number],
          },
        })),
      own,
    );
    expect(share).toBeGreaterThan(0.9);
  });

  it("answers the same again (from its cache) while no organisation has moved, and anew after one has", async () => {
    expect(await city.map.townshipAreas()).toEqual(areas);
    const moved = await db.prisma.organization.findFirstOrThrow({
      where: { townshipId: areas[0]?.townshipId },
    });
    const seat = areas.find((a) => a.townshipId === areas[1]?.townshipId);
    await db.prisma.organization.update({
      where: { id: moved.id },
      data: { lng: seat?.labelLng ?? 0, lat: seat?.labelLat ?? 0 },
    });
    const after = await city.map.townshipAreas();
    expect(after).not.toEqual(areas);
    await db.prisma.organization.update({
      where: { id: moved.id },
      data: { lng: moved.lng, lat: moved.lat },
    });
    expect(await city.map.townshipAreas()).toEqual(areas);
  });
});
