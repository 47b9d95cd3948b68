import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

/**
 * The account a username names, whatever the case it is typed in: a unique index on
 * lower(username) keeps one account per name, so "DEMO-CITY" signs in as demo-city.
 */
export async function findUserByUsername(prisma: PrismaClient | Prisma.TransactionClient, username: string) {
  const [match] = await prisma.$queryRaw<Array<{ id: number }>>`
    SELECT id FROM "User" WHERE lower(username) = lower(${username}) LIMIT 1`;
  return match ? prisma.user.findUnique({ where: { id: match.id } }) : null;
}
