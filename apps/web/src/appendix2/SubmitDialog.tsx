import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { serverMessage } from "../lib/errors.ts";
import { useTRPC } from "../trpc.ts";

/**
 * The county's 报送: what it should know first (the server's warnings, e.g. organisations still
 * without 初评), then the confirmation; the server's refusal (received meanwhile…) shows in it.
 */
export function SubmitDialog({
  unitId,
  unitName,
  version,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  unitId: string;
  unitName: string;
  version: number;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const warnings = useQuery(trpc.appendix2.warnings.queryOptions({ unitId }, { staleTime: 0 }));
  return (
    <ConfirmDialog
      title={t("appendix2.submitTitle", { version })}
      confirmLabel={t("appendix2.submitConfirm")}
      pending={pending || warnings.isPending}
      error={error}
      onCancel={onCancel}
      onConfirm={onConfirm}
      testId="a2-submit-dialog"
    >
      <div data-testid="a2-warnings">
        {warnings.isPending && <p className="muted">{t("appendix2.warningsLoading")}</p>}
        {warnings.isError && (
          <p className="form-error">
            {t("app.loadFailed", { message: serverMessage(warnings.error) ?? t("app.networkError") })}
          </p>
        )}
        {warnings.data && warnings.data.length === 0 && <p className="muted">{t("appendix2.noWarnings")}</p>}
        {warnings.data && warnings.data.length > 0 && (
          <div className="notice notice-warn a2-warnings">
            <p>{t("appendix2.warningsHeading")}</p>
            <ul>
              {warnings.data.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <p>{t("appendix2.submitText", { unit: unitName, version })}</p>
    </ConfirmDialog>
  );
}
