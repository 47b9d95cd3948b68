export { type Context, createContextInner } from "./context.ts";
export type * from "./dto.ts";
export { type AppRouter, appRouter, createCaller } from "./root.ts";
export { DomainError, type FieldIssue } from "./trpc.ts";
