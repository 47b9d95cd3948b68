import { listBeltsWithStops, type Prisma, type PrismaClient } from "@beltmap/db";
import { BELT_KINDS, type BeltKind, routeLengthKm } from "@beltmap/domain";
import type { BeltDto } from "../dto.ts";
import { asOrgKind } from "./grades.ts";

/** The belts of a cycle (optionally of one unit) with their stops in route order and length. */
export async function beltsOf(
  db: PrismaClient | Prisma.TransactionClient,
  cycleId: number,
  unitId?: string,
): Promise<BeltDto[]> {
  const belts = await listBeltsWithStops(db, { cycleId, unitId });
  // Belts come in plan order within each unit: a belt's place there is its letter and colour.
  const placeInUnit = new Map<string, number>();
  return belts.map((belt) => {
    const index = placeInUnit.get(belt.unitId) ?? 0;
    placeInUnit.set(belt.unitId, index + 1);
    const stops = belt.stops.map((stop) => ({
      position: stop.position,
      organizationId: stop.organization.id,
      name: stop.organization.name,
      kind: asOrgKind(stop.organization.kind),
      unitId: stop.organization.unitId,
      lng: stop.organization.lng,
      lat: stop.organization.lat,
    }));
    return {
      id: belt.id,
      unitId: belt.unitId,
      index,
      name: belt.name,
      theme: belt.theme,
      kind: asBeltKind(belt.kind),
      roundTrip: belt.roundTrip,
      lengthKm: round1(
        routeLengthKm(
          stops.map((s) => [s.lng, s.lat] as const),
          belt.roundTrip,
        ),
      ),
      stops,
    };
  });
}

export function asBeltKind(kind: string): BeltKind {
  if (!(BELT_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown belt kind "${kind}"`);
  return kind as BeltKind;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
