import type { PrismaClient } from "@beltmap/db";
import { isRole, type Region, regionOfUser } from "@beltmap/domain";
import type { MeDto } from "../dto.ts";

type UserRow = {
  id: number;
  username: string;
  displayName: string;
  role: string;
  unitId: string | null;
  townshipId: string | null;
  organizationId: number | null;
};

/** The account fields every layer uses: who, which role, which region. */
export function accountOf(user: UserRow): Omit<MeDto, "regionName" | "regionUnitId"> {
  if (!isRole(user.role)) throw new Error(`unknown role "${user.role}" for user ${user.id}`);
  const scope = {
    role: user.role,
    unitId: user.unitId,
    townshipId: user.townshipId,
    organizationId: user.organizationId,
  };
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    ...scope,
    region: regionOfUser(scope),
  };
}

/** A user with the Chinese name of their region, for the header and the user list. */
export async function describeUser(prisma: PrismaClient, user: UserRow): Promise<MeDto> {
  const account = accountOf(user);
  const [name, unitId] = await Promise.all([
    regionName(prisma, account.region),
    regionUnitId(prisma, account.region),
  ]);
  return { ...account, regionName: name, regionUnitId: unitId };
}

/** The unit a region lies in: a township's or an organisation's unit; null for the city. */
async function regionUnitId(prisma: PrismaClient, region: Region): Promise<string | null> {
  switch (region.level) {
    case "CITY":
      return null;
    case "UNIT":
      return region.unitId;
    case "TOWNSHIP":
      return (await prisma.township.findUnique({ where: { id: region.townshipId } }))?.unitId ?? null;
    case "ORG":
      return (await prisma.organization.findUnique({ where: { id: region.organizationId } }))?.unitId ?? null;
  }
}

export async function regionName(prisma: PrismaClient, region: Region): Promise<string> {
  switch (region.level) {
    case "CITY":
      return "衢州市";
    case "UNIT":
      return (await prisma.unit.findUnique({ where: { id: region.unitId } }))?.name ?? region.unitId;
    case "TOWNSHIP":
      return (
        (await prisma.township.findUnique({ where: { id: region.townshipId } }))?.name ?? region.townshipId
      );
    case "ORG":
      return (
        (await prisma.organization.findUnique({ where: { id: region.organizationId } }))?.name ??
        String(region.organizationId)
      );
  }
}
