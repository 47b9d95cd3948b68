import { useIsFetching, useQuery } from "@tanstack/react-query";
import { type ReactNode, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { errorCode, serverMessage } from "../lib/errors.ts";
import { useTRPC } from "../trpc.ts";
import { PastCycleBanner } from "./CycleSwitcher.tsx";
import { CycleContext, cycleView, initialCycleYear, rememberCycleYear } from "./cycle.ts";
import { Header } from "./Header.tsx";
import { MeContext } from "./me.ts";

/**
 * Every page but login: who is signed in first (a 401 sends the user to the login page, see
 * router.tsx), then the header and the page.
 */
export function AppShell() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }));
  const info = useQuery({ ...trpc.meta.info.queryOptions(), enabled: me.isSuccess });
  const cycles = useQuery({ ...trpc.cycle.list.queryOptions(), enabled: me.isSuccess });
  const [year, setYear] = useState<number | null>(initialCycleYear);
  const view = useMemo(
    () =>
      cycleView(cycles.data ?? [], year, (chosen) => {
        const current = cycles.data?.find((c) => c.isCurrent);
        const next = current?.year === chosen ? null : chosen;
        rememberCycleYear(next);
        setYear(next);
      }),
    [cycles.data, year],
  );

  if (!me.data) {
    const failed = me.isError && errorCode(me.error) !== "UNAUTHORIZED";
    return (
      <div className="page-message" role={failed ? "alert" : "status"}>
        {failed ? (
          <>
            <p>{t("app.loadFailed", { message: serverMessage(me.error) ?? t("app.networkError") })}</p>
            <button type="button" className="button" onClick={() => void me.refetch()}>
              {t("app.retry")}
            </button>
          </>
        ) : (
          t("app.loading")
        )}
      </div>
    );
  }
  return (
    <MeContext value={me.data}>
      <CycleContext value={view}>
        <div className="app">
          <Header me={me.data} info={info.data} />
          <PastCycleBanner />
          <PageArea>
            <Suspense
              fallback={
                <div className="page-message" role="status">
                  {t("app.loading")}
                </div>
              }
            >
              <Outlet />
            </Suspense>
          </PageArea>
        </div>
      </CycleContext>
    </MeContext>
  );
}

/**
 * The page, marked busy while any of its data is loading: a screen reader waits for it, and so do
 * the browser tests (support/pages.ts). Its own component, so a fetch re-renders only the marker,
 * not the shell around the page.
 */
function PageArea({ children }: { children: ReactNode }) {
  const fetching = useIsFetching();
  return (
    <main className="app-main" aria-busy={fetching > 0}>
      {children}
    </main>
  );
}
