import { useTranslation } from "react-i18next";
import { serverMessage } from "../lib/errors.ts";

/** A list that failed to load: the server's message (or "network") and a retry button. */
export function LoadError({
  query,
}: {
  query: { isError: boolean; error: unknown; refetch: () => unknown };
}) {
  const { t } = useTranslation();
  if (!query.isError) return null;
  return (
    <div className="notice notice-error" role="alert">
      {t("app.loadFailed", { message: serverMessage(query.error) ?? t("app.networkError") })}
      <button type="button" className="button" onClick={() => void query.refetch()}>
        {t("app.retry")}
      </button>
    </div>
  );
}
