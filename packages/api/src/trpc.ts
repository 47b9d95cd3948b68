import { initTRPC } from "@trpc/server";
import { ZodError, z } from "zod";

// Input errors reach users: zod words them in Chinese, the UI's first language.
z.config(z.locales.zhCN());

import type { Context } from "./context.ts";

export type FieldIssue = { field: string; message: string };

/** Domain code throws this for bad input that is not a schema error (e.g. a rule refused it). */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "DomainError";
  }
}

const INTERNAL_ERROR_MESSAGE = "服务器内部错误，请稍后重试";

const t = initTRPC.context<Context>().create({
  // Never send stack traces or internal messages to clients, whatever NODE_ENV says;
  // the server logs the real error (apps/server onError).
  isDev: false,
  // One place turns input errors into messages that name the field.
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const issues: FieldIssue[] =
      cause instanceof ZodError
        ? cause.issues.map((issue) => ({ field: issue.path.join(".") || "(input)", message: issue.message }))
        : cause instanceof DomainError
          ? cause.issues
          : [];
    const message =
      cause instanceof ZodError
        ? `输入有误：${issues.map((i) => `${i.field} ${i.message}`).join("；")}`
        : error.code === "INTERNAL_SERVER_ERROR"
          ? INTERNAL_ERROR_MESSAGE
          : shape.message;
    const { stack: _stack, ...data } = shape.data as typeof shape.data & { stack?: string };
    return { ...shape, message, data: { ...data, issues } };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
