import type { SiteRowDto } from "@beltmap/api";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { DialogActions } from "../components/DialogActions.tsx";

/** 选树典型做法 (city): the practice's title; the organisation becomes city-level dual managed. */
export function PracticeDialog({
  site,
  unitName,
  quota,
  pending,
  issues,
  message,
  onCancel,
  onConfirm,
}: {
  site: SiteRowDto;
  unitName: string;
  quota: { used: number; quota: number } | undefined;
  pending: boolean;
  issues: Record<string, string>;
  /** The server's refusal that is not about the title. */
  message: string | null;
  onCancel: () => void;
  onConfirm: (title: string) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState("");
  const [missing, setMissing] = useState(false);
  const titleId = useId();
  const errorId = useId();
  const titleError = missing ? t("sites.titleRequired") : (issues.title ?? null);
  const error = titleError ?? message;
  return (
    <Dialog open title={t("sites.practiceTitle")} onClose={onCancel} testId="practice-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (title.trim() === "") {
            setMissing(true);
            return;
          }
          setMissing(false);
          onConfirm(title.trim());
        }}
      >
        <p className="dialog-subject">
          <strong>{site.name}</strong>
          <span className="muted">{site.townshipName}</span>
        </p>
        {quota && (
          <p className="field-hint">
            {t("sites.practiceQuotaHint", { unit: unitName, used: quota.used, quota: quota.quota })}
          </p>
        )}
        <div className="field">
          <label htmlFor={titleId}>{t("sites.practiceName")}</label>
          <input
            id={titleId}
            value={title}
            maxLength={200}
            placeholder={t("sites.practicePlaceholder")}
            onChange={(event) => setTitle(event.target.value)}
            readOnly={pending}
            aria-required="true"
            aria-invalid={titleError ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            data-testid="practice-title"
          />
        </div>
        <p className="field-hint">{t("sites.practiceEffect")}</p>
        <DialogActions
          error={error}
          errorId={errorId}
          pending={pending}
          onCancel={onCancel}
          confirmLabel={t("sites.practiceConfirm")}
          testId="practice-confirm"
        />
      </form>
    </Dialog>
  );
}
