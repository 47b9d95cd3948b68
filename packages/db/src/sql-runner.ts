import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/** The few raw-SQL operations the migrator needs, on either driver. */
export interface SqlRunner {
  /** Runs one or more statements (no parameters). */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` in one transaction; a throw rolls everything back. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

export function pgliteRunner(db: Pick<PGlite, "exec" | "query" | "transaction">): SqlRunner {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    transaction(work) {
      return db.transaction((tx) =>
        work({
          exec: async (sql) => void (await tx.exec(sql)),
          query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows,
          transaction: () => Promise.reject(new Error("nested transactions are not supported")),
        }),
      );
    },
  };
}

/** A runner on one dedicated pg client (the simple query protocol allows several statements). */
export function pgClientRunner(client: pg.ClientBase): SqlRunner {
  const runner: SqlRunner = {
    async exec(sql) {
      await client.query(sql);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async transaction(work) {
      await client.query("BEGIN");
      try {
        const result = await work({ ...runner, transaction: () => Promise.reject(new Error("nested")) });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
  };
  return runner;
}
