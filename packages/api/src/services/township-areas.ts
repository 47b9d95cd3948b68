// The townships' (and parks') areas for the map, derived from where their organisations are.
import { Prisma } from "@beltmap/db";
import { parkArea, TOWNSHIPS, type TownshipArea, townshipAreas } from "@beltmap/geo";
import type { TownshipAreaDto } from "../dto.ts";
import { type ScopedContext, visibleUnitIds } from "./scope.ts";

const STATISTICAL = new Set(TOWNSHIPS.map((t) => t.code));

type Township = { id: string; name: string; unitId: string; countyCode: string };

/**
 * Areas per county, kept while the county's organisations stay where they are: deriving them takes
 * 0.1–0.5 s a county, and they change only when an organisation moves or arrives. The fingerprint
 * is summed in the database, so a county whose areas are kept costs no read of its organisations.
 */
const cache = new Map<string, { fingerprint: string; areas: TownshipArea[] }>();

async function countyFingerprints(ctx: ScopedContext, counties: string[]): Promise<Map<string, string>> {
  const rows = await ctx.prisma.$queryRaw<{ countyCode: string; fingerprint: string }[]>`
    SELECT "countyCode", count(*)::text || '.' ||
           sum(hashtext(concat_ws('|', id, "townshipId", lng, lat))::bigint)::text AS fingerprint
    FROM "Organization" WHERE "countyCode" IN (${Prisma.join(counties)})
    GROUP BY "countyCode"`;
  return new Map(rows.map((r) => [r.countyCode, r.fingerprint]));
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
  if (counties.length === 0) return [];
  const parks = townships.filter((t) => !STATISTICAL.has(t.id));
  const fingerprints = await countyFingerprints(ctx, counties);
  const stale = counties.filter((code) => cache.get(code)?.fingerprint !== (fingerprints.get(code) ?? "0"));
  // The organisations of the counties whose areas must be derived again, and of the parks, whoever
  // may see them: only the areas leave the server.
  const select = { townshipId: true, countyCode: true, lng: true, lat: true } as const;
  const [countyRows, parkRows] = await Promise.all([
    stale.length === 0
      ? []
      : ctx.prisma.organization.findMany({
          where: { countyCode: { in: stale } },
          select,
          orderBy: { id: "asc" },
        }),
    parks.length === 0
      ? []
      : ctx.prisma.organization.findMany({
          where: { townshipId: { in: parks.map((t) => t.id) } },
          select,
          orderBy: { id: "asc" },
        }),
  ]);
  const byCounty = groupBy(countyRows, (r) => r.countyCode);
  const shown = new Map(townships.map((t) => [t.id, t]));
  const areas: TownshipAreaDto[] = [];
  for (const countyCode of counties) {
    const fingerprint = fingerprints.get(countyCode) ?? "0";
    let known = cache.get(countyCode);
    if (known?.fingerprint !== fingerprint) {
      const statistical = (byCounty.get(countyCode) ?? []).filter((r) => STATISTICAL.has(r.townshipId));
      known = { fingerprint, areas: townshipAreas(countyCode, statistical) };
      cache.set(countyCode, known);
    }
    for (const area of known.areas) {
      const township = shown.get(area.properties.townshipId);
      if (township) areas.push(toDto(township, "TOWNSHIP", area.geometry, area.properties));
    }
  }
  const byTownship = groupBy(parkRows, (r) => r.townshipId);
  for (const township of parks) {
    const own = byTownship.get(township.id) ?? [];
    const park = parkArea(own);
    if (park)
      areas.push(toDto(township, "PARK", park.geometry, { organizations: own.length, seat: park.seat }));
  }
  return areas;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
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
