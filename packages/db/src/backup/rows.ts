// The in-process dump, for a PostgreSQL server when pg_dump is missing or older than the server
// (or on request, --in-process): no binaries, only SQL over the connection the server uses.
//
// The schema is not in it: it is the backup's migrations, which restore applies again (they are
// checked to be this installation's own, unchanged). The payload is gzip'd JSON lines:
//   {"format":"beltmap-rows","version":1}
//   {"table":"Unit","columns":["id","name",…]}      then one line per row:
//   ["KECHENG","柯城区",…]                          every value as PostgreSQL's own text (null: NULL),
//                                                   as COPY writes it, under fixed output settings
//   {"sequence":"AuditLog_id_seq","value":"42","called":true}
//   {"end":true}                                    a payload without it was cut short
// Restore: in one transaction, empty the public schema, apply the backup's migrations, drop the
// foreign keys, insert the rows (CAST from text to each column's type), add the keys back (which
// checks them), set the sequences, and compare every table with the backup's fingerprints.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import type { SqlRunner } from "../sql-runner.ts";
import { BackupError } from "./errors.ts";
import { FINGERPRINT_SETTINGS, LIST_TABLES, MIGRATIONS_TABLE, quoteIdent } from "./fingerprint.ts";

export const ROWS_FORMAT = "beltmap-rows";
const ROWS_VERSION = 1;
const FETCH_ROWS = 1000;
const INSERT_ROWS = 1000;
const INSERT_BYTES = 4 * 1024 * 1024;

type Column = { name: string; type: string };

