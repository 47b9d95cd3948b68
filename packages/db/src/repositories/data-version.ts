import type { PrismaClient } from "../generated/prisma/client.ts";

const ROW = { id: 1 } as const;

/**
 * The campaign data's version (the DataVersion row): read before a shared answer is handed out,
 * moved after a write has committed. The row is made by the first write (a missing one reads as 0),
 * so a database nobody has written to still counts as empty for a restore.
 */
export function databaseDataVersion(prisma: PrismaClient): {
  read: () => Promise<string>;
  bump: () => Promise<void>;
} {
  return {
    async read() {
      const row = await prisma.dataVersion.findUnique({ where: ROW, select: { version: true } });
      return String(row?.version ?? 0n);
    },
    async bump() {
      await prisma.dataVersion.upsert({
        where: ROW,
        create: { ...ROW, version: 1n },
        update: { version: { increment: 1n } },
      });
    },
  };
}
