import { open, readFile, unlink } from "node:fs/promises";

/**
 * PGlite is one process's database: a second process opening the same directory would silently
 * lose writes. A lock file beside the directory (holding the owner's pid) makes the second one stop
 * with a message instead. A lock left by a process that no longer runs is taken over.
 */
export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(file).catch(() => {});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
      if (Number.isInteger(owner) && isRunning(owner)) {
        throw new Error(
          `The PGlite database ${dir} is in use by process ${owner} (another Beltmap server or \`npm run seed\`). ` +
            "Stop it first, or set DATABASE_URL to another directory.",
        );
      }
      await unlink(file).catch(() => {}); // stale: its owner is gone
    }
  }
  throw new Error(`could not lock ${dir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}
