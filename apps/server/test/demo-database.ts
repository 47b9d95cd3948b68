import { type Database, openDemoImage } from "@beltmap/db";
import { inject } from "vitest";

/** A fresh in-memory copy of the demo database (seeded once per run, see global-setup.ts). */
export function openDemoDatabase(): Promise<Database> {
  return openDemoImage(inject("demoImage"));
}
