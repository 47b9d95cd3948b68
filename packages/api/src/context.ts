import type { PrismaClient } from "@beltmap/db";

export type Context = {
  prisma: PrismaClient;
  /** The clock, injectable so tests can say what "today" is. */
  now: () => Date;
};

/** Builds a context without HTTP: the server and the tests (through createCaller) share it. */
export function createContextInner(options: { prisma: PrismaClient; now?: () => Date }): Context {
  return { prisma: options.prisma, now: options.now ?? (() => new Date()) };
}
