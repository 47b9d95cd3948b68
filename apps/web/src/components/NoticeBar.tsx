import { useTranslation } from "react-i18next";

export type NoticeKind = "success" | "info" | "warn" | "error";

/**
 * What a page's last step did, read out as it changes (the region is always there, empty between
 * messages), with a × to dismiss it.
 */
export function NoticeBar({
  message,
  kind = "success",
  onClose,
  testId,
}: {
  message: string | null | undefined;
  kind?: NoticeKind;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div aria-live="polite" data-testid={testId}>
      {message && (
        <p className={`notice notice-${kind}`}>
          {message}
          <button type="button" className="notice-close" onClick={onClose} aria-label={t("common.close")}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}
