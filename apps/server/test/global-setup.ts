// Migrates and seeds the demo database once for the whole run; each test file opens a copy of it
// (openDemoDatabase), in about a second instead of 10–20 s.
import { createDemoImageFile } from "@beltmap/db";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    demoImage: string;
  }
}

export default async function setup(project: TestProject) {
  const image = await createDemoImageFile();
  project.provide("demoImage", image.file);
  return image.remove;
}
