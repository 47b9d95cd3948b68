import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { Dialog } from "./Dialog.tsx";

/**
 * Asks before leaving a page with unsaved work: for another page of the app (a dialog saying what
 * would be lost), and for closing or reloading the tab (the browser's own question).
 */
export function LeaveGuard({ dirty, message }: { dirty: boolean; message: string }) {
  const { t } = useTranslation();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
  return (
    <Dialog
      open={blocker.state === "blocked"}
      title={t("sheet.unsavedTitle")}
      onClose={() => blocker.reset?.()}
      testId="unsaved-dialog"
    >
      <p className="confirm-text">{message}</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => blocker.reset?.()}>
          {t("sheet.stay")}
        </button>
        <button type="button" className="button danger" onClick={() => blocker.proceed?.()}>
          {t("sheet.leave")}
        </button>
      </div>
    </Dialog>
  );
}
