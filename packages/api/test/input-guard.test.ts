// Strings no database stores (U+0000, an unpaired surrogate) and other inputs no form sends are
// refused by field before any procedure runs: on PGlite and on PostgreSQL alike they answered 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputIssues, MAX_INPUT_DEPTH, MAX_INPUT_NUMBER } from "../src/input-guard.ts";
import { openPostgresTestDatabase, type PostgresTestDatabase } from "./postgres.ts";
import { anonymous, type Caller, type Database, openDemoDatabase, signIn } from "./support.ts";

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
    return { code: "OK", message: "" };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { code: code ?? "?", message };
  }
}

describe("inputIssues", () => {
  it("names the field holding U+0000 or an unpaired surrogate", () => {
    expect(inputIssues({ username: "a\u0000b", password: "x" })).toEqual([
      { field: "username", message: "不能包含空字符（U+0000）" },
    ]);
    expect(inputIssues({ rows: [{ label: "x" }, { label: "\ud800" }] })).toEqual([
      { field: "rows.1.label", message: "含有无效字符（不成对的 UTF-16 代理项）" },
    ]);
    expect(inputIssues({ search: "\udc00a" })).toHaveLength(1);
  });

  it("lets ordinary Chinese, emoji and line breaks through", () => {
    expect(inputIssues({ notes: "第一行\n第二行 😀", reason: "（同意）" })).toEqual([]);
    expect(inputIssues(undefined)).toEqual([]);
    expect(inputIssues({ version: MAX_INPUT_NUMBER, lng: 118.87 })).toEqual([]);
  });

  it("refuses numbers beyond PostgreSQL's integer, prototype keys and deep nesting", () => {
    expect(inputIssues({ id: MAX_INPUT_NUMBER + 1 })[0]?.field).toBe("id");
    expect(inputIssues(JSON.parse('{"__proto__": {"admin": true}}'))[0]?.message).toBe("字段名不允许");
    let deep: unknown = 1;
    for (let i = 0; i <= MAX_INPUT_DEPTH; i++) deep = [deep];
    expect(inputIssues({ a: deep })[0]?.message).toBe("嵌套层级过深");
  });
});

function checksOf(caller: () => Caller) {
  return async () => {
    const login = await refusal(caller().auth.login({ username: "demo\u0000city", password: "x" }));
    expect(login).toEqual({ code: "BAD_REQUEST", message: "输入有误：username 不能包含空字符（U+0000）" });
    const surrogate = await refusal(caller().auth.login({ username: "\ud800", password: "x" }));
    expect(surrogate.code).toBe("BAD_REQUEST");
  };
}

describe("on PGlite", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDemoDatabase();
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("answers 400 naming the field, anonymous and signed in", async () => {
    await checksOf(() => anonymous(db))();
    const county = (await signIn(db, "demo-county")).call();
    expect(await refusal(county.queue.list({ search: "党\u0000" }))).toEqual({
      code: "BAD_REQUEST",
      message: "输入有误：search 不能包含空字符（U+0000）",
    });
    expect((await refusal(county.unit.townships({ unitId: "\udfff" }))).code).toBe("BAD_REQUEST");
  });
});

describe("on PostgreSQL", () => {
  let postgres: PostgresTestDatabase;
  beforeAll(async () => {
    postgres = await openPostgresTestDatabase("input_guard");
  }, 120_000);
  afterAll(async () => {
    await postgres?.drop();
  });

  it("answers 400 naming the field, where PostgreSQL refused the text with a 500", async () => {
    await checksOf(() => anonymous(postgres.db))();
    const city = (await signIn(postgres.db, "city")).call();
    expect(await refusal(city.queue.list({ search: "\u0000" }))).toEqual({
      code: "BAD_REQUEST",
      message: "输入有误：search 不能包含空字符（U+0000）",
    });
  });
});
