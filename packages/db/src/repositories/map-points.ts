// What the map's tiles are cut from: every organisation of a region in one cycle with only what a
// point needs (where it is, its unit, kind and stored grade), in one plain query. Prisma's object
// mapping costs seconds at 100,000 rows where this costs a fraction of one.
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { type OrganizationFilter, organizationSqlWhere } from "./organizations.ts";

export type MapPointRow = {
  id: number;
  name: string;
  kind: string;
  unitId: string;
  countyCode: string;
  lng: number;
  lat: number;
  setupKind: string;
  entityOperated: boolean;
  /** Null: no stored grade in the cycle. */
  tier: string | null;
  official: boolean | null;
  total: number | null;
};

const POINT_COLUMNS = Prisma.sql`o.id, o.name, o.kind, o."unitId", o."countyCode", o.lng, o.lat,
  o."setupKind", o."entityOperated", g.tier, g.official, g.total`;

/** Organisations `o` with their stored grade `g` in the cycle, if any. */
function pointsOf(cycleId: number): Prisma.Sql {
  return Prisma.sql`"Organization" o
    LEFT JOIN "OrganizationGrade" g ON g."organizationId" = o.id AND g."cycleId" = ${cycleId}`;
}

export function listMapPoints(prisma: PrismaClient, filter: OrganizationFilter): Promise<MapPointRow[]> {
  return prisma.$queryRaw<MapPointRow[]>`
    SELECT ${POINT_COLUMNS} FROM ${pointsOf(filter.cycleId)}
    WHERE ${organizationSqlWhere(filter)}
    ORDER BY o.id`;
}

/**
 * A fingerprint of everything listMapPoints returns for `filter`: it changes when an organisation
 * is added, removed, moved, renamed or regraded. An order-free sum of row hashes, so it costs one
 * scan and no sort; the map's tiles are cached under it.
 */
export async function mapPointsVersion(prisma: PrismaClient, filter: OrganizationFilter): Promise<string> {
  const [row] = await prisma.$queryRaw<{ count: number; hash: string }[]>`
    SELECT count(*)::int AS count,
           coalesce(sum(hashtext(concat_ws('|', o.id, o.name, o.kind, o."unitId", o."countyCode", o.lng,
             o.lat, o."setupKind", o."entityOperated", g.tier, g.official, g.total))::bigint), 0)::text AS hash
    FROM ${pointsOf(filter.cycleId)}
    WHERE ${organizationSqlWhere(filter)}`;
  return row ? `${row.count}.${row.hash}` : "0.0";
}

/**
 * Organisations of `filter` whose name contains `text` (any case), names starting with it first,
 * then shorter names, at most `limit`: the map's search box at any number of organisations.
 */
export function searchMapPoints(
  prisma: PrismaClient,
  filter: OrganizationFilter,
  text: string,
  limit: number,
): Promise<MapPointRow[]> {
  const pattern = `%${escapeLike(text)}%`;
  return prisma.$queryRaw<MapPointRow[]>`
    SELECT ${POINT_COLUMNS} FROM ${pointsOf(filter.cycleId)}
    WHERE ${organizationSqlWhere(filter)} AND o.name ILIKE ${pattern} ESCAPE '\\'
    ORDER BY strpos(lower(o.name), lower(${text})) = 1 DESC, length(o.name), o.id
    LIMIT ${limit}`;
}

/** `text` matched literally by LIKE: its wildcards and the escape character escaped. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