/** A table's columns that take values (generated ones are computed again), in table order. */
async function columnsOf(runner: SqlRunner, table: string): Promise<Column[]> {
  return runner.query<Column>(
    `SELECT a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [`public.${quoteIdent(table)}`],
  );
}

const LIST_SEQUENCES = `
SELECT c.relname::text AS name
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind = 'S'
 ORDER BY c.relname COLLATE "C"`;

/**
 * Writes every table of the public schema and every sequence to `payloadFile`. `runner` must be
 * inside the transaction whose snapshot the backup describes (REPEATABLE READ); the output
 * settings are set for the rest of it.
 */
export async function dumpRows(runner: SqlRunner, payloadFile: string): Promise<void> {
  await runner.exec(FINGERPRINT_SETTINGS);
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(payloadFile, { mode: 0o600 }));
  written.catch(() => {}); // awaited below; a write error must not go unhandled meanwhile
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
  };
  try {
    await write(JSON.stringify({ format: ROWS_FORMAT, version: ROWS_VERSION }));
    for (const { name } of await runner.query<{ name: string }>(LIST_TABLES)) {
      const columns = await columnsOf(runner, name);
      await write(JSON.stringify({ table: name, columns: columns.map((c) => c.name) }));
      if (columns.length === 0) continue;
      const values = columns.map((c) => `beltmap_row.${quoteIdent(c.name)}::text`).join(", ");
      await runner.exec(
        `DECLARE beltmap_dump NO SCROLL CURSOR FOR SELECT to_json(ARRAY[${values}])::text AS line FROM public.${quoteIdent(name)} AS beltmap_row`,
      );
      for (;;) {
        const rows = await runner.query<{ line: string }>(`FETCH ${FETCH_ROWS} FROM beltmap_dump`);
        for (const row of rows) await write(row.line);
        if (rows.length < FETCH_ROWS) break;
      }
      await runner.exec("CLOSE beltmap_dump");
    }
    for (const { name } of await runner.query<{ name: string }>(LIST_SEQUENCES)) {
      const [state] = await runner.query<{ value: string; called: boolean }>(
        `SELECT last_value::text AS value, is_called AS called FROM public.${quoteIdent(name)}`,
      );
      if (state) await write(JSON.stringify({ sequence: name, value: state.value, called: state.called }));
    }
    await write(JSON.stringify({ end: true }));
    gzip.end();
  } catch (error) {
    gzip.destroy();
    throw error;
  }
  await written;
}

type ForeignKey = { table: string; name: string; definition: string };

/**
 * Loads a dump written by dumpRows into a database whose schema the backup's migrations have just
 * created. `runner` must be inside the restoring transaction; anything wrong throws, and the caller
 * rolls the whole restore back.
 */
export async function loadRows(runner: SqlRunner, payloadFile: string): Promise<void> {
  await runner.exec(FINGERPRINT_SETTINGS);
  // The migrations just wrote their own bookkeeping rows; the backup's replace them.
  await runner.exec(`DELETE FROM public.${quoteIdent(MIGRATIONS_TABLE)}`);
  // Rows go in table by table in name order, not in the keys' order: drop the foreign keys while
  // loading and add them back at the end, which checks every row against them.
  const keys = await runner.query<ForeignKey>(
    `SELECT cl.relname::text AS table, co.conname::text AS name, pg_get_constraintdef(co.oid) AS definition
       FROM pg_catalog.pg_constraint co
       JOIN pg_catalog.pg_class cl ON cl.oid = co.conrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace
      WHERE n.nspname = 'public' AND co.contype = 'f'
      ORDER BY cl.relname COLLATE "C", co.conname COLLATE "C"`,
  );
  for (const key of keys) {
    await runner.exec(`ALTER TABLE public.${quoteIdent(key.table)} DROP CONSTRAINT ${quoteIdent(key.name)}`);
  }

  const broken = (what: string) =>
    new BackupError(`备份文件的数据部分${what}，无法恢复。已整体撤销，数据库保持原样。`);
  const input = createReadStream(payloadFile).pipe(createGunzip());
  let inputError: Error | undefined;
  input.on("error", (error) => {
    inputError = error;
  });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });

  let table: { name: string; insert: string } | undefined;
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (!table || batch.length === 0) return;
    await runner.query(table.insert, [`[${batch.join(",")}]`]);
    batch = [];
    batchBytes = 0;
  };

  let lineNumber = 0;
  let ended = false;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (ended) throw broken(`在结束标记之后还有内容（第 ${lineNumber} 行）`);
      if (line.startsWith("[")) {
        if (!table) throw broken(`第 ${lineNumber} 行的数据不属于任何表`);
        batch.push(line);
        batchBytes += line.length;
        if (batch.length >= INSERT_ROWS || batchBytes >= INSERT_BYTES) await flush();
        continue;
      }
      let item: Record<string, unknown>;
      try {
        item = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw broken(`第 ${lineNumber} 行不是 JSON`);
      }
      if (lineNumber === 1) {
        if (item.format !== ROWS_FORMAT || item.version !== ROWS_VERSION) {
          throw broken("不是本程序认识的格式（beltmap-rows 1）");
        }
        continue;
      }
      await flush();
      if (typeof item.table === "string" && Array.isArray(item.columns)) {
        table = await insertFor(runner, item.table, item.columns as unknown[]);
      } else if (typeof item.sequence === "string" && typeof item.value === "string") {
        await runner.query("SELECT setval($1::regclass, $2::bigint, $3)", [
          `public.${quoteIdent(item.sequence)}`,
          item.value,
          item.called === true,
        ]);
      } else if (item.end === true) {
        ended = true;
      } else {
        throw broken(`第 ${lineNumber} 行无法识别`);
      }
    }
  } catch (error) {
    if (inputError) throw broken(`已损坏（解压失败：${inputError.message}）`);
    throw error;
  }
  if (inputError) throw broken(`已损坏（解压失败：${inputError.message}）`);
  if (!ended) throw broken("不完整（没有结束标记）");

  for (const key of keys) {
    await runner.exec(
      `ALTER TABLE public.${quoteIdent(key.table)} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`,
    );
  }
}

/** The INSERT for one table of the dump, after checking the migrated schema has it and its columns. */
async function insertFor(
  runner: SqlRunner,
  name: string,
  dumped: unknown[],
): Promise<{ name: string; insert: string }> {
  const [exists] = await runner.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [
    `public.${quoteIdent(name)}`,
  ]);
  if (!exists?.found) {
    throw new BackupError(
      `备份里有表 ${name}，但按备份的迁移建立的数据库结构里没有它（它不是 Beltmap 的表）。` +
        "进程内格式的备份只能恢复 Beltmap 自己的表；请用 pg_dump 格式重新备份。已整体撤销，数据库保持原样。",
    );
  }
  const types = new Map((await columnsOf(runner, name)).map((c) => [c.name, c.type]));
  const columns = dumped.map((column) => {
    const type = typeof column === "string" ? types.get(column) : undefined;
    if (type === undefined) {
      throw new BackupError(
        `备份里表 ${name} 的列 ${String(column)} 在按备份的迁移建立的数据库结构里没有。已整体撤销，数据库保持原样。`,
      );
    }
    return { name: column as string, type };
  });
  const values = columns.map((c, i) => `CAST(beltmap_row->>${i} AS ${c.type})`).join(", ");
  return {
    name,
    insert:
      `INSERT INTO public.${quoteIdent(name)} (${columns.map((c) => quoteIdent(c.name)).join(", ")}) ` +
      `OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_array_elements($1::json) AS beltmap_row`,
  };
}
