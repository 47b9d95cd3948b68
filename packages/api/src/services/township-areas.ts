// The townships' (and parks') areas for the map, derived from where their organisations are.
import { parkArea, TOWNSHIPS, type TownshipArea, townshipAreas } from "@beltmap/geo";
import type { TownshipAreaDto } from "../dto.ts";
import { type ScopedContext, visibleUnitIds } from "./scope.ts";

const STATISTICAL = new Set(TOWNSHIPS.map((t) => t.code));

type Row = { townshipId: string; countyCode: string; lng: number; lat: number };
type Township = { id: string; name: string; unitId: string; countyCode: string };

/**
 * Areas per county, kept while the county's organisations stay where they are: deriving them takes
 * 0.1–0.5 s a county, and they change only when an organisation moves or arrives.
 */
const cache = new Map<string, { fingerprint: string; areas: TownshipArea[] }>();

function countyAreas(countyCode: string, rows: readonly Row[]): TownshipArea[] {
  const fingerprint = rows.map((r) => `${r.townshipId}:${r.lng}:${r.lat}`).join("|");
  const known = cache.get(countyCode);
  if (known?.fingerprint === fingerprint) return known.areas;
  const areas = townshipAreas(countyCode, rows);
  cache.set(countyCode, { fingerprint, areas });
  return areas;
}

/**
 * The areas of the townships of the units the user sees. A statistical township's area is its part
 * of the county nearer its organisations than any other township's (geo's townshipAreas); a park of
 * a zone (no statistical code: it lies across townships) is the hull round its organisations.
 */
export async function visibleTownshipAreas(ctx: ScopedContext): Promise<TownshipAreaDto[]> {
  const visible = await visibleUnitIds(ctx);
  const townships = await ctx.prisma.township.findMany({
    where: visible === "ALL" ? {} : { unitId: { in: visible } },
    select: { id: true, name: true, unitId: true, countyCode: true },
  });
  const counties = [...new Set(townships.map((t) => t.countyCode))].sort();
  // Every organisation of those counties, whoever may see it: only the areas leave the server.
  const rows = await ctx.prisma.organization.findMany({
    where: { countyCode: { in: counties } },
    select: { townshipId: true, countyCode: true, lng: true, lat: true },
    orderBy: { id: "asc" },
  });
  const shown = new Map(townships.map((t) => [t.id, t]));
  const areas: TownshipAreaDto[] = [];
  for (const countyCode of counties) {
    const statistical = rows.filter((r) => r.countyCode === countyCode && STATISTICAL.has(r.townshipId));
    for (const area of countyAreas(countyCode, statistical)) {
      const township = shown.get(area.properties.townshipId);
      if (township) areas.push(toDto(township, "TOWNSHIP", area.geometry, area.properties));
    }
  }
  for (const township of townships.filter((t) => !STATISTICAL.has(t.id))) {
    const own = rows.filter((r) => r.townshipId === township.id);
    const park = parkArea(own);
    if (park)
      areas.push(toDto(township, "PARK", park.geometry, { organizations: own.length, seat: park.seat }));
  }
  return areas;
}

function toDto(
  township: Township,
  kind: TownshipAreaDto["kind"],
  geometry: TownshipAreaDto["geometry"],
  { organizations, seat }: { organizations: number; seat: [number, number] },
): TownshipAreaDto {
  return {
    townshipId: township.id,
    name: township.name,
    unitId: township.unitId,
    countyCode: township.countyCode,
    kind,
    organizations,
    labelLng: seat[0],
    labelLat: seat[1],
    geometry,
  };
}
