// Benchmark of issue 6's acceptance figures: a 20,000-row .xlsx previewed (bar 10 s) and committed
// (bar 20 s) through the real server over HTTP, with the server's peak memory (bar 1 GB). The floor,
// measured in the same run: the same server answering a request the same size that does nothing
// (a file refused for a missing column after it has been read), i.e. upload plus reading the workbook.
// Usage: npm run bench:import
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bigWorkbook } from "../fixtures/import/make-fixtures.ts";
import { mutate, sessionCookie } from "../support/auth.ts";
import { startServer } from "../support/server.ts";

const ROWS = 20_000;
const BARS = { previewMs: 10_000, commitMs: 20_000, peakMb: 1024 };

type Preview = {
  rows: { total: number; create: number; update: number; invalid: number };
  problemsTotal: number;
};

/** The process's resident memory now (VmRSS) or its peak so far (VmHWM), in MB. */
async function rssMb(pid: number, which: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(new RegExp(`${which}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "beltmap-bench-import-"));
  // The first start creates and seeds the database (its memory is not the import's): then again.
  await (await startServer({ databaseUrl: dataDir })).stop();
  const server = await startServer({ databaseUrl: dataDir });
  try {
    const pid = server.process.pid;
    if (pid === undefined) throw new Error("no server pid");
    const cookie = await sessionCookie(server.url, "demo-city");
    const workbook = await bigWorkbook(ROWS);
    const file = { fileName: `${ROWS}行.xlsx`, base64: workbook.toString("base64"), system: "WGS84" };
    console.log(`import of ${ROWS} rows: ${(workbook.length / 1024).toFixed(0)} KB .xlsx`);
    const idleMb = await rssMb(pid, "VmRSS");

    // The floor: the same upload and read, refused at the headers (the header row renamed).
    const { default: Excel } = await import("exceljs");
    const book = new Excel.Workbook();
    await book.xlsx.load(workbook as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error("no sheet in the benchmark's workbook");
    sheet.getRow(1).getCell(2).value = "名字";
    const headerless = Buffer.from(await book.xlsx.writeBuffer()).toString("base64");
    const floor = await timed(() =>
      mutate<Preview>(server.url, cookie, "organizationImport.preview", { ...file, base64: headerless }),
    );

    const preview = await timed(() =>
      mutate<Preview>(server.url, cookie, "organizationImport.preview", file),
    );
    console.log(
      `preview: ${(preview.ms / 1000).toFixed(2)} s, ${preview.value.rows.create} new, ${preview.value.problemsTotal} problems ` +
        `(floor, upload and read only: ${(floor.ms / 1000).toFixed(2)} s; bar ${BARS.previewMs / 1000} s)`,
    );
    const peakAfterPreview = await rssMb(pid, "VmHWM");
    const commit = await timed(() => mutate<Preview>(server.url, cookie, "organizationImport.commit", file));
    console.log(
      `commit: ${(commit.ms / 1000).toFixed(2)} s, ${commit.value.rows.create} organisations written in one transaction ` +
        `(floor: ${(floor.ms / 1000).toFixed(2)} s; bar ${BARS.commitMs / 1000} s)`,
    );
    // The same file again: every row now updates the organisation it created.
    const again = await timed(() => mutate<Preview>(server.url, cookie, "organizationImport.commit", file));
    console.log(
      `commit again: ${(again.ms / 1000).toFixed(2)} s, ${again.value.rows.update} organisations updated in one transaction ` +
        `(bar ${BARS.commitMs / 1000} s)`,
    );
    const peak = await rssMb(pid, "VmHWM");
    console.log(
      `server memory: peak ${peak.toFixed(0)} MB (${peakAfterPreview.toFixed(0)} MB after the previews; ` +
        `before the import ${idleMb.toFixed(0)} MB; bar ${BARS.peakMb} MB)`,
    );

    const misses = [
      preview.ms > BARS.previewMs && "preview time",
      commit.ms > BARS.commitMs && "commit time",
      again.ms > BARS.commitMs && "commit of updates time",
      again.value.rows.update !== ROWS && "rows updated",
      peak > BARS.peakMb && "memory",
      preview.value.rows.create !== ROWS && "rows previewed",
      commit.value.rows.create !== ROWS && "rows committed",
    ].filter(Boolean);
    if (misses.length > 0) {
      console.error(`missed: ${misses.join(", ")}`);
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
