import type { AppRouter } from "@beltmap/api";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext, createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { errorCode, errorStatus } from "./lib/errors.ts";

/**
 * Called when the server says the session is gone (401) on anything but signing in: the login, or
 * a briefing link opening (its refusal is the page's to show, not a lost session).
 */
let sessionLost: () => void = () => {};
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

function isSessionLost(error: unknown): boolean {
  const path = errorPath(error);
  return errorCode(error) === "UNAUTHORIZED" && path !== "auth.login" && path !== "briefing.open";
}

function errorPath(error: unknown): string | undefined {
  return (error as { data?: { path?: unknown } } | null)?.data?.path as string | undefined;
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError(error) {
      if (isSessionLost(error)) sessionLost();
    },
  }),
  mutationCache: new MutationCache({
    onError(error) {
      if (isSessionLost(error)) sessionLost();
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      // A 4xx answer (signed out, forbidden, not found) does not change by asking again.
      retry: (failures, error) => failures < 1 && !isClientError(errorStatus(error)),
    },
  },
});

function isClientError(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500;
}

export const trpcClient = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/trpc" })],
});

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** The same options outside React (the router's session handling). */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
