import { TRPCError } from "@trpc/server";

export type FieldIssue = { field: string; message: string };

/**
 * Bad input that is not a schema error (a rule refused it): a 400 whose message the user reads,
 * with the fields at fault for the form to mark.
 */
export class DomainError extends TRPCError {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super({ code: "BAD_REQUEST", message });
    this.name = "DomainError";
  }
}
