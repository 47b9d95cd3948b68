// The demo database as one file, for test suites: migrating and seeding takes 10–20 s on a busy
// 2-core machine, opening a copy of the result about one. A suite builds the image once (Vitest's
// globalSetup) and every test file opens its own copy, as isolated as a freshly seeded database.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "./client.ts";
import { seedDemoIfEmpty } from "./seed/index.ts";

export type DemoImageFile = { file: string; remove: () => Promise<void> };

/** Migrates and seeds an in-memory database and writes its image to a temporary file. */
export async function createDemoImageFile(): Promise<DemoImageFile> {
  const db = await openDatabase("memory:");
  try {
    await seedDemoIfEmpty(db.prisma);
    const image = await db.image?.();
    if (!image) throw new Error("an in-memory PGlite always has an image");
    const dir = await mkdtemp(path.join(tmpdir(), "beltmap-demo-image-"));
    const file = path.join(dir, "demo.tar");
    await writeFile(file, Buffer.from(await image.arrayBuffer()));
    return { file, remove: () => rm(dir, { recursive: true, force: true }) };
  } finally {
    await db.close();
  }
}

/** An in-memory database that starts as a copy of the image in `file`. */
export async function openDemoImage(file: string): Promise<Database> {
  return openDatabase("memory:", { image: new Blob([await readFile(file)]) });
}
