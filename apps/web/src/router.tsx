import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, Link } from "react-router";
import { type LoginState, loginPath } from "./lib/session.ts";
import { prefetchDashboard } from "./pages/dashboard-prefetch.ts";
import { AppShell } from "./shell/AppShell.tsx";
import { onSessionLost, queryClient, trpc } from "./trpc.ts";

// Opened on the map: MapLibre (loaded only by the map, see MapPage) and the map's data load
// alongside the session check instead of after it.
// (The prefetch's own code loads first: it is small, and no other page's first load carries it.)
if (window.location.pathname === "/") void import("./pages/map-prefetch.ts").then((m) => m.prefetchMap());
// Opened on the dashboard: its code, the map's and its data load while the session is checked.
if (window.location.pathname === "/dashboard") prefetchDashboard();

// Every page loads on first visit (the app shell shows a loading line
// meanwhile): the queue and the sheet too, so the dashboard's and the map's first load carry none
// of the forms' code.
// The login page too: a signed-in user's first load (the dashboard's, the map's) does not carry it.
const LoginPage = lazy(() => import("./pages/LoginPage.tsx").then((m) => ({ default: m.LoginPage })));
const MapPage = lazy(() => import("./pages/MapPage.tsx").then((m) => ({ default: m.MapPage })));
const ReReviewsPage = lazy(() =>
  import("./pages/ReReviewsPage.tsx").then((m) => ({ default: m.ReReviewsPage })),
);
const SitesPage = lazy(() => import("./pages/SitesPage.tsx").then((m) => ({ default: m.SitesPage })));
const UsersPage = lazy(() => import("./pages/UsersPage.tsx").then((m) => ({ default: m.UsersPage })));
const QueuePage = lazy(() => import("./pages/QueuePage.tsx").then((m) => ({ default: m.QueuePage })));
const SheetPage = lazy(() => import("./pages/SheetPage.tsx").then((m) => ({ default: m.SheetPage })));
const DashboardPage = lazy(() =>
  import("./pages/DashboardPage.tsx").then((m) => ({ default: m.DashboardPage })),
);
const BriefingEntry = lazy(() =>
  import("./pages/BriefingPage.tsx").then((m) => ({ default: m.BriefingEntry })),
);
const ImportPage = lazy(() => import("./pages/ImportPage.tsx").then((m) => ({ default: m.ImportPage })));
const CyclesPage = lazy(() => import("./pages/CyclesPage.tsx").then((m) => ({ default: m.CyclesPage })));
const RosterPage = lazy(() => import("./pages/RosterPage.tsx").then((m) => ({ default: m.RosterPage })));
const Appendix2Page = lazy(() =>
  import("./pages/Appendix2Page.tsx").then((m) => ({ default: m.Appendix2Page })),
);
const BeltsPage = lazy(() => import("./pages/BeltsPage.tsx").then((m) => ({ default: m.BeltsPage })));
const BeltPrintPage = lazy(() =>
  import("./pages/BeltPrintPage.tsx").then((m) => ({ default: m.BeltPrintPage })),
);

function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page-message">
      <p>{t("app.notFound")}</p>
      <Link to="/">{t("app.backHome")}</Link>
    </div>
  );
}

/** A page that failed to load or render (e.g. its code is gone after an update): reload. */
function PageError() {
  const { t } = useTranslation();
  return (
    <div className="page-message" role="alert">
      <p>{t("app.pageFailed")}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t("app.reload")}
      </button>
    </div>
  );
}

export const router = createBrowserRouter([
  {
    path: "/login",
    element: (
      <Suspense fallback={null}>
        <LoginPage />
      </Suspense>
    ),
  },
  // A screen of its own: no app header; a missing session still goes to the login page.
  {
    path: "/briefing",
    element: (
      <Suspense fallback={null}>
        <BriefingEntry />
      </Suspense>
    ),
    errorElement: <PageError />,
  },
  {
    element: <AppShell />,
    errorElement: <PageError />,
    children: [
      { index: true, element: <MapPage /> },
      { path: "queue", element: <QueuePage /> },
      { path: "sheet/:organizationId", element: <SheetPage /> },
      { path: "rereviews", element: <ReReviewsPage /> },
      { path: "sites", element: <SitesPage /> },
      { path: "roster", element: <RosterPage /> },
      { path: "appendix2", element: <Appendix2Page /> },
      { path: "cycles", element: <CyclesPage /> },
      { path: "users", element: <UsersPage /> },
      { path: "import", element: <ImportPage /> },
      { path: "dashboard", element: <DashboardPage /> },
      { path: "belts", element: <BeltsPage /> },
      { path: "belts/print", element: <BeltPrintPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

// Signed out (no session yet, or it expired or was ended elsewhere): to the login page, which
// brings the user back here afterwards and says why when they had been signed in.
let redirecting = false;
onSessionLost(() => {
  const { pathname, search } = router.state.location;
  if (redirecting || pathname === "/login") return;
  // A wall display opened from a briefing link opens it again (a revoked link then says so).
  // At most once a minute: a display whose cookie never sticks must not reload without end.
  if (pathname === "/briefing" && sessionStorage.getItem("beltmap.briefingKey")) {
    const last = Number(sessionStorage.getItem("beltmap.briefingReopenedAt") ?? 0);
    if (Date.now() - last > 60_000) {
      sessionStorage.setItem("beltmap.briefingReopenedAt", String(Date.now()));
      window.location.reload();
      return;
    }
  }
  redirecting = true;
  const expired = queryClient.getQueryData(trpc.auth.me.queryKey()) !== undefined;
  void router
    .navigate(loginPath(pathname + search), { replace: true, state: { expired } satisfies LoginState })
    .finally(() => {
      redirecting = false;
    });
});
