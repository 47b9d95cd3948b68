// Signing in for tests: a real session row, the same path the HTTP server takes, minus the cookie.
import { type Database, openDatabase, seedDemoIfEmpty } from "@beltmap/db";
import { createSession } from "../src/auth/sessions.ts";
import { createCaller, createContextInner } from "../src/index.ts";

export const DEMO_USERS = ["demo-city", "demo-county", "demo-township", "demo-org", "demo-leader"] as const;
export type DemoUsername = (typeof DEMO_USERS)[number];

export async function openDemoDatabase(): Promise<Database> {
  const db = await openDatabase("memory:");
  await seedDemoIfEmpty(db.prisma);
  return db;
}

export type Caller = ReturnType<typeof createCaller>;

/** A caller signed in as `username` (a fresh context per call, as the server makes one per request). */
export async function signIn(db: Database, username: string, now: () => Date = () => new Date()) {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { username } });
  const token = await createSession(db.prisma, {
    userId: user.id,
    ip: "127.0.0.1",
    userAgent: "test",
    now: now(),
  });
  return {
    user,
    token,
    call: (): Caller => createCaller(createContextInner({ prisma: db.prisma, sessionToken: token, now })),
  };
}

export function anonymous(db: Database): Caller {
  return createCaller(createContextInner({ prisma: db.prisma }));
}

/** The code a tRPC call failed with, or "OK". */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
