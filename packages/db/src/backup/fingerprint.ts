// What a backup is checked against: every table of the public schema (listed from the catalog, so a
// table added by a later migration is covered without a change here), with its row count and an MD5
// over its rows. A row is hashed as its composite text, `(1,"abc",,null)`: the server's own input
// format, so SQL NULL (nothing) and JSON null (`null`), "" and NULL all read differently, which
// row_to_json would not tell apart. Rows are ordered by that same text in the "C" collation, which
// every server has and sorts alike; the output settings that shape the text are fixed below.
import type { SqlRunner } from "../sql-runner.ts";

export type TableFingerprint = {
  name: string;
  rows: number;
  /** MD5 of the rows' text, one a line, in "C" order ("d41d8cd9…": no rows). */
  hash: string;
};

/** Prisma's own bookkeeping: it does not make a database "hold data". */
export const MIGRATIONS_TABLE = "_prisma_migrations";

/** The public schema's tables (not views), in a fixed order. */
export const LIST_TABLES = `
SELECT c.relname::text AS name
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
 ORDER BY c.relname COLLATE "C"`;

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * One table's row count and content hash as one SELECT (columns `rows`, `hash`). The same text runs
 * when a backup is written and, inside the restoring transaction, when it is checked.
 */
export function fingerprintQuery(table: string): string {
  const row = "beltmap_row::text";
  return (
    `SELECT count(*)::int AS rows, md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${row} COLLATE "C"), '')) AS hash ` +
    `FROM public.${quoteIdent(table)} AS beltmap_row`
  );
}

/**
 * How values are written as text, fixed for the transaction so the same rows give the same text on
 * every server, whatever its postgresql.conf says (as pg_dump fixes them for its dump).
 */
export const FINGERPRINT_SETTINGS = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL extra_float_digits = 1",
  "SET LOCAL bytea_output = 'hex'",
].join(";\n");

/** Every table's fingerprint, in one transaction (one consistent view of the database). */
export async function tableFingerprints(runner: SqlRunner): Promise<TableFingerprint[]> {
  return runner.transaction(async (tx) => {
    await tx.exec(FINGERPRINT_SETTINGS);
    const tables = await tx.query<{ name: string }>(LIST_TABLES);
    const result: TableFingerprint[] = [];
    for (const { name } of tables) {
      const [row] = await tx.query<{ rows: number; hash: string }>(fingerprintQuery(name));
      result.push({ name, rows: Number(row?.rows ?? 0), hash: row?.hash ?? "" });
    }
    return result;
  });
}

/** Tables holding rows, other than the migrations' bookkeeping: a database with none of them is empty. */
export async function tablesWithRows(runner: SqlRunner): Promise<{ name: string; rows: number }[]> {
  const tables = await runner.query<{ name: string }>(LIST_TABLES);
  const result: { name: string; rows: number }[] = [];
  for (const { name } of tables) {
    if (name === MIGRATIONS_TABLE) continue;
    const [row] = await runner.query<{ rows: number }>(
      `SELECT count(*)::int AS rows FROM public.${quoteIdent(name)}`,
    );
    const rows = Number(row?.rows ?? 0);
    if (rows > 0) result.push({ name, rows });
  }
  return result;
}

/** How the restored tables differ from the backup's, one line per difference (none: identical). */
export function fingerprintDifferences(expected: TableFingerprint[], actual: TableFingerprint[]): string[] {
  const found = new Map(actual.map((table) => [table.name, table]));
  const differences: string[] = [];
  for (const table of expected) {
    const restored = found.get(table.name);
    found.delete(table.name);
    if (!restored) differences.push(`表 ${table.name} 没有恢复出来`);
    else if (restored.rows !== table.rows) {
      differences.push(`表 ${table.name}：备份时 ${table.rows} 行，恢复后 ${restored.rows} 行`);
    } else if (restored.hash !== table.hash) {
      differences.push(`表 ${table.name}：行数相同（${table.rows}），内容哈希不同`);
    }
  }
  for (const name of found.keys()) differences.push(`恢复后多出了备份里没有的表 ${name}`);
  return differences;
}
