// zod's messages reach users in Chinese, with no English word of zod's own left in them.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configureZodMessages } from "../src/zod-messages.ts";

configureZodMessages();

const messageOf = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues[0]?.message ?? "no error";

describe("zod's messages", () => {
  it("word the bounds of numbers, texts, lists and dates in Chinese", () => {
    expect(messageOf(z.number().positive(), -1)).toBe("数值过小：应 > 0");
    expect(messageOf(z.number().int().min(1), 0)).toBe("数值过小：应 ≥ 1");
    expect(messageOf(z.number().max(100), 101)).toBe("数值过大：应 ≤ 100");
    expect(messageOf(z.number().lt(10), 10)).toBe("数值过大：应 < 10");
    expect(messageOf(z.string().min(1), "")).toBe("太短：应至少 1 个字符");
    expect(messageOf(z.string().max(3), "abcd")).toBe("太长：应至多 3 个字符");
    expect(messageOf(z.array(z.number()).min(2), [1])).toBe("太少：应至少 2 项");
    expect(messageOf(z.array(z.number()).max(1), [1, 2])).toBe("太多：应至多 1 项");
    expect(messageOf(z.date().min(new Date("2026-01-01")), new Date("2025-06-01"))).toBe(
      "日期过早：应不早于 2026-01-01",
    );
  });

  it("name the kind of value expected, and a missing field as required", () => {
    expect(messageOf(z.number(), "x")).toBe("类型不对：应为数字，收到的是文本");
    expect(messageOf(z.object({ name: z.string() }), {})).toBe("必填：应为文本");
    expect(messageOf(z.boolean(), null)).toBe("类型不对：应为是或否，收到的是空值");
  });

  it("leave the other messages to zod's Chinese, with no English word in any", () => {
    const messages = [
      messageOf(z.email(), "x"),
      messageOf(z.enum(["A", "B"]), "C"),
      messageOf(z.object({ a: z.string() }).strict(), { a: "", b: 1 }),
      messageOf(z.bigint().min(5n), 1n),
      messageOf(z.string().regex(/^\d+$/), "x"),
    ];
    for (const message of messages) {
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      // Values the input or the schema gave (A, B, b, the pattern) may stay; zod's own words may not.
      expect(message).not.toMatch(/\b(number|string|bigint|object|array|expected|received)\b/);
    }
  });
});
