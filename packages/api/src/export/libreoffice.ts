import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

// Comma, double quote, UTF-8 (76): the default export is in the system's legacy charset.
const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76";

/**
 * The first sheet of an .xlsx as CSV, through LibreOffice: proof that a real spreadsheet program
 * opens what we write. Each call gets its own profile, since LibreOffice instances sharing one hand
 * their work to the first and concurrent tests would step on each other.
 */
export async function convertXlsxToCsv(xlsx: Uint8Array, timeoutMs = 120_000): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "beltmap-lo-"));
  try {
    const input = join(dir, "book.xlsx");
    await writeFile(input, xlsx);
    const profile = pathToFileURL(join(dir, "profile")).href;
    await run(
      "libreoffice",
      [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", CSV_FILTER, "--outdir", dir, input],
      timeoutMs,
    );
    const csv = (await readdir(dir)).find((f) => f.endsWith(".csv"));
    if (!csv) throw new Error(`LibreOffice 未生成 CSV（${dir}）`);
    return await readFile(join(dir, csv), "utf8");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], timeout: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout }, (error, stdout, stderr) => {
      if (!error) return resolve();
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return reject(
          new Error(
            "LibreOffice is not installed (no `libreoffice` command). Install it with " +
              "`apt-get install -y libreoffice-calc-nogui`, or run `bash test/ensure-browser.sh` as root.",
          ),
        );
      }
      reject(new Error(`libreoffice failed: ${error.message}\n${stdout}${stderr}`));
    });
  });
}
