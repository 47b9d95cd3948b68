import "./styles.css";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { languageReady } from "./i18n/index.ts";
import { router } from "./router.tsx";
import { queryClient, TRPCProvider, trpcClient } from "./trpc.ts";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
// Chinese is at hand at once; English, when chosen, loads first so nothing shows in the wrong language.
await languageReady;

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <RouterProvider router={router} />
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
