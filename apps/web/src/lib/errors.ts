// What the UI reads off a failed tRPC call. The server words messages in Chinese and names the
// fields at fault (`data.issues`, e.g. `items.2.3`, `opinion`); a network failure has no `data`.
export type FieldIssue = { field: string; message: string };

type ErrorLike = {
  message?: unknown;
  data?: { code?: unknown; httpStatus?: unknown; issues?: unknown } | null;
} | null;

export function errorCode(error: unknown): string | undefined {
  const code = (error as ErrorLike)?.data?.code;
  return typeof code === "string" ? code : undefined;
}

export function errorStatus(error: unknown): number | undefined {
  const status = (error as ErrorLike)?.data?.httpStatus;
  return typeof status === "number" ? status : undefined;
}

/** The server's own message, or null when the server did not answer (network, proxy). */
export function serverMessage(error: unknown): string | null {
  if (errorCode(error) === undefined) return null;
  const message = (error as ErrorLike)?.message;
  return typeof message === "string" && message !== "" ? message : null;
}

export function fieldIssues(error: unknown): FieldIssue[] {
  const issues = (error as ErrorLike)?.data?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is FieldIssue =>
      typeof i === "object" && i !== null && typeof i.field === "string" && typeof i.message === "string",
  );
}

/** Field → message, the first message of each field. */
export function issuesByField(error: unknown): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of fieldIssues(error)) byField[issue.field] ??= issue.message;
  return byField;
}
